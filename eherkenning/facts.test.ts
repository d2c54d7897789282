import { describe, expect, it } from "vitest";
import { dutchDay } from "./dates.ts";
import { FACTS, MIJN_DUO_FACTS, factText } from "./facts.ts";
import { DUO_MILESTONES, KNOWN_OVERSTAPPEN } from "./known-overstappen.ts";
import { EH1_RETIRED_ON } from "./levels.ts";

describe("the real-world facts", () => {
  it("each has a public https source, a checked date, and Dutch and English text", () => {
    for (const fact of Object.values(FACTS)) {
      expect(fact.source.url, fact.id).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//);
      expect(fact.source.checked, fact.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(fact.nl.length, fact.id).toBeGreaterThan(10);
      expect(fact.en.length, fact.id).toBeGreaterThan(10);
      if ("day" in fact) expect(() => dutchDay(fact.day), fact.id).not.toThrow();
    }
  });

  it("are what the rules use: EH1's retirement, DUO's days, RBG's window", () => {
    expect(dutchDay(FACTS.eh1Retired.day).getTime()).toBe(EH1_RETIRED_ON.getTime());
    expect(DUO_MILESTONES.newUsersMust.date).toEqual(dutchDay("2022-01-01"));
    expect(DUO_MILESTONES.deadline.date).toEqual(dutchDay("2022-12-31"));
    const rbg = KNOWN_OVERSTAPPEN.find((o) => o.id === "mijn-rbg")?.transition;
    expect(rbg?.until).toEqual(dutchDay(FACTS.rbgEh2PlusUntil.day));
  });

  it("name the machtiging as DUO does, and no sector days", () => {
    expect(FACTS.duoMachtiging.nl).toContain("Mijn DUO voor zakelijke klanten");
    const days = MIJN_DUO_FACTS.flatMap((f) => ("day" in f && f.day ? [f.day] : []));
    expect(days).toEqual(["2022-01-01", "2022-12-31"]);
  });

  it("name who published each", () => {
    for (const fact of Object.values(FACTS)) expect(fact.source.publisher, fact.id).toMatch(/^\S/);
  });

  it("speak of a day in the past tense from its first moment", () => {
    const dayStarts = dutchDay(FACTS.duoSwitchBefore.day);
    expect(factText(FACTS.duoSwitchBefore, "en", dayStarts, dutchDay)).toContain("DUO asked");
    const justBefore = new Date(dayStarts.getTime() - 1);
    expect(factText(FACTS.duoSwitchBefore, "en", justBefore, dutchDay)).toBe(
      FACTS.duoSwitchBefore.en,
    );
  });

  it("keep their one text after their day when they have no past form", () => {
    const after = new Date("2023-01-15T12:00:00Z");
    expect(factText(FACTS.eh1Retired, "nl", after, dutchDay)).toBe(FACTS.eh1Retired.nl);
  });

  it("speak of a passed day in the past tense", () => {
    const before = new Date("2022-06-15T12:00:00Z");
    const after = new Date("2023-01-15T12:00:00Z");
    expect(factText(FACTS.duoSwitchBefore, "nl", before, dutchDay)).toContain("DUO vraagt");
    expect(factText(FACTS.duoSwitchBefore, "nl", after, dutchDay)).toContain("DUO vroeg");
    expect(factText(FACTS.duoSwitchBefore, "en", after, dutchDay)).toContain("DUO asked");
  });
});
