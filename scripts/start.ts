// npm start: the main job. Starts the mock makelaar and the replica world on one
// HTTPS port of 127.0.0.1, builds the extension alongside, and prints every URL,
// the test identities and how to open Chromium with the extension loaded.
//
//   npm start [-- --port <n>] [--config <world.yaml|json>] [--now <ISO date> | --now real] [--no-build]
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { longDutchDay } from "../eherkenning/index.ts";
import { DUO_SECTOR_SWITCH, duoTokenAccepted } from "../mock-idp/world/duo-calendar.ts";
import { startHarness, type Harness } from "../mock-idp/harness.ts";
import { UsageError } from "../mock-idp/shared/usage-error.ts";
import type { Person, World } from "../mock-idp/world/model.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_PORT = 7443;
/**
 * The clock npm start sets unless told otherwise: mid-overstap, so some Mijn DUO
 * sectors have switched to eHerkenning (pilot, ROC) and others still use the token.
 */
export const DEFAULT_NOW = "2022-04-20T09:00:00+02:00";

export interface StartOptions {
  readonly port: number;
  /** undefined: follow real time. */
  readonly now: Date | undefined;
  readonly build: boolean;
  /** A world file (the makelaar's config format); the built-in world when absent. */
  readonly config?: string;
}

export function parseStartArgs(argv: readonly string[]): StartOptions {
  let port = DEFAULT_PORT;
  let now: Date | undefined = new Date(DEFAULT_NOW);
  let build = true;
  let config: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === "--port") {
      const text = value();
      port = Number(text);
      // 0 picks a free port (tests); people use 1-65535.
      if (!/^\d+$/.test(text) || port > 65535) {
        throw new UsageError(`--port must be a number from 1 to 65535, got "${text}"`);
      }
    } else if (arg === "--now") {
      const text = value();
      if (text === "real") {
        now = undefined;
      } else {
        now = new Date(text);
        if (Number.isNaN(now.getTime())) {
          throw new UsageError(
            `--now must be an ISO date (2022-04-20T09:00:00+02:00) or "real", got "${text}"`,
          );
        }
      }
    } else if (arg === "--config") {
      config = value();
    } else if (arg === "--no-build") {
      build = false;
    } else {
      throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  return { port, now, build, ...(config !== undefined ? { config } : {}) };
}

/** The URLs a person opens, by what they show. */
export function replicaUrls(): readonly (readonly [string, string])[] {
  const level = "https://www.eherkenning.nl/inloggen-met-eherkenning/betrouwbaarheidsniveaus";
  return [
    ["Mijn DUO, business login", "https://mijn.duo.nl/"],
    ["Connected organisations (table)", "https://www.eherkenning.nl/aangesloten-organisaties"],
    ["Machtigingen form (cards)", "https://www.eherkenning.nl/aanvragen/machtigingen"],
    ["Level pages", `${level}/{eh2,eh2-plus,eh3,eh4}`],
    [
      "Level pages, English",
      "https://www.eherkenning.nl/en/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh3",
    ],
    ["Gemeente Zuiderwaard (invented)", "https://loket.zuiderwaard.test/"],
    ["Catalogue feed (signed)", "https://aggregator.etoegang.nl/1.13/servicecatalog.xml"],
    ["Mock makelaar metadata", "https://makelaar.eh-overstap.test/broker/metadata/1.13"],
  ];
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows
    .map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  ")}`.trimEnd())
    .join("\n");
}

/** The test identities of the world, as a person types them. */
export function identityTables(persons: readonly Person[], now: Date): string {
  const eherkenning = [
    ["id", "level", "username / password", "code", "organisations (KvK)"],
    ...persons.map((p) => [
      p.id,
      p.middel.level,
      `${p.middel.username} / ${p.middel.password}`,
      p.middel.secondFactor?.code ?? "-",
      p.representations.map((r) => r.kvk).join(", "),
    ]),
  ];
  const duo = [
    ["Mijn DUO inlognaam", "wachtwoord", "token", "sector", "token login"],
    ...persons.flatMap((p) =>
      p.duo
        ? [
            [
              p.duo.inlognaam,
              p.duo.wachtwoord,
              p.duo.tokenCode,
              p.duo.sector,
              duoTokenAccepted(p.duo.sector, now)
                ? `works until ${longDutchDay(DUO_SECTOR_SWITCH[p.duo.sector].date)}`
                : `switched on ${longDutchDay(DUO_SECTOR_SWITCH[p.duo.sector].date)}`,
            ],
          ]
        : [],
    ),
  ];
  return `eHerkenning test identities (makelaar login pages):\n${table(eherkenning)}\n\nMijn DUO token accounts:\n${table(duo)}`;
}

function hasBuildScript(): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      scripts?: Record<string, string>;
    };
    return typeof pkg.scripts?.["build"] === "string";
  } catch {
    return false;
  }
}

/** Runs npm run build in the background; its output is shown only when it fails. */
function buildExtension(): { child: ChildProcess; done: Promise<boolean> } {
  const child = spawn("npm", ["run", "--silent", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<boolean>((resolve) => {
    child.on("error", (error) => {
      output += String(error);
      resolve(false);
    });
    child.on("close", (code) => {
      if (code !== 0 && code !== null)
        console.error(`\nnpm run build failed (exit ${code}):\n${output.slice(-4000)}`);
      resolve(code === 0);
    });
  });
  return { child, done };
}

async function main(): Promise<void> {
  const started = performance.now();
  let options: StartOptions;
  try {
    options = parseStartArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(
        `npm start: ${error.message}\nUsage: npm start [-- --port <n>] [--config <world.yaml|json>] [--now <ISO date>|real] [--no-build]`,
      );
      process.exit(2);
    }
    throw error;
  }

  let world: World | undefined;
  if (options.config) {
    const { ConfigError, loadWorldConfig } = await import("../mock-idp/makelaar/config.ts");
    try {
      world = await loadWorldConfig(options.config);
    } catch (error) {
      if (error instanceof ConfigError) {
        console.error(error.message);
        process.exit(1);
      }
      throw error;
    }
  }
  const build = options.build && hasBuildScript() ? buildExtension() : undefined;
  let harness: Harness;
  try {
    harness = await startHarness({
      port: options.port,
      ...(options.now ? { now: options.now } : {}),
      ...(world ? { world } : {}),
    });
  } catch (error) {
    build?.child.kill();
    const code = (error as { code?: unknown }).code;
    console.error(
      code === "EADDRINUSE"
        ? `npm start: port ${options.port} on 127.0.0.1 is in use. Stop what runs there or choose another: npm start -- --port <n>`
        : `npm start: could not start the harness: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  // Before anything is printed: whoever reads "Stop with Ctrl-C." may press it at once.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ...`);
    build?.child.kill();
    harness.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("npm start: stopping failed:", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  const readyMs = Math.round(performance.now() - started);
  const worldState = harness.world;
  const portArgs = options.port === DEFAULT_PORT ? "" : ` -- --port ${options.port}`;

  console.log(
    `eh-overstap: the replica world runs on https://127.0.0.1:${harness.port} (ready in ${readyMs} ms)`,
  );
  console.log(
    `Clock: ${options.now ? `${worldState.now().toISOString()} (simulated; --now real follows real time)` : "real time"}\n`,
  );
  console.log(
    "Open these in the browser that `npm run browser` starts (host names are mapped to this port):",
  );
  console.log(table(replicaUrls().map(([what, url]) => [what, url])));
  if (options.config) console.log(`World: ${options.config}`);
  console.log(`\n${identityTables(worldState.persons, worldState.now())}\n`);
  console.log("Open Chromium with the extension loaded and the host names mapped:");
  console.log(`  npm run browser${portArgs}`);
  console.log("Move the clock (for example into Gemeente Zuiderwaard's EH1 window):");
  console.log(
    `  curl -k --resolve makelaar.eh-overstap.test:${harness.port}:127.0.0.1 -X PUT -H 'content-type: application/json' -d '{"now":"2021-05-20T10:00:00+02:00"}' https://makelaar.eh-overstap.test:${harness.port}/__admin/clock`,
  );
  console.log("Stop with Ctrl-C.\n");

  if (!options.build) {
    console.log("Extension: not built (--no-build).");
  } else if (!build) {
    console.log("Extension: `npm run build` is not defined yet, so the extension is not built.");
  } else {
    console.log("Extension: building in the background (npm run build) ...");
    void build.done.then((ok) => {
      if (!ok) return;
      const built = existsSync(join(ROOT, "dist", "chromium", "manifest.json"));
      console.log(
        `Extension: built in ${Math.round((performance.now() - started) / 100) / 10} s${built ? " (dist/chromium, dist/firefox)" : ""}.`,
      );
    });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
