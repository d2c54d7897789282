// npm run bench:makelaar: full artifact logins (signed AuthnRequest by
// Redirect, auto-login, SAMLart, signed ArtifactResolve, verify and decrypt)
// against one mock makelaar in a child process on 127.0.0.1, with 1 and 8
// concurrent clients, then 20,000 logins to show memory stays flat.
// Targets (issue 10, with Advice): server CPU per login <= 6 raw RSA-2048
// signatures (4 of them are the signatures themselves), p95 < 30 ms at 8
// clients, memory flat over 20,000 logins; start-up < 500 ms.
// BENCH_ADVICE=off runs the makelaar without Advice, for the figures before it.
import { generateKeyPairSync, sign } from "node:crypto";
import { Agent } from "node:http";
import { testKeyPair } from "../mock-idp/saml-core/keys.ts";
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

async function login(sp: ServiceProvider, url: string): Promise<number> {
  const start = performance.now();
  const request = sp.authnRequest({
    serviceIndex: 1,
    binding: "redirect",
    destination: `${url}/broker/sso/1.13`,
  });
  const redirect = await fetchKeepAlive(request.url!);
  const samlArt = new URL(redirect.headers.get("location") ?? "").searchParams.get("SAMLart");
  if (redirect.status !== 303 || !samlArt) throw new Error(`login failed: HTTP ${redirect.status}`);
  const result = await sp.resolveArtifact(samlArt, {
    arsUrl: `${url}/broker/ars/1.13`,
    fetch: fetchKeepAlive,
  });
  if (!result.ok || result.level !== "EH3")
    throw new Error(`login refused: ${JSON.stringify(result)}`);
  return performance.now() - start;
}

async function run(sp: ServiceProvider, url: string, clients: number, logins: number) {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < logins) {
        next++;
        latencies.push(await login(sp, url));
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: logins / seconds, p50: at(0.5), p95: at(0.95) };
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
  keys: {
    signing: await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" }),
    encryption: await testKeyPair("sp-encryption", {
      commonName: "eh-overstap test SP encryption",
    }),
  },
  makelaarMetadataUrl: `${started.url}/broker/metadata/1.13`,
  // Full verification, with the fast verifier, so the client's CPU does not hide the server's latency.
  verifier: "direct",
});
await makelaar.ask({ cmd: "register", metadata: sp.metadataXml });
// Warm up (JIT, caches), not counted.
await run(sp, started.url, 4, 300);

console.log(
  `mock makelaar benchmark (${started.url}, Node ${process.version}, Advice ${process.env.BENCH_ADVICE === "off" ? "off" : "on"})`,
);
console.log(`raw RSA-2048 signatures per CPU second (one core): ${Math.round(rsa)}`);
console.log(
  `start-up: ${started.startupMs.toFixed(0)} ms for startServer (keys cached), ${started.processToListeningMs.toFixed(0)} ms from process start to listening`,
);
for (const round of ROUNDS) {
  const before = await makelaar.ask<Usage>({ cmd: "usage" });
  const clientBefore = process.cpuUsage();
  const result = await run(sp, started.url, round.clients, round.logins);
  const clientCpu = cpuMs({ user: 0, system: 0 }, process.cpuUsage(clientBefore));
  const after = await makelaar.ask<Usage>({ cmd: "usage" });
  console.log(
    `${round.clients} client${round.clients > 1 ? "s" : " "}: ${round.logins} logins, ${result.perSecond.toFixed(0)} logins/s, ` +
      `p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ` +
      `server CPU ${(cpuMs(before.cpu, after.cpu) / round.logins).toFixed(2)} ms per login ` +
      `(= ${((cpuMs(before.cpu, after.cpu) / round.logins) * (rsa / 1000)).toFixed(1)} raw RSA signatures)` +
      `, client CPU ${(clientCpu / round.logins).toFixed(2)} ms`,
  );
}
if (SOAK_LOGINS > 0) {
  // Memory at the start, halfway and at the end: once the bounded stores are
  // full, the second half must not grow.
  const start = await makelaar.ask<Usage>({ cmd: "usage" });
  const first = await run(sp, started.url, 8, SOAK_LOGINS / 2);
  const half = await makelaar.ask<Usage>({ cmd: "usage" });
  const second = await run(sp, started.url, 8, SOAK_LOGINS / 2);
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
