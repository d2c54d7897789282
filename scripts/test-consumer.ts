// npm run test:consumer: proves outside projects can use the package as it
// ships. Compiles the kit, packs this package (npm pack, as a registry would
// serve it), installs the tarball into each example project the way npm
// installs a dependency, then runs that project's own suite:
//   e2e/example-consumer   the fixtures against our Mijn DUO replica
//   e2e/example-node-saml  a service built on @node-saml/node-saml, with one
//                          shared makelaar (npx eh-overstap makelaar) and 4 workers
// Arguments after -- go to both suites' `playwright test` (e.g. --repeat-each=3).
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const packDirectory = `${root}.cache/pack/`;
const TARBALL = "eh-overstap.tgz";
const CONSUMERS = ["example-consumer", "example-node-saml"] as const;

function run(step: string, command: string, args: string[], cwd: string, env = {}): void {
  const started = performance.now();
  console.log(`test:consumer: ${step}…`);
  const result = spawnSync(command, args, {
    cwd,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    console.error(`test:consumer: ${step} failed (exit ${String(result.status ?? result.signal)})`);
    process.exit(result.status ?? 1);
  }
  console.log(`test:consumer: ${step} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** A port free right now on 127.0.0.1, so two runs on one machine never collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

const only = process.env["CONSUMER"];
const extraArgs = process.argv.slice(2);

run("build the kit", "npm", ["run", "--silent", "build:kit"], root);
rmSync(packDirectory, { recursive: true, force: true });
mkdirSync(packDirectory, { recursive: true });
run("pack eh-overstap", "npm", ["pack", "--silent", "--pack-destination", packDirectory], root);
const packed = readdirSync(packDirectory).find((name) => name.endsWith(".tgz"));
if (!packed) throw new Error(`npm pack wrote no tarball to ${packDirectory}`);
renameSync(`${packDirectory}${packed}`, `${packDirectory}${TARBALL}`);

for (const name of CONSUMERS) {
  if (only && only !== name) continue;
  const consumer = fileURLToPath(new URL(`../e2e/${name}/`, import.meta.url));
  // npm keeps an installed dependency of the same version; remove it so the
  // consumer always gets this checkout's tarball.
  rmSync(`${consumer}node_modules/eh-overstap`, { recursive: true, force: true });
  run(
    `install the tarball into ${name}`,
    "npm",
    ["install", "--no-package-lock", "--no-audit", "--no-fund", "--prefer-offline"],
    consumer,
  );
  const ports = { MAKELAAR_PORT: String(await freePort()), SERVICE_PORT: String(await freePort()) };
  run(`run ${name}'s suite`, "npx", ["playwright", "test", ...extraArgs], consumer, ports);
}
