// npm run bench:makelaar: full artifact logins (signed AuthnRequest by
// Redirect, auto-login, SAMLart, signed ArtifactResolve, verify and decrypt)
// against one mock makelaar in a child process on 127.0.0.1, with 1 and 8
// concurrent clients, then 20,000 logins to show memory stays flat.
// Targets (issue 10, with Advice): server CPU per login <= 6 raw RSA-2048
// signatures (4 of them are the signatures themselves), p95 < 30 ms at 8
// clients, memory flat over 20,000 logins; start-up < 500 ms.
// BENCH_ADVICE=off runs the makelaar without Advice, for the figures before it.
import {
  constants,
  createCipheriv,
  createPublicKey,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
  sign,
  verify,
} from "node:crypto";
import { Agent } from "node:http";
import { SP_ENTITY_ID, SP_SERVICES } from "../mock-idp/makelaar/saml/test-support.ts";
import { createServiceProvider, type ServiceProvider } from "../mock-idp/sp/index.ts";
import { lightFetch, startMakelaarChild, type Usage } from "./makelaar-child.ts";

const ROUNDS = [
  { clients: 1, logins: Number(process.env.BENCH_LOGINS_1 ?? 1000) },
  { clients: 8, logins: Number(process.env.BENCH_LOGINS_8 ?? 4000) },
];
const SOAK_LOGINS = Number(process.env.BENCH_SOAK_LOGINS ?? 20_000);

/** RSA-2048 signatures per second of CPU time (not wall time: the machine is shared). */
function rsaSignaturesPerSecond(): number {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const data = Buffer.alloc(64, 1);
  const start = process.cpuUsage();
  let count = 0;
  let used = 0;
  while (used < 1_000_000) {
    for (let i = 0; i < 50; i++) sign("sha256", data, privateKey);
    count += 50;
    const delta = process.cpuUsage(start);
    used = delta.user + delta.system;
  }
  return count / (used / 1_000_000);
}

// Keep-alive: the login rounds reuse connections, as a busy DV would.
const fetchKeepAlive = lightFetch(new Agent({ keepAlive: true, maxSockets: 16 }));

/** One login's figures: the whole login, and its two round trips to the makelaar. */
interface Timing {
  /** From building the AuthnRequest to the checked, decrypted answer. */
  total: number;
  /** The SSO request and the ArtifactResolve, send to last byte: what the makelaar and the wire take. */
  makelaar: number;
}

/** The sizes of one login's messages, for the HTTP floor. */
interface Sizes {
  requestUrl: number;
  location: number;
  resolve: number;
  answer: number;
  /** Key transports and encrypted contents in the answer. */
  encryptedKeys: number;
  encryptedData: number;
}
let sizes: Sizes | undefined;

async function login(sp: ServiceProvider, url: string): Promise<Timing> {
  const start = performance.now();
  const request = sp.authnRequest({
    serviceIndex: 1,
    binding: "redirect",
    destination: `${url}/broker/sso/1.13`,
  });
  const ssoStart = performance.now();
  const redirect = await fetchKeepAlive(request.url!);
  let makelaar = performance.now() - ssoStart;
  const location = redirect.headers.get("location") ?? "";
  const samlArt = new URL(location).searchParams.get("SAMLart");
  if (redirect.status !== 303 || !samlArt) throw new Error(`login failed: HTTP ${redirect.status}`);
  // Time only the ArtifactResolve's round trip; signing it and checking the answer is the DV's work.
  const timed = (async (input: string, init: RequestInit = {}) => {
    const sent = performance.now();
    const answer = await fetchKeepAlive(input, init);
    if (init.method !== "POST") return answer;
    makelaar += performance.now() - sent;
    if (!sizes) {
      const xml = await answer.clone().text();
      sizes = {
        requestUrl: request.url!.length,
        location: location.length,
        resolve: typeof init.body === "string" ? init.body.length : 0,
        answer: xml.length,
        encryptedKeys: xml.split("<xenc:EncryptedKey").length - 1,
        encryptedData: xml.split("<xenc:EncryptedData").length - 1,
      };
    }
    return answer;
  }) as typeof fetch;
  const result = await sp.resolveArtifact(samlArt, {
    arsUrl: `${url}/broker/ars/1.13`,
    fetch: timed,
  });
  if (!result.ok || result.level !== "EH3")
    throw new Error(`login refused: ${JSON.stringify(result)}`);
  return { total: performance.now() - start, makelaar };
}

/** Runs `logins` logins (or anything timed) over `clients` concurrent loops. */
async function run<T>(clients: number, logins: number, once: () => Promise<T>) {
  const results: T[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < logins) {
        next++;
        results.push(await once());
      }
    }),
  );
  return { perSecond: logins / ((performance.now() - start) / 1000), results };
}

/** The median and 95th percentile of some figures, in ms. */
function percentiles(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
}

const runLogins = (sp: ServiceProvider, url: string, clients: number, logins: number) =>
  run(clients, logins, () => login(sp, url));

/** CPU time of `f` per call, in µs (after a warm-up). */
function cpuMicros(calls: number, f: () => unknown): number {
  for (let i = 0; i < 50; i++) f();
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

/**
 * What the answer's own cryptography costs besides its four signatures, in
 * raw RSA signatures: one RSA-OAEP key transport per EncryptedKey, one
 * AES-256-GCM encryption (with its fresh key and IV) per EncryptedData, and
 * verifying the two signed messages that come in.
 */
function cryptoFloor(sp: ServiceProvider, counts: Sizes, rsaPerSecond: number): number {
  const certificate = createPublicKey(sp.keys.encryption!.certificatePem);
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const message = Buffer.alloc(2000, 1);
  const signature = sign("sha256", message, privateKey);
  const nameId = "x".repeat(220);
  const wrap = cpuMicros(2000, () =>
    publicEncrypt(
      { key: certificate, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
      Buffer.alloc(32, 2),
    ),
  );
  const content = cpuMicros(5000, () => {
    const cipher = createCipheriv("aes-256-gcm", randomBytes(32), randomBytes(12));
    Buffer.concat([cipher.update(nameId, "utf8"), cipher.final(), cipher.getAuthTag()]);
  });
  const check = cpuMicros(2000, () => verify("sha256", message, publicKey, signature));
  const micros = counts.encryptedKeys * wrap + counts.encryptedData * content + 2 * check;
  return (micros / 1_000_000) * rsaPerSecond;
}

const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) =>
  (b.user - a.user + (b.system - a.system)) / 1000;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const rsa = rsaSignaturesPerSecond();
const makelaar = await startMakelaarChild<{
  url: string;
  startupMs: number;
  processToListeningMs: number;
}>(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []);
const started = makelaar.started;
const sp = await createServiceProvider({
  entityID: SP_ENTITY_ID,
  acsUrl: "https://dv.example/acs",
  acsBinding: "artifact",
  services: SP_SERVICES,
  // No keys given: the SP library's own cached TEST keys ("sp-signing", "sp-encryption").
  makelaarMetadataUrl: `${started.url}/broker/metadata/1.13`,
  // Full verification, with the fast verifier, so the client's CPU does not hide the server's latency.
  verifier: "direct",
});
await makelaar.ask({ cmd: "register", metadata: sp.metadataXml });
// Warm up (JIT, caches), not counted.
await runLogins(sp, started.url, 4, 300);

console.log(
  `mock makelaar benchmark (${started.url}, Node ${process.version}, Advice ${process.env.BENCH_ADVICE === "off" ? "off" : "on"})`,
);
console.log(`raw RSA-2048 signatures per CPU second (one core): ${Math.round(rsa)}`);
console.log(
  `start-up: ${started.startupMs.toFixed(0)} ms for startServer (keys cached), ${started.processToListeningMs.toFixed(0)} ms from process start to listening`,
);
let serverRsaAt8 = 0;
for (const round of ROUNDS) {
  const before = await makelaar.ask<Usage>({ cmd: "usage" });
  const clientBefore = process.cpuUsage();
  const result = await runLogins(sp, started.url, round.clients, round.logins);
  const clientCpu = cpuMs({ user: 0, system: 0 }, process.cpuUsage(clientBefore));
  const after = await makelaar.ask<Usage>({ cmd: "usage" });
  const serverMs = cpuMs(before.cpu, after.cpu) / round.logins;
  serverRsaAt8 = serverMs * (rsa / 1000);
  console.log(
    `${round.clients} client${round.clients > 1 ? "s" : " "}: ${round.logins} logins, ${result.perSecond.toFixed(0)} logins/s, ` +
      `server CPU ${serverMs.toFixed(2)} ms per login (= ${serverRsaAt8.toFixed(1)} raw RSA signatures), ` +
      `client CPU ${(clientCpu / round.logins).toFixed(2)} ms per login\n` +
      `  whole login (the client's signing, checking and decrypting included): ${percentiles(result.results.map((t) => t.total))}\n` +
      `  its two round trips to the makelaar (SSO request, ArtifactResolve):  ${percentiles(result.results.map((t) => t.makelaar))}`,
  );
}
/**
 * Server CPU per pair of requests shaped like a login's two round trips
 * (same URL, body and answer sizes), at 8 clients, in raw RSA signatures.
 */
async function floorCpu(kind: "express" | "node", size: Sizes, pairs: number): Promise<number> {
  const floor = await makelaar.ask<{ url: string }>({
    cmd: "floor",
    kind,
    locationBytes: size.location,
    answerBytes: size.answer,
  });
  const query = `?SAMLRequest=${"q".repeat(Math.max(0, size.requestUrl - 60))}`;
  const resolveBody = "r".repeat(size.resolve);
  const pair = async () => {
    const redirect = await fetchKeepAlive(`${floor.url}/sso${query}`);
    const answer = await fetchKeepAlive(`${floor.url}/ars`, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8" },
      body: resolveBody,
    });
    if (redirect.status !== 303 || (await answer.text()).length !== size.answer)
      throw new Error(`the ${kind} floor answered wrongly`);
  };
  await run(8, 500, pair);
  const before = await makelaar.ask<Usage>({ cmd: "usage" });
  await run(8, pairs, pair);
  const after = await makelaar.ask<Usage>({ cmd: "usage" });
  return (cpuMs(before.cpu, after.cpu) / pairs) * (rsa / 1000);
}

if (sizes && ROUNDS.length > 0) {
  // The floor: what any makelaar on Node (and Express) pays for these two
  // round trips, plus the cryptography this answer needs besides its signatures.
  const pairs = ROUNDS[ROUNDS.length - 1]!.logins;
  const onExpress = await floorCpu("express", sizes, pairs);
  const onNode = await floorCpu("node", sizes, pairs);
  const crypto = cryptoFloor(sp, sizes, rsa);
  const floorRsa = 4 + onExpress + crypto;
  console.log(
    `floor per login at 8 clients, in raw RSA signatures (the same two round trips: ${sizes.requestUrl} B request URL, ` +
      `${sizes.resolve} B ArtifactResolve, ${sizes.answer} B answer; ${sizes.encryptedKeys} key transports, ` +
      `${sizes.encryptedData} encrypted identifiers, 2 signature checks):\n` +
      `  4 signatures + ${onExpress.toFixed(1)} Node HTTP and Express + ${crypto.toFixed(1)} other cryptography = ${floorRsa.toFixed(1)}` +
      ` (without Express: ${(4 + onNode + crypto).toFixed(1)}, of which ${onNode.toFixed(1)} Node HTTP)\n` +
      `  the makelaar's own work above the floor: ${(serverRsaAt8 - floorRsa).toFixed(1)}`,
  );
}
if (SOAK_LOGINS > 0) {
  // Memory at the start, halfway and at the end: once the bounded stores are
  // full, the second half must not grow.
  const start = await makelaar.ask<Usage>({ cmd: "usage" });
  const first = await runLogins(sp, started.url, 8, SOAK_LOGINS / 2);
  const half = await makelaar.ask<Usage>({ cmd: "usage" });
  const second = await runLogins(sp, started.url, 8, SOAK_LOGINS / 2);
  const end = await makelaar.ask<Usage>({ cmd: "usage" });
  const at = (usage: Usage) =>
    `heap ${mb(usage.memory.heapUsed)}, RSS ${mb(usage.memory.rss)} (${Object.entries(usage.stores)
      .map(([name, size]) => `${name} ${size}`)
      .join(", ")})`;
  console.log(
    `memory over ${SOAK_LOGINS} more logins (8 clients, ${((first.perSecond + second.perSecond) / 2).toFixed(0)} logins/s, ` +
      `server CPU ${(cpuMs(start.cpu, end.cpu) / SOAK_LOGINS).toFixed(2)} ms per login):\n` +
      `  before:  ${at(start)}\n  halfway: ${at(half)}\n  after:   ${at(end)}`,
  );
}
await makelaar.stop();
