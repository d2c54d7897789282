// The seam between the SAML protocol and the login pages. The protocol side
// turns a verified AuthnRequest into an AuthnRequestContext; the pages (or
// auto-login) produce a LoginOutcome; the protocol side answers the SP.
import {
  decideLogin,
  serviceRef,
  type CatalogueService,
  type Level,
  type RefusalReason,
} from "../../eherkenning/index.ts";
import type { SubStatus, TopStatus } from "./errors.ts";
import type { Organisation, Person } from "../world/model.ts";
import type { WorldState } from "../world/state.ts";

export interface AuthnRequestContext {
  /** The AuthnRequest's ID, answered as InResponseTo. */
  readonly id: string;
  readonly spEntityID: string;
  /** Selected by AttributeConsumingServiceIndex. */
  readonly serviceID: string;
  readonly service: CatalogueService;
  /** From RequestedAuthnContext (Comparison minimum); absent when not asked. */
  readonly requestedLevel?: Level;
  /** The AssertionConsumerService the answer goes to. */
  readonly acs: {
    readonly url: string;
    readonly binding: "artifact" | "post";
    readonly index?: number;
  };
  readonly relayState?: string;
  /** How the request arrived. */
  readonly binding: "redirect" | "post";
  readonly forceAuthn: boolean;
}

export type LoginOutcome =
  | {
      readonly ok: true;
      readonly person: Person;
      readonly organisation: Organisation;
      readonly levelReached: Level;
      /** The level the machtiging that allowed the login is registered at (the MR states it). */
      readonly machtigingLevel: Level;
    }
  | {
      readonly ok: false;
      readonly status: TopStatus;
      readonly subStatus: SubStatus;
      /** English, sent as StatusMessage. */
      readonly message: string;
      /** Dutch, shown to the person. */
      readonly messageNl: string;
      /**
       * Why: an overstap rule's reason (the login pages pick their advice by
       * it), or what happened on the pages; logged for machines (LoggedAnswer).
       */
      readonly reason?: RefusalReason | PageRefusalReason;
    };

/** Refusals that come from the login pages, not from the overstap rules. */
export type PageRefusalReason =
  "CANCELLED" | "WRONG_PASSWORD" | "WRONG_CODE" | "NO_ORGANISATION" | "NOT_REPRESENTED";

export type LoginRefusal = Extract<LoginOutcome, { readonly ok: false }>;

export function failure(
  status: TopStatus,
  subStatus: SubStatus,
  message: string,
  messageNl: string,
  reason?: RefusalReason | PageRefusalReason,
): LoginRefusal {
  return { ok: false, status, subStatus, message, messageNl, ...(reason ? { reason } : {}) };
}

export const CANCELLED = failure(
  "Responder",
  "AuthnFailed",
  "The user cancelled the login at the makelaar.",
  "U heeft het inloggen afgebroken.",
  "CANCELLED",
);

/**
 * Judges a login of this person for this organisation against the request,
 * the catalogue, transitions and the business clock, with the shared rules.
 */
export function decideFor(
  world: WorldState,
  context: AuthnRequestContext,
  personId: string,
  kvk: string,
): LoginOutcome {
  const person = world.person(personId);
  if (!person) {
    return failure(
      "Responder",
      "AuthnFailed",
      `Unknown person "${personId}".`,
      "Onbekende persoon.",
    );
  }
  const organisation = world.organisation(kvk);
  const representation = person.representations.find((r) => r.kvk === kvk);
  if (!organisation || !representation) {
    return failure(
      "Responder",
      "AuthnFailed",
      `The person does not represent an organisation with KvK number ${kvk}.`,
      `U vertegenwoordigt geen organisatie met KvK-nummer ${kvk}.`,
      "NOT_REPRESENTED",
    );
  }
  const decision = decideLogin({
    service: serviceRef(context.service),
    ...(context.requestedLevel ? { requestedLevel: context.requestedLevel } : {}),
    transitions: world.transitions,
    now: world.now(),
    middelLevel: person.middel.level,
    machtigingen: representation.machtigingen,
  });
  if (!decision.ok) {
    return failure(
      decision.status,
      decision.subStatus,
      decision.message.en,
      decision.message.nl,
      decision.reason,
    );
  }
  return {
    ok: true,
    person,
    organisation,
    levelReached: decision.levelReached,
    machtigingLevel: decision.machtiging.level,
  };
}
