// Reading the overview's values, including the ones Excel's column width cut
// short ("2022-01-2", "DUO Toker"). A cut value is read as the earliest
// whole value it can be the start of, and said to be cut.

/** A calendar day as YYYY-MM-DD; overview dates carry no time zone. */
export type IsoDay = string;

export interface ReadDate {
  readonly day: IsoDay;
  /** The value was cut short; `day` is the earliest day it can stand for. */
  readonly cut: boolean;
}

const pad = (n: number): string => String(n).padStart(2, "0");

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDay(year: number, month: number, day: number): IsoDay | undefined {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Excel's day number (1900 system, or 1904) to a calendar day. */
export function excelSerialToDay(serial: number, date1904 = false): IsoDay | undefined {
  if (!Number.isFinite(serial) || serial < 1) return undefined;
  // 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that
  // never was, so from day 61 on the epoch is 1899-12-30.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, serial < 61 ? 31 : 30);
  const date = new Date(epoch + Math.floor(serial) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

// The smallest whole value a cut month or day digit can be the start of:
// "0" -> 01, "1" -> 10 (a single digit is never written unpadded in ISO form).
const earliest = (digit: string): number => (digit === "0" ? 1 : Number(digit) * 10);

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$/;
const DUTCH = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s.*)?$/;
const ISO_CUT = /^(\d{4})-(?:(\d)|(\d{2})-?(\d)?)$/;
const SERIAL = /^\d{4,6}(?:\.\d+)?$/;

/**
 * A login moment: ISO ("2022-01-25", "2022-01-25 13:45:12"), Dutch
 * ("25-01-2022", "25/1/2022 13:45"), an Excel day number (from XLSX cells), or an
 * ISO date cut short ("2022-01-2", "2022-0"). Undefined when unreadable.
 */
export function readLoginDate(
  value: string,
  options: { excel?: boolean; date1904?: boolean } = {},
): ReadDate | undefined {
  const v = value.trim();
  let m = ISO.exec(v);
  if (m) {
    const day = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    return day ? { day, cut: false } : undefined;
  }
  m = DUTCH.exec(v);
  if (m) {
    const day = validDay(Number(m[3]), Number(m[2]), Number(m[1]));
    return day ? { day, cut: false } : undefined;
  }
  m = ISO_CUT.exec(v);
  if (m) {
    const year = Number(m[1]);
    const month = m[2] !== undefined ? earliest(m[2]) : Number(m[3]);
    const dayDigit = m[4];
    const day = validDay(year, month, dayDigit === undefined ? 1 : earliest(dayDigit));
    return day ? { day, cut: true } : undefined;
  }
  // Only XLSX cells hold day numbers; in a text file "2022" is a cut date.
  if (options.excel && SERIAL.test(v)) {
    const day = excelSerialToDay(Number(v), options.date1904);
    return day ? { day, cut: false } : undefined;
  }
  return undefined;
}

// ---- Login means --------------------------------------------------------------

export type LoginMeansKind = "token" | "eherkenning" | "other" | "none";

export interface ReadLoginMeans {
  readonly kind: LoginMeansKind;
  /** How the planner names it: "DUO Token", "eHerkenning", or the file's own text. */
  readonly label: string | null;
  readonly cut: boolean;
}

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

// A value cut by column width keeps at least this many letters of the whole;
// its last visible letter may be garbled ("DUO Toker" for "DUO Token").
const MIN_CUT_LETTERS = 5;

function cutOf(squashed: string, whole: string): boolean {
  if (squashed.length > whole.length || squashed === whole) return false;
  const shared = commonPrefix(squashed, whole);
  return shared >= MIN_CUT_LETTERS && shared >= squashed.length - 1;
}

export function readLoginMeans(value: string): ReadLoginMeans {
  const v = value.trim();
  const s = squash(v);
  if (s === "") return { kind: "none", label: null, cut: false };
  if (s.includes("herkenning") || /^eh(?:2plus|[1-4])$/.test(s))
    return { kind: "eherkenning", label: "eHerkenning", cut: false };
  if (s.includes("token")) return { kind: "token", label: "DUO Token", cut: false };
  if (cutOf(s, "duotoken")) return { kind: "token", label: "DUO Token", cut: true };
  if (cutOf(s, "eherkenning")) return { kind: "eherkenning", label: "eHerkenning", cut: true };
  return { kind: "other", label: v, cut: false };
}

// ---- Roles ----------------------------------------------------------------------

/** Roles DUO's overview names (from DUO's overstap material); others are kept as written. */
export const KNOWN_ROLES: readonly string[] = [
  "Beheerder BVE",
  "Organisatiebeheerder",
  "Examensecretaris BVE",
  "DR_Raadpleger",
  "Gebruiker studentdossier",
];

/** A role as written, completed when it is the cut-off start of exactly one known role. */
export function readRole(value: string): { role: string; cut: boolean } {
  const v = value.trim();
  const exact = KNOWN_ROLES.find((r) => r.toLowerCase() === v.toLowerCase());
  if (exact) return { role: exact, cut: false };
  const s = squash(v);
  const candidates = KNOWN_ROLES.filter((r) => cutOf(s, squash(r)));
  return candidates.length === 1
    ? { role: candidates[0] as string, cut: true }
    : { role: v, cut: false };
}

/** Beheerders switch their organisation's users, so they go first. */
export function isBeheerderRole(role: string): boolean {
  return /beheerder/i.test(role);
}
