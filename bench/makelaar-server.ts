// The server half of `npm run bench:makelaar` and `npm run bench:soak`: one
// mock makelaar in its own process (so process.cpuUsage and RSS count only the
// server), on 127.0.0.1, driven over IPC by the benchmark. Not for use outside
// the benchmarks.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { SOAP_CONTENT_TYPES } from "../mock-idp/makelaar/saml/ars.ts";
import { MAX_FORM_BYTES } from "../mock-idp/makelaar/saml/routes.ts";
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
  /** Starts the HTTP floor (below) answering with these sizes; answers its URL. */
  | { cmd: "floor"; kind: FloorKind; locationBytes: number; answerBytes: number }
  | { cmd: "stop" };

/** The floor on Express (as the makelaar), or on Node's HTTP server alone. */
type FloorKind = "express" | "node";

/**
 * The floor under a login's two round trips: a server that answers the same
 * two requests with headers and bodies of the same size and does nothing
 * else (no XML, no crypto). On Express with the makelaar's body parser, its
 * CPU per pair is what Node's HTTP stack and Express cost whatever the
 * makelaar does; on node:http alone, what is left without Express.
 */
function startFloor(kind: FloorKind, locationBytes: number, answerBytes: number): Promise<string> {
  const location = `https://dv.example/acs?SAMLart=${"A".repeat(Math.max(0, locationBytes - 32))}`;
  const answer = "x".repeat(answerBytes);
  let floor: Server;
  if (kind === "express") {
    const app = express();
    app.disable("x-powered-by");
    app.get("/sso", (_req, res) => {
      res.set("Cache-Control", "no-cache, no-store").redirect(303, location);
    });
    app.post(
      "/ars",
      express.text({ type: SOAP_CONTENT_TYPES, limit: MAX_FORM_BYTES }),
      (req, res) => {
        if (typeof req.body !== "string" || req.body.length === 0) res.status(400).end();
        else res.type("text/xml").send(answer);
      },
    );
    floor = createServer(app);
  } else {
    floor = createServer((req, res) => {
      if (req.method === "GET") {
        res.writeHead(303, { location, "cache-control": "no-cache, no-store" }).end();
        return;
      }
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        res.writeHead(body ? 200 : 400, { "content-type": "text/xml; charset=utf-8" });
        res.end(body ? answer : undefined);
      });
    });
  }
  return new Promise((resolve) => {
    floor.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(floor.address() as AddressInfo).port}`),
    );
  });
}

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
    case "floor":
      void startFloor(message.kind, message.locationBytes, message.answerBytes).then((url) =>
        process.send!({ url }),
      );
      break;
    case "stop":
      void server.stop().then(() => process.exit(0));
      break;
  }
});

process.send!({ url: server.url, startupMs, processToListeningMs });
