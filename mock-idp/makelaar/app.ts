// createMakelaar builds the mock makelaar: an Express app that never listens
// (server.ts or the replica harness does that), its protocol state over a
// world (its own, or one shared with the replica sites), and its test signing
// key. Routes come from three modules: the SAML protocol, the
// login pages people walk through, and the admin API tests drive.
import express from "express";
import { MOCK_MAKELAAR_OIN } from "../../eherkenning/fixtures/catalogue.ts";
import { entityId, TEST_ENTITY_INDEX } from "../../eherkenning/index.ts";
import { adminRoutes } from "./admin/routes.ts";
import { lastResort } from "./error-responses.ts";
import { certificateSha1, type EncryptedIdLayout } from "../saml-core/encryption.ts";
import { testKeyPair, type TestKeyPair } from "../saml-core/keys.ts";
import { defaultWorld } from "../world/default.ts";
import type { World } from "../world/model.ts";
import { WorldState } from "../world/state.ts";
import { loginRoutes } from "./login/routes.ts";
import type { AdviceParties, AdviceParty, Makelaar } from "./makelaar.ts";
import { samlRoutes } from "./saml/routes.ts";
import { MakelaarState } from "./state.ts";

export type { Makelaar } from "./makelaar.ts";

/** The makelaar's entityID, at the index kept for test systems. */
export const MAKELAAR_ENTITY_ID = entityId("HM", MOCK_MAKELAAR_OIN, TEST_ENTITY_INDEX);
/** The simulated authentication service (AD) and machtigingenregister (MR), run by the same participant. */
export const AD_ENTITY_ID = entityId("AD", MOCK_MAKELAAR_OIN, TEST_ENTITY_INDEX);
export const MR_ENTITY_ID = entityId("MR", MOCK_MAKELAAR_OIN, TEST_ENTITY_INDEX);

export interface MakelaarOptions {
  /** Where browsers and SPs reach the makelaar, without a trailing slash. */
  readonly baseUrl: string;
  /** A world to build, or a running one to share (the harness shares it with the replica sites). */
  readonly world?: World | WorldState;
  readonly signingKeys?: TestKeyPair;
  /** "network" (the default) or "nested": where an EncryptedID's EncryptedKey sits. */
  readonly encryptedIdLayout?: EncryptedIdLayout;
  /** Send the AD's and MR's assertions in saml:Advice (default true, as real makelaars do). */
  readonly advice?: boolean;
  /** Who may use the admin API (admin/access.ts); the base URL's host is always served. */
  readonly admin?: {
    /** Requires `Authorization: Bearer <token>` on every admin call. */
    readonly token?: string;
    /** More host names the makelaar is reached by (a proxy's, say). */
    readonly hosts?: readonly string[];
  };
  /** Accept a ds:X509Data in a request's signature KeyInfo (default false: refused, naming the rule). */
  readonly allowX509DataInMessages?: boolean;
  /** The HTTPS ARS URL when artifact resolution runs over mutual TLS (server.ts makes that listener). */
  readonly mutualTlsArsUrl?: string;
}

async function adviceParty(role: "ad" | "mr", entityID: string): Promise<AdviceParty> {
  const keys = await testKeyPair(`makelaar-${role}`, {
    commonName: `eh-overstap mock ${role === "ad" ? "authentication service (AD)" : "machtigingenregister (MR)"} signing`,
  });
  return {
    entityID,
    oin: MOCK_MAKELAAR_OIN,
    keys,
    keyName: certificateSha1(keys.certificateBase64),
  };
}

/** The AD and MR with their TEST keys (generated once per install, then cached). */
export async function adviceParties(): Promise<AdviceParties> {
  const [ad, mr] = await Promise.all([
    adviceParty("ad", AD_ENTITY_ID),
    adviceParty("mr", MR_ENTITY_ID),
  ]);
  return {
    ad,
    mr,
    mrRecipient: {
      entityID: mr.entityID,
      certificate: mr.keys.certificateBase64,
      keyName: mr.keyName,
    },
  };
}

export async function createMakelaar(options: MakelaarOptions): Promise<Makelaar> {
  const signingKeys =
    options.signingKeys ??
    (await testKeyPair("makelaar-signing", { commonName: "eh-overstap mock makelaar signing" }));
  const world =
    options.world instanceof WorldState
      ? options.world
      : new WorldState(options.world ?? defaultWorld());
  const parties = await adviceParties();
  const state = new MakelaarState(
    MAKELAAR_ENTITY_ID,
    world.configured.serviceProviders,
    world.configured.shiftProtocolTime ?? false,
  );
  const app = express();
  app.disable("x-powered-by");
  const makelaar: Makelaar = {
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    entityID: MAKELAAR_ENTITY_ID,
    world,
    state,
    signingKeys,
    answers: {
      encryptedIdLayout: options.encryptedIdLayout ?? "network",
      advice: options.advice ?? true,
      allowX509DataInMessages: options.allowX509DataInMessages ?? false,
    },
    adviceParties: parties,
    mutualTls: options.mutualTlsArsUrl ? { arsUrl: options.mutualTlsArsUrl } : null,
    app,
    // Two clocks: the business date judges the overstap; protocol time stays
    // real unless a test shifts it on purpose (to test an SP's time checks).
    protocolNow: () => (state.protocolTimeShifted ? world.now() : new Date()),
    reset() {
      world.reset();
      state.reset();
    },
  };
  app.use(samlRoutes(makelaar));
  app.use(loginRoutes(makelaar));
  app.use(
    adminRoutes(makelaar, {
      hosts: [new URL(makelaar.baseUrl).hostname, ...(options.admin?.hosts ?? [])],
      ...(options.admin?.token !== undefined ? { token: options.admin.token } : {}),
    }),
  );
  app.use(lastResort);
  return makelaar;
}
