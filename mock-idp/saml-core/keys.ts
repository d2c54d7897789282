// TEST KEYS ONLY. Key pairs and self-signed certificates are generated on this
// machine the first time they are needed and cached under .cache/test-keys/
// (git-ignored), so every install has its own and none is ever committed.
// They are never PKIoverheid keys and must never protect anything real.
import { createHash, X509Certificate } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface TestKeyPair {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  /** The certificate's DER as base64, as it appears in ds:X509Certificate. */
  readonly certificateBase64: string;
  /** Hex SHA-256 fingerprint of the certificate, used as KeyName. */
  readonly fingerprintSha256: string;
}

export const TEST_KEY_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  ".cache",
  "test-keys",
);

export function certificateBase64(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

export function fingerprintSha256(pem: string): string {
  return createHash("sha256")
    .update(Buffer.from(certificateBase64(pem), "base64"))
    .digest("hex");
}

export interface KeyOptions {
  readonly commonName: string;
  /** DNS names for a TLS certificate. */
  readonly dnsNames?: readonly string[];
  /** IP addresses for a TLS certificate (a server reached as https://127.0.0.1:<port>). */
  readonly ipAddresses?: readonly string[];
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

/** Loads the named test key pair from the cache, or generates and caches it. */
export async function testKeyPair(name: string, options: KeyOptions): Promise<TestKeyPair> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`test key name "${name}" must be a-z, 0-9 and -`);
  const directory = options.directory ?? TEST_KEY_DIR;
  const file = join(directory, `${name}.json`);
  try {
    const cached = JSON.parse(await readFile(file, "utf8")) as TestKeyPair;
    if (isUsable(cached)) return cached;
  } catch {
    // Not cached yet, or unreadable: make a new one below.
  }
  const keys = await generateTestKeyPair(options);
  await mkdir(directory, { recursive: true });
  // Write then rename, so a parallel reader never sees half a file.
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, JSON.stringify(keys, null, 2), { mode: 0o600 });
  await rename(temporary, file);
  return keys;
}

export async function generateTestKeyPair(options: KeyOptions): Promise<TestKeyPair> {
  const altNames = [
    ...(options.dnsNames ?? []).map((value) => ({ type: 2 as const, value })),
    ...(options.ipAddresses ?? []).map((ip) => ({ type: 7 as const, ip })),
  ];
  // Loaded only when a key must be made: most starts find their keys cached.
  const { generate } = await import("selfsigned");
  const pems = await generate(
    [
      { name: "commonName", value: `${options.commonName} - TEST KEY - eh-overstap` },
      { name: "organizationName", value: "eh-overstap test environment" },
      { name: "countryName", value: "NL" },
    ],
    {
      keySize: 2048,
      algorithm: "sha256",
      notAfterDate: new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000),
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
        ...(altNames.length ? [{ name: "subjectAltName" as const, altNames }] : []),
      ],
    },
  );
  return {
    privateKeyPem: pems.private,
    certificatePem: pems.cert,
    certificateBase64: certificateBase64(pems.cert),
    fingerprintSha256: fingerprintSha256(pems.cert),
  };
}
