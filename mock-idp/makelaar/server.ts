// startServer: the mock makelaar alone on 127.0.0.1 (npm run mock-idp, tests).
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { isIP, type AddressInfo } from "node:net";
import { testKeyPair } from "../saml-core/keys.ts";
import { createMakelaar, type Makelaar } from "./app.ts";
import { ENDPOINTS } from "./endpoints.ts";
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
  /**
   * Artifact resolution over mutual TLS only: a second, HTTPS listener (TEST
   * server certificate) that asks each client for its certificate and serves
   * only the ARS; the metadata names it, and the plain ARS refuses.
   */
  readonly mutualTls?: boolean;
  /** Send the AD's and MR's assertions in saml:Advice (default true, as real makelaars do). */
  readonly advice?: boolean;
  /**
   * Accept a ds:X509Data in a message signature's KeyInfo (still verified with
   * the metadata's certificate only): pysaml2 puts one in every message it signs.
   */
  readonly allowX509DataInMessages?: boolean;
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
  /** With mutualTls: the HTTPS ARS and the TEST certificate its clients must trust. */
  readonly mutualTls: { readonly arsUrl: string; readonly serverCertificatePem: string } | null;
  stop(): Promise<void>;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The HTTPS listener for artifact resolution: it asks every client for a
 * certificate but lets the ARS judge it (an SP's certificate is self-signed,
 * so "authorized" says nothing; the SP's metadata decides), and serves no
 * other path.
 */
async function startMutualTlsArs(host: string, listener: () => Listener | undefined) {
  const keys = await testKeyPair("makelaar-tls", {
    commonName: "eh-overstap mock makelaar TLS",
    dnsNames: ["localhost"],
    ipAddresses: ["127.0.0.1", "::1"],
  });
  const server = createHttpsServer(
    {
      key: keys.privateKeyPem,
      cert: keys.certificatePem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const serve = listener();
      if (serve && req.url?.split("?")[0] === ENDPOINTS.ars) {
        serve(req, res);
        return;
      }
      res.writeHead(serve ? 404 : 503, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(
        serve ? `Only artifact resolution (${ENDPOINTS.ars}) is served here.\n` : "Starting.\n",
      );
    },
  );
  server.listen(0, host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const hostInUrl = isIP(host) === 6 ? `[${host}]` : host;
  return {
    server,
    arsUrl: `https://${hostInUrl}:${port}${ENDPOINTS.ars}`,
    serverCertificatePem: keys.certificatePem,
  };
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
  const close = (closing: Pick<Server, "close" | "closeAllConnections">) =>
    new Promise<void>((resolve, reject) => {
      closing.close((error) => (error ? reject(error) : resolve()));
      closing.closeAllConnections();
    });
  server.listen(options.port ?? 0, host);
  await once(server, "listening");
  const tls = options.mutualTls
    ? await startMutualTlsArs(host, () => ready.served?.listener)
    : null;
  const stop = async () => {
    await Promise.all([close(server), ...(tls ? [close(tls.server)] : [])]);
  };
  const { port } = server.address() as AddressInfo;
  const url = options.baseUrl ?? `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let root: Makelaar;
  try {
    root = await createMakelaar({
      baseUrl: url,
      ...(options.world ? { world: options.world } : {}),
      ...(options.adminToken !== undefined ? { admin: { token: options.adminToken } } : {}),
      ...(tls ? { mutualTlsArsUrl: tls.arsUrl } : {}),
      ...(options.advice !== undefined ? { advice: options.advice } : {}),
      ...(options.allowX509DataInMessages !== undefined
        ? { allowX509DataInMessages: options.allowX509DataInMessages }
        : {}),
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
      ...(tls ? { mutualTlsArsUrl: tls.arsUrl } : {}),
      ...(options.advice !== undefined ? { advice: options.advice } : {}),
      ...(options.allowX509DataInMessages !== undefined
        ? { allowX509DataInMessages: options.allowX509DataInMessages }
        : {}),
    }),
  );
  ready.served = served;
  const mutualTls = tls
    ? { arsUrl: tls.arsUrl, serverCertificatePem: tls.serverCertificatePem }
    : null;
  return { url, port, makelaar: root, namespace: served.namespace, mutualTls, stop };
}
