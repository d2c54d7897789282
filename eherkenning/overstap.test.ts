import { describe, expect, it } from "vitest";
import { FIXTURE_SERVICES } from "./fixtures/catalogue.ts";
import {
  decideLogin,
  requiredLevel,
  serviceRef,
  type Machtiging,
  type ServiceRef,
} from "./overstap.ts";
import {
  KNOWN_OVERSTAPPEN,
  KNOWN_TRANSITIONS,
  duoNewUserNeedsEherkenning,
} from "./known-overstappen.ts";

const at = (iso: string) => new Date(iso);
const mijnDuo: ServiceRef = { ...FIXTURE_SERVICES.mijnDuo, catalogueLevel: "EH3" };
const mijnRbg: ServiceRef = { ...FIXTURE_SERVICES.mijnRbg, catalogueLevel: "EH3" };
const afval: ServiceRef = { ...FIXTURE_SERVICES.meldingBedrijfsafval, catalogueLevel: "EH2+" };
const forDuo: Machtiging = {
  scope: { kind: "service", serviceUUID: mijnDuo.serviceUUID },
  level: "EH3",
};
const everything = (level: Machtiging["level"]): Machtiging => ({ scope: { kind: "all" }, level });

describe("serviceRef", () => {
  it("takes the catalogue level as the service's maximum, with its UUID and provider", () => {
    const ref = serviceRef({ ...FIXTURE_SERVICES.mijnDuo, level: "EH2+" });
    expect(ref).toEqual({
      serviceUUID: FIXTURE_SERVICES.mijnDuo.serviceUUID,
      providerOIN: FIXTURE_SERVICES.mijnDuo.providerOIN,
      catalogueLevel: "EH2+",
    });
    expect(requiredLevel(ref, "EH3", [], at("2023-01-01")).ok).toBe(false);
  });
});

describe("requiredLevel", () => {
  it("uses the catalogue level when the request names none", () => {
    expect(requiredLevel(mijnDuo, undefined, [], at("2023-01-01"))).toEqual({
      ok: true,
      minimumLevel: "EH3",
    });
  });

  it("lets a request ask below the catalogue level", () => {
    expect(requiredLevel(mijnDuo, "EH2+", [], at("2023-01-01"))).toMatchObject({
      minimumLevel: "EH2+",
    });
  });

  it("refuses a request above the catalogue level as Requester/RequestUnsupported", () => {
    expect(requiredLevel(mijnDuo, "EH4", [], at("2023-01-01"))).toMatchObject({
      ok: false,
      reason: "REQUEST_ABOVE_CATALOGUE_LEVEL",
      status: "Requester",
      subStatus: "RequestUnsupported",
    });
  });

  it("accepts EH2+ for Mijn RBG until 2022-04-01, then only EH3", () => {
    expect(
      requiredLevel(mijnRbg, undefined, KNOWN_TRANSITIONS, at("2022-03-31T12:00:00Z")),
    ).toMatchObject({
      minimumLevel: "EH2+",
      transition: { acceptedLevel: "EH2+" },
    });
    expect(
      requiredLevel(mijnRbg, undefined, KNOWN_TRANSITIONS, at("2022-04-01T12:00:00Z")),
    ).toEqual({
      ok: true,
      minimumLevel: "EH3",
    });
  });

  it("does not apply a transition window before it opens", () => {
    expect(requiredLevel(mijnRbg, undefined, KNOWN_TRANSITIONS, at("2021-11-01"))).toEqual({
      ok: true,
      minimumLevel: "EH3",
    });
  });

  it("refuses a request for EH1 from 2021-07-01", () => {
    const service: ServiceRef = {
      ...FIXTURE_SERVICES.meldingOpenbareRuimte,
      catalogueLevel: "EH1",
    };
    expect(requiredLevel(service, undefined, [], at("2021-06-30T12:00:00Z"))).toMatchObject({
      ok: true,
    });
    expect(requiredLevel(service, undefined, [], at("2021-07-01T12:00:00Z"))).toMatchObject({
      ok: false,
      reason: "EH1_REQUESTED_AFTER_RETIREMENT",
    });
  });

  it("names the retirement day as the Dutch calendar day, 2021-07-01 (not the UTC date)", () => {
    const service: ServiceRef = {
      ...FIXTURE_SERVICES.meldingOpenbareRuimte,
      catalogueLevel: "EH1",
    };
    expect(requiredLevel(service, undefined, [], at("2021-07-02"))).toMatchObject({
      message: { en: "The request asks for EH1, which is retired since 2021-07-01." },
    });
  });
});

describe("decideLogin", () => {
  const login = (over: Partial<Parameters<typeof decideLogin>[0]>) =>
    decideLogin({
      service: mijnDuo,
      now: at("2023-01-01"),
      middelLevel: "EH3",
      machtigingen: [forDuo],
      ...over,
    });

  it("admits an EH3 middel with an EH3 machtiging at EH3", () => {
    expect(login({})).toMatchObject({ ok: true, levelReached: "EH3", minimumLevel: "EH3" });
  });

  it("reaches what both the middel and the machtiging support", () => {
    expect(login({ middelLevel: "EH4", machtigingen: [everything("EH4")] })).toMatchObject({
      levelReached: "EH4",
    });
    expect(login({ middelLevel: "EH4", machtigingen: [everything("EH3")] })).toMatchObject({
      levelReached: "EH3",
    });
  });

  it("refuses a middel below the required level, as Responder/AuthnFailed", () => {
    expect(login({ middelLevel: "EH2+" })).toMatchObject({
      ok: false,
      reason: "MIDDEL_TOO_LOW",
      status: "Responder",
      subStatus: "AuthnFailed",
      message: { en: "The middel is EH2+; this service needs at least EH3." },
    });
  });

  it("refuses an EH1 middel from 2021-07-01 even for a service that asks EH1", () => {
    const service: ServiceRef = {
      ...FIXTURE_SERVICES.meldingOpenbareRuimte,
      catalogueLevel: "EH1",
    };
    const attempt = {
      service,
      middelLevel: "EH1" as const,
      machtigingen: [everything("EH1")],
      requestedLevel: "EH1" as const,
    };
    expect(login({ ...attempt, now: at("2021-06-30T12:00:00Z") })).toMatchObject({
      ok: true,
      levelReached: "EH1",
    });
    // The request itself is refused first: nobody can ask EH1 any more.
    expect(login({ ...attempt, now: at("2021-07-02") })).toMatchObject({
      reason: "EH1_REQUESTED_AFTER_RETIREMENT",
    });
    expect(
      login({ ...attempt, service: afval, requestedLevel: "EH2", now: at("2021-07-02") }),
    ).toMatchObject({
      reason: "EH1_MIDDEL_RETIRED",
    });
  });

  it("lets an EH1 middel into the municipality's service during its transition window only", () => {
    const attempt = {
      service: afval,
      middelLevel: "EH1" as const,
      machtigingen: [everything("EH1")],
      transitions: KNOWN_TRANSITIONS,
    };
    expect(login({ ...attempt, now: at("2021-05-31T12:00:00Z") })).toMatchObject({
      ok: true,
      levelReached: "EH1",
    });
    expect(login({ ...attempt, now: at("2021-06-01T12:00:00Z") })).toMatchObject({
      reason: "MIDDEL_TOO_LOW",
    });
  });

  it("refuses without a machtiging for this service", () => {
    const other: Machtiging = {
      scope: { kind: "service", serviceUUID: FIXTURE_SERVICES.rioPortaal.serviceUUID },
      level: "EH3",
    };
    expect(login({ machtigingen: [other] })).toMatchObject({ reason: "NO_MACHTIGING" });
    expect(login({ machtigingen: [] })).toMatchObject({ reason: "NO_MACHTIGING" });
  });

  it("accepts a machtiging for all services of the provider", () => {
    const provider: Machtiging = {
      scope: { kind: "provider", providerOIN: mijnDuo.providerOIN },
      level: "EH3",
    };
    expect(login({ machtigingen: [provider] })).toMatchObject({ ok: true });
  });

  it("says in Dutch and English that the machtiging is missing, expired or not yet valid", () => {
    expect(login({ machtigingen: [] })).toMatchObject({
      message: {
        en: "The person has no machtiging for this service from this organisation.",
        nl: "U heeft geen machtiging van deze organisatie voor deze dienst.",
      },
    });
    expect(login({ machtigingen: [{ ...forDuo, validUntil: at("2022-12-31") }] })).toMatchObject({
      message: {
        en: "The machtiging for this service has expired.",
        nl: "Uw machtiging voor deze dienst is verlopen.",
      },
    });
    expect(login({ machtigingen: [{ ...forDuo, validFrom: at("2023-02-01") }] })).toMatchObject({
      message: {
        en: "The machtiging for this service is not valid yet.",
        nl: "Uw machtiging voor deze dienst is nog niet geldig.",
      },
    });
  });

  it("refuses for a missing, expired or too low machtiging as Responder/AuthnFailed", () => {
    const responder = { ok: false, status: "Responder", subStatus: "AuthnFailed" };
    expect(login({ machtigingen: [] })).toMatchObject(responder);
    const expired = { ...forDuo, validUntil: at("2022-12-31") };
    expect(login({ machtigingen: [expired] })).toMatchObject(responder);
    expect(login({ machtigingen: [{ ...forDuo, level: "EH2+" }] })).toMatchObject({
      ...responder,
      message: { en: "The machtiging is registered at EH2+; this service needs at least EH3." },
    });
  });

  it("calls a machtiging not yet valid only while its start is still ahead", () => {
    const ended = { ...forDuo, validFrom: at("2022-01-01"), validUntil: at("2022-12-31") };
    expect(login({ machtigingen: [ended] })).toMatchObject({ reason: "MACHTIGING_EXPIRED" });
    // A window that closes the moment it opens: at that moment its start is not ahead.
    const now = at("2023-01-01");
    const empty = { ...forDuo, validFrom: now, validUntil: now };
    expect(login({ now, machtigingen: [empty] })).toMatchObject({ reason: "MACHTIGING_EXPIRED" });
  });

  it("refuses an expired machtiging and one not yet valid", () => {
    expect(login({ machtigingen: [{ ...forDuo, validUntil: at("2022-12-31") }] })).toMatchObject({
      reason: "MACHTIGING_EXPIRED",
    });
    expect(login({ machtigingen: [{ ...forDuo, validFrom: at("2023-02-01") }] })).toMatchObject({
      reason: "MACHTIGING_NOT_YET_VALID",
    });
  });

  it("refuses a machtiging registered below the required level", () => {
    expect(login({ machtigingen: [{ ...forDuo, level: "EH2+" }] })).toMatchObject({
      reason: "MACHTIGING_TOO_LOW",
    });
  });

  it("uses the best valid machtiging when there are several", () => {
    const old = { ...forDuo, level: "EH2+" as const };
    expect(login({ machtigingen: [old, forDuo] })).toMatchObject({ ok: true, machtiging: forDuo });
  });

  it("uses the first listed of equally high valid machtigingen", () => {
    const forProvider: Machtiging = {
      scope: { kind: "provider", providerOIN: mijnDuo.providerOIN },
      level: "EH3",
    };
    const first = login({ machtigingen: [forDuo, forProvider] });
    expect(first.ok && first.machtiging).toBe(forDuo);
    const swapped = login({ machtigingen: [forProvider, forDuo] });
    expect(swapped.ok && swapped.machtiging).toBe(forProvider);
  });
});

describe("known overstappen", () => {
  it("makes new DUO users use eHerkenning from 2022-01-01", () => {
    expect(duoNewUserNeedsEherkenning(at("2021-12-31T12:00:00Z"))).toBe(false);
    expect(duoNewUserNeedsEherkenning(at("2022-01-02"))).toBe(true);
  });

  it("lists Mijn DUO's move from the DUO token to EH3", () => {
    const duo = KNOWN_OVERSTAPPEN.find((o) => o.id === "mijn-duo");
    expect(duo).toMatchObject({
      to: "EH3",
      from: "DUO token",
      service: "Mijn DUO voor zakelijke klanten",
    });
  });
});
