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

  it("reads EH with spaces or a dash before its digit", () => {
    for (const text of ["EH 3", "EH-3", "EH -3", "EH - 3", "eh- 3"])
      expect(formatReading(readLevels(text)), text).toBe("EH3");
  });

  it("reads level numbers through dashes of every kind and through brackets and bars", () => {
    expect(formatReading(readLevels("niveau 2 – 4"))).toBe("EH2|EH2+|EH3|EH4");
    expect(formatReading(readLevels("EH3|EH4"))).toBe("EH3|EH4");
    expect(formatReading(readLevels("Nivéau 3"))).toBe("EH3");
  });

  it("reads '3+' and '4+' as 'or higher', only '2+' as a level of its own", () => {
    expect(formatReading(readLevels("niveau 3+"))).toBe("≥EH3");
    expect(formatReading(readLevels("niveau 4+"))).toBe("≥EH4");
    expect(formatReading(readLevels("niveau 2+"))).toBe("EH2+");
  });

  it("reads a range written from high to low as the same range", () => {
    expect(formatReading(readLevels("niveau 4 t/m 2"))).toBe("EH2|EH2+|EH3|EH4");
  });

  it("starts a range after a list at the list's last level", () => {
    expect(formatReading(readLevels("niveau 3 of 1 t/m 2"))).toBe("EH1|EH2|EH3");
  });

  it("reads only a whole level number after a range or list word: 'niveau 2 - 3.5' is EH2", () => {
    for (const text of ["niveau 2 - 3.5", "niveau 2 - 3a", "niveau 2, 3.5", "niveau 2 of 3a"])
      expect(formatReading(readLevels(text)), text).toBe("EH2");
  });

  it("lets an 'or higher' on any member of a list run up from the list's lowest level", () => {
    expect(readLevels("niveau 2 of 3+")?.levels).toEqual(["EH2", "EH2+", "EH3", "EH4"]);
    expect(readLevels("minimaal niveau 2 of 3")?.levels).toEqual(["EH2", "EH2+", "EH3", "EH4"]);
  });

  it("reads 'or higher' right after the level, in Dutch and English, and not later in the sentence", () => {
    for (const text of [
      "Level 3 eHerkenning or higher",
      "eHerkenning niveau 3 of hogere niveaus",
      "level 3 and upwards",
      "niveau 3 en hoger",
    ])
      expect(formatReading(readLevels(text)), text).toBe("≥EH3");
    for (const text of [
      "Niveau 3 is nodig voor bezwaar of hoger beroep",
      "eHerkenning niveau 3 voor het mbo en hoger onderwijs",
    ])
      expect(formatReading(readLevels(text)), text).toBe("EH3");
  });

  it("reads 'at least' before the level in its many spellings, across an article and two words", () => {
    for (const text of [
      "ten minste niveau 3",
      "tenminste niveau 3",
      "op zijn minst niveau 3",
      "min.EH3",
      "min. EH3",
      "minimum level 3",
      "You need at least a valid eHerkenning level 3",
      "U heeft minimaal een geldig eHerkenningsmiddel niveau 3 nodig",
    ])
      expect(formatReading(readLevels(text)), text).toBe("≥EH3");
  });

  it("reads 'at least' across the white space of a page's markup", () => {
    const text = `Minimaal\n${" ".repeat(40)}niveau 3`;
    expect(formatReading(readLevels(text))).toBe("≥EH3");
  });

  it("reads 'at least' before an eIDAS word too", () => {
    expect(formatReading(readLevels("minimaal zekerheidsniveau substantieel"))).toBe("≥EH3");
    expect(formatReading(readLevels("zekerheidsniveau substantieel"))).toBe("EH3");
  });

  it("reads a level cell's leading spaces and an eIDAS word alone in it, nothing else", () => {
    expect(formatReading(readLevels(" 3", { bare: true }))).toBe("EH3");
    expect(formatReading(readLevels(" hoog ", { bare: true }))).toBe("EH4");
    expect(formatReading(readLevels("hoog", { bare: true }))).toBe("EH4");
    for (const text of ["zeer hoog", "hoog risico", "onbekend"])
      expect(readLevels(text, { bare: true }), text).toBeUndefined();
    expect(readLevels("hoog")).toBeUndefined();
  });

  it("reads nothing from text without a level, and never throws on odd input", () => {
    for (const text of ["", "   ", "niveau", "EH", "EH5", "niveau 12", "eh3eh3eh3".repeat(1000)]) {
      expect(() => readLevels(text)).not.toThrow();
    }
    expect(readLevels("niveau 12")).toBeUndefined();
    expect(readLevels("EH5")).toBeUndefined();
  });
});
