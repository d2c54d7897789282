import { describe, expect, it } from "vitest";
import { dutchDay, isDutchSummerTime, isoDutchDay, longDutchDay } from "./dates.ts";

describe("Dutch calendar days", () => {
  it("starts a summer day at 22:00 UTC the day before", () => {
    expect(dutchDay("2021-07-01").toISOString()).toBe("2021-06-30T22:00:00.000Z");
    expect(dutchDay("2021-06-01").toISOString()).toBe("2021-05-31T22:00:00.000Z");
  });

  it("starts a winter day at 23:00 UTC the day before", () => {
    expect(dutchDay("2022-01-01").toISOString()).toBe("2021-12-31T23:00:00.000Z");
    expect(dutchDay("2021-11-08").toISOString()).toBe("2021-11-07T23:00:00.000Z");
  });

  it("switches on the last Sundays of March and October", () => {
    expect(dutchDay("2022-03-27").toISOString()).toBe("2022-03-26T23:00:00.000Z");
    expect(dutchDay("2022-03-28").toISOString()).toBe("2022-03-27T22:00:00.000Z");
    expect(dutchDay("2022-10-30").toISOString()).toBe("2022-10-29T22:00:00.000Z");
    expect(dutchDay("2022-10-31").toISOString()).toBe("2022-10-30T23:00:00.000Z");
    expect(isDutchSummerTime(new Date("2022-03-27T00:59:59Z"))).toBe(false);
    expect(isDutchSummerTime(new Date("2022-03-27T01:00:00Z"))).toBe(true);
  });

  it("ends summer time at 01:00 UTC on the last Sunday of October", () => {
    expect(isDutchSummerTime(new Date("2022-10-30T00:59:59.999Z"))).toBe(true);
    expect(isDutchSummerTime(new Date("2022-10-30T01:00:00Z"))).toBe(false);
  });

  it("refuses what is not a calendar day", () => {
    expect(() => dutchDay("1 juli 2021")).toThrow('expected YYYY-MM-DD, got "1 juli 2021"');
  });

  it("refuses a calendar day with anything before or after it", () => {
    expect(() => dutchDay("2021-07-01T12:00")).toThrow('got "2021-07-01T12:00"');
    expect(() => dutchDay("x2021-07-01")).toThrow('got "x2021-07-01"');
  });

  it("writes a moment as the day it is in the Netherlands, in ISO, Dutch and English", () => {
    const midnight = dutchDay("2021-07-01");
    expect(isoDutchDay(midnight)).toBe("2021-07-01");
    expect(longDutchDay(midnight)).toBe("1 juli 2021");
    expect(longDutchDay(midnight, "en")).toBe("1 July 2021");
    // A minute before midnight in Amsterdam is still the day before, in winter too.
    expect(isoDutchDay(new Date("2021-12-31T22:59:00Z"))).toBe("2021-12-31");
    expect(longDutchDay(new Date("2021-12-31T23:00:00Z"))).toBe("1 januari 2022");
  });
});
