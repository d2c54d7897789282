// The overstap rules: which level a login must reach for a service on a given
// date, and whether a person's middel and machtiging get them in. The mock
// makelaar decides logins with these functions and the extension explains
// them with the same ones, so the two cannot disagree.
import type { CatalogueService } from "./catalogue/lookup.ts";
import { isoDutchDay, longDutchDay } from "./dates.ts";
import { EH1_RETIRED_ON, compareLevels, isAtLeast, lowerOf, type Level } from "./levels.ts";

/** A period in which a service still accepts a level below its catalogue level. */
export interface Transition {
  /** ServiceUUID of the service definition. */
  readonly serviceUUID: string;
  /** The lower level still accepted. */
  readonly acceptedLevel: Level;
  /** Start of the window; open when absent. */
  readonly from?: Date;
  /** The first moment the lower level is no longer accepted. */
  readonly until: Date;
}

export type MachtigingScope =
  | { readonly kind: "service"; readonly serviceUUID: string }
  | { readonly kind: "provider"; readonly providerOIN: string }
  | { readonly kind: "all" };

/** An organisation's authorisation for one person. */
export interface Machtiging {
  readonly scope: MachtigingScope;
  readonly level: Level;
  readonly validFrom?: Date;
  /** First moment it is no longer valid; open when absent. */
  readonly validUntil?: Date;
}

export interface ServiceRef {
  readonly serviceUUID: string;
  readonly providerOIN: string;
  /** The catalogue level, the service's maximum. */
  readonly catalogueLevel: Level;
}

/** What the overstap rules need of a catalogue service. */
export function serviceRef(
  service: Pick<CatalogueService, "serviceUUID" | "providerOIN" | "level">,
): ServiceRef {
  return {
    serviceUUID: service.serviceUUID,
    providerOIN: service.providerOIN,
    catalogueLevel: service.level,
  };
}

export type RefusalReason =
  | "REQUEST_ABOVE_CATALOGUE_LEVEL"
  | "EH1_REQUESTED_AFTER_RETIREMENT"
  | "EH1_MIDDEL_RETIRED"
  | "MIDDEL_TOO_LOW"
  | "NO_MACHTIGING"
  | "MACHTIGING_NOT_YET_VALID"
  | "MACHTIGING_EXPIRED"
  | "MACHTIGING_TOO_LOW";

/**
 * A refused login. `status` and `subStatus` are the only SAML status codes
 * eHerkenning allows: Requester when the request is at fault, Responder when
 * the person or the makelaar is; AuthnFailed or RequestUnsupported below them.
 */
export interface Refusal {
  readonly ok: false;
  readonly reason: RefusalReason;
  readonly status: "Requester" | "Responder";
  readonly subStatus: "AuthnFailed" | "RequestUnsupported";
  readonly message: { readonly en: string; readonly nl: string };
}

export interface Requirement {
  readonly ok: true;
  /** The lowest level that lets the person in. */
  readonly minimumLevel: Level;
  /** The transition window that lowered it, if one did. */
  readonly transition?: Transition;
}

export interface Admission {
  readonly ok: true;
  readonly minimumLevel: Level;
  /** What the middel and the machtiging both support: the level the assertion states. */
  readonly levelReached: Level;
  readonly machtiging: Machtiging;
}

function refuse(reason: RefusalReason, status: Refusal["status"], en: string, nl: string): Refusal {
  return {
    ok: false,
    reason,
    status,
    subStatus: status === "Requester" ? "RequestUnsupported" : "AuthnFailed",
    message: { en, nl },
  };
}

export function isEh1Retired(now: Date): boolean {
  return now.getTime() >= EH1_RETIRED_ON.getTime();
}

export function activeTransition(
  serviceUUID: string,
  transitions: readonly Transition[],
  now: Date,
): Transition | undefined {
  const t = now.getTime();
  return transitions.find(
    (tr) =>
      tr.serviceUUID === serviceUUID &&
      (tr.from === undefined || tr.from.getTime() <= t) &&
      t < tr.until.getTime(),
  );
}

/**
 * The level a login must reach. A request may ask below the catalogue level,
 * never above it; without a requested level, an active transition window's
 * level applies, else the catalogue level. EH1 cannot be asked once retired.
 */
export function requiredLevel(
  service: ServiceRef,
  requestedLevel: Level | undefined,
  transitions: readonly Transition[],
  now: Date,
): Requirement | Refusal {
  if (requestedLevel && compareLevels(requestedLevel, service.catalogueLevel) > 0) {
    return refuse(
      "REQUEST_ABOVE_CATALOGUE_LEVEL",
      "Requester",
      `The request asks for ${requestedLevel}, above the catalogue level ${service.catalogueLevel} of this service.`,
      `Het verzoek vraagt ${requestedLevel}, hoger dan het niveau ${service.catalogueLevel} in de dienstencatalogus.`,
    );
  }
  const transition = requestedLevel
    ? undefined
    : activeTransition(service.serviceUUID, transitions, now);
  const minimumLevel = requestedLevel ?? transition?.acceptedLevel ?? service.catalogueLevel;
  if (minimumLevel === "EH1" && isEh1Retired(now)) {
    return refuse(
      "EH1_REQUESTED_AFTER_RETIREMENT",
      "Requester",
      `The request asks for EH1, which is retired since ${isoDutchDay(EH1_RETIRED_ON)}.`,
      `Het verzoek vraagt EH1; dat niveau bestaat niet meer sinds ${longDutchDay(EH1_RETIRED_ON)}.`,
    );
  }
  return transition ? { ok: true, minimumLevel, transition } : { ok: true, minimumLevel };
}

export function machtigingCovers(machtiging: Machtiging, service: ServiceRef): boolean {
  const scope = machtiging.scope;
  switch (scope.kind) {
    case "service":
      return scope.serviceUUID === service.serviceUUID;
    case "provider":
      return scope.providerOIN === service.providerOIN;
    case "all":
      return true;
  }
}

export function machtigingValidAt(machtiging: Machtiging, now: Date): boolean {
  const t = now.getTime();
  return (
    (machtiging.validFrom === undefined || machtiging.validFrom.getTime() <= t) &&
    (machtiging.validUntil === undefined || t < machtiging.validUntil.getTime())
  );
}

export interface LoginAttempt {
  readonly service: ServiceRef;
  readonly requestedLevel?: Level;
  readonly transitions?: readonly Transition[];
  readonly now: Date;
  /** The level of the person's middel. */
  readonly middelLevel: Level;
  /** The machtigingen the organisation gave this person. */
  readonly machtigingen: readonly Machtiging[];
}

/** Whether a login succeeds, at which level, and if not, why not. */
export function decideLogin(attempt: LoginAttempt): Admission | Refusal {
  const { service, now, middelLevel } = attempt;
  const requirement = requiredLevel(
    service,
    attempt.requestedLevel,
    attempt.transitions ?? [],
    now,
  );
  if (!requirement.ok) return requirement;
  const { minimumLevel } = requirement;

  if (middelLevel === "EH1" && isEh1Retired(now)) {
    return refuse(
      "EH1_MIDDEL_RETIRED",
      "Responder",
      `The middel is EH1, which cannot be used since ${isoDutchDay(EH1_RETIRED_ON)}.`,
      `Uw inlogmiddel is EH1. Daarmee kunt u sinds ${longDutchDay(EH1_RETIRED_ON)} niet meer inloggen.`,
    );
  }
  if (!isAtLeast(middelLevel, minimumLevel)) {
    return refuse(
      "MIDDEL_TOO_LOW",
      "Responder",
      `The middel is ${middelLevel}; this service needs at least ${minimumLevel}.`,
      `Uw inlogmiddel heeft niveau ${middelLevel}; deze dienst vraagt minimaal ${minimumLevel}.`,
    );
  }

  const covering = attempt.machtigingen.filter((m) => machtigingCovers(m, service));
  if (covering.length === 0) {
    return refuse(
      "NO_MACHTIGING",
      "Responder",
      "The person has no machtiging for this service from this organisation.",
      "U heeft geen machtiging van deze organisatie voor deze dienst.",
    );
  }
  const valid = covering.filter((m) => machtigingValidAt(m, now));
  if (valid.length === 0) {
    const notYet = covering.every(
      (m) => m.validFrom !== undefined && now.getTime() < m.validFrom.getTime(),
    );
    return notYet
      ? refuse(
          "MACHTIGING_NOT_YET_VALID",
          "Responder",
          "The machtiging for this service is not valid yet.",
          "Uw machtiging voor deze dienst is nog niet geldig.",
        )
      : refuse(
          "MACHTIGING_EXPIRED",
          "Responder",
          "The machtiging for this service has expired.",
          "Uw machtiging voor deze dienst is verlopen.",
        );
  }
  const best = valid.reduce((a, b) => (compareLevels(b.level, a.level) > 0 ? b : a));
  if (!isAtLeast(best.level, minimumLevel)) {
    return refuse(
      "MACHTIGING_TOO_LOW",
      "Responder",
      `The machtiging is registered at ${best.level}; this service needs at least ${minimumLevel}.`,
      `Uw machtiging is geregistreerd op ${best.level}; deze dienst vraagt minimaal ${minimumLevel}.`,
    );
  }
  return {
    ok: true,
    minimumLevel,
    levelReached: lowerOf(middelLevel, best.level),
    machtiging: best,
  };
}
