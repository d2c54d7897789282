// The overstap rules at their edges: the exact moment a window, a machtiging
// or EH1 starts or stops counting, which scope covers which service, and the
// exact words and status codes of every refusal.
import { describe, expect, it } from "vitest";
import {
  DUO_MILESTONES,
  duoNewUserNeedsEherkenning,
  KNOWN_OVERSTAPPEN,
  KNOWN_TRANSITIONS,
} from "./known-overstappen.ts";
import { EH1_RETIRED_ON } from "./levels.ts";
import {
  activeTransition,
  decideLogin,
  isEh1Retired,
  machtigingCovers,
  machtigingValidAt,
  requiredLevel,
  type LoginAttempt,
  type Machtiging,
  type ServiceRef,
} from "./overstap.ts";

const at = (iso: string) => new Date(iso);
const before = (d: Date) => new Date(d.getTime() - 1);

const SERVICE: ServiceRef = {
  serviceUUID: "svc-1",
  providerOIN: "00000001000000000001",
  catalogueLevel: "EH3",
};
const NOW = at("2026-05-01T10:00:00Z");

describe("moments", () => {
  it("EH1 is retired from its retirement moment on, not a millisecond before", () => {
    expect(isEh1Retired(EH1_RETIRED_ON)).toBe(true);
    expect(isEh1Retired(before(EH1_RETIRED_ON))).toBe(false);
  });

  it("a transition window includes its start and excludes its end", () => {
    const from = at("2026-01-01T00:00:00Z");
    const until = at("2026-07-01T00:00:00Z");
    const window = [{ serviceUUID: "svc-1", acceptedLevel: "EH2+" as const, from, until }];
    expect(activeTransition("svc-1", window, from)).toBe(window[0]);
    expect(activeTransition("svc-1", window, before(from))).toBeUndefined();
    expect(activeTransition("svc-1", window, before(until))).toBe(window[0]);
    expect(activeTransition("svc-1", window, until)).toBeUndefined();
  });

  it("a transition window without a start is open until its end, for its own service only", () => {
    const until = at("2026-07-01T00:00:00Z");
    const window = [{ serviceUUID: "svc-1", acceptedLevel: "EH2+" as const, until }];
    expect(activeTransition("svc-1", window, at("1990-01-01T00:00:00Z"))).toBe(window[0]);
    expect(activeTransition("svc-2", window, at("2026-01-01T00:00:00Z"))).toBeUndefined();
  });

  it("a machtiging is valid from validFrom (included) until validUntil (excluded)", () => {
    const validFrom = at("2026-01-01T00:00:00Z");
    const validUntil = at("2026-07-01T00:00:00Z");
    const m: Machtiging = { scope: { kind: "all" }, level: "EH3", validFrom, validUntil };
    expect(machtigingValidAt(m, validFrom)).toBe(true);
    expect(machtigingValidAt(m, before(validFrom))).toBe(false);
    expect(machtigingValidAt(m, before(validUntil))).toBe(true);
    expect(machtigingValidAt(m, validUntil)).toBe(false);
    expect(machtigingValidAt({ scope: { kind: "all" }, level: "EH3" }, NOW)).toBe(true);
  });

  it("a Mijn DUO user registered at the moment new users must use eHerkenning counts as new", () => {
    const moment = DUO_MILESTONES.newUsersMust.date;
    expect(duoNewUserNeedsEherkenning(moment)).toBe(true);
    expect(duoNewUserNeedsEherkenning(before(moment))).toBe(false);
  });

  it("the makelaar gets a transition window for every known overstap that has one", () => {
    const withWindow = KNOWN_OVERSTAPPEN.filter((o) => o.transition);
    expect(KNOWN_TRANSITIONS).toHaveLength(withWindow.length);
    for (const [i, o] of withWindow.entries()) {
      expect(KNOWN_TRANSITIONS[i]).toEqual({ ...o.transition, serviceUUID: o.serviceUUID });
    }
  });
});

describe("scopes", () => {
  it("a service machtiging covers that service only", () => {
    expect(
      machtigingCovers({ scope: { kind: "service", serviceUUID: "svc-1" }, level: "EH3" }, SERVICE),
    ).toBe(true);
    expect(
      machtigingCovers({ scope: { kind: "service", serviceUUID: "svc-2" }, level: "EH3" }, SERVICE),
    ).toBe(false);
  });

  it("a provider machtiging covers every service of that provider only", () => {
    const scope = (providerOIN: string) => ({ kind: "provider" as const, providerOIN });
    expect(machtigingCovers({ scope: scope(SERVICE.providerOIN), level: "EH3" }, SERVICE)).toBe(
      true,
    );
    expect(machtigingCovers({ scope: scope("00000001000000000002"), level: "EH3" }, SERVICE)).toBe(
      false,
    );
  });
});

describe("refusals, word for word", () => {
  const attempt = (over: Partial<LoginAttempt>): LoginAttempt => ({
    service: SERVICE,
    now: NOW,
    middelLevel: "EH3",
    machtigingen: [{ scope: { kind: "all" }, level: "EH3" }],
    ...over,
  });

  it("a request above the catalogue level is the requester's fault", () => {
    expect(requiredLevel(SERVICE, "EH4", [], NOW)).toEqual({
      ok: false,
      reason: "REQUEST_ABOVE_CATALOGUE_LEVEL",
      status: "Requester",
      subStatus: "RequestUnsupported",
      message: {
        en: "The request asks for EH4, above the catalogue level EH3 of this service.",
        nl: "Het verzoek vraagt EH4, hoger dan het niveau EH3 in de dienstencatalogus.",
      },
    });
  });

  it("EH1 asked after its retirement names the Dutch day it retired", () => {
    expect(requiredLevel(SERVICE, "EH1", [], NOW)).toEqual({
      ok: false,
      reason: "EH1_REQUESTED_AFTER_RETIREMENT",
      status: "Requester",
      subStatus: "RequestUnsupported",
      message: {
        en: "The request asks for EH1, which is retired since 2021-07-01.",
        nl: "Het verzoek vraagt EH1; dat niveau bestaat niet meer sinds 1 juli 2021.",
      },
    });
  });

  it("an EH1 middel after the retirement is the person's problem", () => {
    expect(decideLogin(attempt({ middelLevel: "EH1", requestedLevel: "EH2" }))).toEqual({
      ok: false,
      reason: "EH1_MIDDEL_RETIRED",
      status: "Responder",
      subStatus: "AuthnFailed",
      message: {
        en: "The middel is EH1, which cannot be used since 2021-07-01.",
        nl: "Uw inlogmiddel is EH1. Daarmee kunt u sinds 1 juli 2021 niet meer inloggen.",
      },
    });
  });

  it("a middel below the level names both levels", () => {
    expect(decideLogin(attempt({ middelLevel: "EH2+" }))).toMatchObject({
      reason: "MIDDEL_TOO_LOW",
      status: "Responder",
      subStatus: "AuthnFailed",
      message: {
        en: "The middel is EH2+; this service needs at least EH3.",
        nl: "Uw inlogmiddel heeft niveau EH2+; deze dienst vraagt minimaal EH3.",
      },
    });
  });

  it("no covering machtiging", () => {
    expect(decideLogin(attempt({ machtigingen: [] }))).toMatchObject({
      reason: "NO_MACHTIGING",
      message: {
        en: "The person has no machtiging for this service from this organisation.",
        nl: "U heeft geen machtiging van deze organisatie voor deze dienst.",
      },
    });
  });

  it("a machtiging starting later is not valid yet; from its first moment it lets the person in", () => {
    const validFrom = at("2026-06-01T00:00:00Z");
    const m: Machtiging = { scope: { kind: "all" }, level: "EH3", validFrom };
    expect(decideLogin(attempt({ machtigingen: [m] }))).toMatchObject({
      reason: "MACHTIGING_NOT_YET_VALID",
      status: "Responder",
      subStatus: "AuthnFailed",
      message: {
        en: "The machtiging for this service is not valid yet.",
        nl: "Uw machtiging voor deze dienst is nog niet geldig.",
      },
    });
    expect(decideLogin(attempt({ machtigingen: [m], now: validFrom })).ok).toBe(true);
  });

  it("an expired machtiging is expired, also when another one has not started yet", () => {
    const expired: Machtiging = {
      scope: { kind: "all" },
      level: "EH3",
      validUntil: at("2026-01-01T00:00:00Z"),
    };
    const later: Machtiging = {
      scope: { kind: "all" },
      level: "EH3",
      validFrom: at("2027-01-01T00:00:00Z"),
    };
    const expected = {
      reason: "MACHTIGING_EXPIRED",
      message: {
        en: "The machtiging for this service has expired.",
        nl: "Uw machtiging voor deze dienst is verlopen.",
      },
    };
    expect(decideLogin(attempt({ machtigingen: [expired] }))).toMatchObject(expected);
    expect(decideLogin(attempt({ machtigingen: [later, expired] }))).toMatchObject(expected);
  });

  it("a machtiging below the level names both levels", () => {
    expect(
      decideLogin(attempt({ machtigingen: [{ scope: { kind: "all" }, level: "EH2+" }] })),
    ).toMatchObject({
      reason: "MACHTIGING_TOO_LOW",
      message: {
        en: "The machtiging is registered at EH2+; this service needs at least EH3.",
        nl: "Uw machtiging is geregistreerd op EH2+; deze dienst vraagt minimaal EH3.",
      },
    });
  });

  it("the highest valid machtiging counts, whatever its place in the list", () => {
    const low: Machtiging = { scope: { kind: "all" }, level: "EH2+" };
    const high: Machtiging = { scope: { kind: "service", serviceUUID: "svc-1" }, level: "EH4" };
    for (const machtigingen of [
      [low, high],
      [high, low],
    ]) {
      expect(decideLogin(attempt({ middelLevel: "EH4", machtigingen }))).toMatchObject({
        ok: true,
        machtiging: high,
        levelReached: "EH4",
      });
    }
  });

  it("the level reached is the lower of the middel and the machtiging", () => {
    const eh3: Machtiging = { scope: { kind: "all" }, level: "EH3" };
    expect(decideLogin(attempt({ middelLevel: "EH4", machtigingen: [eh3] }))).toMatchObject({
      levelReached: "EH3",
    });
    const eh4: Machtiging = { scope: { kind: "all" }, level: "EH4" };
    expect(decideLogin(attempt({ middelLevel: "EH3", machtigingen: [eh4] }))).toMatchObject({
      levelReached: "EH3",
    });
  });
});
