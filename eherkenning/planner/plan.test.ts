import { describe, expect, it } from "vitest";
import { KNOWN_OVERSTAPPEN } from "../known-overstappen.ts";
import type { OverviewPerson } from "./overview.ts";
import {
  DECISIONS,
  dutchToday,
  formatDayInput,
  monthsBefore,
  planOverview,
  readDayInput,
} from "./plan.ts";

const person = (over: Partial<OverviewPerson>): OverviewPerson => ({
  globalId: "1",
  initials: "T.",
  prefix: "",
  surname: "Test",
  name: "T. Test",
  email: "t@example.test",
  phone: "",
  organisations: [{ kind: "BRINn", code: "99TT" }],
  roles: [{ role: "DR_Raadpleger", selectionKind: "", selectionValue: "", selection: "" }],
  lastLogin: "2024-05-01",
  loginMeans: "DUO Token",
  loginMeansKind: "token",
  loginName: "",
  tokenIds: [],
  rows: [2],
  cut: [],
  unreadableLogin: false,
  ...over,
});

const beheer = [{ role: "Beheerder BVE", selectionKind: "", selectionValue: "", selection: "" }];

describe("the plan per person", () => {
  const persons = [
    person({ globalId: "a", surname: "Actief", lastLogin: "2023-06-01" }),
    person({ globalId: "b", surname: "Binnenkort", lastLogin: "2023-05-31" }),
    person({
      globalId: "c",
      surname: "Certo",
      loginMeans: "eHerkenning",
      loginMeansKind: "eherkenning",
      lastLogin: "2020-01-01",
    }),
    person({ globalId: "d", surname: "Dormant", lastLogin: null }),
    person({ globalId: "e", surname: "Echo", lastLogin: null, unreadableLogin: true }),
    person({ globalId: "z", surname: "Zwart", roles: beheer, lastLogin: "2024-05-30" }),
  ];
  const plan = planOverview({ persons }, { asOf: "2024-06-01" });
  const decisions = Object.fromEntries(
    plan.persons.map((p) => [p.globalId, [p.decision, p.reason]]),
  );

  it("switched: logs in with eHerkenning, whatever the date", () => {
    expect(decisions.c).toEqual(["switched", "eherkenning"]);
  });

  it("needs-middel: a token user who logged in within the last 12 months, the first day included", () => {
    expect(decisions.a).toEqual(["needs-middel", "active"]);
    expect(decisions.z).toEqual(["needs-middel", "active"]);
  });

  it("review: no login for longer than 12 months, never, or an unreadable date", () => {
    expect(decisions.b).toEqual(["review", "inactive"]);
    expect(decisions.d).toEqual(["review", "never"]);
    expect(decisions.e).toEqual(["review", "unknown"]);
  });

  it("puts beheerders first, then by name", () => {
    expect(plan.persons.map((p) => p.globalId)).toEqual(["z", "a", "b", "c", "d", "e"]);
    expect(plan.summary.beheerders).toBe(1);
  });

  it("the inactive period and the date move the decisions", () => {
    const shorter = planOverview({ persons }, { asOf: "2024-06-01", inactiveMonths: 1 });
    expect(shorter.persons.find((p) => p.globalId === "a")!.decision).toBe("review");
    const earlier = planOverview({ persons }, { asOf: "2024-05-31" });
    expect(earlier.persons.find((p) => p.globalId === "b")!.decision).toBe("needs-middel");
  });

  it("counts per decision and per role, and the middelen to buy", () => {
    expect(plan.summary.byDecision).toEqual({ "needs-middel": 2, review: 3, switched: 1 });
    expect(plan.summary.middelenToBuy).toBe(2);
    expect(plan.summary.byRole).toEqual([
      {
        role: "DR_Raadpleger",
        persons: 5,
        byDecision: { "needs-middel": 1, review: 3, switched: 1 },
      },
      {
        role: "Beheerder BVE",
        persons: 1,
        byDecision: { "needs-middel": 1, review: 0, switched: 0 },
      },
    ]);
  });

  it("takes the machtiging and the level from the shared overstap facts", () => {
    const duo = KNOWN_OVERSTAPPEN.find((o) => o.id === "mijn-duo")!;
    expect(plan.summary.machtiging).toBe(duo.service);
    expect(plan.summary.level).toBe(duo.to);
  });

  it("shows costs only when a price is given, and the saving of not buying for review", () => {
    expect(plan.summary.costs).toBeUndefined();
    const priced = planOverview({ persons }, { asOf: "2024-06-01", pricePerMiddel: 33.1 });
    expect(priced.summary.costs).toEqual({
      pricePerMiddel: 33.1,
      yearlyCost: 66.2,
      yearlyCostIncludingReview: 165.5,
      savingByRemovingReview: 99.3,
    });
  });

  it("refuses a bad date, period or price with a clear message", () => {
    expect(() => planOverview({ persons }, { asOf: "2024-02-30" })).toThrow(
      'the plan date must be YYYY-MM-DD, got "2024-02-30"',
    );
    expect(() => planOverview({ persons }, { inactiveMonths: 0 })).toThrow(
      /whole number of months/,
    );
    expect(() => planOverview({ persons }, { pricePerMiddel: -1 })).toThrow(/amount in euros/);
  });
});

describe("dates for the plan", () => {
  it("counts months back to the same day, clamped to the month's end", () => {
    expect(monthsBefore("2024-06-01", 12)).toBe("2023-06-01");
    expect(monthsBefore("2024-03-31", 1)).toBe("2024-02-29");
    expect(monthsBefore("2024-01-15", 13)).toBe("2022-12-15");
  });

  it("reads a typed plan date the Dutch way (dd-mm-jjjj), or as YYYY-MM-DD", () => {
    expect(readDayInput("01-06-2024")).toBe("2024-06-01");
    expect(readDayInput(" 1-6-2024 ")).toBe("2024-06-01");
    expect(readDayInput("31/12/2022")).toBe("2022-12-31");
    expect(readDayInput("29.02.2024")).toBe("2024-02-29");
    expect(readDayInput("2024-06-01")).toBe("2024-06-01");
  });

  it("refuses a plan date that is no real day or not written day-month-year", () => {
    for (const text of [
      "",
      "06/01",
      "29-02-2023",
      "31-04-2024",
      "13-13-2024",
      "2024-6-1",
      "1-6-24",
    ])
      expect(readDayInput(text), text).toBeUndefined();
  });

  it("writes a plan date back as dd-mm-jjjj", () => {
    expect(formatDayInput("2024-06-01")).toBe("01-06-2024");
    expect(readDayInput(formatDayInput("2022-12-31"))).toBe("2022-12-31");
  });

  it("takes today as the Dutch calendar day", () => {
    expect(dutchToday(new Date("2024-06-30T22:30:00Z"))).toBe("2024-07-01");
    expect(dutchToday(new Date("2024-12-31T22:30:00Z"))).toBe("2024-12-31");
    expect(dutchToday(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
  });
});

describe("the plan's limits", () => {
  it("lists the decisions in the order the planner shows them: needs-middel, review, switched", () => {
    expect(DECISIONS).toEqual(["needs-middel", "review", "switched"]);
  });

  it("takes an inactive period up to 600 months and a price from 0 to 1,000,000 euros", () => {
    const overview = { persons: [person({})] };
    expect(
      planOverview(overview, { asOf: "2024-06-01", inactiveMonths: 600 }).summary.activeSince,
    ).toBe("1974-06-01");
    expect(() => planOverview(overview, { asOf: "2024-06-01", inactiveMonths: 601 })).toThrow(
      "the inactive period must be a whole number of months from 1 to 600, got 601",
    );
    for (const price of [0, 1_000_000]) {
      expect(
        planOverview(overview, { asOf: "2024-06-01", pricePerMiddel: price }).summary.costs
          ?.pricePerMiddel,
      ).toBe(price);
    }
    expect(() => planOverview(overview, { asOf: "2024-06-01", pricePerMiddel: 1_000_001 })).toThrow(
      "the price per middel must be an amount in euros, got 1000001",
    );
  });

  it("counts a person with a beheerder role among others as a beheerder", () => {
    const both = person({
      roles: [
        { role: "DR_Raadpleger", selectionKind: "", selectionValue: "", selection: "" },
        ...beheer,
      ],
    });
    expect(planOverview({ persons: [both] }, { asOf: "2024-06-01" }).persons[0]?.beheerder).toBe(
      true,
    );
  });

  it("sorts people of the same surname by their initials", () => {
    const plan = planOverview(
      {
        persons: [
          person({ globalId: "1", initials: "P.", surname: "Jansen" }),
          person({ globalId: "2", initials: "A.", surname: "Jansen" }),
        ],
      },
      { asOf: "2024-06-01" },
    );
    expect(plan.persons.map((p) => p.initials)).toEqual(["A.", "P."]);
  });

  it("reads only a whole date: no text before or after a plan date, and months back only from YYYY-MM-DD", () => {
    for (const text of ["x2024-06-01", "2024-06-01x", "x1-6-2024", "1-6-2024x"]) {
      expect(readDayInput(text), text).toBeUndefined();
    }
    expect(() => monthsBefore("1-6-2024", 1)).toThrow('expected YYYY-MM-DD, got "1-6-2024"');
    expect(monthsBefore("0001-03-31", 1)).toBe("0001-02-28");
  });
});
