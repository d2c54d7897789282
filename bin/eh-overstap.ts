#!/usr/bin/env node
// eh-overstap: the package's command line, compiled to dist/kit/bin/ and
// installed as the `eh-overstap` bin.
//
//   eh-overstap makelaar [--port <n>] [--config <file>] [--now <ISO date>] ...
//   eh-overstap catalogue <file> [--search <text>] [--json]
//
// Each command loads only its own code, so the makelaar starts fast.
const USAGE = `usage: eh-overstap <command> [options]

commands:
  makelaar    the mock eHerkenning makelaar on 127.0.0.1 (a TEST environment):
              --port <n> (0 picks one), --config <world.yaml>, --now <ISO date>,
              --shift-protocol-time, --host <address>, --base-url <url>,
              --admin-token <token> (made and printed when --host is not loopback)
  catalogue   list the services of a dienstencatalogus (ESC XML) file:
              <file> [--search <text>] [--json]

eh-overstap <command> --help tells more.`;

async function run(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "makelaar": {
      const { main } = await import("../mock-idp/makelaar/cli.ts");
      return main(rest);
    }
    case "catalogue": {
      const { main } = await import("../scripts/catalogue.ts");
      return main(rest);
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`eh-overstap: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("eh-overstap:", error);
    process.exit(1);
  },
);
