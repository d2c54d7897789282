import { describe, expect, it } from "vitest";
import { indexCatalogue } from "../../eherkenning/catalogue/lookup.ts";
import { FIXTURE_CATALOGUE, FIXTURE_SERVICES } from "../../eherkenning/fixtures/catalogue.ts";
import { DEFAULT_SETTINGS } from "../shared/settings.ts";
import { lookUp, MAX_BATCH, myServices } from "./answers.ts";

const index = indexCatalogue(FIXTURE_CATALOGUE);
const now = new Date("2026-01-01T12:00:00Z");

describe("lookUp", () => {
  it("answers a batch in order, null where the catalogue has no such service", () => {
    const results = lookUp(
      index,
      [
        { name: "Mijn RBG", stated: "EH2+", statedAlone: true },
        { name: "Onbekend" },
        { name: "Mijn DUO" },
      ],
      DEFAULT_SETTINGS,
      now,
    );
    expect(results.map((r) => r?.service ?? null)).toEqual([
      "Mijn RBG",
      null,
      "Mijn DUO voor zakelijke klanten",
    ]);
    expect(results[0]?.hints).toContainEqual({
      kind: "statedDiffers",
      stated: ["EH2+"],
      orHigher: false,
      catalogue: "EH3",
    });
  });

  it("recognises descriptive entries as likely, and gives generic entries no service", () => {
    const [described, generic, rvo] = lookUp(
      index,
      [
        { name: "UWV werkgeversportaal (alles rondom werknemersverzekeringen)" },
        { name: "Alle diensten waar eHerkenning niveau 1, 2, 2+, 3 of 4 wordt gevraagd" },
        { name: "Toegang tot mijn.rvo.nl (voormalig DR-Loket)" },
      ],
      DEFAULT_SETTINGS,
      now,
    );
    expect(described).toMatchObject({ service: "Werkgeversportaal", confidence: "likely" });
    expect(generic).toBeNull();
    expect(rvo).toMatchObject({ service: "mijn.rvo.nl", confidence: "certain" });
  });

  it("reads a level cell's words as a set: '2 of 2+' agrees with a catalogue EH2+", () => {
    const [rvo] = lookUp(
      index,
      [{ name: "mijn.rvo.nl", stated: "2 of 2+", statedAlone: true }],
      DEFAULT_SETTINGS,
      now,
    );
    expect(rvo?.hints.map((h) => h.kind)).not.toContain("statedDiffers");
  });

  it("answers at most MAX_BATCH items per message", () => {
    const items = Array.from({ length: MAX_BATCH + 5 }, () => ({ name: "Mijn RBG" }));
    expect(lookUp(index, items, DEFAULT_SETTINGS, now)).toHaveLength(MAX_BATCH);
  });

  it("tolerates malformed items from a message", () => {
    expect(lookUp(index, [null as never, { name: 42 } as never], DEFAULT_SETTINGS, now)).toEqual([
      null,
      null,
    ]);
  });
});

describe("myServices", () => {
  const settings = {
    ...DEFAULT_SETTINGS,
    myServices: [
      FIXTURE_SERVICES.mijnDuo.serviceUUID,
      FIXTURE_SERVICES.mijnRvo.serviceUUID,
      "unknown-uuid",
    ],
  };

  it("marks each configured service with whether the page's level is enough", () => {
    const answers = myServices(index, settings, "EH2+", now);
    expect(answers.map((a) => [a.service, a.enough])).toEqual([
      ["Mijn DUO voor zakelijke klanten", false],
      ["mijn.rvo.nl", true],
    ]);
    expect(myServices(index, settings, "EH3", now).every((a) => a.enough)).toBe(true);
  });
});
