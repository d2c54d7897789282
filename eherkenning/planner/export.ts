// What the planner hands on: the plan as JSON (the CLI's --json), the
// checklist for the machtigingenbeheerder as CSV or XLSX, and an overview in
// DUO's own columns (the replica's download, test files, the benchmark).
import { OVERVIEW_COLUMNS, OVERVIEW_HEADERS, type ColumnKey } from "./columns.ts";
import type { Decision, Plan, PlannedPerson, PlanSummary } from "./plan.ts";
import { writeXlsx } from "./xlsx.ts";

export interface PersonJson {
  readonly globalId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly { readonly role: string; readonly selection: string }[];
  readonly lastLogin: string | null;
  readonly loginMeans: string | null;
  readonly decision: Decision;
  readonly reason: PlannedPerson["reason"];
  readonly beheerder: boolean;
  readonly organisations: readonly string[];
  /** Columns where the file's value was cut short and read as its likely whole. */
  readonly cut: readonly ColumnKey[];
}

export interface PlanJson {
  readonly persons: readonly PersonJson[];
  readonly summary: PlanSummary;
}

export const organisationLabel = (o: { kind: string; code: string }): string =>
  [o.kind, o.code].filter((s) => s !== "").join(" ");

export function planToJson(plan: Plan): PlanJson {
  return {
    persons: plan.persons.map((p) => ({
      globalId: p.globalId,
      name: p.name,
      email: p.email,
      roles: p.roles.map((r) => ({ role: r.role, selection: r.selection })),
      lastLogin: p.lastLogin,
      loginMeans: p.loginMeans,
      decision: p.decision,
      reason: p.reason,
      beheerder: p.beheerder,
      organisations: p.organisations.map(organisationLabel),
      cut: p.cut,
    })),
    summary: plan.summary,
  };
}

// ---- The checklist ------------------------------------------------------------

export type ChecklistLanguage = "nl" | "en";

const CHECKLIST_HEADERS: Record<ChecklistLanguage, readonly string[]> = {
  nl: ["Naam", "E-mailadres", "Niveau", "Machtiging", "Organisatie", "GLOBALID", "Besluit"],
  en: ["Name", "E-mail address", "Level", "Machtiging", "Organisation", "GLOBALID", "Decision"],
};

const DECISION_WORDS: Record<ChecklistLanguage, Record<Decision, string>> = {
  nl: { "needs-middel": "middel aanvragen", review: "nagaan", switched: "overgestapt" },
  en: { "needs-middel": "request middel", review: "review", switched: "switched" },
};

export interface ChecklistOptions {
  readonly language?: ChecklistLanguage;
  /** Who is on the list; by default the persons who need a middel. */
  readonly decisions?: readonly Decision[];
}

/** One row per person to give an EH3 middel and the machtiging; the first row is the header. */
export function checklistRows(plan: Plan, options: ChecklistOptions = {}): string[][] {
  const language = options.language ?? "nl";
  const decisions = new Set(options.decisions ?? ["needs-middel"]);
  const rows = [[...CHECKLIST_HEADERS[language]]];
  for (const p of plan.persons) {
    if (!decisions.has(p.decision)) continue;
    rows.push([
      p.name,
      p.email,
      plan.summary.level,
      plan.summary.machtiging,
      p.organisations.map(organisationLabel).join(", "),
      p.globalId,
      DECISION_WORDS[language][p.decision],
    ]);
  }
  return rows;
}

// A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
// return before one) as a formula; a leading apostrophe makes it text. OWASP's
// advice for CSV injection.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function quoteCell(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** CSV for spreadsheets: formulas neutralised, RFC 4180 quoting, CRLF, a BOM so Excel reads UTF-8. */
export function toCsv(rows: readonly (readonly string[])[], delimiter: "," | ";" = ","): string {
  const lines = rows.map((cells) =>
    cells.map((c) => quoteCell(neutraliseCell(c), delimiter)).join(delimiter),
  );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export function checklistCsv(
  plan: Plan,
  options: ChecklistOptions & { delimiter?: "," | ";" } = {},
): string {
  return toCsv(checklistRows(plan, options), options.delimiter);
}

export function checklistXlsx(plan: Plan, options: ChecklistOptions = {}): Uint8Array {
  // "Checklist" is the sheet's name in Dutch and in English.
  return writeXlsx("Checklist", checklistRows(plan, options));
}

// ---- An overview in DUO's columns ------------------------------------------------

/** One overview row: person x role x selection, values as DUO writes them. */
export type OverviewRow = Partial<Record<ColumnKey, string>>;

const KEYS_IN_ORDER: readonly ColumnKey[] = OVERVIEW_COLUMNS.map((c) => c.key);

export function overviewRows(rows: readonly OverviewRow[]): string[][] {
  return [[...OVERVIEW_HEADERS], ...rows.map((r) => KEYS_IN_ORDER.map((k) => r[k] ?? ""))];
}

/** Tab-separated, as DUO sends it; tabs and newlines inside values become spaces. */
export function writeOverviewTsv(rows: readonly OverviewRow[]): string {
  return (
    overviewRows(rows)
      .map((cells) => cells.map((c) => c.replace(/[\t\r\n]+/g, " ")).join("\t"))
      .join("\r\n") + "\r\n"
  );
}

export function writeOverviewXlsx(rows: readonly OverviewRow[]): Uint8Array {
  return writeXlsx("Overzicht Mijn DUO gebruikers", overviewRows(rows));
}
