import { describe, expect, it } from "vitest";
import { PHRASINGS } from "./fixtures/phrasings.ts";
import { formatReading, readLevels, readingAllows } from "./level-phrases.ts";

const withLevels = PHRASINGS.filter((p) => p.levels !== undefined);

describe("readLevels", () => {
  it("the phrasing table holds at least 60 real-world phrasings, 60 of them with a level reading", () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(60);
    expect(withLevels.length).toBeGreaterThanOrEqual(60);
  });

  it.each(withLevels.map((p) => [p.text, p.levels, p.bare ?? false] as const))(
    "reads %j as %s",
    (text, expected, bare) => {
      expect(formatReading(readLevels(text, { bare }))).toBe(expected);
    },
  );

  it("reads a list as a set, never as its first member", () => {
    const all = readLevels("Alle diensten waar eHerkenning niveau 1, 2, 2+, 3 of 4 wordt gevraagd");
    expect(all?.levels).toEqual(["EH1", "EH2", "EH2+", "EH3", "EH4"]);
    expect(all && readingAllows(all, "EH3")).toBe(true);
  });

  it("counts a bare number only in a level cell, not in running text", () => {
    expect(readLevels("3")).toBeUndefined();
    expect(readLevels("Stap 3: kies uw middel")).toBeUndefined();
    expect(readLevels("3", { bare: true })?.levels).toEqual(["EH3"]);
  });

  it("takes eIDAS words only when no number says more", () => {
    expect(readLevels("eH2+ | eIDAS: basis")?.levels).toEqual(["EH2+"]);
    expect(readLevels("eIDAS: basis")?.levels).toEqual(["EH2", "EH2+"]);
    expect(readLevels("een hoog risico")).toBeUndefined();
  });

  it("an 'or higher' reading runs up to EH4", () => {
    expect(readLevels("minimaal EH2+")).toEqual({ levels: ["EH2+", "EH3", "EH4"], orHigher: true });
  });

  it("reads nothing from text without a level, and never throws on odd input", () => {
    for (const text of ["", "   ", "niveau", "EH", "EH5", "niveau 12", "eh3eh3eh3".repeat(1000)]) {
      expect(() => readLevels(text)).not.toThrow();
    }
    expect(readLevels("niveau 12")).toBeUndefined();
    expect(readLevels("EH5")).toBeUndefined();
  });
});
