// Reads the first worksheet of an XLSX file into rows of text, and writes a
// plain one-sheet XLSX. Our own few lines on fflate (ZIP) and a small XML scanner
// instead of a spreadsheet library: the registry's `xlsx` 0.18.5 has published
// CVEs, and exceljs pulls in Node streams and a dozen packages; an overview
// needs only cell text. See docs/planner.md.
import {
  attributeOf,
  decodeXmlText,
  scanXml,
  XmlScanError,
  type ScanHandlers,
} from "./xml-scan.ts";
import { DEFAULT_ZIP_LIMITS, openZip, writeZip, ZipError, type ZipLimits } from "./zip.ts";

export interface SheetRow {
  /** The row number the spreadsheet shows (1-based). */
  readonly row: number;
  readonly cells: string[];
}

export interface Sheet {
  readonly name: string;
  readonly rows: SheetRow[];
  /** Dates in this workbook count from 1904 instead of 1900 (old Mac Excel). */
  readonly date1904: boolean;
}

/** An XLSX that cannot be read; the message says what is wrong with it. */
export class XlsxError extends Error {
  override readonly name = "XlsxError";
}

function parseXml(xml: string, part: string, handlers: ScanHandlers): void {
  try {
    scanXml(xml, part, handlers);
  } catch (error) {
    if (error instanceof XmlScanError) throw new XlsxError(error.message);
    throw error;
  }
}

/** "AB12" -> 27 (0-based column of the cell reference). */
export function columnIndex(reference: string): number {
  let index = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function resolveTarget(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ["xl"];
  for (const part of target.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string[] | undefined;
  let inText = false;
  let phonetic = 0;
  parseXml(xml, "xl/sharedStrings.xml", {
    open(name) {
      if (name === "si") current = [];
      else if (name === "rPh") phonetic++;
      else if (name === "t" && phonetic === 0) inText = true;
    },
    text(xml, start, end) {
      if (inText && current) current.push(xml.slice(start, end));
    },
    close(name) {
      if (name === "t") inText = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si") {
        strings.push(decodeXmlText((current ?? []).join("")));
        current = undefined;
      }
    },
  });
  return strings;
}

export function readWorksheet(xml: string, part: string, shared: readonly string[]): SheetRow[] {
  const rows: SheetRow[] = [];
  let row: SheetRow | undefined;
  let nextRow = 1;
  let column = 0;
  let type = "n";
  let value: string[] | undefined;
  let inValue = false;
  let phonetic = 0;
  parseXml(xml, part, {
    open(name, attributes) {
      switch (name) {
        case "row": {
          const r = Number(attributeOf(attributes, "r"));
          const number = Number.isInteger(r) && r > 0 ? r : nextRow;
          row = { row: number, cells: [] };
          nextRow = number + 1;
          column = 0;
          break;
        }
        case "c": {
          const reference = attributeOf(attributes, "r");
          if (reference) column = columnIndex(reference);
          type = attributeOf(attributes, "t") ?? "n";
          value = [];
          break;
        }
        case "rPh":
          phonetic++;
          break;
        case "v":
        case "t":
          if (value && phonetic === 0) inValue = true;
          break;
      }
    },
    text(xml, start, end) {
      if (inValue && value) value.push(xml.slice(start, end));
    },
    close(name) {
      switch (name) {
        case "v":
        case "t":
          inValue = false;
          break;
        case "rPh":
          phonetic--;
          break;
        case "c": {
          if (row && value && column >= 0 && column < 16_384) {
            const raw = decodeXmlText(value.join(""));
            let text = raw;
            if (type === "s") {
              const s = shared[Number(raw)];
              if (s === undefined)
                throw new XlsxError(`${part}: a cell points at a missing shared string`);
              text = s;
            } else if (type === "b") text = raw === "1" ? "TRUE" : "FALSE";
            while (row.cells.length < column) row.cells.push("");
            row.cells[column] = text;
          }
          value = undefined;
          column++;
          break;
        }
        case "row":
          if (row) rows.push(row);
          row = undefined;
          break;
      }
    },
  });
  return rows;
}

// The fast path for the worksheet: one regular expression over the cells, for
// sheets without comments, CDATA or DOCTYPE (what Excel, LibreOffice and our
// writer produce). Anything unusual goes through the general scanner above.
const SHEET_TOKEN =
  /<(?:[\w.-]+:)?row\b([^>]*)>|<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
const VALUE = /<(?:[\w.-]+:)?v>([^<]*)<\/(?:[\w.-]+:)?v>/;
const INLINE_TEXT = /<(?:[\w.-]+:)?t\b[^>]*>([^<]*)<\/(?:[\w.-]+:)?t>/g;
const PHONETIC = /<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;

export function canReadFast(xml: string): boolean {
  return !xml.includes("<!");
}

export function readWorksheetFast(
  xml: string,
  part: string,
  shared: readonly string[],
): SheetRow[] {
  const rows: SheetRow[] = [];
  let row: SheetRow | undefined;
  let nextRow = 1;
  let column = 0;
  SHEET_TOKEN.lastIndex = 0;
  for (let m = SHEET_TOKEN.exec(xml); m !== null; m = SHEET_TOKEN.exec(xml)) {
    if (m[2] === undefined) {
      const r = Number(attributeOf(m[1] ?? "", "r"));
      const number = Number.isInteger(r) && r > 0 ? r : nextRow;
      row = { row: number, cells: [] };
      rows.push(row);
      nextRow = number + 1;
      column = 0;
      continue;
    }
    if (!row) continue;
    const attributes = m[2];
    const reference = attributeOf(attributes, "r");
    if (reference) column = columnIndex(reference);
    const inner = m[3] ?? "";
    const type = attributeOf(attributes, "t") ?? "n";
    let text: string;
    if (type === "inlineStr") {
      text = "";
      for (const t of inner.replace(PHONETIC, "").matchAll(INLINE_TEXT)) text += t[1] ?? "";
      text = decodeXmlText(text);
    } else {
      const raw = decodeXmlText(VALUE.exec(inner)?.[1] ?? "");
      if (type === "s") {
        const s = shared[Number(raw)];
        if (s === undefined)
          throw new XlsxError(`${part}: a cell points at a missing shared string`);
        text = s;
      } else text = type === "b" ? (raw === "1" ? "TRUE" : "FALSE") : raw;
    }
    if (column >= 0 && column < 16_384 && (inner !== "" || reference)) {
      while (row.cells.length < column) row.cells.push("");
      row.cells[column] = text;
    }
    column++;
  }
  return rows;
}

/** The first worksheet of an XLSX workbook, as text. */
export function readXlsx(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Sheet {
  const decoder = new TextDecoder();
  try {
    const zip = openZip(bytes, limits);
    const text = (name: string): string | undefined => {
      const data = zip.read(name);
      return data === undefined ? undefined : decoder.decode(data);
    };
    const workbook = text("xl/workbook.xml");
    if (workbook === undefined)
      throw new XlsxError("not an Excel workbook (no xl/workbook.xml inside the ZIP)");
    let sheetName = "";
    let sheetRelation: string | undefined;
    let date1904 = false;
    parseXml(workbook, "xl/workbook.xml", {
      open(name, attributes) {
        if (name === "workbookPr") {
          const v = attributeOf(attributes, "date1904");
          date1904 = v === "1" || v === "true";
        } else if (name === "sheet" && sheetRelation === undefined) {
          sheetName = attributeOf(attributes, "name") ?? "";
          sheetRelation = attributeOf(attributes, "id") ?? "";
        }
      },
      text() {},
      close() {},
    });
    let sheetPart = "xl/worksheets/sheet1.xml";
    const relations = text("xl/_rels/workbook.xml.rels");
    if (relations !== undefined && sheetRelation) {
      parseXml(relations, "xl/_rels/workbook.xml.rels", {
        open(name, attributes) {
          if (name === "Relationship" && attributeOf(attributes, "Id") === sheetRelation) {
            const target = attributeOf(attributes, "Target");
            if (target) sheetPart = resolveTarget(target);
          }
        },
        text() {},
        close() {},
      });
    }
    const sharedXml = text("xl/sharedStrings.xml");
    const shared = sharedXml === undefined ? [] : readSharedStrings(sharedXml);
    const sheetXml = text(sheetPart);
    if (sheetXml === undefined)
      throw new XlsxError(`the workbook's first sheet (${sheetPart}) is missing`);
    const rows = canReadFast(sheetXml)
      ? readWorksheetFast(sheetXml, sheetPart, shared)
      : readWorksheet(sheetXml, sheetPart, shared);
    return { name: sheetName, rows, date1904 };
  } catch (error) {
    if (error instanceof ZipError) throw new XlsxError(error.message);
    throw error;
  }
}

// ---- Writing ----------------------------------------------------------------

// XML 1.0 allows tab, newline and carriage return below 0x20, nothing else.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

/**
 * One sheet of text cells (shared strings, as Excel writes them, so nothing in
 * it is ever read as a formula), the first row bold. Excel, LibreOffice and our
 * reader open it.
 */
export function writeXlsx(sheetName: string, rows: readonly (readonly string[])[]): Uint8Array {
  const name = escapeXml(sheetName.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1");
  const shared = new Map<string, number>();
  let references = 0;
  const sheetRows = rows.map((cells, r) => {
    const style = r === 0 ? ' s="1"' : "";
    const xmlCells: string[] = [];
    cells.forEach((cell, c) => {
      if (cell === "") return;
      let index = shared.get(cell);
      if (index === undefined) {
        index = shared.size;
        shared.set(cell, index);
      }
      references++;
      xmlCells.push(`<c r="${columnLetter(c)}${r + 1}" t="s"${style}><v>${index}</v></c>`);
    });
    return `<row r="${r + 1}">${xmlCells.join("")}</row>`;
  });
  const strings = [...shared.keys()].map((text) => {
    const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
    return `<si><t${space}>${escapeXml(text)}</t></si>`;
  });
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return writeZip({
    "[Content_Types].xml": `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    "_rels/.rels": `${head}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${head}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `${head}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/sharedStrings.xml": `${head}<sst xmlns="${MAIN}" count="${references}" uniqueCount="${shared.size}">${strings.join("")}</sst>`,
    "xl/styles.xml": `${head}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>`,
    "xl/worksheets/sheet1.xml": `${head}<worksheet xmlns="${MAIN}"><sheetData>${sheetRows.join("")}</sheetData></worksheet>`,
  });
}
