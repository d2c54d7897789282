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
import {
  DEFAULT_ZIP_LIMITS,
  defaultInflater,
  openZip,
  writeZip,
  ZipError,
  type Inflater,
  type ZipLimits,
} from "./zip.ts";

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

function missingSharedString(part: string, column: number, row: number, index: number): XlsxError {
  return new XlsxError(
    `${part}: cell ${columnLetter(column)}${row} points at shared string ${index}, which the workbook does not have`,
  );
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
              if (s === undefined) throw missingSharedString(part, column, row.row, Number(raw));
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

// The fast path for the worksheet, for sheets without comments, CDATA or
// DOCTYPE (what Excel, LibreOffice and our writer produce); anything unusual
// goes through the general scanner above. It looks only at <row> and <c> tags,
// reads a cell's r and t attributes and its <v> in place and jumps over the
// rest of the cell, so a shared-string cell (nearly every cell of an overview)
// costs no new string: a 50,000-row sheet is 25 MB of XML, and allocating per
// cell made it the slowest step in a page.
const INLINE_TEXT = /<(?:[\w.-]+:)?t\b[^>]*>([^<]*)<\/(?:[\w.-]+:)?t>/g;
const PHONETIC = /<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;

export function canReadFast(xml: string): boolean {
  return !xml.includes("<!");
}

const isSpaceCode = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** Whether xml[start, end) is the tag or attribute name `name`, with or without a prefix. */
function isName(xml: string, start: number, end: number, name: string): boolean {
  const from = end - name.length;
  return (
    from >= start &&
    xml.startsWith(name, from) &&
    (from === start || xml.charCodeAt(from - 1) === 58) /* : */
  );
}

/** Where a tag's name ends: at a space, "/" or ">". */
function nameEndAt(xml: string, from: number): number {
  let at = from;
  for (; at < xml.length; at++) {
    const c = xml.charCodeAt(at);
    if (isSpaceCode(c) || c === 47 || c === 62) break;
  }
  return at;
}

/** A cell tag's r and t attributes, as positions of their values in `xml` (-1: absent). */
interface CellAttributes {
  reference: number;
  typeStart: number;
  typeEnd: number;
}

function readCellAttributes(xml: string, from: number, to: number, out: CellAttributes): void {
  out.reference = -1;
  out.typeStart = -1;
  out.typeEnd = -1;
  let at = from;
  while (at < to) {
    if (isSpaceCode(xml.charCodeAt(at))) {
      at++;
      continue;
    }
    const nameStart = at;
    while (at < to && xml.charCodeAt(at) !== 61 /* = */ && !isSpaceCode(xml.charCodeAt(at))) at++;
    const nameEnd = at;
    while (at < to && isSpaceCode(xml.charCodeAt(at))) at++;
    if (xml.charCodeAt(at) !== 61) return;
    at++;
    while (at < to && isSpaceCode(xml.charCodeAt(at))) at++;
    const quote = xml.charAt(at);
    if (quote !== '"' && quote !== "'") return;
    const valueEnd = xml.indexOf(quote, at + 1);
    if (valueEnd < 0 || valueEnd > to) return;
    if (isName(xml, nameStart, nameEnd, "r")) out.reference = at + 1;
    else if (isName(xml, nameStart, nameEnd, "t")) {
      out.typeStart = at + 1;
      out.typeEnd = valueEnd;
    }
    at = valueEnd + 1;
  }
}

/** The column of the cell reference starting at `at` ("AB12" -> 27). */
function columnAt(xml: string, at: number): number {
  let index = 0;
  for (let i = at; i < xml.length; i++) {
    const code = xml.charCodeAt(i);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

/** A shared-string index written as plain digits, read without slicing; else by Number. */
function indexAt(xml: string, start: number, end: number): number {
  let index = 0;
  for (let i = start; i < end; i++) {
    const digit = xml.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number(decodeXmlText(xml.slice(start, end)));
    index = index * 10 + digit;
  }
  return index; // 0 when empty, as Number("") is
}

export function readWorksheetFast(
  xml: string,
  part: string,
  shared: readonly string[],
): SheetRow[] {
  const rows: SheetRow[] = [];
  const attributes: CellAttributes = { reference: -1, typeStart: -1, typeEnd: -1 };
  let row: SheetRow | undefined;
  let nextRow = 1;
  let column = 0;
  let lt = xml.indexOf("<");
  while (lt >= 0) {
    const nameEnd = nameEndAt(xml, lt + 1);
    const gt = xml.indexOf(">", nameEnd);
    if (gt < 0) break;
    const selfClosing = xml.charCodeAt(gt - 1) === 47; /* / */
    if (isName(xml, lt + 1, nameEnd, "row")) {
      const r = Number(attributeOf(xml.slice(nameEnd, gt), "r"));
      const number = Number.isInteger(r) && r > 0 ? r : nextRow;
      row = { row: number, cells: [] };
      rows.push(row);
      nextRow = number + 1;
      column = 0;
      lt = xml.indexOf("<", gt + 1);
      continue;
    }
    if (!row || !isName(xml, lt + 1, nameEnd, "c")) {
      lt = xml.indexOf("<", gt + 1);
      continue;
    }
    readCellAttributes(xml, nameEnd, selfClosing ? gt - 1 : gt, attributes);
    if (attributes.reference >= 0) column = columnAt(xml, attributes.reference);
    const { typeStart, typeEnd } = attributes;
    const type = typeStart < 0 ? "n" : typeEnd - typeStart === 1 ? xml.charAt(typeStart) : "";
    let text = "";
    let next = gt + 1;
    if (!selfClosing) {
      // "c" or "x:c": the cell ends at the matching close tag; its value is in <v> or <x:v>.
      const prefix = xml.slice(lt + 1, nameEnd - 1);
      const open = prefix === "" ? "<v>" : `<${prefix}v>`;
      const close = prefix === "" ? "</c>" : `</${prefix}c>`;
      // Nearly every cell is exactly <v>…</v></c>: checked in place first, as
      // searching for a string of several letters costs more than the cell.
      let valueStart = xml.startsWith(open, gt + 1) ? gt + 1 + open.length : -1;
      let valueEnd = valueStart < 0 ? -1 : xml.indexOf("<", valueStart);
      const afterValue = valueEnd < 0 ? -1 : xml.indexOf(">", valueEnd) + 1;
      let cellEnd = afterValue > 0 && xml.startsWith(close, afterValue) ? afterValue : -1;
      if (cellEnd < 0) {
        cellEnd = xml.indexOf(close, gt + 1);
        const v = xml.indexOf(open, gt + 1);
        valueStart = v < 0 || v > cellEnd ? -1 : v + open.length;
        valueEnd = valueStart < 0 ? -1 : xml.indexOf("<", valueStart);
      }
      if (cellEnd < 0)
        throw new XlsxError(`${part}: cell ${columnLetter(column)}${row.row} is not closed`);
      next = cellEnd + close.length;
      if (type === "" && xml.startsWith("inlineStr", typeStart) && typeEnd - typeStart === 9) {
        for (const t of xml
          .slice(gt + 1, cellEnd)
          .replace(PHONETIC, "")
          .matchAll(INLINE_TEXT))
          text += t[1] ?? "";
        text = decodeXmlText(text);
      } else {
        if (type === "s") {
          const index = valueStart < 0 ? 0 : indexAt(xml, valueStart, valueEnd);
          const s = shared[index];
          if (s === undefined) throw missingSharedString(part, column, row.row, index);
          text = s;
        } else {
          const raw = valueStart < 0 ? "" : decodeXmlText(xml.slice(valueStart, valueEnd));
          text = type === "b" ? (raw === "1" ? "TRUE" : "FALSE") : raw;
        }
      }
    }
    if (column >= 0 && column < 16_384 && (!selfClosing || attributes.reference >= 0)) {
      while (row.cells.length < column) row.cells.push("");
      row.cells[column] = text;
    }
    column++;
    lt = xml.indexOf("<", next);
  }
  return rows;
}

const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELATIONS = "xl/_rels/workbook.xml.rels";
const SHARED_STRINGS = "xl/sharedStrings.xml";

interface FirstSheet {
  readonly name: string;
  readonly part: string;
  readonly date1904: boolean;
}

/** The first sheet's name and part, from the workbook and its relations. */
function findFirstSheet(workbook: string | undefined, relations: string | undefined): FirstSheet {
  if (workbook === undefined)
    throw new XlsxError("not an Excel workbook (no xl/workbook.xml inside the ZIP)");
  let name = "";
  let relation: string | undefined;
  let date1904 = false;
  parseXml(workbook, WORKBOOK, {
    open(tag, attributes) {
      if (tag === "workbookPr") {
        const v = attributeOf(attributes, "date1904");
        date1904 = v === "1" || v === "true";
      } else if (tag === "sheet" && relation === undefined) {
        name = attributeOf(attributes, "name") ?? "";
        relation = attributeOf(attributes, "id") ?? "";
      }
    },
    text() {},
    close() {},
  });
  let part = "xl/worksheets/sheet1.xml";
  if (relations !== undefined && relation) {
    parseXml(relations, WORKBOOK_RELATIONS, {
      open(tag, attributes) {
        if (tag === "Relationship" && attributeOf(attributes, "Id") === relation) {
          const target = attributeOf(attributes, "Target");
          if (target) part = resolveTarget(target);
        }
      },
      text() {},
      close() {},
    });
  }
  return { name, part, date1904 };
}

function readSheet(
  first: FirstSheet,
  sheetXml: string | undefined,
  sharedXml: string | undefined,
): Sheet {
  if (sheetXml === undefined)
    throw new XlsxError(`the workbook's first sheet (${first.part}) is missing`);
  const shared = sharedXml === undefined ? [] : readSharedStrings(sharedXml);
  const rows = canReadFast(sheetXml)
    ? readWorksheetFast(sheetXml, first.part, shared)
    : readWorksheet(sheetXml, first.part, shared);
  return { name: first.name, rows, date1904: first.date1904 };
}

function asXlsxError(error: unknown): unknown {
  return error instanceof ZipError ? new XlsxError(error.message) : error;
}

/** The first worksheet of an XLSX workbook, as text; fflate inflates (synchronous). */
export function readXlsx(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Sheet {
  const decoder = new TextDecoder();
  try {
    const zip = openZip(bytes, limits);
    const text = (name: string): string | undefined => {
      const data = zip.read(name);
      return data === undefined ? undefined : decoder.decode(data);
    };
    const first = findFirstSheet(text(WORKBOOK), text(WORKBOOK_RELATIONS));
    return readSheet(first, text(first.part), text(SHARED_STRINGS));
  } catch (error) {
    throw asXlsxError(error);
  }
}

/**
 * The same as readXlsx, with the runtime's own inflater when it has one
 * (DecompressionStream; see zip.ts): in a page, inflating a 50,000-row sheet
 * this way takes a tenth of the time. The parts are read one after another, so
 * they share the inflation budget as in readXlsx.
 */
export async function readXlsxAsync(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  inflater: Inflater = defaultInflater(),
): Promise<Sheet> {
  const decoder = new TextDecoder();
  try {
    const zip = openZip(bytes, limits);
    const text = async (name: string): Promise<string | undefined> => {
      const data = await zip.readAsync(name, inflater);
      return data === undefined ? undefined : decoder.decode(data);
    };
    const first = findFirstSheet(await text(WORKBOOK), await text(WORKBOOK_RELATIONS));
    const sheetXml = await text(first.part);
    return readSheet(first, sheetXml, await text(SHARED_STRINGS));
  } catch (error) {
    throw asXlsxError(error);
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
