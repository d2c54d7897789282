import { describe, expect, it } from "vitest";
import {
  LEVELS,
  compareLevels,
  describeLevel,
  findLevels,
  isAtLeast,
  parseLevel,
} from "./levels.ts";

describe("levels", () => {
  it("orders loa1 < loa2 < loa2plus < loa3 < loa4", () => {
    expect(compareLevels("EH1", "EH2")).toBeLessThan(0);
    expect(compareLevels("EH2", "EH2+")).toBeLessThan(0);
    expect(compareLevels("EH2+", "EH3")).toBeLessThan(0);
    expect(compareLevels("EH3", "EH4")).toBeLessThan(0);
    expect(compareLevels("EH3", "EH3")).toBe(0);
  });

  it("a higher middel works for a lower service, never the reverse", () => {
    expect(isAtLeast("EH4", "EH3")).toBe(true);
    expect(isAtLeast("EH2+", "EH3")).toBe(false);
  });

  it("gives eIDAS levels: EH3 is substantial, EH1 has none", () => {
    expect(LEVELS.EH3.eidas).toBe("substantial");
    expect(LEVELS.EH4.eidas).toBe("high");
    expect(LEVELS.EH1.eidas).toBeNull();
    expect(describeLevel("EH3")).toBe("EH3 (eIDAS substantieel)");
    expect(describeLevel("EH3", "en")).toBe("EH3 (eIDAS substantial)");
  });

  it.each([
    ["EH3", "EH3"],
    ["eH3", "EH3"],
    ["EH 3", "EH3"],
    ["EH-3", "EH3"],
    ["niveau 3", "EH3"],
    ["Betrouwbaarheidsniveau 4", "EH4"],
    ["EH2+", "EH2+"],
    ["EH2 plus", "EH2+"],
    ["niveau 2+", "EH2+"],
    ["loa2plus", "EH2+"],
    ["LoA 2", "EH2"],
    ["urn:etoegang:core:assurance-class:loa3", "EH3"],
    ["urn:etoegang:core:assurance-class:loa2plus", "EH2+"],
    ["substantieel", "EH3"],
    ["eIDAS Substantial", "EH3"],
    ["hoog", "EH4"],
    ["eHerkenning niveau 3", "EH3"],
    ["EH3 (substantieel)", "EH3"],
    ["  EH1 ", "EH1"],
  ])("parses %j as %s", (input, level) => {
    expect(parseLevel(input)).toBe(level);
  });

  it.each(["", "niveau", "EH5", "EH3+", "laag", "EH2 of EH3", "hoogte"])(
    "names no single level in %j",
    (input) => {
      expect(parseLevel(input)).toBeUndefined();
    },
  );

  it("finds levels in running text in order", () => {
    expect(findLevels("Van EH1 naar niveau 2+ en later eH3")).toEqual(["EH1", "EH2+", "EH3"]);
  });
});
