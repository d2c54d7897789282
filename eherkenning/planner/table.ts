// From a file's bytes to rows of cells: XLSX by its ZIP signature, else text
// (TSV, or CSV with commas or the semicolons Dutch Excel writes) parsed by
// papaparse, a well-kept CSV parser that handles quotes and embedded newlines.
import Papa from "papaparse";
import { decodeText, type TextEncoding } from "./decode.ts";
import { PlannerError } from "./errors.ts";
import { readXlsx, readXlsxAsync, XlsxError, type SheetRow } from "./xlsx.ts";
import { isZip, type Inflater, type ZipLimits } from "./zip.ts";

/** DUO's overview of a large organisation is a few MB; this leaves ample room. */
export const MAX_OVERVIEW_BYTES = 50 * 1024 * 1024;

export type TableFormat = "xlsx" | "tsv" | "csv-comma" | "csv-semicolon";

export interface Table {
  readonly format: TableFormat;
  /** For text files; undefined for XLSX (always UTF-8 XML inside). */
  readonly encoding?: TextEncoding;
  readonly rows: SheetRow[];
  /** Numbers that are dates count from 1904 (XLSX only). */
  readonly date1904: boolean;
}

export interface TableOptions {
  readonly maxBytes?: number;
  readonly zipLimits?: ZipLimits;
  /** Who inflates XLSX in readTableAsync; the runtime's DecompressionStream when it has one. */
  readonly inflater?: Inflater;
}

const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;

export function checkSize(file: string, size: number, maxBytes = MAX_OVERVIEW_BYTES): void {
  if (size > maxBytes)
    throw new PlannerError(
      { file },
      `the file is ${mb(size)}, more than the ${mb(maxBytes)} an overview of Mijn DUO users can be`,
    );
}

/**
 * The delimiter: of tab, semicolon and comma, the one that occurs most on one of
 * the first lines (a title line may come before the headers); tab wins a tie.
 */
export function detectDelimiter(text: string): "\t" | ";" | "," {
  const lines = text.slice(0, 64 * 1024).split("\n", 10);
  const most = (c: string) => Math.max(0, ...lines.map((l) => l.split(c).length - 1));
  const tabs = most("\t");
  const semicolons = most(";");
  const commas = most(",");
  if (tabs > 0 && tabs >= semicolons && tabs >= commas) return "\t";
  return semicolons > commas ? ";" : ",";
}

function excelError(file: string, error: unknown): unknown {
  return error instanceof XlsxError
    ? new PlannerError({ file }, `not a readable Excel file: ${error.message}`)
    : error;
}

export function readTable(file: string, bytes: Uint8Array, options: TableOptions = {}): Table {
  checkSize(file, bytes.length, options.maxBytes);
  if (!isZip(bytes)) return readText(file, bytes);
  try {
    const sheet = readXlsx(bytes, options.zipLimits);
    return { format: "xlsx", rows: sheet.rows, date1904: sheet.date1904 };
  } catch (error) {
    throw excelError(file, error);
  }
}

/** readTable with the runtime's own inflater for XLSX when it has one (see readXlsxAsync). */
export async function readTableAsync(
  file: string,
  bytes: Uint8Array,
  options: TableOptions = {},
): Promise<Table> {
  checkSize(file, bytes.length, options.maxBytes);
  if (!isZip(bytes)) return readText(file, bytes);
  try {
    const sheet = await readXlsxAsync(bytes, options.zipLimits, options.inflater);
    return { format: "xlsx", rows: sheet.rows, date1904: sheet.date1904 };
  } catch (error) {
    throw excelError(file, error);
  }
}

function readText(file: string, bytes: Uint8Array): Table {
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.includes(0))
    throw new PlannerError({ file }, "not a text or Excel (XLSX) file: it holds binary data");
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    // Cells stay text: GLOBALIDs and postcodes must keep their leading zeros.
    dynamicTyping: false,
  });
  const rows: SheetRow[] = [];
  parsed.data.forEach((cells, i) => {
    if (cells.length === 1 && cells[0] === "") return;
    rows.push({ row: i + 1, cells });
  });
  const format = delimiter === "\t" ? "tsv" : delimiter === ";" ? "csv-semicolon" : "csv-comma";
  return { format, encoding, rows, date1904: false };
}
