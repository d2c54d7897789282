// The login pages' steps without HTTP: a transaction, the world, and the
// answers a person gives, straight into nextStep and the step functions.
import { describe, expect, it } from "vitest";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import type { Level } from "../../../eherkenning/index.ts";
import { WorldState } from "../../world/state.ts";
import { PERSONS, SCHOOL, SP_ENTITY_ID, person, testWorld } from "../saml/test-support.ts";
import {
  chooseLeverancier,
  enterCode,
  goBack,
  logIn,
  nextStep,
  settle,
  WRONG_PASSWORD,
} from "./steps.ts";
import type { LoginTransaction } from "./transaction.ts";

const withoutCode = person("code", "EH3", [
  { scope: { kind: "service", serviceUUID: FIXTURE_SERVICES.mijnDuo.serviceUUID }, level: "EH3" },
]);
/** An EH3 middel with an sms code. */
const CODED = {
  ...withoutCode,
  middel: { ...withoutCode.middel, secondFactor: { kind: "sms" as const, code: "123456" } },
};

function start(requestedLevel?: Level): { tx: LoginTransaction; world: WorldState } {
  const world = new WorldState({ ...testWorld(), persons: [...testWorld().persons, CODED] });
  const serviceID = FIXTURE_SERVICES.mijnDuo.serviceID;
  const service = world.catalogue.byServiceID(serviceID);
  if (!service) throw new Error("Mijn DUO is missing from the test catalogue");
  const tx: LoginTransaction = {
    context: {
      id: "_request",
      spEntityID: SP_ENTITY_ID,
      serviceID,
      service,
      ...(requestedLevel ? { requestedLevel } : {}),
      acs: { url: "https://sp.example/acs", binding: "post", index: 0 },
      binding: "redirect",
      forceAuthn: true,
    },
    failedAttempts: 0,
    language: "nl",
  };
  return { tx, world };
}

const credentials = (username: string, password = "geheim") => ({ username, password });

describe("the login steps", () => {
  it("start at the leverancier, then ask username and password", () => {
    const { tx, world } = start();
    expect(nextStep(tx, world)).toEqual({ kind: "leverancier", leveranciers: ["Testleverancier"] });
    expect(chooseLeverancier(tx, world, "Testleverancier")).toEqual({ then: "step" });
    expect(nextStep(tx, world)).toEqual({ kind: "credentials", leverancier: "Testleverancier" });
  });

  it("refuse a leverancier the world does not know, and ask again", () => {
    const { tx, world } = start();
    expect(chooseLeverancier(tx, world, "Onbekend")).toEqual({
      then: "retry",
      error: { kind: "unknown-leverancier" },
    });
    expect(nextStep(tx, world).kind).toBe("leverancier");
  });

  it("answer Success at EH3 right after the password for an EH3 middel with one organisation", () => {
    const { tx, world } = start();
    chooseLeverancier(tx, world, "Testleverancier");
    const result = logIn(tx, world, credentials(PERSONS.eh3.id));
    expect(result).toMatchObject({
      then: "answer",
      outcome: { ok: true, levelReached: "EH3", organisation: { kvk: SCHOOL.kvk } },
    });
  });

  it("count wrong passwords down and refuse the third, which the SP hears on going back", () => {
    const { tx, world } = start();
    chooseLeverancier(tx, world, "Testleverancier");
    expect(logIn(tx, world, credentials("eh3", "fout"))).toEqual({
      then: "retry",
      error: { kind: "wrong-credentials", username: "eh3", attemptsLeft: 2 },
    });
    logIn(tx, world, credentials("eh3", "fout"));
    expect(logIn(tx, world, credentials("eh3", "fout"))).toEqual({ then: "step" });
    expect(nextStep(tx, world)).toMatchObject({
      kind: "refused",
      refusal: { kind: "WRONG_PASSWORD" },
    });
    expect(goBack(tx)).toEqual({ then: "answer", outcome: WRONG_PASSWORD });
  });

  it("ask the second factor of a middel that has one, and refuse a wrong code with attempts left", () => {
    const { tx, world } = start();
    chooseLeverancier(tx, world, "Testleverancier");
    expect(logIn(tx, world, credentials("code"))).toEqual({ then: "step" });
    expect(nextStep(tx, world)).toMatchObject({ kind: "second-factor", factor: { kind: "sms" } });
    expect(enterCode(tx, world, "000000")).toEqual({
      then: "retry",
      error: { kind: "wrong-code", attemptsLeft: 2 },
    });
    expect(enterCode(tx, world, "123 456")).toMatchObject({
      then: "answer",
      outcome: { ok: true },
    });
  });

  it("refuse a request above the catalogue level before anyone types a password", () => {
    const { tx, world } = start("EH4");
    settle(tx, world);
    expect(nextStep(tx, world)).toMatchObject({
      kind: "refused",
      refusal: { kind: "REQUEST_ABOVE_CATALOGUE_LEVEL" },
    });
  });

  it("send a person the admin API removed mid-login back to the password step", () => {
    const { tx, world } = start();
    chooseLeverancier(tx, world, "Testleverancier");
    logIn(tx, world, credentials("code"));
    world.removePerson("code");
    settle(tx, world);
    expect(tx.personId).toBeUndefined();
    expect(nextStep(tx, world).kind).toBe("credentials");
  });
});
