import { describe, expect, it } from "vitest";
import { DUO_SECTORS, isAtLeast, type Level } from "../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../eherkenning/fixtures/catalogue.ts";
import { decideFor, type AuthnRequestContext } from "../makelaar/flow.ts";
import { WorldState } from "./state.ts";
import { DEFAULT_ORGANISATIONS, DEFAULT_PERSONS, KVK, defaultWorld } from "./default.ts";

function contextFor(
  world: WorldState,
  serviceID: string,
  requestedLevel?: Level,
): AuthnRequestContext {
  const service = world.catalogue.byServiceID(serviceID);
  if (!service) throw new Error(`no service ${serviceID} in the default catalogue`);
  return {
    id: "_test",
    spEntityID: "urn:etoegang:DV:00000099000000000010:entities:9001",
    serviceID,
    service,
    ...(requestedLevel ? { requestedLevel } : {}),
    acs: { url: "https://sp.example/acs", binding: "post" },
    binding: "post",
    forceAuthn: true,
  };
}

function elevenTest(rsin: string): boolean {
  const digits = [...rsin].map(Number);
  const sum = digits.slice(0, 8).reduce((total, d, i) => total + d * (9 - i), 0);
  return (sum - (digits[8] ?? 0)) % 11 === 0;
}

describe("the default world's data", () => {
  it("gives organisations invented 8-digit KvK numbers and 9-digit RSINs that pass the 11-test", () => {
    for (const organisation of DEFAULT_ORGANISATIONS) {
      expect(organisation.kvk).toMatch(/^9900\d{4}$/);
      expect(organisation.rsin).toMatch(/^9900\d{5}$/);
      expect(elevenTest(organisation.rsin), organisation.rsin).toBe(true);
    }
  });

  it("uses unique ids, usernames, pseudonyms and second-factor codes", () => {
    const unique = (values: readonly string[]) => new Set(values).size === values.length;
    expect(unique(DEFAULT_PERSONS.map((p) => p.id))).toBe(true);
    expect(unique(DEFAULT_PERSONS.map((p) => p.middel.username))).toBe(true);
    expect(unique(DEFAULT_PERSONS.map((p) => p.pseudo))).toBe(true);
    const codes = DEFAULT_PERSONS.flatMap((p) =>
      p.middel.secondFactor ? [p.middel.secondFactor.code] : [],
    );
    expect(unique(codes)).toBe(true);
  });

  it("gives every middel at EH2+ or above a six-digit second factor, and none below", () => {
    for (const person of DEFAULT_PERSONS) {
      if (isAtLeast(person.middel.level, "EH2+")) {
        expect(person.middel.secondFactor?.code, person.id).toMatch(/^\d{6}$/);
      } else {
        expect(person.middel.secondFactor, person.id).toBeUndefined();
      }
    }
  });

  it("has a person at every level, and only representations of known organisations", () => {
    const levels = new Set(DEFAULT_PERSONS.map((p) => p.middel.level));
    expect([...levels].sort()).toEqual(["EH1", "EH2", "EH2+", "EH3", "EH4"]);
    const kvks = new Set(DEFAULT_ORGANISATIONS.map((o) => o.kvk));
    for (const person of DEFAULT_PERSONS) {
      for (const r of person.representations)
        expect(kvks.has(r.kvk), `${person.id} ${r.kvk}`).toBe(true);
    }
  });

  it("has Mijn DUO accounts in several sectors with six-digit token codes", () => {
    const accounts = DEFAULT_PERSONS.flatMap((p) => (p.duo ? [p.duo] : []));
    expect(new Set(accounts.map((a) => a.sector)).size).toBeGreaterThanOrEqual(4);
    for (const account of accounts) {
      expect(DUO_SECTORS).toContain(account.sector);
      expect(account.tokenCode).toMatch(/^\d{6}$/);
      expect(account.roles.length).toBeGreaterThan(0);
    }
  });
});

describe("the default world's logins follow the overstap rules", () => {
  const world = new WorldState(defaultWorld());
  const mijnDuo = contextFor(world, FIXTURE_SERVICES.mijnDuo.serviceID);
  const at = (iso: string) => world.setNow(new Date(iso));
  const reason = (personId: string, kvk: string, context = mijnDuo) => {
    const outcome = decideFor(world, context, personId, kvk);
    return outcome.ok ? `ok ${outcome.levelReached}` : outcome.message;
  };

  it("lets EH3 and EH4 users with a Mijn DUO machtiging in, at their level", () => {
    at("2026-01-05T10:00:00Z");
    expect(reason("jan-eh3", KVK.rocZuiderwaard)).toBe("ok EH3");
    expect(reason("noor-eh3", KVK.vakschoolMaritiem)).toBe("ok EH3");
    expect(reason("sara-eh4", KVK.onderwijsgroep)).toBe("ok EH4");
    for (const kvk of [KVK.onderwijsgroep, KVK.rocZuiderwaard, KVK.vavoMiddenland]) {
      expect(reason("ahmed-eh3", kvk)).toBe("ok EH3");
    }
  });

  it("refuses each Mijn DUO user whose middel or machtiging falls short, for the right reason", () => {
    at("2026-01-05T10:00:00Z");
    expect(reason("eva-eh3", KVK.rocZuiderwaard)).toMatch(/no machtiging/);
    expect(reason("wim-eh4", KVK.onderwijsgroep)).toMatch(/no machtiging/);
    expect(reason("lotte-eh3", KVK.aocGroeneDelta)).toMatch(/expired/);
    expect(reason("bram-eh3", KVK.vavoMiddenland)).toMatch(/registered at EH2\+/);
    expect(reason("piet-eh2plus", KVK.aocGroeneDelta)).toMatch(/middel is EH2\+/);
    expect(reason("kees-eh2", KVK.vakschoolMaritiem)).toMatch(/middel is EH2;/);
    expect(reason("gerda-eh1", KVK.rocZuiderwaard)).toMatch(/EH1, which cannot be used/);
  });

  it("lets the expired machtiging work while it was valid", () => {
    at("2022-06-01T10:00:00Z");
    expect(reason("lotte-eh3", KVK.aocGroeneDelta)).toBe("ok EH3");
  });

  it("lets the EH1 customer of Zuiderwaard in during the transition window, and not after EH1 retired", () => {
    const bedrijfsafval = contextFor(world, FIXTURE_SERVICES.meldingBedrijfsafval.serviceID);
    const openbareRuimte = contextFor(world, FIXTURE_SERVICES.meldingOpenbareRuimte.serviceID);
    at("2021-05-01T10:00:00Z");
    expect(reason("henk-eh1", KVK.bouwbedrijf, bedrijfsafval)).toBe("ok EH1");
    at("2021-06-15T10:00:00Z");
    expect(reason("henk-eh1", KVK.bouwbedrijf, bedrijfsafval)).toMatch(/middel is EH1/);
    expect(reason("henk-eh1", KVK.bouwbedrijf, openbareRuimte)).toBe("ok EH1");
    at("2021-07-02T10:00:00Z");
    expect(reason("henk-eh1", KVK.bouwbedrijf, openbareRuimte)).toMatch(/EH1/);
    expect(reason("fatima-eh2plus", KVK.afvalservice, bedrijfsafval)).toBe("ok EH2+");
  });

  it("lets EH2+ and EH2 users into services at their level", () => {
    at("2026-01-05T10:00:00Z");
    const rvo = contextFor(world, FIXTURE_SERVICES.mijnRvo.serviceID);
    const loket = contextFor(world, FIXTURE_SERVICES.ondernemersloket.serviceID);
    expect(reason("piet-eh2plus", KVK.aocGroeneDelta, rvo)).toBe("ok EH2+");
    expect(reason("kees-eh2", KVK.vakschoolMaritiem, loket)).toBe("ok EH2");
  });
});
