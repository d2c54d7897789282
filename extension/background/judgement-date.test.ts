import { describe, expect, it } from "vitest";
import {
  JudgementDateError,
  judgementDate,
  parseJudgementDate,
  setJudgementDate,
  type SessionStore,
} from "./judgement-date.ts";

function memory(): SessionStore {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => data.get(key),
    set: async (key, value) => void data.set(key, value),
    remove: async (key) => void data.delete(key),
  };
}

const real = new Date("2026-12-03T10:00:00Z");

describe("the judgement date", () => {
  it("is the real date until one is set", async () => {
    expect(await judgementDate(memory(), () => real)).toBe(real);
  });

  it("is the set date once set, a bare day being the start of that Dutch day, and the real date after a reset", async () => {
    const store = memory();
    await setJudgementDate(store, "2022-06-15");
    expect((await judgementDate(store, () => real)).toISOString()).toBe("2022-06-14T22:00:00.000Z");
    await setJudgementDate(store, "2023-02-01T12:00:00Z");
    expect((await judgementDate(store, () => real)).toISOString()).toBe("2023-02-01T12:00:00.000Z");
    await setJudgementDate(store, null);
    expect(await judgementDate(store, () => real)).toBe(real);
  });

  it("refuses what is not a date, saying what was wrong", async () => {
    expect(() => parseJudgementDate(20220615)).toThrow(
      /must be a string like "2022-06-15" or null, not 20220615/,
    );
    expect(() => parseJudgementDate("15-06-2022")).toThrow(/"15-06-2022" is not a date/);
    expect(() => parseJudgementDate("1900-01-01")).toThrow(JudgementDateError);
    const store = memory();
    await expect(setJudgementDate(store, "later")).rejects.toThrow(/"later" is not a date/);
    expect(await judgementDate(store, () => real)).toBe(real);
  });
});
