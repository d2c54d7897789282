import { describe, expect, it } from "vitest";
import { excelSerialToDay, readLoginDate, readLoginMeans, readRole } from "./values.ts";
import { decodeText, decodeWindows1252 } from "./decode.ts";
import { matchHeader } from "./columns.ts";

describe("login dates", () => {
  it.each([
    ["2022-01-25", "2022-01-25", false],
    ["2022-01-25 13:45:12", "2022-01-25", false],
    ["2022-01-25T13:45:12", "2022-01-25", false],
    ["25-01-2022", "2022-01-25", false],
    ["5/1/2022 09:00", "2022-01-05", false],
    ["2022-01-2", "2022-01-20", true],
    ["2022-01-0", "2022-01-01", true],
    ["2022-01-3", "2022-01-30", true],
    ["2022-01", "2022-01-01", true],
    ["2022-1", "2022-10-01", true],
  ])("reads %s as %s (cut: %s)", (value, day, cut) => {
    expect(readLoginDate(value)).toEqual({ day, cut });
  });

  it.each(["gisteren", "2022-13-01", "2023-02-29", "31-04-2022", "2022-02-3", "202", "2022"])(
    "cannot read %s",
    (value) => expect(readLoginDate(value)).toBeUndefined(),
  );

  it("reads Excel day numbers only from XLSX cells, in the 1900 and 1904 systems", () => {
    expect(readLoginDate("44586", { excel: true })).toEqual({ day: "2022-01-25", cut: false });
    expect(readLoginDate("44586")).toBeUndefined();
    expect(excelSerialToDay(1)).toBe("1900-01-01");
    expect(excelSerialToDay(43124, true)).toBe("2022-01-25");
  });
});

describe("login means", () => {
  it.each([
    ["DUO Token", "token", false],
    ["DUO-token", "token", false],
    ["DUO Toker", "token", true],
    ["DUO Tok", "token", true],
    ["eHerkenning", "eherkenning", false],
    ["EHERKENNING niveau 3", "eherkenning", false],
    ["eHerkenn", "eherkenning", true],
    ["", "none", false],
    ["Certificaat", "other", false],
  ])("reads %s as %s (cut: %s)", (value, kind, cut) => {
    expect(readLoginMeans(value)).toMatchObject({ kind, cut });
  });
});

describe("roles", () => {
  it("completes a role cut short when only one known role starts that way", () => {
    expect(readRole("Beheerder BV")).toEqual({ role: "Beheerder BVE", cut: true });
    expect(readRole("Gebruiker studentdossie")).toEqual({
      role: "Gebruiker studentdossier",
      cut: true,
    });
    expect(readRole("dr_raadpleger")).toEqual({ role: "DR_Raadpleger", cut: false });
    expect(readRole("Nieuwe rol")).toEqual({ role: "Nieuwe rol", cut: false });
  });
});

describe("headers", () => {
  it("matches full names, cut names and variants to one column, and no other text", () => {
    expect(matchHeader("INLOGMOMENT")?.key).toBe("lastLogin");
    expect(matchHeader("INLOGMOM")?.key).toBe("lastLogin");
    expect(matchHeader("INLOGMID")?.key).toBe("loginMeans");
    expect(matchHeader("inlognaam")?.key).toBe("loginName");
    expect(matchHeader("KANAAL_M")?.key).toBe("channel");
    expect(matchHeader("Rol mnemonic")?.key).toBe("role");
    expect(matchHeader("\uFEFFGLOBALID")?.key).toBe("globalId");
    expect(matchHeader("INLOG")).toBeUndefined();
    expect(matchHeader("Naam")).toBeUndefined();
  });
});

describe("encodings", () => {
  it("maps the Windows-1252 range 0x80-0x9F to its letters", () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x8a, 0x93, 0x94, 0xe9]))).toBe("€Š“”é");
  });

  it("reads UTF-16 text with its byte order mark (Excel's Unicode text)", () => {
    const le = new Uint8Array([0xff, 0xfe, 0x41, 0, 0xe9, 0]);
    expect(decodeText(le)).toEqual({ text: "Aé", encoding: "utf-16le" });
  });

  it("reads big-endian UTF-16 text with its byte order mark", () => {
    const be = new Uint8Array([0xfe, 0xff, 0, 0x41, 0, 0xe9]);
    expect(decodeText(be)).toEqual({ text: "Aé", encoding: "utf-16be" });
  });

  it("maps exactly 0x80 to 0x9F by the table: 0x7F and 0xA0 stay, undefined bytes stay as their C1 code", () => {
    expect(decodeWindows1252(new Uint8Array([0x7f, 0x80, 0x9f, 0xa0, 0x81, 0x8d, 0xff]))).toBe(
      "\x7f€Ÿ\xa0\x81\x8dÿ",
    );
  });

  it("decodes Windows-1252 text longer than one piece of 8 KB whole", () => {
    const piece = [0x41, 0xe9, 0x80, 0x0a]; // "Aé€\n"
    const bytes = new Uint8Array(Array.from({ length: 5000 }, () => piece).flat());
    const text = decodeText(bytes);
    expect(text.encoding).toBe("windows-1252");
    expect(text.text).toBe("Aé€\n".repeat(5000));
  });

  it("reads what follows a UTF-8 byte order mark as Windows-1252, without the mark, when it is not UTF-8", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xe9]))).toEqual({
      text: "Aé",
      encoding: "windows-1252",
    });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa9]))).toEqual({
      text: "Aé",
      encoding: "utf-8-bom",
    });
  });

  it("takes a byte order mark only when all its bytes are there", () => {
    // Letters whose first bytes share two of the three of EF BB BF stay UTF-8.
    for (const text of ["\ufec0x", "\u2effx", "\uff7fx"])
      expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: "utf-8" });
    // Windows-1252 text with ÿ (FF) or þ (FE) beside another letter is no UTF-16.
    for (const text of ["Aþ", "ÿA", "þA", "Aÿ"]) {
      const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
      expect(decodeText(bytes)).toEqual({ text, encoding: "windows-1252" });
    }
  });
});

describe("the limits of what a value can say", () => {
  it("reads only real days from 1900 to 2200, in ISO and Dutch form", () => {
    expect(readLoginDate("1900-01-01")).toEqual({ day: "1900-01-01", cut: false });
    expect(readLoginDate("2200-12-31")).toEqual({ day: "2200-12-31", cut: false });
    for (const text of ["1899-12-31", "2201-01-01", "2022-00-10", "2022-13-01", "2022-01-00"]) {
      expect(readLoginDate(text), text).toBeUndefined();
    }
    expect(readLoginDate("31-12-2022")).toEqual({ day: "2022-12-31", cut: false });
    expect(readLoginDate("1-13-2022")).toBeUndefined();
  });

  it("reads a date with white space around it, and nothing with other text before or after it", () => {
    expect(readLoginDate("  2022-01-25 \t")).toEqual({ day: "2022-01-25", cut: false });
    expect(readLoginDate(" 25-01-2022 ")).toEqual({ day: "2022-01-25", cut: false });
    for (const text of ["x2022-01-25", "2022-01-25x", "x25-01-2022", "25-01-2022x", "x2022-0"]) {
      expect(readLoginDate(text), text).toBeUndefined();
    }
    expect(readLoginDate(" 44000 ", { excel: true })?.day).toBe(excelSerialToDay(44000));
    for (const text of ["x44000", "44000x", "44000.", "12345678"]) {
      expect(readLoginDate(text, { excel: true }), text).toBeUndefined();
    }
  });

  it("reads Excel day numbers from 1 on, counting the 29 February 1900 Excel invented", () => {
    expect(excelSerialToDay(1)).toBe("1900-01-01");
    // Day 60 is Excel's 29 February 1900, which never was: it reads as 1 March.
    expect(excelSerialToDay(60)).toBe("1900-03-01");
    expect(excelSerialToDay(61)).toBe("1900-03-01");
    expect(excelSerialToDay(0)).toBeUndefined();
    expect(excelSerialToDay(0.5)).toBeUndefined();
    expect(excelSerialToDay(Number.NaN)).toBeUndefined();
    expect(excelSerialToDay(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it("calls only eh1 to eh4 and eh2plus eHerkenning by their short names, whole", () => {
    for (const text of ["EH3", "eh2plus", " EH-4 "]) {
      expect(readLoginMeans(text), text).toEqual({
        kind: "eherkenning",
        label: "eHerkenning",
        cut: false,
      });
    }
    for (const text of ["EH5", "EH33", "xEH3", "EH"]) {
      expect(readLoginMeans(text).kind, text).toBe("other");
    }
  });

  it("reads a means cut short only when at least five letters remain and no more than the last differs", () => {
    expect(readLoginMeans("eHerk")).toEqual({
      kind: "eherkenning",
      label: "eHerkenning",
      cut: true,
    });
    expect(readLoginMeans("eHer").kind).toBe("other");
    expect(readLoginMeans("DUO Toke")).toEqual({ kind: "token", label: "DUO Token", cut: true });
    expect(readLoginMeans("DUO Tokx")).toEqual({ kind: "token", label: "DUO Token", cut: true });
    expect(readLoginMeans("DUO Toxy").kind).toBe("other");
    expect(readLoginMeans("eHerkenningen")).toEqual({
      kind: "eherkenning",
      label: "eHerkenning",
      cut: false,
    });
    expect(readLoginMeans(" DigiD ")).toEqual({ kind: "other", label: "DigiD", cut: false });
  });

  it("completes each known role from its cut start, and keeps a role as written, trimmed, otherwise", () => {
    expect(readRole("Organisatiebeh")).toEqual({ role: "Organisatiebeheerder", cut: true });
    expect(readRole("Examensecr")).toEqual({ role: "Examensecretaris BVE", cut: true });
    expect(readRole(" Beheerder BVE ")).toEqual({ role: "Beheerder BVE", cut: false });
    expect(readRole(" Conciërge ")).toEqual({ role: "Conciërge", cut: false });
  });
});
