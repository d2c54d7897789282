// Dates in the Netherlands: overstap dates are Dutch calendar days, so their
// midnight is 00:00 in Amsterdam, which is UTC+1 in winter and UTC+2 in summer
// (from the last Sunday of March to the last Sunday of October, 01:00 UTC).
// Computed by hand: a service worker may lack time-zone data.

function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Whether Dutch summer time is in force at this moment. */
export function isDutchSummerTime(moment: Date): boolean {
  const year = moment.getUTCFullYear();
  const t = moment.getTime();
  return t >= lastSundayUtc(year, 2) && t < lastSundayUtc(year, 9);
}

/** Midnight at the start of a Dutch calendar day ("2021-06-01"). */
// Free of side effects, so bundles that use none of the dates drop them.
/* @__NO_SIDE_EFFECTS__ */
export function dutchDay(isoDate: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate))
    throw new Error(`expected YYYY-MM-DD, got "${isoDate}"`);
  const winter = new Date(`${isoDate}T00:00:00+01:00`);
  // Midnight in summer is an hour earlier in UTC; the offset at 23:00 UTC the day
  // before decides, and no switch happens at midnight.
  return isDutchSummerTime(winter) ? new Date(`${isoDate}T00:00:00+02:00`) : winter;
}

const MONTHS = {
  nl: "januari februari maart april mei juni juli augustus september oktober november december",
  en: "January February March April May June July August September October November December",
} as const;

/** The calendar day a moment falls on in the Netherlands. */
function dutchCalendarDay(moment: Date): { year: number; month: number; day: number } {
  const local = new Date(moment.getTime() + (isDutchSummerTime(moment) ? 2 : 1) * 3_600_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** The Dutch calendar day as YYYY-MM-DD: EH1_RETIRED_ON is "2021-07-01", though 30 June in UTC. */
export function isoDutchDay(moment: Date): string {
  const { year, month, day } = dutchCalendarDay(moment);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The Dutch calendar day as pages write it: "1 juli 2021", or "1 July 2021" in English. */
export function longDutchDay(moment: Date, language: "nl" | "en" = "nl"): string {
  const { year, month, day } = dutchCalendarDay(moment);
  return `${day} ${MONTHS[language].split(" ")[month - 1] ?? ""} ${year}`;
}
