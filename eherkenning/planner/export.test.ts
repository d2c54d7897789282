import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  checklistCsv,
  checklistRows,
  checklistXlsx,
  neutraliseCell,
  planToJson,
  toCsv,
  writeOverviewTsv,
} from "./export.ts";
import { TEST_OVERVIEW_ROWS } from "./fixtures.ts";
import { parseOverview } from "./overview.ts";
import { MIJN_DUO, planOverview } from "./plan.ts";
import { readXlsx } from "./xlsx.ts";

const plan = planOverview(
  parseOverview("t.tsv", new TextEncoder().encode(writeOverviewTsv(TEST_OVERVIEW_ROWS))),
  { asOf: "2024-06-01" },
);

describe("the checklist for the machtigingenbeheerder", () => {
  it("lists the persons who need a middel with level, machtiging and organisation", () => {
    expect(checklistRows(plan)).toEqual([
      ["Naam", "E-mailadres", "Niveau", "Machtiging", "Organisatie", "GLOBALID", "Besluit"],
      [
        "A. Testbeheer",
        "a.testbeheer@example.test",
        MIJN_DUO.to,
        MIJN_DUO.service,
        "BRINn 99TT",
        "900001",
        "middel aanvragen",
      ],
      [
        "B.C. van der Voorbeeld",
        "bc.voorbeeld@example.test",
        MIJN_DUO.to,
        MIJN_DUO.service,
        "BRINn 99TT",
        "900002",
        "middel aanvragen",
      ],
    ]);
    expect(checklistRows(plan, { language: "en", decisions: ["review"] }).map((r) => r[0])).toEqual(
      ["Name", "F. Nooit", "D. Slaper"],
    );
  });

  it.each(['=HYPERLINK("http://x")', "+31 6", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])(
    "neutralises a cell starting like a formula: %j",
    (cell) => {
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
      const csv = toCsv([[cell, "ok"]]);
      const [row] = Papa.parse<string[]>(csv.slice(1)).data;
      expect(row![0]).toBe(`'${cell}`);
    },
  );

  it("leaves ordinary text alone and quotes delimiters, quotes and newlines", () => {
    expect(toCsv([["Jansen, J.", 'zei "ja"', "a\nb", "gewoon"]])).toBe(
      '\uFEFF"Jansen, J.","zei ""ja""","a\nb",gewoon\r\n',
    );
    expect(toCsv([["a;b", "c"]], ";")).toBe('\uFEFF"a;b";c\r\n');
  });

  it("neutralises a hostile name from the overview in the exported CSV", () => {
    const hostile = TEST_OVERVIEW_ROWS.map((r) =>
      r.globalId === "900001" ? { ...r, surname: "=cmd|' /C calc'!A0", initials: "" } : r,
    );
    const p = planOverview(
      parseOverview("h.tsv", new TextEncoder().encode(writeOverviewTsv(hostile))),
      { asOf: "2024-06-01" },
    );
    expect(checklistCsv(p)).toContain("\r\n'=cmd|' /C calc'!A0,");
  });

  it("writes the same checklist as XLSX", () => {
    expect(readXlsx(checklistXlsx(plan)).rows.map((r) => r.cells)).toEqual(checklistRows(plan));
  });
});

describe("the plan as JSON", () => {
  it("has the public shape: persons with globalId, name, email, roles, lastLogin, loginMeans, decision; and a summary", () => {
    const json = planToJson(plan);
    expect(json.persons[0]).toMatchObject({
      globalId: "900001",
      name: "A. Testbeheer",
      email: "a.testbeheer@example.test",
      roles: [
        { role: "Beheerder BVE", selection: "BRINn 99TT" },
        { role: "Organisatiebeheerder", selection: "" },
      ],
      lastLogin: "2024-05-02",
      loginMeans: "DUO Token",
      decision: "needs-middel",
    });
    expect(json.summary.byDecision).toEqual({ "needs-middel": 2, review: 2, switched: 1 });
  });
});
