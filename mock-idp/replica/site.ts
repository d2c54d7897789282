// What a replica site is to the harness: a host name, an app, and (for a
// service provider of the makelaar) the SP it logs in with. Each site's folder
// exports one SiteDefinition; replica/sites.ts lists them.
import type { RequestListener } from "node:http";
import type { TestKeyPair } from "../saml-core/keys.ts";
import type { WorldState } from "../world/state.ts";
import type { EherkenningClient } from "./eherkenning-client.ts";

export interface SiteContext {
  /** The world every site and the makelaar share. */
  readonly world: WorldState;
  /** The site's SAML side, when it defines a serviceProvider. */
  readonly eherkenning?: EherkenningClient;
  /** The harness's TEST key for what a site publishes signed (the catalogue). */
  readonly publishingKeys: TestKeyPair;
}

export interface ReplicaSite {
  readonly app: RequestListener;
  /** Back to a fresh start (sessions, pending messages) when the harness resets. */
  reset?(): void;
}

/** A site that logs in with eHerkenning: its SP is registered with the makelaar. */
export interface ReplicaServiceProvider {
  /** Short name for its TEST key files, e.g. "duo". */
  readonly keyName: string;
  readonly entityID: string;
  /** Path of the AssertionConsumerService on the site's host. */
  readonly acsPath: string;
  readonly service: { readonly serviceID: string; readonly name: string };
}

export interface SiteDefinition<S extends ReplicaSite = ReplicaSite> {
  /** The real host name the site answers to, e.g. mijn.duo.nl. */
  readonly host: string;
  readonly serviceProvider?: ReplicaServiceProvider;
  create(context: SiteContext): S;
}
