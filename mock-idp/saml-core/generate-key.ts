// Makes a TEST key pair with a self-signed certificate (keys.ts caches it).
// A module of its own, imported by keys.ts only when a key must be made:
// selfsigned and its ASN.1 libraries are large, and most starts find their
// keys cached. Importing selfsigned statically here (not with import() in
// keys.ts) also keeps its named exports when the bin is bundled: a bundled
// CommonJS package reached by import() offers only a default export.
import { generate } from "selfsigned";

export interface CertificateSubject {
  readonly commonName: string;
  /** DNS names for a TLS certificate. */
  readonly dnsNames?: readonly string[];
  /** IP addresses for a TLS certificate (a server reached as https://127.0.0.1:<port>). */
  readonly ipAddresses?: readonly string[];
}

export async function selfSignedKeyPair(
  subject: CertificateSubject,
): Promise<{ privateKeyPem: string; certificatePem: string }> {
  const altNames = [
    ...(subject.dnsNames ?? []).map((value) => ({ type: 2 as const, value })),
    ...(subject.ipAddresses ?? []).map((ip) => ({ type: 7 as const, ip })),
  ];
  const pems = await generate(
    [
      { name: "commonName", value: `${subject.commonName} - TEST KEY - eh-overstap` },
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
  return { privateKeyPem: pems.private, certificatePem: pems.cert };
}
