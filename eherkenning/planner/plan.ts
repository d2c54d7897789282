// The overstap plan per person, as of a date: who has switched, who needs an
// EH3 middel and the machtiging, and whose account to review before paying for
// a middel. The facts (the machtiging's name, the level) come from the shared
// overstap data, never retyped here.
import { isDutchSummerTime } from "../dates.ts";
import { KNOWN_OVERSTAPPEN, type KnownOverstap } from "../known-overstappen.ts";
import type { Overview, OverviewPerson } from "./overview.ts";
import { isBeheerderRole, type IsoDay } from "./values.ts";

export type Decision = "switched" | "needs-middel" | "review";
export const DECISIONS: readonly Decision[] = ["needs-middel", "review", "switched"];

export type DecisionReason =
  /** Logs in with eHerkenning already. */
  | "eherkenning"
  /** Logged in with the token (or another means) within the period. */
  | "active"
  /** Last login before the period. */
  | "inactive"
  /** No login in the file. */
  | "never"
  /** Login date unreadable and no other: ask. */
  | "unknown";

export interface PlannedPerson extends OverviewPerson {
  readonly decision: Decision;
  readonly reason: DecisionReason;
  readonly beheerder: boolean;
}

export interface PlanOptions {
  /** The day the plan is for (YYYY-MM-DD); today in the Netherlands when absent. */
  readonly asOf?: IsoDay;
  /** No login for longer than this many months means review (default 12). */
  readonly inactiveMonths?: number;
  /** What one middel costs per year in euros; no cost is shown without it. */
  readonly pricePerMiddel?: number;
}

export interface RoleCount {
  readonly role: string;
  readonly persons: number;
  readonly byDecision: Readonly<Record<Decision, number>>;
}

export interface PlanCosts {
  readonly pricePerMiddel: number;
  /** The middelen for the `needs-middel` persons, per year. */
  readonly yearlyCost: number;
  /** Also buying middelen for every `review` person. */
  readonly yearlyCostIncludingReview: number;
  /** What not buying middelen for the `review` persons saves per year. */
  readonly savingByRemovingReview: number;
}

export interface PlanSummary {
  readonly asOf: IsoDay;
  readonly inactiveMonths: number;
  /** Logins before this day count as inactive. */
  readonly activeSince: IsoDay;
  readonly persons: number;
  readonly byDecision: Readonly<Record<Decision, number>>;
  readonly byRole: readonly RoleCount[];
  readonly beheerders: number;
  /** EH3 middelen to request: one per `needs-middel` person. */
  readonly middelenToBuy: number;
  readonly level: KnownOverstap["to"];
  readonly machtiging: string;
  readonly provider: string;
  readonly costs?: PlanCosts;
}

export interface Plan {
  readonly persons: readonly PlannedPerson[];
  readonly summary: PlanSummary;
}

/** The Mijn DUO overstap as the shared module knows it. */
export const MIJN_DUO: KnownOverstap = (() => {
  const found = KNOWN_OVERSTAPPEN.find((o) => o.id === "mijn-duo");
  if (!found) throw new Error("the shared module lost the Mijn DUO overstap");
  return found;
})();

export const DEFAULT_INACTIVE_MONTHS = 12;

/** Today as a Dutch calendar day. */
export function dutchToday(now: Date = new Date()): IsoDay {
  const offsetHours = isDutchSummerTime(now) ? 2 : 1;
  return new Date(now.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 10);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

const DUTCH_DAY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/**
 * A plan date as people in the Netherlands type it: dd-mm-jjjj (also with "/"
 * or ".", and one-digit days and months), or YYYY-MM-DD; undefined when it is
 * no real day.
 */
export function readDayInput(text: string): IsoDay | undefined {
  const value = text.trim();
  if (isIsoDay(value)) return value;
  const m = DUTCH_DAY.exec(value);
  if (!m) return undefined;
  const iso = `${m[3]}-${(m[2] ?? "").padStart(2, "0")}-${(m[1] ?? "").padStart(2, "0")}`;
  return isIsoDay(iso) ? iso : undefined;
}

/** "2024-06-01" -> "01-06-2024", the way Dutch forms write a date. */
export function formatDayInput(day: IsoDay): string {
  return `${day.slice(8, 10)}-${day.slice(5, 7)}-${day.slice(0, 4)}`;
}

/** The same day `months` months earlier, clamped to the month's end (31 March - 1 = 28/29 February). */
export function monthsBefore(day: IsoDay, months: number): IsoDay {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`expected YYYY-MM-DD, got "${day}"`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = Math.min(Number(m[3]), last);
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(date).padStart(2, "0")}`;
}

function decide(
  p: OverviewPerson,
  activeSince: IsoDay,
): { decision: Decision; reason: DecisionReason } {
  if (p.loginMeansKind === "eherkenning") return { decision: "switched", reason: "eherkenning" };
  if (p.lastLogin === null)
    return { decision: "review", reason: p.unreadableLogin ? "unknown" : "never" };
  if (p.lastLogin < activeSince) return { decision: "review", reason: "inactive" };
  return { decision: "needs-middel", reason: "active" };
}

const cents = (euros: number): number => Math.round(euros * 100);

function byName(a: OverviewPerson, b: OverviewPerson): number {
  return (
    a.surname.localeCompare(b.surname, "nl") ||
    a.initials.localeCompare(b.initials, "nl") ||
    a.globalId.localeCompare(b.globalId)
  );
}

export function planOverview(overview: Pick<Overview, "persons">, options: PlanOptions = {}): Plan {
  const asOf = options.asOf ?? dutchToday();
  if (!isIsoDay(asOf)) throw new RangeError(`the plan date must be YYYY-MM-DD, got "${asOf}"`);
  const inactiveMonths = options.inactiveMonths ?? DEFAULT_INACTIVE_MONTHS;
  if (!Number.isInteger(inactiveMonths) || inactiveMonths < 1 || inactiveMonths > 600)
    throw new RangeError(
      `the inactive period must be a whole number of months from 1 to 600, got ${inactiveMonths}`,
    );
  const price = options.pricePerMiddel;
  if (price !== undefined && (!Number.isFinite(price) || price < 0 || price > 1_000_000))
    throw new RangeError(`the price per middel must be an amount in euros, got ${price}`);
  const activeSince = monthsBefore(asOf, inactiveMonths);

  const persons: PlannedPerson[] = overview.persons.map((p) => ({
    ...p,
    ...decide(p, activeSince),
    beheerder: p.roles.some((r) => isBeheerderRole(r.role)),
  }));
  persons.sort((a, b) => Number(b.beheerder) - Number(a.beheerder) || byName(a, b));

  const byDecision: Record<Decision, number> = { "needs-middel": 0, review: 0, switched: 0 };
  const roles = new Map<string, { persons: number; byDecision: Record<Decision, number> }>();
  for (const p of persons) {
    byDecision[p.decision]++;
    for (const role of new Set(p.roles.map((r) => r.role))) {
      let count = roles.get(role);
      if (!count) {
        count = { persons: 0, byDecision: { "needs-middel": 0, review: 0, switched: 0 } };
        roles.set(role, count);
      }
      count.persons++;
      count.byDecision[p.decision]++;
    }
  }
  const byRole = [...roles.entries()]
    .map(([role, c]) => ({ role, ...c }))
    .sort((a, b) => b.persons - a.persons || a.role.localeCompare(b.role, "nl"));

  const middelenToBuy = byDecision["needs-middel"];
  const summary: PlanSummary = {
    asOf,
    inactiveMonths,
    activeSince,
    persons: persons.length,
    byDecision,
    byRole,
    beheerders: persons.filter((p) => p.beheerder).length,
    middelenToBuy,
    level: MIJN_DUO.to,
    machtiging: MIJN_DUO.service,
    provider: MIJN_DUO.provider,
    ...(price === undefined
      ? {}
      : {
          costs: {
            pricePerMiddel: price,
            yearlyCost: (cents(price) * middelenToBuy) / 100,
            yearlyCostIncludingReview: (cents(price) * (middelenToBuy + byDecision.review)) / 100,
            savingByRemovingReview: (cents(price) * byDecision.review) / 100,
          },
        }),
  };
  return { persons, summary };
}
