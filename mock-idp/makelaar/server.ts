// startServer: the mock makelaar alone on 127.0.0.1 (npm run mock-idp, tests).
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createMakelaar, type Makelaar } from "./app.ts";
import { namespaced, type NamespacedMakelaar } from "./namespaces.ts";
import type { World } from "../world/model.ts";

export interface ServerOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Where browsers and SPs reach it, when not http://<host>:<port> (a proxy, 0.0.0.0). */
  readonly baseUrl?: string;
  readonly world?: World;
  /** Requires `Authorization: Bearer <token>` on every admin call (admin/access.ts). */
  readonly adminToken?: string;
}

export interface RunningMakelaar {
  /** http://127.0.0.1:<port>, the base URL of every endpoint. */
  readonly url: string;
  readonly port: number;
  readonly makelaar: Makelaar;
  /**
   * A namespace's own makelaar (made on first use), as requests naming it by
   * the x-eh-overstap-namespace header or eh-overstap-namespace cookie reach it.
   */
  namespace(name: string): Promise<Makelaar>;
  stop(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningMakelaar> {
  const host = options.host ?? "127.0.0.1";
  // The base URL needs the port, so the server listens before the makelaar
  // exists: until then it answers 503, and if the makelaar cannot be built
  // (a bad world) it closes again, so a failed start leaves nothing open.
  const ready: { served?: NamespacedMakelaar } = {};
  const server: Server = createServer((req, res) => {
    if (ready.served) {
      ready.served.listener(req, res);
      return;
    }
    res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "1" });
    res.end("The mock makelaar is starting.\n");
  });
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  server.listen(options.port ?? 0, host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const url = options.baseUrl ?? `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let root: Makelaar;
  try {
    root = await createMakelaar({
      baseUrl: url,
      ...(options.world ? { world: options.world } : {}),
      ...(options.adminToken !== undefined ? { admin: { token: options.adminToken } } : {}),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  // Every namespace starts from the same world and shares the signing key.
  const served = namespaced(root, () =>
    createMakelaar({
      baseUrl: url,
      world: root.world.configured,
      signingKeys: root.signingKeys,
      // A namespace's admin API wants the same token as the server's.
      ...(options.adminToken !== undefined ? { admin: { token: options.adminToken } } : {}),
    }),
  );
  ready.served = served;
  return { url, port, makelaar: root, namespace: served.namespace, stop };
}
