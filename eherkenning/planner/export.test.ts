import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  checklistCsv,
  checklistRows,
  checklistXlsx,
  neutraliseCell,
  organisationLabel,
  planToJson,
  toCsv,
  writeOverviewTsv,
  writeOverviewXlsx,
  type OverviewRow,
} from "./export.ts";
import { OVERVIEW_HEADERS } from "./columns.ts";
import { TEST_OVERVIEW_ROWS } from "./fixtures.ts";
import { parseOverview } from "./overview.ts";
import { DECISIONS, MIJN_DUO, planOverview } from "./plan.ts";
import { readXlsx } from "./xlsx.ts";

const planOf = (rows: readonly OverviewRow[]) =>
  planOverview(parseOverview("t.tsv", new TextEncoder().encode(writeOverviewTsv(rows))), {
    asOf: "2024-06-01",
  });

const plan = planOf(TEST_OVERVIEW_ROWS);

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

  it("writes the same checklist as XLSX, on a sheet named Checklist in either language", () => {
    expect(readXlsx(checklistXlsx(plan)).rows.map((r) => r.cells)).toEqual(checklistRows(plan));
    expect(readXlsx(checklistXlsx(plan)).name).toBe("Checklist");
    expect(readXlsx(checklistXlsx(plan, { language: "en" })).name).toBe("Checklist");
  });

  it("writes the headers and each decision in Dutch, or in English when asked", () => {
    const everyone = { decisions: DECISIONS };
    const decisionsOf = (rows: string[][]) => new Set(rows.slice(1).map((r) => r[6]));
    const dutch = checklistRows(plan, everyone);
    expect(dutch[0]).toEqual([
      "Naam",
      "E-mailadres",
      "Niveau",
      "Machtiging",
      "Organisatie",
      "GLOBALID",
      "Besluit",
    ]);
    expect(decisionsOf(dutch)).toEqual(new Set(["middel aanvragen", "nagaan", "overgestapt"]));
    const english = checklistRows(plan, { ...everyone, language: "en" });
    expect(english[0]).toEqual([
      "Name",
      "E-mail address",
      "Level",
      "Machtiging",
      "Organisation",
      "GLOBALID",
      "Decision",
    ]);
    expect(decisionsOf(english)).toEqual(new Set(["request middel", "review", "switched"]));
  });

  it("names every organisation of a person, separated by commas", () => {
    const second = TEST_OVERVIEW_ROWS.filter((r) => r.globalId === "900002").map((r) => ({
      ...r,
      organisationType: "BRINn",
      organisationCode: "12AB",
    }));
    const rows = checklistRows(planOf([...TEST_OVERVIEW_ROWS, ...second]));
    expect(rows.find((r) => r[5] === "900002")![4]).toBe("BRINn 99TT, BRINn 12AB");
  });

  it("leaves = + - @ inside a cell alone: only a cell that starts like a formula is changed", () => {
    for (const cell of ["a.b@example.test", "Jan-Piet", "1+1", "x=y"])
      expect(neutraliseCell(cell)).toBe(cell);
  });
});

describe("an organisation's label", () => {
  it("is its kind and code, or whichever of the two it has", () => {
    expect(organisationLabel({ kind: "BRINn", code: "99TT" })).toBe("BRINn 99TT");
    expect(organisationLabel({ kind: "", code: "99TT" })).toBe("99TT");
    expect(organisationLabel({ kind: "BRINn", code: "" })).toBe("BRINn");
  });
});

describe("an overview in DUO's columns", () => {
  const rows: OverviewRow[] = [
    { globalId: "1", surname: "Tab\there", role: "Raadpleger" },
    { globalId: "2", surname: "Twee\r\nregels", lastLogin: "2024-05-01" },
  ];

  it("writes TSV as DUO sends it: its headers, a line per row ending in CRLF, a run of tabs or line breaks in a value as one space", () => {
    const lines = writeOverviewTsv(rows).split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("");
    expect(lines[0]!.split("\t")).toEqual([...OVERVIEW_HEADERS]);
    const cells = lines.slice(1, 3).map((l) => l.split("\t"));
    expect(cells.map((c) => c.length)).toEqual([OVERVIEW_HEADERS.length, OVERVIEW_HEADERS.length]);
    expect(cells[0]!.filter((c) => c !== "")).toEqual(["1", "Tab here", "Raadpleger"]);
    expect(cells[1]!.filter((c) => c !== "")).toEqual(["2", "Twee regels", "2024-05-01"]);
  });

  it("writes the same rows as XLSX, on a sheet named as DUO names it", () => {
    const sheet = readXlsx(writeOverviewXlsx(TEST_OVERVIEW_ROWS));
    expect(sheet.name).toBe("Overzicht Mijn DUO gebruikers");
    const tsv = writeOverviewTsv(TEST_OVERVIEW_ROWS).split("\r\n").slice(0, -1);
    const trimmed = (cells: string[]) => cells.join("\t").replace(/\t+$/, "");
    expect(sheet.rows.map((r) => trimmed(r.cells))).toEqual(tsv.map((l) => l.replace(/\t+$/, "")));
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
