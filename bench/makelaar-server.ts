// The server half of `npm run bench:makelaar` and `npm run bench:soak`: one
// mock makelaar in its own process (so process.cpuUsage and RSS count only the
// server), on 127.0.0.1, driven over IPC by the benchmark. Not for use outside
// the benchmarks.
import { registerServiceProvider } from "../mock-idp/makelaar/saml/sp-registration.ts";
import { startServer } from "../mock-idp/makelaar/server.ts";
import { PERSONS, SCHOOL, testWorld } from "../mock-idp/makelaar/saml/test-support.ts";

const callStart = performance.now();
// BENCH_ADVICE=off: answers without the AD's and MR's assertions (the "before Advice" figures).
const server = await startServer({
  world: testWorld(),
  advice: process.env.BENCH_ADVICE !== "off",
});
const startupMs = performance.now() - callStart;
/** From process start (performance.timeOrigin) to listening, including loading the code. */
const processToListeningMs = performance.now();
server.makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };

type Command =
  | { cmd: "register"; metadata: string }
  /** With gc false, memory as it is under load (no collection forced first). */
  | { cmd: "usage"; gc?: boolean }
  | { cmd: "stop" };

const gc = (globalThis as { gc?: () => void }).gc;

process.on("message", (message: Command) => {
  switch (message.cmd) {
    case "register":
      registerServiceProvider(server.makelaar.state, message.metadata);
      process.send!({ ok: true });
      break;
    case "usage":
      if (message.gc !== false) gc?.();
      process.send!({
        cpu: process.cpuUsage(),
        memory: process.memoryUsage(),
        stores: {
          seenRequestIds: server.makelaar.state.seenRequestIds.size,
          artifacts: server.makelaar.state.artifacts.size,
          artifactBytes: server.makelaar.state.artifacts.bytes,
          requests: server.makelaar.state.requests.length,
        },
      });
      break;
    case "stop":
      void server.stop().then(() => process.exit(0));
      break;
  }
});

process.send!({ url: server.url, startupMs, processToListeningMs });
