// npm run bench:makelaar: full artifact logins (signed AuthnRequest by
// Redirect, auto-login, SAMLart, signed ArtifactResolve, verify and decrypt)
// against one mock makelaar in a child process on 127.0.0.1, with 1 and 8
// concurrent clients, then 20,000 logins to show memory stays flat.
// Targets: <= 3 ms server CPU per login, p95 < 50 ms at 8 clients, start-up < 500 ms.
import { fork, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, sign } from "node:crypto";
import { fileURLToPath } from "node:url";
import { testKeyPair } from "../mock-idp/keys.ts";
import { SP_ENTITY_ID, SP_SERVICES } from "../mock-idp/saml/test-support.ts";
import { createServiceProvider, type ServiceProvider } from "../mock-idp/sp/index.ts";

const ROUNDS = [
  { clients: 1, logins: Number(process.env.BENCH_LOGINS_1 ?? 1000) },
  { clients: 8, logins: Number(process.env.BENCH_LOGINS_8 ?? 4000) },
];
const SOAK_LOGINS = Number(process.env.BENCH_SOAK_LOGINS ?? 20_000);

interface Usage {
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
  stores: Record<string, number>;
}

function ask<T>(child: ChildProcess, message: object): Promise<T> {
  return new Promise((resolve) => {
    child.once("message", (answer) => resolve(answer as T));
    child.send(message);
  });
}

function rsaSignaturesPerSecond(): number {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const data = Buffer.alloc(64, 1);
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < 1000) {
    sign("sha256", data, privateKey);
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

async function login(sp: ServiceProvider, url: string): Promise<number> {
  const start = performance.now();
  const request = sp.authnRequest({
    serviceIndex: 1,
    binding: "redirect",
    destination: `${url}/broker/sso/1.13`,
  });
  const redirect = await fetch(request.url!, { redirect: "manual" });
  await redirect.arrayBuffer();
  const samlArt = new URL(redirect.headers.get("location") ?? "").searchParams.get("SAMLart");
  if (redirect.status !== 303 || !samlArt) throw new Error(`login failed: HTTP ${redirect.status}`);
  const result = await sp.resolveArtifact(samlArt, { arsUrl: `${url}/broker/ars/1.13` });
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
const child = fork(fileURLToPath(new URL("./makelaar-server.ts", import.meta.url)), {
  execArgv: [
    "--import",
    "tsx",
    "--expose-gc",
    ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []),
  ],
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const started = await new Promise<{ url: string; startupMs: number; processToListeningMs: number }>(
  (resolve) => child.once("message", (m) => resolve(m as never)),
);
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
await ask(child, { cmd: "register", metadata: sp.metadataXml });
// Warm up (JIT, caches), not counted.
await run(sp, started.url, 4, 300);

console.log(`mock makelaar benchmark (${started.url}, Node ${process.version})`);
console.log(`raw RSA-2048 signatures per second (one core): ${Math.round(rsa)}`);
console.log(
  `start-up: ${started.startupMs.toFixed(0)} ms for startServer (keys cached), ${started.processToListeningMs.toFixed(0)} ms from process start to listening`,
);
for (const round of ROUNDS) {
  const before = await ask<Usage>(child, { cmd: "usage" });
  const clientBefore = process.cpuUsage();
  const result = await run(sp, started.url, round.clients, round.logins);
  const clientCpu = cpuMs({ user: 0, system: 0 }, process.cpuUsage(clientBefore));
  const after = await ask<Usage>(child, { cmd: "usage" });
  console.log(
    `${round.clients} client${round.clients > 1 ? "s" : " "}: ${round.logins} logins, ${result.perSecond.toFixed(0)} logins/s, ` +
      `p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ` +
      `server CPU ${(cpuMs(before.cpu, after.cpu) / round.logins).toFixed(2)} ms per login ` +
      `(client ${(clientCpu / round.logins).toFixed(2)} ms)`,
  );
}
if (SOAK_LOGINS > 0) {
  const before = await ask<Usage>(child, { cmd: "usage" });
  const result = await run(sp, started.url, 8, SOAK_LOGINS);
  const after = await ask<Usage>(child, { cmd: "usage" });
  console.log(
    `memory over ${SOAK_LOGINS} logins (8 clients, ${result.perSecond.toFixed(0)} logins/s, server CPU ${(cpuMs(before.cpu, after.cpu) / SOAK_LOGINS).toFixed(2)} ms per login): ` +
      `heap ${mb(before.memory.heapUsed)} -> ${mb(after.memory.heapUsed)}, RSS ${mb(before.memory.rss)} -> ${mb(after.memory.rss)}; ` +
      `stores after: ${Object.entries(after.stores)
        .map(([name, size]) => `${name} ${size}`)
        .join(", ")}`,
  );
}
await ask(child, { cmd: "stop" }).catch(() => undefined);
child.kill();
