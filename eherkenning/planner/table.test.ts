import { describe, expect, it } from "vitest";
import { formatIssue, PlannerError } from "./errors.ts";
import { checkSize, detectDelimiter, readTable, readTableAsync } from "./table.ts";
import { writeXlsx } from "./xlsx.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("which table a file holds", () => {
  it("takes the delimiter that occurs most on one line: tab on a tie, semicolons only when more than commas", () => {
    expect(detectDelimiter("a\tb,c")).toBe("\t");
    expect(detectDelimiter("a;b,c")).toBe(",");
    expect(detectDelimiter("a;b;c,d")).toBe(";");
    expect(detectDelimiter("a,b,c\td")).toBe(",");
    expect(detectDelimiter("a;b;c\td")).toBe(";");
    expect(detectDelimiter("one cell")).toBe(",");
  });

  it("counts per line, so a title line above the headers does not decide", () => {
    expect(detectDelimiter("Overzicht, 2024, BRIN 99TT\nA;B;C;D\n1;2;3;4")).toBe(";");
    expect(detectDelimiter("A;B\n1,2,3")).toBe(",");
  });

  it("looks only at the first ten lines", () => {
    const text = `${"a;b\n".repeat(10)}${"a,b,c,d\n".repeat(5)}`;
    expect(detectDelimiter(text)).toBe(";");
  });

  it("reads text rows with the file's own row numbers, leaving out empty lines", () => {
    const table = readTable("t.csv", utf8("A;B\r\n\r\n1;2\r\n3;4\r\n"));
    expect(table).toEqual({
      format: "csv-semicolon",
      encoding: "utf-8",
      rows: [
        { row: 1, cells: ["A", "B"] },
        { row: 3, cells: ["1", "2"] },
        { row: 4, cells: ["3", "4"] },
      ],
      date1904: false,
    });
  });

  it("reads a file of one column, each line a row", () => {
    expect(readTable("t.csv", utf8("GLOBALID\r\n\r\n000123\r\n")).rows).toEqual([
      { row: 1, cells: ["GLOBALID"] },
      { row: 3, cells: ["000123"] },
    ]);
  });

  it("splits the rows at the delimiter it detected, a title line included", () => {
    expect(readTable("t.csv", utf8("Overzicht, 2024\r\nA;B;C\r\n1;2,5;3\r\n")).rows).toEqual([
      { row: 1, cells: ["Overzicht, 2024"] },
      { row: 2, cells: ["A", "B", "C"] },
      { row: 3, cells: ["1", "2,5", "3"] },
    ]);
  });

  it("keeps a text cell as written: no numbers, leading zeros kept", () => {
    expect(readTable("t.tsv", utf8("GLOBALID\tPOSTCODE\n000123\t0612")).rows[1]!.cells).toEqual([
      "000123",
      "0612",
    ]);
  });

  it("reads UTF-16 text, whose bytes hold zeros, and refuses other bytes with a zero as binary data", () => {
    const le = new Uint8Array([0xff, 0xfe, ...[..."A\tB"].flatMap((c) => [c.charCodeAt(0), 0])]);
    const be = new Uint8Array([0xfe, 0xff, ...[..."A\tB"].flatMap((c) => [0, c.charCodeAt(0)])]);
    expect(readTable("le.txt", le)).toMatchObject({ format: "tsv", encoding: "utf-16le" });
    expect(readTable("be.txt", be)).toMatchObject({ format: "tsv", encoding: "utf-16be" });
    expect(readTable("be.txt", be).rows[0]!.cells).toEqual(["A", "B"]);
    expect(() => readTable("x.bin", new Uint8Array([0x41, 0x09, 0x00, 0x42]))).toThrow(
      "x.bin: not a text or Excel (XLSX) file: it holds binary data",
    );
    for (const bytes of [
      [0xff, 0x00, 0x41],
      [0xfe, 0x00, 0x41],
      [0x41, 0xfe, 0x00],
      [0x41, 0xff, 0x00],
    ])
      expect(() => readTable("x.bin", new Uint8Array(bytes))).toThrow("it holds binary data");
  });

  it("reads a ZIP as XLSX, by either reader, and names the file when the workbook is unreadable", async () => {
    const xlsx = writeXlsx("Blad", [["A", "B"], ["1"]]);
    const expected = {
      format: "xlsx",
      rows: [
        { row: 1, cells: ["A", "B"] },
        { row: 2, cells: ["1"] },
      ],
      date1904: false,
    };
    expect(readTable("a.xlsx", xlsx)).toEqual(expected);
    expect(await readTableAsync("a.xlsx", xlsx)).toEqual(expected);
    expect(await readTableAsync("a.tsv", utf8("A\tB"))).toMatchObject({ format: "tsv" });
    const cut = xlsx.subarray(0, xlsx.length - 30);
    const message = /^a\.xlsx: not a readable Excel file: /;
    expect(() => readTable("a.xlsx", cut)).toThrow(message);
    await expect(readTableAsync("a.xlsx", cut)).rejects.toThrow(message);
    await expect(readTableAsync("a.xlsx", cut)).rejects.toBeInstanceOf(PlannerError);
  });
});

describe("the size limit", () => {
  it("reads a file of exactly the limit and refuses one byte more, in MB with one decimal", async () => {
    expect(() => checkSize("a.tsv", 1024 * 1024, 1024 * 1024)).not.toThrow();
    expect(() => checkSize("a.tsv", 1024 * 1024 + 1, 1024 * 1024)).toThrow(
      "a.tsv: the file is 1.0 MB, more than the 1.0 MB an overview of Mijn DUO users can be",
    );
    expect(() => checkSize("b.tsv", 3.25 * 1024 * 1024, 2.5 * 1024 * 1024)).toThrow(
      "b.tsv: the file is 3.3 MB, more than the 2.5 MB",
    );
  });

  it("applies the limit a caller sets before reading, by either reader", async () => {
    const text = utf8("A\tB\n1\t2");
    expect(() => readTable("t.tsv", text, { maxBytes: 4 })).toThrow(PlannerError);
    await expect(readTableAsync("t.tsv", text, { maxBytes: 4 })).rejects.toThrow(PlannerError);
    expect(readTable("t.tsv", text, { maxBytes: text.length }).rows).toHaveLength(2);
  });
});

describe("where a problem is", () => {
  it("names the file, then the row and the column where known", () => {
    expect(new PlannerError({ file: "a.tsv" }, "empty").message).toBe("a.tsv: empty");
    expect(new PlannerError({ file: "a.tsv", row: 3 }, "bad").message).toBe("a.tsv, row 3: bad");
    expect(
      formatIssue({
        file: "a.tsv",
        row: 4,
        column: "INLOGMOMENT",
        kind: "unreadable",
        message: "x",
      }),
    ).toBe("a.tsv, row 4, column INLOGMOMENT: x");
    expect(formatIssue({ file: "a.tsv", column: "GLOBALID", kind: "skipped", message: "y" })).toBe(
      "a.tsv, column GLOBALID: y",
    );
    expect(new PlannerError({ file: "a.tsv" }, "x").name).toBe("PlannerError");
  });
});
