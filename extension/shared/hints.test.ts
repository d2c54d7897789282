import { describe, expect, it } from "vitest";
import { indexCatalogue, type CatalogueService } from "../../eherkenning/catalogue/lookup.ts";
import { FIXTURE_CATALOGUE } from "../../eherkenning/fixtures/catalogue.ts";
import { EH1_RETIRED_ON } from "../../eherkenning/levels.ts";
import { DUO_MILESTONES, KNOWN_OVERSTAPPEN } from "../../eherkenning/known-overstappen.ts";
import { readLevels } from "../../eherkenning/level-phrases.ts";
import { hintsFor } from "./hints.ts";

const rbgUntil = KNOWN_OVERSTAPPEN.find(
  (o) => o.id === "mijn-rbg",
)?.transition?.until.toISOString();

const index = indexCatalogue(FIXTURE_CATALOGUE);
const service = (name: string): CatalogueService => {
  const found = index.byName(name)[0];
  if (!found) throw new Error(`no ${name} in the fixture catalogue`);
  return found;
};
const on = (iso: string): Date => new Date(`${iso}T12:00:00+01:00`);
const kinds = (hints: readonly { kind: string }[]) => hints.map((h) => h.kind);

describe("hintsFor", () => {
  it("names the lower level and end date while a transition window is open (Mijn RBG, EH2+ until 2022-04-01)", () => {
    const hints = hintsFor(service("Mijn RBG"), { now: on("2022-01-15") });
    expect(hints).toContainEqual({
      kind: "transition",
      acceptedLevel: "EH2+",
      until: rbgUntil,
    });
  });

  it("gives no transition hint once the window has closed", () => {
    expect(kinds(hintsFor(service("Mijn RBG"), { now: on("2022-04-02") }))).not.toContain(
      "transition",
    );
  });

  it("marks services that were at EH1 before its retirement", () => {
    const hints = hintsFor(service("mijn.rvo.nl"), { now: on("2026-01-01") });
    expect(hints).toContainEqual({
      kind: "formerEh1",
      to: "EH2+",
      retiredOn: EH1_RETIRED_ON.toISOString(),
    });
  });

  it("warns about a service still registered at EH1", () => {
    expect(kinds(hintsFor(service("Melding openbare ruimte"), { now: on("2026-01-01") }))).toEqual([
      "eh1Registered",
    ]);
  });

  it("tells Mijn DUO users the token was replaced by EH3 with DUO's deadline", () => {
    const hints = hintsFor(service("Mijn DUO voor zakelijke klanten"), { now: on("2026-01-01") });
    expect(hints).toEqual([
      {
        kind: "tokenPhasedOut",
        to: "EH3",
        deadline: DUO_MILESTONES.deadline.date.toISOString(),
        past: true,
      },
    ]);
  });

  it("flags a page that states another level than the catalogue, and not one that agrees", () => {
    expect(
      hintsFor(service("Mijn RBG"), { now: on("2026-01-01"), stated: readLevels("EH2+") }),
    ).toContainEqual({
      kind: "statedDiffers",
      stated: ["EH2+"],
      orHigher: false,
      catalogue: "EH3",
    });
    expect(
      kinds(hintsFor(service("Mijn RBG"), { now: on("2026-01-01"), stated: readLevels("EH3") })),
    ).toEqual([]);
  });

  it("reads a stated set of levels as a set: no flag when the catalogue level is one of them", () => {
    const stated = readLevels("niveau 2, 2+ of 3");
    expect(kinds(hintsFor(service("Mijn RBG"), { now: on("2026-01-01"), stated }))).toEqual([]);
    const all = readLevels("Alle diensten waar eHerkenning niveau 1, 2, 2+, 3 of 4 wordt gevraagd");
    expect(
      kinds(hintsFor(service("Werkgeversportaal"), { now: on("2026-01-01"), stated: all })),
    ).toEqual([]);
    expect(
      hintsFor(service("Werkgeversportaal"), {
        now: on("2026-01-01"),
        stated: readLevels("niveau 1, 2 of 2+"),
      }),
    ).toContainEqual({
      kind: "statedDiffers",
      stated: ["EH1", "EH2", "EH2+"],
      orHigher: false,
      catalogue: "EH3",
    });
  });

  it("warns when the person's middel is below what the service needs today", () => {
    expect(
      hintsFor(service("Werkgeversportaal"), { now: on("2026-01-01"), middelLevel: "EH2+" }),
    ).toContainEqual({
      kind: "middelTooLow",
      middel: "EH2+",
      needed: "EH3",
    });
    expect(
      kinds(hintsFor(service("Werkgeversportaal"), { now: on("2026-01-01"), middelLevel: "EH4" })),
    ).toEqual([]);
  });

  it("lets an open transition window lower what the middel needs", () => {
    const hints = hintsFor(service("Mijn RBG"), { now: on("2022-01-15"), middelLevel: "EH2+" });
    expect(kinds(hints)).not.toContain("middelTooLow");
  });
});
