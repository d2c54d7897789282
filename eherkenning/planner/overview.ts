// DUO's "Overzicht Mijn DUO gebruikers": one row per person x role x
// selection, read into one record per person (GLOBALID) with their roles and
// selections, their last login and the means they logged in with.
import { PlannerError, type PlannerIssue } from "./errors.ts";
import { matchHeaders, OVERVIEW_COLUMNS, type ColumnKey, type FoundColumn } from "./columns.ts";
import {
  readTable,
  readTableAsync,
  type Table,
  type TableFormat,
  type TableOptions,
} from "./table.ts";
import type { TextEncoding } from "./decode.ts";
import { columnLetter, type SheetRow } from "./xlsx.ts";
import {
  readLoginDate,
  readLoginMeans,
  readRole,
  type IsoDay,
  type LoginMeansKind,
} from "./values.ts";

export interface RoleSelection {
  readonly role: string;
  /** Kind of selection as written (BRINn, onderwijss, aanlptn, BestNr), or "". */
  readonly selectionKind: string;
  readonly selectionValue: string;
  /** Kind and value together ("BRINn 25PX"), or "" when the role has no selection. */
  readonly selection: string;
}

export interface Organisation {
  /** The kind of code, e.g. "BRINn". */
  readonly kind: string;
  readonly code: string;
}

export interface OverviewPerson {
  readonly globalId: string;
  readonly initials: string;
  readonly prefix: string;
  readonly surname: string;
  /** Voorletters, voorvoegsel and achternaam: "J. de Vries". */
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly organisations: readonly Organisation[];
  readonly roles: readonly RoleSelection[];
  /** The latest login over the person's rows, or null when never (or unreadable). */
  readonly lastLogin: IsoDay | null;
  readonly loginMeans: string | null;
  readonly loginMeansKind: LoginMeansKind;
  readonly loginName: string;
  readonly tokenIds: readonly string[];
  /** The file's rows for this person. */
  readonly rows: readonly number[];
  /** Columns in which a value of this person was cut short. */
  readonly cut: readonly ColumnKey[];
  /** A login date could not be read on some row. */
  readonly unreadableLogin: boolean;
}

export interface Overview {
  readonly file: string;
  readonly format: TableFormat;
  readonly encoding?: TextEncoding;
  readonly dataRows: number;
  readonly headerRow: number;
  readonly columns: readonly FoundColumn[];
  readonly ignoredHeaders: readonly string[];
  readonly persons: readonly OverviewPerson[];
  readonly issues: readonly PlannerIssue[];
}

/** How many leading rows may precede the header row (a title, an empty line). */
const HEADER_SEARCH_ROWS = 10;
const MIN_HEADERS = 3;

interface Means {
  readonly kind: LoginMeansKind;
  readonly label: string | null;
  readonly day: IsoDay | null;
}

interface Draft {
  globalId: string;
  initials: string;
  prefix: string;
  surname: string;
  email: string;
  phone: string;
  organisations: Map<string, Organisation>;
  /** In the order first met; `selectionsByRole` keeps them unique. */
  roles: RoleSelection[];
  selectionsByRole: Map<string, Set<string>>;
  lastLogin: IsoDay | null;
  /** The first eHerkenning row's means, and the means of the latest login (see finish). */
  eherkenning: Means | undefined;
  latest: Means | undefined;
  loginName: string;
  tokenIds: Set<string>;
  rows: number[];
  cut: Set<ColumnKey>;
  unreadableLogin: boolean;
}

function findHeader(file: string, rows: readonly SheetRow[]) {
  let best: { at: number; match: ReturnType<typeof matchHeaders> } | undefined;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const match = matchHeaders((rows[i] as SheetRow).cells);
    if (!best || match.columns.size > best.match.columns.size) best = { at: i, match };
  }
  if (!best || best.match.columns.size < MIN_HEADERS) {
    throw new PlannerError(
      { file, row: best ? (rows[best.at] as SheetRow).row : 1 },
      "not an overview of Mijn DUO users: no row with its column headers (GLOBALID, ACHTERNAAM, ROL_MNEMONIC, INLOGMOMENT, INLOGMIDDEL ...)",
    );
  }
  const headerRow = (rows[best.at] as SheetRow).row;
  for (const spec of OVERVIEW_COLUMNS) {
    if (spec.required && !best.match.columns.has(spec.key))
      throw new PlannerError(
        { file, row: headerRow, column: spec.name },
        `the required column ${spec.name} is missing (headers found: ${[...best.match.columns.values()].map((c) => c.header).join(", ")})`,
      );
  }
  return { at: best.at, headerRow, ...best.match };
}

export function parseOverview(
  file: string,
  bytes: Uint8Array,
  options: TableOptions = {},
): Overview {
  return overviewFromTable(file, readTable(file, bytes, options));
}

/** parseOverview with the runtime's own inflater for XLSX (DecompressionStream), as the planner page uses it. */
export async function parseOverviewAsync(
  file: string,
  bytes: Uint8Array,
  options: TableOptions = {},
): Promise<Overview> {
  return overviewFromTable(file, await readTableAsync(file, bytes, options));
}

/** A cell's trimmed text; "" when the column is absent (-1) or the row is short. */
const valueAt = (cells: readonly string[], at: number): string =>
  at < 0 ? "" : (cells[at] ?? "").trim();

/** A person's details left empty on their first row, taken from a later one. */
function fillBlanks(d: Draft, cells: readonly string[], col: Record<ColumnKey, number>): void {
  if (d.initials === "") d.initials = valueAt(cells, col.initials);
  if (d.prefix === "") d.prefix = valueAt(cells, col.prefix);
  if (d.surname === "") d.surname = valueAt(cells, col.surname);
  if (d.email === "") d.email = valueAt(cells, col.email);
  if (d.phone === "") d.phone = valueAt(cells, col.phone);
  if (d.loginName === "") d.loginName = valueAt(cells, col.loginName);
}

export function overviewFromTable(file: string, table: Table): Overview {
  const header = findHeader(file, table.rows);
  const columns = header.columns;
  const issues: PlannerIssue[] = [];
  const drafts = new Map<string, Draft>();
  const excel = table.format === "xlsx";

  const columnName = (key: ColumnKey): string => {
    const c = columns.get(key);
    return c ? c.header || columnLetter(c.index) : key;
  };
  const issue = (row: number, key: ColumnKey, kind: PlannerIssue["kind"], message: string) =>
    issues.push({ file, row, column: columnName(key), kind, message });

  // Column positions (-1: not in the file), and the values' readings memoised:
  // a person's date and means repeat on each of their rows.
  const col = {} as Record<ColumnKey, number>;
  for (const spec of OVERVIEW_COLUMNS) col[spec.key] = columns.get(spec.key)?.index ?? -1;
  const dates = memo((raw: string) => readLoginDate(raw, { excel, date1904: table.date1904 }));
  const meansOf = memo(readLoginMeans);
  const roleOf = memo(readRole);

  let dataRows = 0;
  for (let i = header.at + 1; i < table.rows.length; i++) {
    const { row, cells } = table.rows[i] as SheetRow;
    if (cells.every((c) => c.trim() === "")) continue;
    dataRows++;
    const globalId = valueAt(cells, col.globalId);
    if (globalId === "") {
      issue(
        row,
        "globalId",
        "skipped",
        "no GLOBALID, so this row belongs to no person; row left out",
      );
      continue;
    }
    let d = drafts.get(globalId);
    if (!d) {
      d = {
        globalId,
        initials: valueAt(cells, col.initials),
        prefix: valueAt(cells, col.prefix),
        surname: valueAt(cells, col.surname),
        email: valueAt(cells, col.email),
        phone: valueAt(cells, col.phone),
        organisations: new Map(),
        roles: [],
        selectionsByRole: new Map(),
        lastLogin: null,
        eherkenning: undefined,
        latest: undefined,
        loginName: valueAt(cells, col.loginName),
        tokenIds: new Set(),
        rows: [],
        cut: new Set(),
        unreadableLogin: false,
      };
      drafts.set(globalId, d);
    } else {
      const surname = valueAt(cells, col.surname);
      if (surname !== "" && d.surname !== "" && surname !== d.surname)
        issue(
          row,
          "surname",
          "conflict",
          `GLOBALID ${globalId} was "${d.surname}" on row ${d.rows[0]}; "${surname}" ignored`,
        );
      fillBlanks(d, cells, col);
    }
    d.rows.push(row);

    const orgKind = valueAt(cells, col.organisationType);
    const orgCode = valueAt(cells, col.organisationCode);
    const orgKey = `${orgKind}\u0000${orgCode}`;
    if ((orgKind !== "" || orgCode !== "") && !d.organisations.has(orgKey))
      d.organisations.set(orgKey, { kind: orgKind, code: orgCode });

    const rawRole = valueAt(cells, col.role);
    if (rawRole !== "") {
      const { role, cut } = roleOf(rawRole);
      if (cut) {
        d.cut.add("role");
        issue(row, "role", "cut", `"${rawRole}" read as "${role}" (cut short)`);
      }
      const selectionKind = valueAt(cells, col.selectionKind);
      const selectionValue = valueAt(cells, col.selectionValue);
      const selection =
        selectionKind !== "" && selectionValue !== ""
          ? `${selectionKind} ${selectionValue}`
          : selectionKind || selectionValue;
      let selections = d.selectionsByRole.get(role);
      if (!selections) d.selectionsByRole.set(role, (selections = new Set()));
      if (!selections.has(selection)) {
        selections.add(selection);
        d.roles.push({ role, selectionKind, selectionValue, selection });
      }
    }

    const rawDate = valueAt(cells, col.lastLogin);
    let day: IsoDay | null = null;
    if (rawDate !== "") {
      const read = dates(rawDate);
      if (!read) {
        d.unreadableLogin = true;
        issue(
          row,
          "lastLogin",
          "unreadable",
          `unreadable date "${rawDate}" (expected e.g. 2022-01-25 or 25-01-2022); read as no login`,
        );
      } else {
        day = read.day;
        if (read.cut) {
          d.cut.add("lastLogin");
          issue(
            row,
            "lastLogin",
            "cut",
            `"${rawDate}" read as ${read.day} (cut short; the earliest day it can be)`,
          );
        }
        if (d.lastLogin === null || day > d.lastLogin) d.lastLogin = day;
      }
    }

    const rawMeans = valueAt(cells, col.loginMeans) || valueAt(cells, col.channel);
    const means = meansOf(rawMeans);
    if (means.cut) {
      d.cut.add("loginMeans");
      issue(row, "loginMeans", "cut", `"${rawMeans}" read as "${means.label}" (cut short)`);
    }
    // The first eHerkenning row, and the latest login by a means (the first
    // such row wins a tie), as finish() uses them.
    if (means.kind === "eherkenning" && !d.eherkenning)
      d.eherkenning = { kind: means.kind, label: means.label, day };
    if (means.kind !== "none" && (!d.latest || (day ?? "") > (d.latest.day ?? "")))
      d.latest = { kind: means.kind, label: means.label, day };

    const tokenId = valueAt(cells, col.tokenId);
    if (tokenId !== "") d.tokenIds.add(tokenId);
  }

  const persons = [...drafts.values()].map(finish);
  return {
    file,
    format: table.format,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    dataRows,
    headerRow: header.headerRow,
    columns: [...columns.values()].sort((a, b) => a.index - b.index),
    ignoredHeaders: header.ignored,
    persons,
    issues,
  };
}

function memo<T>(read: (raw: string) => T): (raw: string) => T {
  const seen = new Map<string, T>();
  return (raw) => {
    const known = seen.get(raw);
    if (known !== undefined || seen.has(raw)) return known as T;
    const value = read(raw);
    if (seen.size < 100_000) seen.set(raw, value);
    return value;
  };
}

// One eHerkenning row means the person has switched; otherwise the means of
// their latest login counts.
function finish(d: Draft): OverviewPerson {
  const means = d.eherkenning ?? d.latest;
  const name = [d.initials, d.prefix, d.surname].filter((s) => s !== "").join(" ");
  return {
    globalId: d.globalId,
    initials: d.initials,
    prefix: d.prefix,
    surname: d.surname,
    name: name || d.globalId,
    email: d.email,
    phone: d.phone,
    organisations: [...d.organisations.values()],
    roles: d.roles,
    lastLogin: d.lastLogin,
    loginMeans: means?.label ?? null,
    loginMeansKind: means?.kind ?? "none",
    loginName: d.loginName,
    tokenIds: [...d.tokenIds],
    rows: d.rows,
    cut: [...d.cut],
    unreadableLogin: d.unreadableLogin,
  };
}
