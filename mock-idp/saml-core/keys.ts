// TEST KEYS ONLY. Key pairs and self-signed certificates are generated on this
// machine the first time they are needed and cached under .cache/test-keys/
// (git-ignored), so every install has its own and none is ever committed.
// They are never PKIoverheid keys and must never protect anything real.
import { createHash, randomUUID, X509Certificate } from "node:crypto";
import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CertificateSubject } from "./generate-key.ts";
import { packageRoot } from "../shared/package-root.ts";

export interface TestKeyPair {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  /** The certificate's DER as base64, as it appears in ds:X509Certificate. */
  readonly certificateBase64: string;
  /** Hex SHA-256 fingerprint of the certificate, used as KeyName. */
  readonly fingerprintSha256: string;
}

/**
 * Where TEST keys are cached: `.cache/test-keys/` in the package's root, found
 * from this file's location rather than by a fixed depth, because the same
 * code runs from the TypeScript sources, from the compiled kit (dist/kit/...)
 * and bundled into the bin (dist/kit/bin/eh-overstap.js), each at another depth.
 */
export function testKeyDirectory(): string {
  keyDirectory ??= join(packageRoot(), ".cache", "test-keys");
  return keyDirectory;
}
let keyDirectory: string | undefined;

export function certificateBase64(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

export function fingerprintSha256(pem: string): string {
  return createHash("sha256")
    .update(Buffer.from(certificateBase64(pem), "base64"))
    .digest("hex");
}

export interface KeyOptions extends CertificateSubject {
  /** Where the key is cached; testKeyDirectory() when not given. */
  readonly directory?: string;
}

function isUsable(keys: TestKeyPair): boolean {
  try {
    const cert = new X509Certificate(keys.certificatePem);
    return new Date(cert.validTo).getTime() > Date.now() + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/** The cached key pair in `file`, if there is one that is still usable. */
async function readCached(file: string): Promise<TestKeyPair | undefined> {
  try {
    const cached = JSON.parse(await readFile(file, "utf8")) as TestKeyPair;
    return isUsable(cached) ? cached : undefined;
  } catch {
    return undefined; // not cached yet, or unreadable
  }
}

/** Key pairs being loaded or made in this thread, so simultaneous callers share one. */
const pending = new Map<string, Promise<TestKeyPair>>();

/**
 * Loads the named test key pair from the cache, or generates and caches it.
 * Every caller gets the same pair, also when several processes or test
 * threads start on an empty cache at once: the first pair written wins.
 */
export function testKeyPair(name: string, options: KeyOptions): Promise<TestKeyPair> {
  if (!/^[a-z0-9-]+$/.test(name)) {
    return Promise.reject(new Error(`test key name "${name}" must be a-z, 0-9 and -`));
  }
  const directory = options.directory ?? testKeyDirectory();
  const file = join(directory, `${name}.json`);
  let keys = pending.get(file);
  if (!keys) {
    keys = loadOrMake(file, directory, options).finally(() => pending.delete(file));
    pending.set(file, keys);
  }
  return keys;
}

async function loadOrMake(file: string, directory: string, options: KeyOptions) {
  const cached = await readCached(file);
  if (cached) return cached;
  const made = await generateTestKeyPair(options);
  await mkdir(directory, { recursive: true });
  // Written whole under a name of its own, then linked into place: a link
  // never replaces a file, so a pair another process cached meanwhile stays
  // and is used here too (a reader never sees half a file either way).
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, JSON.stringify(made, null, 2), { mode: 0o600 });
  try {
    await link(temporary, file);
    return made;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const theirs = await readCached(file);
    if (theirs) return theirs;
    await rename(temporary, file); // the file there is unusable: replace it
    return made;
  } finally {
    await rm(temporary, { force: true });
  }
}

export async function generateTestKeyPair(options: KeyOptions): Promise<TestKeyPair> {
  const { selfSignedKeyPair } = await import("./generate-key.ts");
  const { privateKeyPem, certificatePem } = await selfSignedKeyPair(options);
  return {
    privateKeyPem,
    certificatePem,
    certificateBase64: certificateBase64(certificatePem),
    fingerprintSha256: fingerprintSha256(certificatePem),
  };
}
