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
