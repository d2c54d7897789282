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
});
