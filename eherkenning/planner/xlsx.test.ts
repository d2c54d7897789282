import { Deflate, strToU8, zipSync } from "fflate";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PlannerError } from "./errors.ts";
import { writeOverviewXlsx } from "./export.ts";
import { TEST_OVERVIEW_ROWS } from "./fixtures.ts";
import { parseOverview, parseOverviewAsync } from "./overview.ts";
import {
  canReadFast,
  columnIndex,
  columnLetter,
  escapeXml,
  readWorksheet,
  readWorksheetFast,
  readXlsx,
  readXlsxAsync,
  writeXlsx,
  XlsxError,
} from "./xlsx.ts";
import { defaultInflater, isZip, openZip, writeZip, ZipError } from "./zip.ts";

/** The error `run` throws (the test fails when it throws none). */
function errorFrom(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error, none was thrown");
}

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

  /** The rows of a worksheet, read by the fast path; the general scanner must agree. */
  function rowsOf(sheetData: string, shared: readonly string[] = ["zero", "one"]) {
    const sheet = `<worksheet ${MAIN}><sheetData>${sheetData}</sheetData></worksheet>`;
    const fast = readWorksheetFast(sheet, "s", shared);
    expect(readWorksheet(sheet, "s", shared)).toEqual(fast);
    return fast;
  }

  it("numbers a row without a usable r as the row after the one before", () => {
    const cell = '<c t="inlineStr"><is><t>x</t></is></c>';
    expect(
      rowsOf(
        `<row>${cell}</row><row r="x">${cell}</row><row r="0">${cell}</row><row r="1.5">${cell}</row><row r="9">${cell}</row><row>${cell}</row>`,
      ).map((r) => r.row),
    ).toEqual([1, 2, 3, 4, 9, 10]);
  });

  it("reads a boolean as TRUE or FALSE", () => {
    expect(
      rowsOf('<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c></row>'),
    ).toEqual([{ row: 1, cells: ["TRUE", "FALSE"] }]);
  });

  it("leaves out a cell past Excel's last column XFD, and places a cell without r after the one before", () => {
    expect(
      rowsOf(
        '<row r="1"><c r="XFD1"><v>last</v></c><c r="XFE1"><v>past</v></c></row><row r="2"><c r="B2"><v>b</v></c><c><v>c</v></c></row>',
      ).map((r) => [r.cells.length, r.cells.at(-1)]),
    ).toEqual([
      [16_384, "last"],
      [3, "c"],
    ]);
  });

  it("takes only row and c tags, with or without a prefix, for rows and cells", () => {
    expect(
      rowsOf(
        '<row r="1"><c r="A1"><v>a</v></c><abc r="B1"><v>not a cell</v></abc><x:c r="C1"><x:v>c</x:v></x:c></row><arrow r="5"/>',
      ),
    ).toEqual([{ row: 1, cells: ["a", "", "c"] }]);
  });

  it("reads a cell's r and t in any order, with or without a prefix", () => {
    expect(
      rowsOf('<row r="1"><c t="s" r="B1"><v>1</v></c><c x:r="D1" x:t="s"><v>0</v></c></row>'),
    ).toEqual([{ row: 1, cells: ["", "one", "", "zero"] }]);
  });

  it("reads the 1904 date system from the workbook's properties, written 1 or true", () => {
    const withProperty = (property: string) =>
      readXlsx(
        workbook({
          "xl/workbook.xml": `<workbook ${MAIN} ${R}><workbookPr ${property}/><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>`,
          "xl/worksheets/sheet1.xml": `<worksheet ${MAIN}><sheetData/></worksheet>`,
        }),
      ).date1904;
    expect(withProperty('date1904="1"')).toBe(true);
    expect(withProperty('date1904="true"')).toBe(true);
    expect(withProperty('date1904="0"')).toBe(false);
    expect(withProperty('date1904="false"')).toBe(false);
    expect(withProperty("")).toBe(false);
  });

  it("finds the first sheet's part by a relative target, and takes sheet1.xml when the relations do not say", () => {
    const sheet = (text: string) =>
      `<worksheet ${MAIN}><sheetData><row r="1"><c t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`;
    const book = `<workbook ${MAIN} ${R}><sheets><sheet name="a" r:id="rId3"/></sheets></workbook>`;
    const read = (parts: Record<string, string>) =>
      readXlsx(workbook({ "xl/workbook.xml": book, ...parts })).rows[0]!.cells[0];
    const relations = (target: string) =>
      `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Target="${target}"/></Relationships>`;
    expect(
      read({
        "xl/_rels/workbook.xml.rels": relations("./sheets/../blad/eerste.xml"),
        "xl/blad/eerste.xml": sheet("relative"),
        "xl/worksheets/sheet1.xml": sheet("default"),
      }),
    ).toBe("relative");
    expect(
      read({
        "xl/_rels/workbook.xml.rels": relations("../xl/blad/eerste.xml"),
        "xl/blad/eerste.xml": sheet("up and back"),
      }),
    ).toBe("up and back");
    expect(read({ "xl/worksheets/sheet1.xml": sheet("no relations") })).toBe("no relations");
    expect(
      read({
        "xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId9" Target="x.xml"/></Relationships>`,
        "xl/worksheets/sheet1.xml": sheet("no such relation"),
      }),
    ).toBe("no such relation");
  });

  it("says the first sheet is missing, naming its part", () => {
    const book = workbook({
      "xl/workbook.xml": `<workbook ${MAIN} ${R}><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>`,
    });
    expect(() => readXlsx(book)).toThrow(
      "the workbook's first sheet (xl/worksheets/sheet1.xml) is missing",
    );
  });

  it("reads a workbook without shared strings, and names a cell that needs one", () => {
    const book = (cell: string) =>
      workbook({
        "xl/workbook.xml": `<workbook ${MAIN}><sheets><sheet name="a"/></sheets></workbook>`,
        "xl/worksheets/sheet1.xml": `<worksheet ${MAIN}><sheetData><row r="1">${cell}</row></sheetData></worksheet>`,
      });
    expect(readXlsx(book('<c r="A1"><v>7</v></c>')).rows[0]!.cells).toEqual(["7"]);
    expect(() => readXlsx(book('<c r="A1" t="s"><v>0</v></c>'))).toThrow(
      "cell A1 points at shared string 0, which the workbook does not have",
    );
  });

  it("reads a shared string's runs as one text, without its phonetic runs", () => {
    const book = workbook({
      "xl/workbook.xml": `<workbook ${MAIN}><sheets><sheet name="a"/></sheets></workbook>`,
      "xl/sharedStrings.xml": `<sst ${MAIN}><si><r><t>Jan</t></r><rPh><t>ヤン</t></rPh><r><t xml:space="preserve"> &amp; Piet</t></r></si><si/></sst>`,
      "xl/worksheets/sheet1.xml": `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>`,
    });
    expect(readXlsx(book).rows[0]!.cells).toEqual(["Jan & Piet", ""]);
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

  it("says a ZIP without a workbook is not an Excel file", async () => {
    const zip = workbook({ "word/document.xml": "<w/>" });
    const message =
      "brief.docx: not a readable Excel file: not an Excel workbook (no xl/workbook.xml inside the ZIP)";
    expect(() => parseOverview("brief.docx", zip)).toThrow(message);
    await expect(parseOverviewAsync("brief.docx", zip)).rejects.toThrow(message);
  });

  it("names the part that is not well-formed XML, in an XlsxError", () => {
    const book = workbook({
      "xl/workbook.xml": `<workbook ${MAIN}><sheets><sheet name="a"/></sheets></workbook>`,
      "xl/sharedStrings.xml": `<sst ${MAIN}><si><t>a</t></si><si`,
      "xl/worksheets/sheet1.xml": `<worksheet ${MAIN}><sheetData/></worksheet>`,
    });
    const error = errorFrom(() => readXlsx(book));
    expect(error).toBeInstanceOf(XlsxError);
    expect(error.name).toBe("XlsxError");
    expect(error.message).toMatch(/^xl\/sharedStrings\.xml is not well-formed XML: /);
  });
});

describe("writing XLSX", () => {
  const part = (bytes: Uint8Array, name: string) =>
    new TextDecoder().decode(openZip(bytes).read(name));

  it("names columns A to Z, then AA to ZZ, then AAA, and reads the names back", () => {
    const cases: [number, string][] = [
      [0, "A"],
      [25, "Z"],
      [26, "AA"],
      [27, "AB"],
      [51, "AZ"],
      [52, "BA"],
      [701, "ZZ"],
      [702, "AAA"],
      [16_383, "XFD"],
    ];
    for (const [index, letters] of cases) {
      expect(columnLetter(index)).toBe(letters);
      expect(columnIndex(`${letters}12`)).toBe(index);
    }
  });

  it("writes a row wider than 26 columns that reads back cell for cell", () => {
    const wide = Array.from({ length: 60 }, (_, i) => `kolom ${i}`);
    expect(
      readXlsx(writeXlsx("Breed", [wide, wide.slice(0, 30)])).rows.map((r) => r.cells),
    ).toEqual([wide, wide.slice(0, 30)]);
  });

  it("writes no cell for empty text, so a row ends at its last filled cell", () => {
    const bytes = writeXlsx("a", [
      ["a", "", "c", ""],
      ["", ""],
    ]);
    expect(readXlsx(bytes).rows).toEqual([
      { row: 1, cells: ["a", "", "c"] },
      { row: 2, cells: [] },
    ]);
    expect(part(bytes, "xl/worksheets/sheet1.xml")).not.toContain('r="B1"');
  });

  it("stores each distinct text once as a shared string, counting every use", () => {
    const bytes = writeXlsx("a", [
      ["x", "y"],
      ["x", "x"],
    ]);
    const sst = part(bytes, "xl/sharedStrings.xml");
    expect(sst).toContain('count="4" uniqueCount="2"');
    expect(sst.match(/<si>/g)).toHaveLength(2);
    expect(readXlsx(bytes).rows.map((r) => r.cells)).toEqual([
      ["x", "y"],
      ["x", "x"],
    ]);
  });

  it("keeps white space at the start or end of a text for Excel (xml:space preserve), and only there", () => {
    const sst = part(
      writeXlsx("a", [[" voor", "na ", "mid den", "tab\t"]]),
      "xl/sharedStrings.xml",
    );
    expect(sst).toContain('<t xml:space="preserve"> voor</t>');
    expect(sst).toContain('<t xml:space="preserve">na </t>');
    expect(sst).toContain('<t xml:space="preserve">tab\t</t>');
    expect(sst).toContain("<t>mid den</t>");
  });

  it("escapes the XML characters and drops the characters XML 1.0 cannot hold", () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e'f");
    expect(escapeXml("a\u0000b\u0008c\u000bd\u000ce\u001ff\ufffeg\uffffh\ti\nj\rk")).toBe(
      "abcdefgh\ti\nj\rk",
    );
    expect(readXlsx(writeXlsx("a", [["bel\u0007 & co"]])).rows[0]!.cells).toEqual(["bel & co"]);
  });

  it("names the sheet without the characters Excel forbids, at most 31 long, Sheet1 when nothing is left", () => {
    expect(readXlsx(writeXlsx("a/b:c*d?e[f]g\\h & i", [["x"]])).name).toBe("a b c d e f g h & i");
    expect(readXlsx(writeXlsx("x".repeat(40), [["x"]])).name).toBe("x".repeat(31));
    expect(readXlsx(writeXlsx("", [["x"]])).name).toBe("Sheet1");
  });

  it("writes the first row in bold and the others plain", () => {
    const bytes = writeXlsx("a", [["Kop"], ["waarde"]]);
    const sheet = part(bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain('<c r="A1" t="s" s="1">');
    expect(sheet).toContain('<c r="A2" t="s">');
    // Cell style 1 uses font 1, which is bold.
    const styles = part(bytes, "xl/styles.xml");
    expect(styles).toMatch(/<cellXfs count="2"><xf\/><xf fontId="1" applyFont="1"\/><\/cellXfs>/);
    expect(styles).toMatch(/<fonts count="2"><font>(?:(?!<b\/>).)*<\/font><font><b\/>/);
  });

  it("writes every part as UTF-8 XML with its declaration, in the SpreadsheetML and package namespaces, with nothing between the elements", () => {
    const bytes = writeXlsx("a", [["a", "b"]]);
    const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    for (const name of openZip(bytes).names)
      expect(part(bytes, name).startsWith(declaration)).toBe(true);
    const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    expect(part(bytes, "xl/workbook.xml")).toContain(
      `<workbook xmlns="${main}" xmlns:r="${relationships}">`,
    );
    expect(part(bytes, "_rels/.rels")).toContain(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
    );
    expect(part(bytes, "xl/_rels/workbook.xml.rels")).toContain(
      `Type="${relationships}/worksheet"`,
    );
    expect(part(bytes, "xl/worksheets/sheet1.xml")).toBe(
      `${declaration}<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="s" s="1"><v>0</v></c><c r="B1" t="s" s="1"><v>1</v></c></row></sheetData></worksheet>`,
    );
    expect(part(bytes, "xl/sharedStrings.xml")).toBe(
      `${declaration}<sst xmlns="${main}" count="2" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>`,
    );
  });

  it("writes the package parts Excel needs: a content type for every part, and the package's link to the workbook", () => {
    const bytes = writeXlsx("a", [["x"]]);
    const zip = openZip(bytes);
    expect([...zip.names].sort()).toEqual(
      [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
      ].sort(),
    );
    const types = part(bytes, "[Content_Types].xml");
    expect(types).toContain('<Default Extension="rels"');
    for (const name of zip.names.filter((n) => n.startsWith("xl/") && !n.includes("_rels")))
      expect(types).toContain(`<Override PartName="/${name}"`);
    expect(part(bytes, "_rels/.rels")).toContain('Target="xl/workbook.xml"');
    const relations = part(bytes, "xl/_rels/workbook.xml.rels");
    for (const target of ["worksheets/sheet1.xml", "styles.xml", "sharedStrings.xml"])
      expect(relations).toContain(`Target="${target}"`);
  });
});

describe("inflating with the runtime's DecompressionStream", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("is what readXlsxAsync uses where the runtime has it (Node 20, Chromium, Firefox 113+)", () => {
    expect(defaultInflater()).toBe("native");
  });

  it("falls back to fflate where the runtime has no DecompressionStream for deflate-raw", async () => {
    vi.resetModules();
    vi.stubGlobal("DecompressionStream", undefined);
    expect((await import("./zip.ts")).defaultInflater()).toBe("fflate");
    vi.resetModules();
    vi.stubGlobal(
      "DecompressionStream",
      class {
        constructor(format: string) {
          throw new TypeError(`unsupported format ${format}`);
        }
      },
    );
    expect((await import("./zip.ts")).defaultInflater()).toBe("fflate");
  });

  it("inflates by the runtime's DecompressionStream when asked for native, and not when asked for fflate", async () => {
    const Native = globalThis.DecompressionStream;
    const formats: string[] = [];
    vi.stubGlobal(
      "DecompressionStream",
      class extends Native {
        constructor(format: CompressionFormat) {
          super(format);
          formats.push(format);
        }
      },
    );
    const archive = zipSync({ a: strToU8("x".repeat(1000)) });
    await openZip(archive).readAsync("a", "fflate");
    expect(formats).toEqual([]);
    await openZip(archive).readAsync("a", "native");
    expect(formats).toEqual(["deflate-raw"]);
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
    const error = errorFrom(() =>
      parseOverview("bom.xlsx", archive, {
        zipLimits: { maxEntries: 10, maxInflatedBytes: 2 * 1024 * 1024 },
      }),
    );
    expect(error).toBeInstanceOf(PlannerError);
    expect(error.message).toBe(
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

  /** A one-entry ZIP (stored: level 0) with some of its bytes changed; `central` and `end` locate its headers. */
  function changed(
    change: (view: DataView, at: { central: number; end: number }) => void,
    data = strToU8("<workbook/>"),
  ): Uint8Array {
    const bytes = zipSync({ "xl/workbook.xml": data }, { level: 0 });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = bytes.length - 22;
    change(view, { central: view.getUint32(end + 16, true), end });
    return bytes;
  }
  const readEntry = (bytes: Uint8Array) => () => openZip(bytes).read("xl/workbook.xml");

  it("refuses a ZIP64 archive", () => {
    const message = "ZIP64 archives are not supported (a spreadsheet this size is not an overview)";
    expect(() => openZip(changed((v, at) => v.setUint16(at.end + 10, 0xffff, true)))).toThrow(
      message,
    );
    expect(() => openZip(changed((v, at) => v.setUint32(at.end + 16, 0xffffffff, true)))).toThrow(
      message,
    );
  });

  it("names what is wrong with a damaged archive: its directory, an entry's header, size, encryption or method", () => {
    expect(() => openZip(changed((v, at) => v.setUint8(at.central, 0)))).toThrow(
      "damaged ZIP central directory",
    );
    expect(readEntry(changed((v) => v.setUint8(0, 0)))).toThrow(
      "damaged ZIP entry xl/workbook.xml",
    );
    expect(readEntry(changed((v, at) => v.setUint32(at.central + 20, 1_000_000, true)))).toThrow(
      "ZIP entry xl/workbook.xml is cut off",
    );
    expect(readEntry(changed((v, at) => v.setUint16(at.central + 8, 1, true)))).toThrow(
      "xl/workbook.xml is encrypted",
    );
    expect(readEntry(changed((v, at) => v.setUint16(at.central + 10, 12, true)))).toThrow(
      "ZIP entry xl/workbook.xml uses compression method 12",
    );
    expect(() => openZip(new Uint8Array(100))).toThrow(
      "not a complete ZIP archive (no end of central directory)",
    );
  });

  it("finds the end of the archive behind a comment of up to 65,535 bytes", () => {
    for (const length of [5, 0xffff]) {
      const bytes = changed(() => {});
      const withComment = new Uint8Array(bytes.length + length);
      withComment.set(bytes);
      withComment.fill(0x20, bytes.length);
      new DataView(withComment.buffer).setUint16(bytes.length - 2, length, true);
      expect(openZip(withComment).names).toEqual(["xl/workbook.xml"]);
    }
  });

  it("lists the entries, reads a stored entry as it is, and gives nothing for a name it does not have", async () => {
    const zip = openZip(changed(() => {}));
    expect(zip.names).toEqual(["xl/workbook.xml"]);
    expect(new TextDecoder().decode(zip.read("xl/workbook.xml"))).toBe("<workbook/>");
    expect(new TextDecoder().decode(await zip.readAsync("xl/workbook.xml"))).toBe("<workbook/>");
    expect(zip.read("xl/other.xml")).toBeUndefined();
    expect(await zip.readAsync("xl/other.xml")).toBeUndefined();
  });

  it("counts stored entries against the limit too, up to the limit itself", () => {
    const bytes = changed(() => {}, new Uint8Array(2000));
    expect(
      openZip(bytes, { maxEntries: 1, maxInflatedBytes: 2000 }).read("xl/workbook.xml"),
    ).toHaveLength(2000);
    expect(() =>
      openZip(bytes, { maxEntries: 1, maxInflatedBytes: 1999 }).read("xl/workbook.xml"),
    ).toThrow(ZipError);
    const zip = openZip(bytes, { maxEntries: 1, maxInflatedBytes: 3000 });
    zip.read("xl/workbook.xml");
    expect(() => zip.read("xl/workbook.xml")).toThrow(ZipError);
  });

  it("shares the limit over all the entries read, by either inflater", async () => {
    const files = { a: new Uint8Array(600_000), b: new Uint8Array(600_000) };
    const limits = { maxEntries: 2, maxInflatedBytes: 1_000_000 };
    const sync = openZip(zipSync(files), limits);
    expect(sync.read("a")).toHaveLength(600_000);
    expect(() => sync.read("b")).toThrow(ZipError);
    for (const inflater of ["native", "fflate"] as const) {
      const zip = openZip(zipSync(files), limits);
      expect(await zip.readAsync("a", inflater)).toHaveLength(600_000);
      await expect(zip.readAsync("b", inflater)).rejects.toThrow(ZipError);
    }
  });

  it("allows as many entries as the limit, not one more", () => {
    const files = { a: new Uint8Array(1), b: new Uint8Array(1) };
    expect(openZip(zipSync(files), { maxEntries: 2, maxInflatedBytes: 10 }).names).toHaveLength(2);
    expect(() => openZip(zipSync(files), { maxEntries: 1, maxInflatedBytes: 10 })).toThrow(
      "the archive has 2 entries, more than the 1 allowed",
    );
  });

  it("refuses more than 10,000 entries unless the caller sets another limit", () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= 10_000; i++) files[`f${i}`] = new Uint8Array(0);
    const archive = zipSync(files, { level: 0 });
    expect(() => openZip(archive)).toThrow(
      "the archive has 10001 entries, more than the 10000 allowed",
    );
    expect(openZip(archive, { maxEntries: 10_001, maxInflatedBytes: 1 }).names).toHaveLength(
      10_001,
    );
  });

  it("reads an empty archive as one without entries", () => {
    expect(openZip(zipSync({})).names).toEqual([]);
  });

  it("looks for the end of the archive only where a comment can reach, and throws a ZipError", () => {
    const end = changed(() => {}).subarray(-22);
    const far = new Uint8Array(22 + 0xffff + 30);
    far.set(end, 0);
    const error = errorFrom(() => openZip(far));
    expect(error).toBeInstanceOf(ZipError);
    expect(error.name).toBe("ZipError");
    expect(error.message).toBe("not a complete ZIP archive (no end of central directory)");
  });

  it("steps over extra fields and comments in the headers to the next entry and to the data", () => {
    const extra = { 0x5455: new Uint8Array([1, 2, 3, 4, 5]) };
    const archive = zipSync({
      a: [strToU8("eerste"), { extra, comment: "opmerking" }],
      b: [strToU8("tweede"), { extra }],
    });
    const zip = openZip(archive);
    expect(zip.names).toEqual(["a", "b"]);
    expect(new TextDecoder().decode(zip.read("a"))).toBe("eerste");
    expect(new TextDecoder().decode(zip.read("b"))).toBe("tweede");
  });

  // Bytes deflate cannot shrink (a fixed pseudo-random sequence), so the deflated data is larger than 64 KB.
  function noise(length: number): Uint8Array {
    const out = new Uint8Array(length);
    let x = 12345;
    for (let i = 0; i < length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      out[i] = x >>> 24;
    }
    return out;
  }

  it("inflates an entry whose deflated data is larger than one 64 KB slice whole, by either inflater", async () => {
    const data = noise(100_000);
    const archive = zipSync({ big: data });
    expect(archive.length).toBeGreaterThan(64 * 1024 + 100);
    const same = (bytes: Uint8Array | undefined) =>
      bytes !== undefined && bytes.length === data.length && bytes.every((b, i) => b === data[i]);
    expect(same(openZip(archive).read("big"))).toBe(true);
    for (const inflater of ["native", "fflate"] as const)
      expect(same(await openZip(archive).readAsync("big", inflater))).toBe(true);
  });

  it("inflates up to the limit itself and no further, by either inflater", async () => {
    const archive = zipSync({ a: new Uint8Array(300_000) });
    const at = (maxInflatedBytes: number) => openZip(archive, { maxEntries: 1, maxInflatedBytes });
    expect(at(300_000).read("a")).toHaveLength(300_000);
    expect(() => at(299_999).read("a")).toThrow(ZipError);
    for (const inflater of ["native", "fflate"] as const) {
      expect(await at(300_000).readAsync("a", inflater)).toHaveLength(300_000);
      await expect(at(299_999).readAsync("a", inflater)).rejects.toThrow(ZipError);
    }
  });

  it("says an entry whose deflate data is damaged cannot be inflated, by fflate too", () => {
    const whole = zipSync({
      "xl/workbook.xml": strToU8(`<workbook>${"x".repeat(5000)}</workbook>`),
    });
    const damaged = whole.slice();
    const start = 30 + "xl/workbook.xml".length;
    damaged.fill(0xff, start, start + 8);
    expect(() => openZip(damaged).read("xl/workbook.xml")).toThrow(
      /^ZIP entry xl\/workbook.xml cannot be inflated: /,
    );
  });

  it("takes a file for a ZIP only by the whole signature PK 03 04", () => {
    expect(isZip(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe(true);
    for (const other of [
      [0x51, 0x4b, 0x03, 0x04],
      [0x50, 0x4c, 0x03, 0x04],
      [0x50, 0x4b, 0x05, 0x06],
      [0x50, 0x4b, 0x03, 0x05],
    ])
      expect(isZip(new Uint8Array(other))).toBe(false);
  });

  it("says a cut-off archive is damaged instead of crashing", () => {
    const whole = writeXlsx("a", [["GLOBALID"]]);
    expect(() => readXlsx(whole.subarray(0, whole.length - 30))).toThrow(XlsxError);
    expect(() => readXlsx(whole.subarray(0, 200))).toThrow(XlsxError);
  });
});

describe("writing ZIP", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("writes the same bytes whatever the clock says, every entry dated 1 January 2000", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2024-03-01T12:00:00Z"));
    const first = writeZip({ "a.xml": "<a/>" });
    vi.setSystemTime(new Date("2031-07-15T08:30:00Z"));
    expect(writeZip({ "a.xml": "<a/>" })).toEqual(first);
    // The local header's DOS date (offset 12): years from 1980, month, day, in local time as fflate writes it.
    const day = new Date("2000-01-01T00:00:00Z");
    const dosDate = ((day.getFullYear() - 1980) << 9) | ((day.getMonth() + 1) << 5) | day.getDate();
    expect(new DataView(first.buffer, first.byteOffset).getUint16(12, true)).toBe(dosDate);
  });
});
