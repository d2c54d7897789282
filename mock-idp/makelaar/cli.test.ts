import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../shared/usage-error.ts";
import { DEFAULT_PORT, parseCliArgs } from "./cli.ts";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function runCli(args: readonly string[]) {
  // As `npm run mock-idp` runs it: through the bin's entry point.
  const bin = ["--import", "tsx", "bin/eh-overstap.ts", "makelaar"];
  const child = spawn(process.execPath, [...bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, "exit").then(
    ([code, signal]) => (code as number | null) ?? (signal as string),
  );
  const output = () => ({ stdout, stderr });
  /** Resolves with stdout once the banner is complete. */
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      if (stdout.includes("Ctrl-C stops.")) resolve(stdout);
    });
    void exited.then((code) =>
      reject(new Error(`exited ${code} before ready:\n${stdout}\n${stderr}`)),
    );
  });
  // Tests that expect an early exit never await ready.
  ready.catch(() => undefined);
  return { child, exited, output, ready };
}

describe("parseCliArgs", () => {
  it("defaults to 127.0.0.1 and port 7444", () => {
    expect(parseCliArgs([])).toEqual({
      port: DEFAULT_PORT,
      host: "127.0.0.1",
      shiftProtocolTime: false,
      tls: false,
      advice: true,
      allowX509Data: false,
      help: false,
    });
    expect(parseCliArgs(["--tls"]).tls).toBe(true);
    expect(parseCliArgs(["--no-advice", "--allow-x509-data"])).toMatchObject({
      advice: false,
      allowX509Data: true,
    });
  });

  it("shifts protocol time only when asked", () => {
    expect(parseCliArgs(["--now", "2021-06-01", "--shift-protocol-time"]).shiftProtocolTime).toBe(
      true,
    );
  });

  it("reads port, config and a clock in any ISO form", () => {
    const options = parseCliArgs(["--port", "8123", "--config", "w.yaml", "--now", "2022-04-01"]);
    expect(options).toMatchObject({ port: 8123, config: "w.yaml" });
    expect(options.now?.toISOString()).toBe("2022-03-31T22:00:00.000Z");
  });

  it("refuses what it cannot use with a UsageError naming the argument", () => {
    expect(() => parseCliArgs(["--port", "http"])).toThrow(
      new UsageError('--port must be a number from 0 to 65535, got "http"'),
    );
    expect(() => parseCliArgs(["--port", "70000"])).toThrow(/--port must be a number/);
    expect(() => parseCliArgs(["--now", "yesterday"])).toThrow(
      /--now must be an ISO date .* got "yesterday"/,
    );
    expect(() => parseCliArgs(["--colour"])).toThrow(/Unknown option '--colour'/);
    expect(() => parseCliArgs(["--port"])).toThrow(/--port/);
    expect(() => parseCliArgs(["extra"])).toThrow(UsageError);
    expect(() => parseCliArgs(["--base-url", "ftp://x"])).toThrow(
      /--base-url must be an http\(s\) URL/,
    );
  });
});

describe("the admin token", () => {
  it("is none on a loopback address, unless given", () => {
    expect(parseCliArgs(["--host", "127.0.0.1"]).adminToken).toBeUndefined();
    expect(parseCliArgs(["--host", "::1"]).adminToken).toBeUndefined();
    expect(parseCliArgs(["--admin-token", "a-token-of-16-chars"]).adminToken).toBe(
      "a-token-of-16-chars",
    );
  });

  it("is made when the makelaar listens beyond 127.0.0.1, so other machines never get the admin API for free", () => {
    const made = parseCliArgs(["--host", "0.0.0.0"]).adminToken;
    expect(made).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(parseCliArgs(["--host", "0.0.0.0"]).adminToken).not.toBe(made);
  });

  it("refuses a short or spaced token", () => {
    expect(() => parseCliArgs(["--admin-token", "short"])).toThrow(
      /--admin-token must be 16 to 200 printable characters/,
    );
  });
});

describe("npm run mock-idp", () => {
  it("prints the admin token it was given and asks for it on every admin call", async () => {
    const token = "test-token-0123456789";
    const run = runCli(["--port", "0", "--admin-token", token]);
    const stdout = await run.ready;
    const url = /Ready at (http:\/\/127\.0\.0\.1:\d+) in \d+ ms/.exec(stdout)?.[1];
    expect(stdout).toContain(`Admin token: ${token}`);
    expect(stdout).toContain(`curl ${url}/__admin/requests -H 'authorization: Bearer ${token}'`);
    expect((await fetch(`${url}/__admin/clock`)).status).toBe(401);
    const wrong = await fetch(`${url}/__admin/clock`, {
      headers: { authorization: "Bearer test-token-0123456788" },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${url}/__admin/clock`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(right.status).toBe(200);
    // The protocol endpoints want no token.
    expect((await fetch(`${url}/broker/metadata/1.13`)).status).toBe(200);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("starts on the given port, prints endpoints, identities and the admin URL, and stops on Ctrl-C", async () => {
    const run = runCli(["--port", "0", "--now", "2022-03-01T10:00:00+01:00"]);
    const stdout = await run.ready;
    const url = /Ready at (http:\/\/127\.0\.0\.1:\d+) in \d+ ms/.exec(stdout)?.[1];
    expect(url).toBeDefined();
    for (const path of [
      "/broker/metadata/1.13",
      "/broker/sso/1.13",
      "/broker/ars/1.13",
      "/broker/slo/1.13",
      "/__admin/",
    ]) {
      expect(stdout).toContain(`${url}${path}`);
    }
    expect(stdout).toMatch(
      /jan-eh3\s+EH3\s+Sleutelhuis Identiteit \(test\)\s+jan-eh3 \/ Welkom-jan\s+311001\s+99000102/,
    );
    expect(stdout).toContain("Business:   2022-03-01T09:00");
    expect(stdout).toContain("TEST ENVIRONMENT");
    expect(stdout).toContain(
      "Artifact resolution: plain HTTP, for quick local use; production makelaars require mutual TLS",
    );
    // Every URL the banner advertises answers (the catalogue once did not).
    for (const advertised of stdout.match(
      /http:\/\/127\.0\.0\.1:\d+\/broker\/(metadata|catalogue)\S*/g,
    ) ?? []) {
      expect((await fetch(advertised)).status, advertised).toBe(200);
    }
    expect(stdout).toContain(`${url}/broker/catalogue/1.13/servicecatalog.xml`);

    const clock = (await (await fetch(`${url}/__admin/clock`)).json()) as {
      now: string;
      simulated: boolean;
    };
    expect(clock.simulated).toBe(true);
    expect(clock.now.slice(0, 10)).toBe("2022-03-01");

    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain("SIGINT: stopping the mock makelaar.");
    await expect(fetch(`${url}/__admin/clock`)).rejects.toThrow();
  });

  it("with --tls advertises the HTTPS ARS, which asks a client certificate", async () => {
    const run = runCli(["--port", "0", "--tls"]);
    const stdout = await run.ready;
    const ars =
      /artifact resolution \(SOAP, mutual TLS\)\s+(https:\/\/127\.0\.0\.1:\d+\/broker\/ars\/1\.13)/.exec(
        stdout,
      )?.[1];
    expect(ars, stdout).toBeDefined();
    expect(stdout).toContain("Artifact resolution: mutual TLS only");
    const url = /Ready at (http:\/\/127\.0\.0\.1:\d+) in \d+ ms/.exec(stdout)?.[1];
    const metadata = await (await fetch(`${url}/broker/metadata/1.13`)).text();
    expect(metadata).toContain(`Location="${ars}" index="0"`);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("answers with Advice and refuses X509Data in messages by default; --no-advice and --allow-x509-data reach the makelaar", async () => {
    const plain = runCli(["--port", "0"]);
    const byDefault = await plain.ready;
    expect(byDefault).toContain("Answers:    with the AD's and MR's signed assertions in Advice");
    expect(byDefault).toContain(
      "Signatures: a KeyName or no KeyInfo in messages; a ds:X509Data is refused",
    );
    plain.child.kill("SIGTERM");
    expect(await plain.exited).toBe(0);

    // What a DV on pysaml2 needs (docs/makelaar.md): the banner reads the running makelaar's settings.
    const pysaml2 = runCli(["--port", "0", "--no-advice", "--allow-x509-data"]);
    const stdout = await pysaml2.ready;
    expect(stdout).toContain("Answers:    without Advice (--no-advice)");
    expect(stdout).toContain("Signatures: a ds:X509Data in a message's KeyInfo is accepted");
    pysaml2.child.kill("SIGTERM");
    expect(await pysaml2.exited).toBe(0);
  });

  it("loads a config file and shows its identities", async () => {
    const run = runCli(["--port", "0", "--config", "mock-idp/examples/makelaar.yaml"]);
    const stdout = await run.ready;
    expect(stdout).toContain(
      "World:      mock-idp/examples/makelaar.yaml; 2 persons, 2 organisations",
    );
    expect(stdout).toMatch(/mila-eh3\s+EH3/);
    expect(stdout).toContain("1 service providers");
    run.child.kill("SIGTERM");
    expect(await run.exited, JSON.stringify(run.output())).toBe(0);
  });

  it("exits 2 with one line for bad arguments", async () => {
    const run = runCli(["--port", "abc"]);
    expect(await run.exited).toBe(2);
    const lines = run.output().stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^mock-idp: --port must be a number from 0 to 65535, got "abc" \(usage: eh-overstap makelaar /,
    );
  });

  it("exits 1 with the config error for a bad config", async () => {
    const run = runCli(["--port", "0", "--config", "mock-idp/examples/does-not-exist.yaml"]);
    expect(await run.exited).toBe(1);
    expect(run.output().stderr.trim()).toBe(
      "mock-idp/examples/does-not-exist.yaml: cannot read the config file: no such file",
    );
  });
});
