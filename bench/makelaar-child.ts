// What the makelaar benchmarks share: the makelaar in a child process
// (bench/makelaar-server.ts) spoken to over IPC, and a small HTTP client.
import { fork } from "node:child_process";
import { once } from "node:events";
import { request as httpRequest, type Agent } from "node:http";
import { fileURLToPath } from "node:url";

/** What the child answers to { cmd: "usage" }. */
export interface Usage {
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
  stores: Record<string, number>;
}

export interface MakelaarChild<Started> {
  /** The child's first message: its URL and start-up figures. */
  started: Started;
  /** Sends a command and waits for its answer (answers come in order). */
  ask<T>(message: object): Promise<T>;
  /** Stops the makelaar: it answers "stop" by exiting, not with a message. */
  stop(): Promise<void>;
}

export async function startMakelaarChild<Started>(
  execArgv: string[] = [],
): Promise<MakelaarChild<Started>> {
  const child = fork(fileURLToPath(new URL("./makelaar-server.ts", import.meta.url)), {
    execArgv: ["--import", "tsx", "--expose-gc", ...execArgv],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [started] = (await once(child, "message")) as [Started];
  const replies: ((answer: unknown) => void)[] = [];
  child.on("message", (answer) => replies.shift()?.(answer));
  return {
    started,
    ask: <T>(message: object) =>
      new Promise<T>((resolve) => {
        replies.push(resolve as (answer: unknown) => void);
        child.send(message);
      }),
    stop: async () => {
      const exited = once(child, "exit");
      child.send({ cmd: "stop" });
      await exited;
    },
  };
}

/**
 * A fetch over node:http, lighter than the global fetch, so less of the
 * shared cores goes to the client. With a keep-alive agent, a request on a
 * reused socket that the server closed as idle just as it was reused is sent
 * once more: it never reached the server (Node's documented pattern, http
 * "request.reusedSocket").
 */
export function lightFetch(agent: Agent): typeof fetch {
  const send = (input: string, init: RequestInit, retried: boolean): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      const req = httpRequest(input, { method: init.method ?? "GET", agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === "string") out.set(name, value);
          }
          const status = res.statusCode ?? 500;
          resolve(
            new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: out }),
          );
        });
      });
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (!retried && req.reusedSocket && error.code === "ECONNRESET") {
          send(input, init, true).then(resolve, reject);
        } else reject(error);
      });
      req.end(typeof init.body === "string" ? init.body : undefined);
    });
  return ((input: string, init: RequestInit = {}) => send(input, init, false)) as typeof fetch;
}
