import { describe, expect, it } from "vitest";
import { DUO_MILESTONES, DUO_SECTORS } from "../../eherkenning/index.ts";
import { DUO_SECTOR_SWITCH, duoTokenAccepted } from "./duo-calendar.ts";

describe("the simulation's DUO calendar (invented days)", () => {
  it("keeps the DUO token working for a sector until its switch", () => {
    const roc = DUO_SECTOR_SWITCH.roc.date;
    expect(duoTokenAccepted("roc", new Date(roc.getTime() - 1))).toBe(true);
    expect(duoTokenAccepted("roc", roc)).toBe(false);
    expect(duoTokenAccepted("vavo", roc)).toBe(true);
  });

  it("switches the sectors in DUO's order, within 2022, before the day DUO asked everyone to switch by", () => {
    const dates = DUO_SECTORS.map((s) => DUO_SECTOR_SWITCH[s].date.getTime());
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
    expect(Math.min(...dates)).toBeGreaterThanOrEqual(DUO_MILESTONES.newUsersMust.date.getTime());
    expect(Math.max(...dates)).toBeLessThan(DUO_MILESTONES.deadline.date.getTime());
  });

  it("marks every day as invented", () => {
    expect(Object.values(DUO_SECTOR_SWITCH).every((m) => m.invented === true)).toBe(true);
  });
});
