import { describe, expect, it } from "vitest";
import { writeOverviewTsv, writeOverviewXlsx, type OverviewRow } from "./export.ts";
import { PlannerError } from "./errors.ts";
import { TEST_OVERVIEW_ROWS } from "./fixtures.ts";
import { parseOverview } from "./overview.ts";
import { MAX_OVERVIEW_BYTES } from "./table.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);
const tsv = (lines: readonly (readonly string[])[]) => lines.map((l) => l.join("\t")).join("\n");

// The cut headers as they appear in the copy of DUO's overview the issue describes.
const CUT_HEADERS = [
  "ORGANISA",
  "ORGANISA",
  "GLOBALID",
  "ACHTERNA",
  "VOORLETT",
  "VOORVOEC",
  "TELEFOONNUMME",
  "EMAILADRES",
  "ROL_MNEMONIC",
  "SELKMTYP",
  "SELKMWAARDE",
  "INLOGMOM",
  "INLOGNAAM",
  "TOKENID",
  "KANAAL_M",
  "INLOGMID",
];
const cutRow = (over: Partial<Record<string, string>> = {}) => {
  const v: Record<string, string> = {
    ORGANISA1: "BRINn",
    ORGANISA2: "99TT",
    GLOBALID: "700001",
    ACHTERNA: "Kortkop",
    VOORLETT: "K.",
    VOORVOEC: "",
    TELEFOONNUMME: "0600000001",
    EMAILADRES: "k.kortkop@example.test",
    ROL_MNEMONIC: "DR_Raadpleger",
    SELKMTYP: "BRINn",
    SELKMWAARDE: "99TT",
    INLOGMOM: "2022-01-2",
    INLOGNAAM: "kkortkop",
    TOKENID: "T-7",
    KANAAL_M: "TOKEN",
    INLOGMID: "DUO Toker",
    ...over,
  };
  return [v.ORGANISA1, v.ORGANISA2, ...CUT_HEADERS.slice(2).map((h) => v[h] ?? "")] as string[];
};

describe("reading DUO's overview of Mijn DUO users", () => {
  it("groups rows per GLOBALID with every role and selection, in TSV as DUO sends it", () => {
    const overview = parseOverview("overzicht.tsv", utf8(writeOverviewTsv(TEST_OVERVIEW_ROWS)));
    expect(overview.format).toBe("tsv");
    expect(overview.dataRows).toBe(TEST_OVERVIEW_ROWS.length);
    expect(overview.persons.map((p) => p.globalId)).toEqual([
      "900001",
      "900002",
      "900003",
      "900004",
      "900005",
    ]);
    const beheerder = overview.persons[0]!;
    expect(beheerder.name).toBe("A. Testbeheer");
    expect(beheerder.roles).toEqual([
      {
        role: "Beheerder BVE",
        selectionKind: "BRINn",
        selectionValue: "99TT",
        selection: "BRINn 99TT",
      },
      { role: "Organisatiebeheerder", selectionKind: "", selectionValue: "", selection: "" },
    ]);
    expect(beheerder.lastLogin).toBe("2024-05-02");
    expect(beheerder.loginMeans).toBe("DUO Token");
    expect(beheerder.organisations).toEqual([{ kind: "BRINn", code: "99TT" }]);
    expect(overview.persons[1]!.name).toBe("B.C. van der Voorbeeld");
    expect(overview.persons[3]!.loginMeansKind).toBe("eherkenning");
    expect(overview.persons[4]!.lastLogin).toBeNull();
    expect(overview.issues).toEqual([]);
  });

  it("reads the cut headers and cut values, and says which values were cut", () => {
    const file = tsv([CUT_HEADERS, cutRow()]);
    const overview = parseOverview("kort.tsv", utf8(file));
    expect(overview.columns.filter((c) => c.cut).map((c) => c.header)).toEqual([
      "ORGANISA",
      "ORGANISA",
      "ACHTERNA",
      "VOORLETT",
      "VOORVOEC",
      "TELEFOONNUMME",
      "INLOGMOM",
      "KANAAL_M",
      "INLOGMID",
    ]);
    const [p] = overview.persons;
    expect(p).toMatchObject({
      surname: "Kortkop",
      phone: "0600000001",
      lastLogin: "2022-01-20",
      loginMeans: "DUO Token",
      loginMeansKind: "token",
      organisations: [{ kind: "BRINn", code: "99TT" }],
    });
    expect(p!.cut).toEqual(["lastLogin", "loginMeans"]);
    expect(overview.issues.map((i) => [i.kind, i.row, i.column])).toEqual([
      ["cut", 2, "INLOGMOM"],
      ["cut", 2, "INLOGMID"],
    ]);
  });

  it("collects a person's 41 rows into one person with 41 roles and selections", () => {
    const rows = Array.from({ length: 41 }, (_, i) =>
      cutRow({
        ROL_MNEMONIC: i % 2 ? "Examensecretaris BVE" : "DR_Raadpleger",
        SELKMWAARDE: `99T${i}`,
        INLOGMOM: `2023-0${(i % 9) + 1}-10`,
      }),
    );
    const overview = parseOverview("veel.tsv", utf8(tsv([CUT_HEADERS, ...rows])));
    expect(overview.persons).toHaveLength(1);
    expect(overview.persons[0]!.roles).toHaveLength(41);
    expect(overview.persons[0]!.rows).toHaveLength(41);
    expect(overview.persons[0]!.lastLogin).toBe("2023-09-10");
  });

  it("keeps a role with an empty selection as a role without selection, once", () => {
    const rows = [
      cutRow({ SELKMTYP: "", SELKMWAARDE: "" }),
      cutRow({ SELKMTYP: "", SELKMWAARDE: "" }),
    ];
    const overview = parseOverview("leeg.tsv", utf8(tsv([CUT_HEADERS, ...rows])));
    expect(overview.persons[0]!.roles).toEqual([
      { role: "DR_Raadpleger", selectionKind: "", selectionValue: "", selection: "" },
    ]);
  });

  it("reads CSV with commas (quoted values included) and with the semicolons Dutch Excel writes", () => {
    const header = [
      "GLOBALID",
      "ACHTERNAAM",
      "VOORLETTERS",
      "ROL_MNEMONIC",
      "INLOGMOMENT",
      "INLOGMIDDEL",
    ];
    const comma = [header.join(","), '1,"Jansen, de",J.,DR_Raadpleger,25-01-2024,DUO Token'].join(
      "\r\n",
    );
    const semi = [header.join(";"), "1;Jansen;J.;DR_Raadpleger;25-01-2024;DUO Token"].join("\r\n");
    const a = parseOverview("a.csv", utf8(comma));
    const b = parseOverview("b.csv", utf8(semi));
    expect(a.format).toBe("csv-comma");
    expect(b.format).toBe("csv-semicolon");
    expect(a.persons[0]!.surname).toBe("Jansen, de");
    expect(b.persons[0]!.lastLogin).toBe("2024-01-25");
  });

  it("reads UTF-8 with a BOM, UTF-8 without, and Windows-1252 alike", () => {
    const text = tsv([
      ["GLOBALID", "ACHTERNAAM", "ROL_MNEMONIC", "INLOGMOMENT", "INLOGMIDDEL"],
      ["1", "Müller-Öztürk é€", "DR_Raadpleger", "2024-01-01", "DUO Token"],
    ]);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    // Windows-1252: ü=FC, Ö=D6, ü=FC, é=E9, €=80 (not valid UTF-8).
    const cp1252 = Uint8Array.from(
      text,
      (ch) => ({ ü: 0xfc, Ö: 0xd6, é: 0xe9, "€": 0x80 })[ch] ?? ch.charCodeAt(0),
    );
    const results = [
      parseOverview("bom.tsv", withBom),
      parseOverview("plain.tsv", utf8(text)),
      parseOverview("1252.tsv", cp1252),
    ];
    expect(results.map((r) => r.encoding)).toEqual(["utf-8-bom", "utf-8", "windows-1252"]);
    for (const r of results) expect(r.persons[0]!.surname).toBe("Müller-Öztürk é€");
  });

  it("reads an XLSX overview the same as the TSV", () => {
    const fromXlsx = parseOverview("overzicht.xlsx", writeOverviewXlsx(TEST_OVERVIEW_ROWS));
    const fromTsv = parseOverview("overzicht.tsv", utf8(writeOverviewTsv(TEST_OVERVIEW_ROWS)));
    expect(fromXlsx.format).toBe("xlsx");
    expect(fromXlsx.persons).toEqual(fromTsv.persons);
  });

  it("finds the header row below a title line", () => {
    const file = `TESTGEGEVENS overzicht\n\n${writeOverviewTsv(TEST_OVERVIEW_ROWS)}`;
    const overview = parseOverview("titel.tsv", utf8(file));
    expect(overview.headerRow).toBe(3);
    expect(overview.persons).toHaveLength(5);
  });
});

describe("bad overviews: an error names file, row and column; the rest of the file counts", () => {
  it("refuses a file that is not an overview", () => {
    const error = (() => {
      try {
        parseOverview("boodschappen.csv", utf8("melk,brood\n1,2\n"));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PlannerError);
    expect((error as Error).message).toMatch(
      /^boodschappen\.csv, row 1: not an overview of Mijn DUO users/,
    );
  });

  it("names a missing required column", () => {
    const file = tsv([
      ["GLOBALID", "ACHTERNAAM", "ROL_MNEMONIC", "INLOGMIDDEL"],
      ["1", "A", "DR_Raadpleger", "DUO Token"],
    ]);
    expect(() => parseOverview("x.tsv", utf8(file))).toThrow(
      /^x\.tsv, row 1, column INLOGMOMENT: the required column INLOGMOMENT is missing/,
    );
  });

  it("requires GLOBALID and INLOGMIDDEL too, listing the headers it did find", () => {
    const noGlobalId = tsv([
      ["ACHTERNAAM", "ROL_MNEMONIC", "INLOGMOMENT", "INLOGMIDDEL"],
      ["A", "DR_Raadpleger", "2024-01-01", "DUO Token"],
    ]);
    expect(() => parseOverview("x.tsv", utf8(noGlobalId))).toThrow(
      "x.tsv, row 1, column GLOBALID: the required column GLOBALID is missing (headers found: ACHTERNAAM, ROL_MNEMONIC, INLOGMOMENT, INLOGMIDDEL)",
    );
    const noMeans = tsv([
      ["GLOBALID", "ACHTERNAAM", "ROL_MNEMONIC", "INLOGMOMENT"],
      ["1", "A", "DR_Raadpleger", "2024-01-01"],
    ]);
    expect(() => parseOverview("x.tsv", utf8(noMeans))).toThrow(
      "the required column INLOGMIDDEL is missing",
    );
  });

  it("reads headers with spaces or dashes for underscores, E-MAILADRES as EMAILADRES, lists the others as ignored, and orders columns as in the file", () => {
    const file = tsv([
      [
        "INLOGMIDDEL",
        "Rol - mnemonic",
        "GLOBALID",
        "E-mailadres",
        "ACHTERNAAM",
        "INLOGMOMENT",
        "GLOBALID",
        "",
        "Opmerking",
      ],
      ["DUO Token", "DR_Raadpleger", "1", "a@example.test", "A", "2024-01-01", "2", "", "x"],
    ]);
    const overview = parseOverview("x.tsv", utf8(file));
    expect(overview.columns.map((c) => c.key)).toEqual([
      "loginMeans",
      "role",
      "globalId",
      "email",
      "surname",
      "lastLogin",
    ]);
    expect(overview.ignoredHeaders).toEqual(["GLOBALID", "Opmerking"]);
    expect(overview.persons[0]).toMatchObject({ globalId: "1", email: "a@example.test" });
  });

  it("reports an unreadable date by row and column and keeps the person and the other rows", () => {
    const rows: OverviewRow[] = [
      {
        globalId: "1",
        surname: "A",
        role: "DR_Raadpleger",
        lastLogin: "gisteren",
        loginMeans: "DUO Token",
      },
      {
        globalId: "2",
        surname: "B",
        role: "DR_Raadpleger",
        lastLogin: "2024-02-30",
        loginMeans: "DUO Token",
      },
      {
        globalId: "3",
        surname: "C",
        role: "DR_Raadpleger",
        lastLogin: "2024-02-29",
        loginMeans: "DUO Token",
      },
    ];
    const overview = parseOverview("d.tsv", utf8(writeOverviewTsv(rows)));
    expect(overview.persons.map((p) => [p.globalId, p.lastLogin, p.unreadableLogin])).toEqual([
      ["1", null, true],
      ["2", null, true],
      ["3", "2024-02-29", false],
    ]);
    expect(
      overview.issues.map((i) => `${i.file}, row ${i.row}, column ${i.column}: ${i.kind}`),
    ).toEqual([
      "d.tsv, row 2, column INLOGMOMENT: unreadable",
      "d.tsv, row 3, column INLOGMOMENT: unreadable",
    ]);
  });

  it("leaves out only a row without GLOBALID, and says so", () => {
    const rows: OverviewRow[] = [
      {
        globalId: "",
        surname: "Zonder",
        role: "DR_Raadpleger",
        lastLogin: "2024-01-01",
        loginMeans: "DUO Token",
      },
      {
        globalId: "2",
        surname: "Met",
        role: "DR_Raadpleger",
        lastLogin: "2024-01-01",
        loginMeans: "DUO Token",
      },
    ];
    const overview = parseOverview("g.tsv", utf8(writeOverviewTsv(rows)));
    expect(overview.persons.map((p) => p.surname)).toEqual(["Met"]);
    expect(overview.issues).toEqual([
      expect.objectContaining({ kind: "skipped", row: 2, column: "GLOBALID" }),
    ]);
  });

  it("refuses a file over 50 MB with a clear error before reading it", () => {
    const big = new Uint8Array(MAX_OVERVIEW_BYTES + 1);
    expect(() => parseOverview("groot.tsv", big)).toThrow(
      "groot.tsv: the file is 50.0 MB, more than the 50.0 MB an overview of Mijn DUO users can be",
    );
  });

  it("refuses binary data that is no spreadsheet", () => {
    expect(() => parseOverview("foto.jpg", new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2]))).toThrow(
      /foto\.jpg: not a text or Excel \(XLSX\) file/,
    );
  });
});

describe("one person from many rows", () => {
  const row = (over: Partial<Record<string, string>>) =>
    cutRow({
      GLOBALID: "1",
      ACHTERNA: "",
      VOORLETT: "",
      VOORVOEC: "",
      TELEFOONNUMME: "",
      EMAILADRES: "",
      INLOGNAAM: "",
      TOKENID: "",
      ROL_MNEMONIC: "",
      SELKMTYP: "",
      SELKMWAARDE: "",
      INLOGMOM: "",
      KANAAL_M: "",
      INLOGMID: "",
      ...over,
    });
  const read = (rows: string[][]) =>
    parseOverview("personen.tsv", utf8(tsv([CUT_HEADERS, ...rows])));

  it("fills a blank name, phone, e-mail and login name from a later row, and reports a second surname", () => {
    const overview = read([
      row({ ROL_MNEMONIC: "DR_Raadpleger" }),
      row({
        ACHTERNA: "Tweede",
        VOORLETT: "T.",
        VOORVOEC: "van",
        TELEFOONNUMME: "0600",
        EMAILADRES: "t@example.test",
        INLOGNAAM: "tt",
      }),
      row({ ACHTERNA: "Anders", VOORLETT: "A.", EMAILADRES: "a@example.test" }),
    ]);
    expect(overview.persons).toHaveLength(1);
    expect(overview.persons[0]).toMatchObject({
      initials: "T.",
      prefix: "van",
      surname: "Tweede",
      name: "T. van Tweede",
      phone: "0600",
      email: "t@example.test",
      loginName: "tt",
      rows: [2, 3, 4],
    });
    expect(overview.issues).toEqual([
      {
        file: "personen.tsv",
        row: 4,
        column: "ACHTERNA",
        kind: "conflict",
        message: 'GLOBALID 1 was "Tweede" on row 2; "Anders" ignored',
      },
    ]);
  });

  it("keeps each organisation, role and selection once, skips empty ones and blank rows, and names a cut role", () => {
    const overview = read([
      row({ ROL_MNEMONIC: "DR_Raadpleger", SELKMTYP: "BRINn" }),
      row({ ORGANISA1: "", ORGANISA2: "", ROL_MNEMONIC: "Examensecr", SELKMWAARDE: "99TT" }),
      CUT_HEADERS.map(() => " "),
      row({ ORGANISA1: "BRINn", ORGANISA2: "", ROL_MNEMONIC: "DR_Raadpleger", SELKMTYP: "BRINn" }),
      row({ ORGANISA1: "", ORGANISA2: "88XX" }),
    ]);
    expect(overview.dataRows).toBe(4);
    const person = overview.persons[0]!;
    expect(person.organisations).toEqual([
      { kind: "BRINn", code: "99TT" },
      { kind: "BRINn", code: "" },
      { kind: "", code: "88XX" },
    ]);
    expect(person.roles).toEqual([
      { role: "DR_Raadpleger", selectionKind: "BRINn", selectionValue: "", selection: "BRINn" },
      {
        role: "Examensecretaris BVE",
        selectionKind: "",
        selectionValue: "99TT",
        selection: "99TT",
      },
    ]);
    expect(person.cut).toEqual(["role"]);
    expect(overview.issues).toEqual([
      {
        file: "personen.tsv",
        row: 3,
        column: "ROL_MNEMONIC",
        kind: "cut",
        message: '"Examensecr" read as "Examensecretaris BVE" (cut short)',
      },
    ]);
  });

  it("takes the latest login, any eHerkenning row, every token once, and the first means of the latest day", () => {
    const switched = read([
      row({ INLOGMOM: "2022-01-05", INLOGMID: "DUO Token", TOKENID: "T-1" }),
      row({ INLOGMOM: "2023-03-01", INLOGMID: "DUO Token", TOKENID: "T-2" }),
      row({ INLOGMOM: "2022-12-01", INLOGMID: "eHerkenning", TOKENID: "T-1" }),
    ]).persons[0]!;
    expect(switched.lastLogin).toBe("2023-03-01");
    expect(switched.loginMeansKind).toBe("eherkenning");
    expect(switched.tokenIds).toEqual(["T-1", "T-2"]);

    const notYet = read([
      row({ INLOGMOM: "2022-01-05", INLOGMID: "DigiD" }),
      row({ INLOGMOM: "2023-03-01", INLOGMID: "DUO Token" }),
      row({ INLOGMOM: "2023-03-01", INLOGMID: "Iets anders" }),
      row({ INLOGMOM: "2024-01-01" }),
    ]).persons[0]!;
    expect(notYet.lastLogin).toBe("2024-01-01");
    expect(notYet).toMatchObject({ loginMeans: "DUO Token", loginMeansKind: "token" });
    expect(notYet.tokenIds).toEqual([]);
  });
});
