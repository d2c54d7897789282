// The level rules piece by piece: each optional part of a level pattern (the
// space, the hyphen, "niveau", "plus") with and without it, the URN table,
// the eIDAS words, and the order helpers at equal levels.
import { describe, expect, it } from "vitest";
import {
  EIDAS_DUTCH,
  LEVELS,
  LEVEL_LABELS,
  describeLevel,
  findLevels,
  higherOf,
  levelRank,
  lowerOf,
  parseLevel,
} from "./levels.ts";
import { levelFromUrn, levelToUrn } from "./identifiers.ts";

describe("the level table", () => {
  it("names each level's URN, eIDAS level and way of logging in", () => {
    expect(LEVEL_LABELS.map((l) => [l, levelToUrn(l), LEVELS[l].eidas, LEVELS[l].label])).toEqual([
      ["EH1", "urn:etoegang:core:assurance-class:loa1", null, "EH1"],
      ["EH2", "urn:etoegang:core:assurance-class:loa2", "low", "EH2"],
      ["EH2+", "urn:etoegang:core:assurance-class:loa2plus", "low", "EH2+"],
      ["EH3", "urn:etoegang:core:assurance-class:loa3", "substantial", "EH3"],
      ["EH4", "urn:etoegang:core:assurance-class:loa4", "high", "EH4"],
    ]);
    expect(LEVEL_LABELS.map((l) => LEVELS[l].login)).toEqual([
      "password only",
      "password",
      "two factors",
      "two factors, identity checked in person",
      "PKIoverheid certificate",
    ]);
    expect(EIDAS_DUTCH).toEqual({ low: "laag", substantial: "substantieel", high: "hoog" });
    expect(LEVEL_LABELS.map(levelRank)).toEqual([0, 1, 2, 3, 4]);
  });

  it("reads a URN with white space around it, and nothing else as a URN", () => {
    expect(levelFromUrn("  urn:etoegang:core:assurance-class:loa4\n")).toBe("EH4");
    expect(levelFromUrn("EH4")).toBeUndefined();
  });

  it("describes EH1 without an eIDAS level, others with it in Dutch or English", () => {
    expect(describeLevel("EH1")).toBe("EH1");
    expect(describeLevel("EH2", "en")).toBe("EH2 (eIDAS low)");
    expect(describeLevel("EH4", "nl")).toBe("EH4 (eIDAS hoog)");
  });

  it("gives the lower and the higher of two levels, either way round and when equal", () => {
    expect(lowerOf("EH2+", "EH3")).toBe("EH2+");
    expect(lowerOf("EH3", "EH2+")).toBe("EH2+");
    expect(lowerOf("EH3", "EH3")).toBe("EH3");
    expect(higherOf("EH2+", "EH3")).toBe("EH3");
    expect(higherOf("EH3", "EH2+")).toBe("EH3");
    expect(higherOf("EH4", "EH4")).toBe("EH4");
  });
});

describe("reading a level from text", () => {
  it.each([
    // LoA patterns: optional space or hyphen before the digit, space inside
    ["loa3", "EH3"],
    ["LoA 3", "EH3"],
    ["LoA-3", "EH3"],
    ["LoA - 3", undefined],
    ["lo a 3", "EH3"],
    ["loa 2 plus", "EH2+"],
    ["loa2+", "EH2+"],
    // EH patterns
    ["E-H3", "EH3"],
    ["EH - 3", "EH3"],
    ["EH  4", "EH4"],
    ["eHerkenning3", "EH3"],
    ["eHerkenningniveau 4", "EH4"],
    ["eHerkenning  niveau  2", "EH2"],
    ["EH2  +", "EH2+"],
    ["EH2plus", "EH2+"],
    // niveau / level patterns
    ["niveau3", "EH3"],
    ["niveau   4", "EH4"],
    ["level 2+", "EH2+"],
    ["level 2 plus", "EH2+"],
    ["betrouwbaarheidsniveau 3", "EH3"],
    // a plus on anything but 2 names no level
    ["niveau 3+", undefined],
    ["EH4 plus", undefined],
    // eIDAS words
    ["Substantial", "EH3"],
    ["high", "EH4"],
    ["HOOG", "EH4"],
    ["substantieelste", undefined],
    ["EH5", undefined],
    ["EH0", undefined],
    ["veh3", undefined],
    ["aloa3", undefined],
  ])("reads %j as %s", (text, level) => {
    expect(parseLevel(text)).toBe(level);
  });

  it("finds levels in the order they appear, each once, whichever pattern found them", () => {
    expect(findLevels("hoog of niveau 3, en EH3 of LoA 2")).toEqual(["EH4", "EH3", "EH2"]);
    expect(findLevels("EH3, EH3 en nog eens eH 3")).toEqual(["EH3"]);
    expect(findLevels("eerst substantieel, dan EH2")).toEqual(["EH3", "EH2"]);
    expect(findLevels("niets")).toEqual([]);
  });

  it("finds no level in a plus on a digit other than 2", () => {
    expect(findLevels("niveau 3+ of EH4 plus")).toEqual([]);
  });

  it("names one level only when the text names exactly one", () => {
    expect(parseLevel("EH2 of EH3")).toBeUndefined();
    expect(parseLevel("EH3 (substantial)")).toBe("EH3");
  });
});
