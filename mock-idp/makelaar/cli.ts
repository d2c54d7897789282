// npm run mock-idp (or, from an installed package, `eh-overstap makelaar`):
// the mock makelaar alone, on 127.0.0.1.
//
//   npm run mock-idp -- --port <n> [--config <file>] [--now <ISO date>] [--shift-protocol-time] [--tls]
//                       [--no-advice] [--allow-x509-data]
//
// Prints the endpoints, the test identities and the admin URL. Wrong usage
// exits 2, a config that cannot be used exits 1, Ctrl-C stops cleanly (0).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { UsageError } from "../shared/usage-error.ts";
import { ENDPOINTS } from "./endpoints.ts";
import { startServer, type RunningMakelaar } from "./server.ts";
import { defaultWorld } from "../world/default.ts";
import type { Person, World } from "../world/model.ts";
import { parseMoment } from "../world/moment.ts";

export const DEFAULT_PORT = 7444;
const USAGE =
  "usage: eh-overstap makelaar [--port <n>] [--config <file.yaml|file.json>] [--now <ISO date>] [--shift-protocol-time] [--host <address>] [--base-url <url>] [--admin-token <token>] [--tls] [--no-advice] [--allow-x509-data]";

export interface CliOptions {
  readonly port: number;
  readonly host: string;
  readonly baseUrl?: string;
  readonly config?: string;
  readonly now?: Date;
  /** Protocol time follows --now (or the config's now) instead of real time. */
  readonly shiftProtocolTime: boolean;
  /** The admin API's token: given, or made at start when the host is not a loopback address. */
  readonly adminToken?: string;
  /** Artifact resolution over mutual TLS only (a second, HTTPS port), as production makelaars do. */
  readonly tls: boolean;
  /** Answers carry the AD's and MR's assertions in saml:Advice, as the network's do (default). */
  readonly advice: boolean;
  /** Accept a ds:X509Data in a message signature's KeyInfo (pysaml2 always sends one). */
  readonly allowX509Data: boolean;
  readonly help: boolean;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        config: { type: "string" },
        now: { type: "string" },
        host: { type: "string" },
        "base-url": { type: "string" },
        "shift-protocol-time": { type: "boolean" },
        "admin-token": { type: "string" },
        tls: { type: "boolean" },
        "no-advice": { type: "boolean" },
        "allow-x509-data": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    // parseArgs' own messages are long and mention ParseArgs; keep the gist.
    const message = error instanceof Error ? error.message.split(". ")[0] : String(error);
    throw new UsageError(message ?? "bad arguments");
  }
  const portText = values.port ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, got "${portText}"`);
  }
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = parseMoment(values.now);
    if (!now) {
      throw new UsageError(
        `--now must be an ISO date such as 2022-04-20 or 2022-04-20T09:00:00+02:00, got "${values.now}"`,
      );
    }
  }
  const baseUrl = values["base-url"];
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(baseUrl)) {
    throw new UsageError(`--base-url must be an http(s) URL, got "${baseUrl}"`);
  }
  const host = values.host ?? "127.0.0.1";
  const givenToken = values["admin-token"];
  if (givenToken !== undefined && !/^[\x21-\x7e]{16,200}$/.test(givenToken)) {
    throw new UsageError(
      "--admin-token must be 16 to 200 printable characters without spaces (a Bearer token)",
    );
  }
  // Beyond the loopback address other machines reach the admin API: it then
  // always wants a token, made here when none was given (docs/security.md).
  const adminToken =
    givenToken ?? (isLoopback(host) ? undefined : randomBytes(24).toString("base64url"));
  return {
    port,
    host,
    ...(adminToken !== undefined ? { adminToken } : {}),
    ...(baseUrl !== undefined ? { baseUrl: baseUrl.replace(/\/+$/, "") } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(now ? { now } : {}),
    shiftProtocolTime: values["shift-protocol-time"] ?? false,
    tls: values.tls ?? false,
    advice: !(values["no-advice"] ?? false),
    allowX509Data: values["allow-x509-data"] ?? false,
    help: values.help ?? false,
  };
}

/** Whether `host` is a loopback address, reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === "::1" || host === "localhost";
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows
    .map((row) => `  ${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  ")}`.trimEnd())
    .join("\n");
}

export function identityTable(persons: readonly Person[]): string {
  return table([
    ["id", "level", "leverancier", "username / password", "code", "KvK"],
    ...persons.map((p) => [
      p.id,
      p.middel.level,
      p.middel.leverancier,
      `${p.middel.username} / ${p.middel.password}`,
      p.middel.secondFactor?.code ?? "-",
      p.representations.map((r) => r.kvk).join(", ") || "-",
    ]),
  ]);
}

export interface StartupTimes {
  /** From process start until this module ran (loading and compiling the code). */
  readonly loadedMs: number;
  /** From process start until the server listened. */
  readonly readyMs: number;
  /** CPU time (user and system) used by then; on a busy machine it grows less than wall time. */
  readonly cpuMs: number;
}

export function banner(running: RunningMakelaar, options: CliOptions, times: StartupTimes): string {
  const { url, makelaar } = running;
  const { world, state } = makelaar;
  const admin = `${url}${ENDPOINTS.admin}`;
  const auth =
    options.adminToken !== undefined ? ` -H 'authorization: Bearer ${options.adminToken}'` : "";
  return [
    `Mock eHerkenning makelaar (eh-overstap) - TEST ENVIRONMENT, not a real makelaar`,
    `Ready at ${url} in ${times.readyMs} ms (code loaded in ${times.loadedMs} ms, server started in ${times.readyMs - times.loadedMs} ms; CPU ${times.cpuMs} ms)`,
    "",
    "Endpoints:",
    table([
      ["metadata (HM, signed)", `${url}${ENDPOINTS.metadata}`],
      ["SSO (Redirect, POST)", `${url}${ENDPOINTS.sso}`],
      running.mutualTls
        ? ["artifact resolution (SOAP, mutual TLS)", running.mutualTls.arsUrl]
        : ["artifact resolution (SOAP)", `${url}${ENDPOINTS.ars}`],
      ["single logout", `${url}${ENDPOINTS.slo}`],
      ["catalogue (signed)", `${url}${ENDPOINTS.catalogue}`],
      ["admin API", `${admin}/`],
    ]),
    "",
    running.mutualTls
      ? "Artifact resolution: mutual TLS only; the SP presents a certificate from its metadata (TEST server certificate, trust it or skip its check)."
      : "Artifact resolution: plain HTTP, for quick local use; production makelaars require mutual TLS with the SP's certificate (start with --tls).",
    "",
    `Answers:    ${makelaar.answers.advice ? "with the AD's and MR's signed assertions in Advice, as the network sends them (--no-advice leaves them out)" : "without Advice (--no-advice); real answers carry the AD's and MR's assertions"}`,
    `Signatures: ${makelaar.answers.allowX509DataInMessages ? "a ds:X509Data in a message's KeyInfo is accepted (--allow-x509-data); the key in the metadata still decides" : "a KeyName or no KeyInfo in messages; a ds:X509Data is refused (--allow-x509-data accepts it)"}`,
    `Entity ID:  ${makelaar.entityID}`,
    `World:      ${options.config ?? "built-in default (DUO's overstap)"}; ${world.persons.length} persons, ${world.organisations.length} organisations, ${world.catalogue.services.length} services, ${state.serviceProviders.length} service providers`,
    `Business:   ${world.now().toISOString()}${world.clockIsSimulated ? " (simulated, running on; the overstap rules judge by it)" : " (real time)"}`,
    `Protocol:   ${makelaar.protocolNow().toISOString()}${state.protocolTimeShifted ? " (shifted with the business clock)" : " (real time: IssueInstant, NotBefore, NotOnOrAfter)"}`,
    "",
    "Test identities (login pages):",
    identityTable(world.persons),
    "",
    ...(options.adminToken !== undefined
      ? [
          `Admin token: ${options.adminToken}`,
          `  every admin call needs -H 'authorization: Bearer ${options.adminToken}' (createAdminClient(url, { token }))`,
          "",
        ]
      : []),
    "Admin examples:",
    `  curl -X PUT ${admin}/clock${auth} -H 'content-type: application/json' -d '{"now":"2022-03-15T09:00:00+01:00"}'`,
    `  curl -X PUT ${admin}/auto-login${auth} -H 'content-type: application/json' -d '{"user":"jan-eh3","kvk":"99000102"}'`,
    `  curl -X POST ${admin}/service-providers${auth} -H 'content-type: application/xml' --data-binary @sp-metadata.xml`,
    `  curl ${admin}/requests${auth}`,
    "",
    "Ctrl-C stops.",
  ].join("\n");
}

/** Runs the makelaar until SIGINT or SIGTERM; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // performance.now() counts from process start.
  const loadedMs = Math.round(performance.now());
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`mock-idp: ${error.message} (${USAGE})`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  let world: World = defaultWorld();
  if (options.config) {
    // Loaded only when needed: the schemas (zod) cost start-up time.
    const { ConfigError, loadWorldConfig } = await import("./config.ts");
    try {
      world = await loadWorldConfig(options.config);
    } catch (error) {
      if (error instanceof ConfigError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  }
  if (options.now) world = { ...world, now: options.now };
  if (options.shiftProtocolTime) world = { ...world, shiftProtocolTime: true };

  let running: RunningMakelaar;
  try {
    running = await startServer({
      port: options.port,
      host: options.host,
      world,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.adminToken !== undefined ? { adminToken: options.adminToken } : {}),
      ...(options.tls ? { mutualTls: true } : {}),
      advice: options.advice,
      allowX509DataInMessages: options.allowX509Data,
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    console.error(
      code === "EADDRINUSE"
        ? `mock-idp: port ${options.port} on ${options.host} is in use; choose another with --port <n>`
        : `mock-idp: could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const readyMs = Math.round(performance.now());
  const cpu = process.cpuUsage();
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  // Listen for Ctrl-C before saying we are ready, so a signal right after never finds no handler.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`\n${signal}: stopping the mock makelaar.`);
      running.stop().then(resolve, (error: unknown) => {
        console.error("mock-idp: error while stopping:", error);
        resolve();
      });
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  console.log(banner(running, options, { loadedMs, readyMs, cpuMs }));
  await stopped;
  return 0;
}
