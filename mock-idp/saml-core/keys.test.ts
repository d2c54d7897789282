import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { testKeyPair } from "./keys.ts";

const directories: string[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true });
});
async function emptyCache(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "test-keys-"));
  directories.push(directory);
  return directory;
}

/** A separate Node process asks for the key pair; resolves with its fingerprint. */
async function fingerprintFromAnotherProcess(directory: string): Promise<string> {
  const keys = fileURLToPath(new URL("./keys.ts", import.meta.url));
  const code = `const { testKeyPair } = await import(${JSON.stringify(keys)});
const pair = await testKeyPair("shared", { directory: ${JSON.stringify(directory)}, commonName: "eh-overstap race test" });
process.stdout.write(pair.fingerprintSha256);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const [exitCode] = (await once(child, "exit")) as [number | null];
  expect(exitCode).toBe(0);
  return out;
}

describe("the TEST key cache", () => {
  it("gives simultaneous callers in one thread the same pair, and caches it", async () => {
    const directory = await emptyCache();
    const options = { directory, commonName: "eh-overstap cache test" };
    const pairs = await Promise.all([1, 2, 3].map(() => testKeyPair("one", options)));
    expect(new Set(pairs.map((p) => p.fingerprintSha256)).size).toBe(1);
    const onDisk = JSON.parse(await readFile(join(directory, "one.json"), "utf8")) as {
      fingerprintSha256: string;
    };
    expect(onDisk.fingerprintSha256).toBe(pairs[0]!.fingerprintSha256);
    // No temporary file is left behind.
    expect(await readdir(directory)).toEqual(["one.json"]);
  });

  it("gives processes that start on an empty cache at once the same pair: the first written wins", async () => {
    const directory = await emptyCache();
    const fingerprints = await Promise.all(
      [1, 2, 3, 4].map(() => fingerprintFromAnotherProcess(directory)),
    );
    expect(fingerprints[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(fingerprints).size).toBe(1);
    expect(await readdir(directory)).toEqual(["shared.json"]);
  }, 60_000);

  it("refuses a name that is not a plain file name", async () => {
    await expect(testKeyPair("../x", { commonName: "x" })).rejects.toThrow(
      'test key name "../x" must be a-z, 0-9 and -',
    );
  });
});
