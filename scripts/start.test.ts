import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_PERSONS } from "../mock-idp/world/default.ts";
import { DEFAULT_NOW, DEFAULT_PORT, identityTables, parseStartArgs, replicaUrls } from "./start.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("npm start's arguments", () => {
  it("defaults to port 7443, the mid-overstap clock and building the extension", () => {
    expect(parseStartArgs([])).toEqual({
      port: DEFAULT_PORT,
      now: new Date(DEFAULT_NOW),
      build: true,
    });
    expect(DEFAULT_PORT).toBe(7443);
  });

  it("takes --port, --now (or real time) and --no-build", () => {
    expect(
      parseStartArgs(["--port", "8443", "--now", "2021-05-20T10:00:00+02:00", "--no-build"]),
    ).toEqual({
      port: 8443,
      now: new Date("2021-05-20T10:00:00+02:00"),
      build: false,
    });
    expect(parseStartArgs(["--now", "real"]).now).toBeUndefined();
  });

  it("takes --config with a world file (the planner's --world output loads this way)", () => {
    expect(parseStartArgs(["--config", "wereld.yaml"]).config).toBe("wereld.yaml");
    expect(() => parseStartArgs(["--config"])).toThrow("--config needs a value");
  });

  it("names what is wrong with bad arguments", () => {
    expect(() => parseStartArgs(["--port", "http"])).toThrow(
      '--port must be a number from 1 to 65535, got "http"',
    );
    expect(() => parseStartArgs(["--port"])).toThrow("--port needs a value");
    expect(() => parseStartArgs(["--now", "yesterday"])).toThrow(/--now must be an ISO date/);
    expect(() => parseStartArgs(["--verbose"])).toThrow('unknown argument "--verbose"');
  });
});

describe("what npm start prints", () => {
  it("lists every replica page by its real, port-less URL", () => {
    const urls = replicaUrls().map(([, url]) => url);
    expect(urls).toContain("https://mijn.duo.nl/");
    expect(urls).toContain("https://aggregator.etoegang.nl/1.13/servicecatalog.xml");
    expect(urls.every((u) => /^https:\/\/[a-z.-]+\//.test(u))).toBe(true);
  });

  it("prints each identity's credentials and each DUO account's token state at the clock", () => {
    const text = identityTables(DEFAULT_PERSONS, new Date(DEFAULT_NOW));
    expect(text).toMatch(/jan-eh3\s+EH3\s+jan-eh3 \/ Welkom-jan\s+311001\s+99000102/);
    expect(text).toMatch(/jdevries25px\s+Duo-jan-2021\s+480111\s+roc\s+switched on 11 april 2022/);
    expect(text).toMatch(
      /nsmit28rb\s+Duo-noor-2021\s+480333\s+vakschool\s+works until 20 juni 2022/,
    );
  });

  it("prints working URLs within 10 seconds and stops cleanly on SIGINT", async () => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "scripts", "start.ts"), "--port", "0", "--no-build"],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URLs after 10 s:\n${output}`)), 10_000);
      child.stdout.on("data", () => {
        if (output.includes("Stop with Ctrl-C.")) {
          clearTimeout(timer);
          done();
        }
      });
      child.on("exit", (code) => fail(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(output).toMatch(/runs on https:\/\/127\.0\.0\.1:\d+/);
    expect(output).toContain("https://mijn.duo.nl/");
    expect(output).toContain("npm run browser -- --port");
    const exited = new Promise<number | null>((done) => child.on("exit", done));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  }, 20_000);
});
