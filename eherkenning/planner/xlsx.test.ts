import { Deflate, strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { PlannerError } from "./errors.ts";
import { writeOverviewXlsx } from "./export.ts";
import { TEST_OVERVIEW_ROWS } from "./fixtures.ts";
import { parseOverview, parseOverviewAsync } from "./overview.ts";
import {
  canReadFast,
  readWorksheet,
  readWorksheetFast,
  readXlsx,
  readXlsxAsync,
  writeXlsx,
  XlsxError,
} from "./xlsx.ts";
import { defaultInflater, openZip, ZipError } from "./zip.ts";

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function workbook(parts: Record<string, string>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(parts)) files[name] = strToU8(text);
  return zipSync(files);
}

// The shape Excel writes: a prefixed namespace, shared strings with rich text
// and a phonetic run, sparse cells, a date as a day number and a second sheet.
const EXCEL_LIKE = workbook({
  "xl/workbook.xml": `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${R}><x:workbookPr/><x:sheets><x:sheet name="Gebruikers" sheetId="4" r:id="rId7"/><x:sheet name="Anders" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
  "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Target="/xl/worksheets/gebruikers.xml"/></Relationships>`,
  "xl/sharedStrings.xml": `<sst ${MAIN}><si><t>GLOBALID</t></si><si><r><t>ACHTER</t></r><r><t>NAAM</t></r></si><si><t>Jansen &amp; Zn</t><rPh><t>x</t></rPh></si><si><t>ROL_MNEMONIC</t></si><si><t>INLOGMOMENT</t></si><si><t>INLOGMIDDEL</t></si><si><t>DR_Raadpleger</t></si><si><t>DUO Token</t></si></sst>`,
  "xl/worksheets/sheet1.xml": `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>`,
  "xl/worksheets/gebruikers.xml": `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!-- comment --><x:sheetData>
    <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c><x:c r="E1" t="s"><x:v>4</x:v></x:c><x:c r="F1" t="s"><x:v>5</x:v></x:c></x:row>
    <x:row r="3"><x:c r="A3"><x:v>12345</x:v></x:c><x:c r="B3" t="s"><x:v>2</x:v></x:c><x:c r="D3" t="s"><x:v>6</x:v></x:c><x:c r="E3" s="2"><x:v>45316.5</x:v></x:c><x:c r="F3" t="inlineStr"><x:is><x:t><![CDATA[DUO Token]]></x:t></x:is></x:c></x:row>
  </x:sheetData></x:worksheet>`,
});

describe("reading XLSX", () => {
  it("reads the first sheet through the workbook's relations, with shared, rich and inline strings", () => {
    const sheet = readXlsx(EXCEL_LIKE);
    expect(sheet.name).toBe("Gebruikers");
    expect(sheet.rows).toEqual([
      {
        row: 1,
        cells: ["GLOBALID", "ACHTERNAAM", "", "ROL_MNEMONIC", "INLOGMOMENT", "INLOGMIDDEL"],
      },
      { row: 3, cells: ["12345", "Jansen & Zn", "", "DR_Raadpleger", "45316.5", "DUO Token"] },
    ]);
  });

  it("reads an Excel day number in INLOGMOMENT as its date, and names the sheet's own row", () => {
    const overview = parseOverview("excel.xlsx", EXCEL_LIKE);
    expect(overview.persons[0]).toMatchObject({
      globalId: "12345",
      lastLogin: "2024-01-25",
      rows: [3],
    });
  });

  it("writes a workbook that reads back cell for cell, hostile text included", () => {
    const rows = [
      ["Naam", "E-mail"],
      ["=1+1", "<b>&amp;</b>"],
      ["  spatie ", "tab\there"],
    ];
    expect(readXlsx(writeXlsx("Checklist", rows)).rows.map((r) => r.cells)).toEqual(rows);
  });

  it("reads a worksheet the same by the fast path and by the general scanner", () => {
    const sheet = `<x:worksheet xmlns:x="${MAIN.slice(7, -1)}"><x:cols><x:col min="1" max="2"/></x:cols><x:sheetData>
      <x:row r="2"><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="D2" s="3"/><x:c r="E2" t="b"><x:v>1</x:v></x:c></x:row>
      <x:row><x:c t="inlineStr"><x:is><x:r><x:t>a &amp; </x:t></x:r><x:r><x:t xml:space="preserve">b</x:t></x:r><x:rPh><x:t>phon</x:t></x:rPh></x:is></x:c><x:c t="n"><x:v>4.5</x:v></x:c></x:row>
      <x:row r="7" spans="1:2"/>
    </x:sheetData></x:worksheet>`;
    const shared = ["zero", "één"];
    expect(canReadFast(sheet)).toBe(true);
    const fast = readWorksheetFast(sheet, "s", shared);
    expect(fast).toEqual([
      { row: 2, cells: ["", "één", "", "", "TRUE"] },
      { row: 3, cells: ["a & b", "4.5"] },
      { row: 7, cells: [] },
    ]);
    expect(readWorksheet(sheet, "s", shared)).toEqual(fast);
  });

  it("reads formulas, empty and unusual cells the same by the fast path and by the general scanner", () => {
    const sheet = `<worksheet ${MAIN}><sheetData><row r="4"><c r="A4"><f>1+1</f><v>2</v></c><c r="B4" t="str"><v>a&lt;b</v></c><c r='C4'  t = 's' ><v> 1 </v></c><c r="D4"></c><c r="E4" t="e"><v>#N/A</v></c></row></sheetData></worksheet>`;
    const fast = readWorksheetFast(sheet, "s", ["zero", "one"]);
    expect(fast).toEqual([{ row: 4, cells: ["2", "a<b", "one", "", "#N/A"] }]);
    expect(readWorksheet(sheet, "s", ["zero", "one"])).toEqual(fast);
  });

  it("names the cell that points at a missing shared string, by both paths", () => {
    const sheet = `<worksheet ${MAIN}><sheetData><row r="5"><c r="A5" t="s"><v>0</v></c><c r="C5" t="s"><v>7</v></c></row></sheetData></worksheet>`;
    const message =
      "xl/worksheets/sheet1.xml: cell C5 points at shared string 7, which the workbook does not have";
    expect(() => readWorksheetFast(sheet, "xl/worksheets/sheet1.xml", ["a"])).toThrow(message);
    expect(() => readWorksheet(sheet, "xl/worksheets/sheet1.xml", ["a"])).toThrow(message);
  });

  it("says which cell is not closed instead of reading past it", () => {
    const sheet = `<worksheet ${MAIN}><sheetData><row r="2"><c r="B2" t="s"><v>0</v></row></sheetData></worksheet>`;
    expect(() => readWorksheetFast(sheet, "s", ["a"])).toThrow("s: cell B2 is not closed");
  });

  it("refuses a DOCTYPE (entity expansion) in any part", () => {
    const bad = workbook({
      "xl/workbook.xml": `<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook ${MAIN}><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>`,
    });
    expect(() => readXlsx(bad)).toThrow(XlsxError);
    expect(() => readXlsx(bad)).toThrow(/DOCTYPE/);
  });

  it("says a ZIP without a workbook is not an Excel file", () => {
    const zip = workbook({ "word/document.xml": "<w/>" });
    expect(() => parseOverview("brief.docx", zip)).toThrow(
      "brief.docx: not a readable Excel file: not an Excel workbook (no xl/workbook.xml inside the ZIP)",
    );
  });
});

describe("inflating with the runtime's DecompressionStream", () => {
  it("is what readXlsxAsync uses where the runtime has it (Node 20, Chromium, Firefox 113+)", () => {
    expect(defaultInflater()).toBe("native");
  });

  it("gives the same sheet as fflate, for Excel's shapes and for a whole overview", async () => {
    const overview = writeOverviewXlsx(TEST_OVERVIEW_ROWS);
    for (const bytes of [EXCEL_LIKE, overview]) {
      const byFflate = readXlsx(bytes);
      expect(byFflate.rows.length).toBeGreaterThan(1);
      expect(await readXlsxAsync(bytes, undefined, "native")).toEqual(byFflate);
      expect(await readXlsxAsync(bytes, undefined, "fflate")).toEqual(byFflate);
    }
    expect(await parseOverviewAsync("o.xlsx", overview)).toEqual(parseOverview("o.xlsx", overview));
  });

  it("says an entry whose deflate data is damaged cannot be inflated", async () => {
    const whole = zipSync({
      "xl/workbook.xml": strToU8(`<workbook ${MAIN}>${"x".repeat(5000)}</workbook>`),
    });
    const damaged = whole.slice();
    // The local header is 30 bytes plus the name; spoil the deflate data after it.
    const start = 30 + "xl/workbook.xml".length;
    damaged.fill(0xff, start, start + 8);
    await expect(openZip(damaged).readAsync("xl/workbook.xml", "native")).rejects.toThrow(
      /^ZIP entry xl\/workbook.xml cannot be inflated: /,
    );
    await expect(openZip(damaged).readAsync("xl/workbook.xml", "native")).rejects.toBeInstanceOf(
      ZipError,
    );
  });
});

describe("ZIP bombs and damaged archives", () => {
  // A sheet of zeros that inflates far past the limit, built in slices so the
  // test itself stays small.
  function bomb(inflatedBytes: number): Uint8Array {
    const chunks: Uint8Array[] = [];
    const deflate = new Deflate({ level: 1 }, (chunk) => chunks.push(chunk));
    const slice = new Uint8Array(1024 * 1024);
    for (let done = 0; done < inflatedBytes; done += slice.length)
      deflate.push(slice, done + slice.length >= inflatedBytes);
    const data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) data.set(c, (at += c.length) - c.length);
    // A stored ZIP entry's bytes replaced by the deflate stream: method 8,
    // declared sizes that lie (1 KB).
    const name = strToU8("xl/workbook.xml");
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, 1024, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, 1024, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, 0, true);
    central.set(name, 46);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, 1, true);
    ev.setUint16(10, 1, true);
    ev.setUint32(12, central.length, true);
    ev.setUint32(16, local.length + data.length, true);
    const out = new Uint8Array(local.length + data.length + central.length + end.length);
    out.set(local, 0);
    out.set(data, local.length);
    out.set(central, local.length + data.length);
    out.set(end, local.length + data.length + central.length);
    return out;
  }

  it("stops inflating at the limit however small the archive says the entry is", () => {
    const archive = bomb(8 * 1024 * 1024);
    expect(archive.length).toBeLessThan(64 * 1024);
    const zip = openZip(archive, { maxEntries: 10, maxInflatedBytes: 2 * 1024 * 1024 });
    expect(() => zip.read("xl/workbook.xml")).toThrow(ZipError);
    expect(() => openZip(archive).read("xl/workbook.xml")).not.toThrow();
  });

  it("stops the DecompressionStream at the limit too, and says so naming the file", async () => {
    const archive = bomb(8 * 1024 * 1024);
    const limits = { maxEntries: 10, maxInflatedBytes: 2 * 1024 * 1024 };
    await expect(openZip(archive, limits).readAsync("xl/workbook.xml", "native")).rejects.toThrow(
      "the archive inflates to more than 2 MB (a ZIP bomb?)",
    );
    await expect(
      parseOverviewAsync("bom.xlsx", archive, { zipLimits: limits, inflater: "native" }),
    ).rejects.toThrow(
      "bom.xlsx: not a readable Excel file: the archive inflates to more than 2 MB (a ZIP bomb?)",
    );
    expect(await openZip(archive).readAsync("xl/workbook.xml", "native")).toHaveLength(
      8 * 1024 * 1024,
    );
  });

  it("refuses a bomb with a clear error naming the file (the limit set small to keep the test quick)", () => {
    const archive = bomb(8 * 1024 * 1024);
    let error: unknown;
    try {
      parseOverview("bom.xlsx", archive, {
        zipLimits: { maxEntries: 10, maxInflatedBytes: 2 * 1024 * 1024 },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlannerError);
    expect((error as Error).message).toBe(
      "bom.xlsx: not a readable Excel file: the archive inflates to more than 2 MB (a ZIP bomb?)",
    );
  });

  it("refuses an archive with more entries than allowed", () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 20; i++) files[`f${i}`] = new Uint8Array(1);
    expect(() => openZip(zipSync(files), { maxEntries: 10, maxInflatedBytes: 1e6 })).toThrow(
      "the archive has 20 entries, more than the 10 allowed",
    );
  });

  it("says a cut-off archive is damaged instead of crashing", () => {
    const whole = writeXlsx("a", [["GLOBALID"]]);
    expect(() => readXlsx(whole.subarray(0, whole.length - 30))).toThrow(XlsxError);
    expect(() => readXlsx(whole.subarray(0, 200))).toThrow(XlsxError);
  });
});
