// The replica world on one HTTPS listener: the mock makelaar and the replica
// sites, routed by the Host header, with a TEST certificate for every host.
// Browsers reach it through Chromium's --host-resolver-rules (see
// replica/hosts.ts), so pages keep their real, port-less URLs.
import { createHash } from "node:crypto";
import { once } from "node:events";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { createMakelaar, type Makelaar } from "./makelaar/app.ts";
import { makelaarEndpoints } from "./makelaar/saml/metadata.ts";
import { registerServiceProvider } from "./makelaar/saml/sp-registration.ts";
import { escapeHtml } from "./shared/html.ts";
import {
  ALL_HOSTS,
  HOSTS,
  hostOf,
  hostResolverRules,
  MAKELAAR_BASE_URL,
  type HostKey,
} from "./replica/hosts.ts";
import { loopbackFetch } from "./replica/loopback-fetch.ts";
import { createReplicaSp, eherkenningClient } from "./replica/saml-client.ts";
import type { ReplicaSite, SiteDefinition } from "./replica/site.ts";
import { REPLICA_SITES, type SiteKey, type Sites } from "./replica/sites.ts";
import type { MijnDuo } from "./replica/duo/app.ts";
import type { Zuiderwaard } from "./replica/zuiderwaard/app.ts";
import { testKeyPair } from "./saml-core/keys.ts";
import type { ServiceProvider } from "./sp/index.ts";
import { defaultWorld } from "./world/default.ts";
import type { World } from "./world/model.ts";
import { WorldState } from "./world/state.ts";

/** The replica SPs' entityIDs: their providers' (INVENTED) OINs, test index 9001. */
export const REPLICA_SP_ENTITY_IDS = Object.freeze({
  mijnDuo: REPLICA_SITES.mijnDuo.serviceProvider.entityID,
  zuiderwaard: REPLICA_SITES.zuiderwaard.serviceProvider.entityID,
});

export { HOSTS, ALL_HOSTS, hostResolverRules, hostResolverFlag } from "./replica/hosts.ts";

export interface HarnessOptions {
  /** 0 (the default) picks a free port; npm start uses 7443. */
  readonly port?: number;
  /** The address to bind; 127.0.0.1 unless told otherwise. */
  readonly host?: string;
  /** Starts the world's business clock at this moment (reset() returns to it). */
  readonly now?: Date;
  /** The world; the built-in default world when absent. */
  readonly world?: World;
  /** Where TEST keys are cached; mock-idp/saml-core/keys.ts's default when absent. */
  readonly keyDirectory?: string;
  /** Requires `Authorization: Bearer <token>` on every admin call (pass it when host is not 127.0.0.1). */
  readonly adminToken?: string;
}

export interface Harness {
  readonly port: number;
  /** The bound address, e.g. 127.0.0.1. */
  readonly address: string;
  /** The world the makelaar and every replica site share. */
  readonly world: WorldState;
  readonly makelaar: Makelaar;
  readonly hosts: typeof HOSTS;
  /** The public URL of a host (port-less: browsers reach it through the resolver rules). */
  url(host: HostKey, path?: string): string;
  /** Chromium's --host-resolver-rules value for this harness. */
  readonly hostResolverRules: string;
  /** The TEST certificate the listener presents (PEM), to trust it in a client. */
  readonly certificatePem: string;
  /** Every replica site, by its key in replica/sites.ts. */
  readonly sites: Sites;
  readonly mijnDuo: MijnDuo;
  readonly zuiderwaard: Zuiderwaard;
  /** Back to the configured world and clock; logs everyone out of the replica sites. */
  reset(): void;
  stop(): Promise<void>;
}

/** The TLS key's cache name follows the host list, so a new host gets a new certificate. */
function tlsKeyName(): string {
  const digest = createHash("sha256").update(ALL_HOSTS.join(",")).digest("hex").slice(0, 10);
  return `harness-tls-${digest}`;
}

function unknownHostPage(host: string): string {
  const links = ALL_HOSTS.map((h) => `<li><a href="https://${h}/">${h}</a></li>`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Unknown host</title></head>
<body style="font-family:sans-serif;max-width:640px;margin:40px auto;line-height:1.5">
<p style="background:#fdf1a6;padding:4px 8px">eh-overstap test environment</p>
<h1>No replica for “${escapeHtml(host || "(no Host header)")}”</h1>
<p>This is the eh-overstap replica harness. It serves only these hosts:</p><ul>${links}</ul>
<p>Map them to this listener with Chromium's <code>--host-resolver-rules</code> (see <code>npm run browser</code>).</p>
</body></html>`;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const keyDirectory = options.keyDirectory ? { directory: options.keyDirectory } : {};
  const [tls, catalogueSigning] = await Promise.all([
    testKeyPair(tlsKeyName(), {
      commonName: "eh-overstap replica harness TLS",
      dnsNames: ALL_HOSTS,
      ...keyDirectory,
    }),
    testKeyPair("aggregator-signing", {
      commonName: "eh-overstap replica aggregator catalogue signing",
      ...keyDirectory,
    }),
  ]);
  // The SPs exist before the makelaar (their metadata is part of its world, so
  // reset() keeps them registered) and follow its protocol clock once it is there.
  const created: { makelaar?: Makelaar } = {};
  const clock = (): Date => created.makelaar?.protocolNow() ?? new Date();
  const definitions = Object.entries(REPLICA_SITES) as [SiteKey, SiteDefinition][];
  const serviceProviders = new Map<SiteKey, ServiceProvider>();
  await Promise.all(
    definitions.map(async ([key, site]) => {
      const sp = site.serviceProvider;
      if (!sp) return;
      serviceProviders.set(
        key,
        await createReplicaSp({
          keyName: sp.keyName,
          entityID: sp.entityID,
          acsUrl: `https://${site.host}${sp.acsPath}`,
          service: sp.service,
          clock,
          ...keyDirectory,
        }),
      );
    }),
  );
  const base = options.world ?? defaultWorld();
  const ours = new Set([...serviceProviders.values()].map((sp) => sp.entityID));
  const world = new WorldState({
    ...base,
    serviceProviders: [
      ...base.serviceProviders.filter((sp) => !ours.has(sp.entityID)),
      ...[...serviceProviders.values()].map((sp) => ({
        entityID: sp.entityID,
        metadataXml: sp.metadataXml,
      })),
    ],
    ...(options.now ? { now: options.now } : {}),
  });
  const makelaar = await createMakelaar({
    baseUrl: MAKELAAR_BASE_URL,
    world,
    ...(options.adminToken !== undefined ? { admin: { token: options.adminToken } } : {}),
  });
  created.makelaar = makelaar;
  // Parses and checks every SP's metadata now, so a broken SP fails at start.
  for (const sp of serviceProviders.values())
    registerServiceProvider(makelaar.state, sp.metadataXml);

  // Artifacts are resolved over the harness's own listener, by the makelaar's host name.
  let listeningPort = 0;
  const toMakelaar: typeof fetch = (input, init) =>
    loopbackFetch({ port: listeningPort, certificatePem: tls.certificatePem })(input, init);
  const endpoints = makelaarEndpoints(makelaar);
  const built = definitions.map(([key, site]): [SiteKey, ReplicaSite] => {
    const sp = serviceProviders.get(key);
    const eherkenning =
      sp && site.serviceProvider
        ? eherkenningClient(sp, endpoints, site.serviceProvider.service.serviceID, toMakelaar)
        : undefined;
    return [
      key,
      site.create({
        world,
        publishingKeys: catalogueSigning,
        ...(eherkenning ? { eherkenning } : {}),
      }),
    ];
  });
  const sites = Object.fromEntries(built) as unknown as Sites;
  const routes = new Map<string, RequestListener>([
    [HOSTS.makelaar, makelaar.app],
    ...built.map(([key, site]): [string, RequestListener] => [HOSTS[key], site.app]),
  ]);

  const server: Server = createServer({ key: tls.privateKeyPem, cert: tls.certificatePem });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const host = hostOf(req.headers.host);
    const handler = routes.get(host);
    if (handler) return handler(req, res);
    res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    res.end(unknownHostPage(host));
  });
  // A client that drops a handshake must never bring the harness down.
  server.on("tlsClientError", () => undefined);
  server.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  listeningPort = address.port;

  return {
    port: address.port,
    address: address.address,
    world,
    makelaar,
    hosts: HOSTS,
    url: (host, path = "/") => `https://${HOSTS[host]}${path}`,
    hostResolverRules: hostResolverRules(address.port, address.address),
    certificatePem: tls.certificatePem,
    sites,
    mijnDuo: sites.mijnDuo,
    zuiderwaard: sites.zuiderwaard,
    reset() {
      makelaar.reset();
      for (const [, site] of built) site.reset?.();
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
