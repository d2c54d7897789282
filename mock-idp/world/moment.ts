// How the config file, the admin API and the CLI read a moment: an ISO 8601
// date-time with an offset, or a bare day meaning midnight in the Netherlands.
// Kept free of zod so the CLI can read --now without loading the schemas.

export const MOMENT_EXPECTED =
  "expected an ISO 8601 date such as 2022-03-15 (midnight in the Netherlands) or 2022-03-15T09:00:00+01:00";

/** Offset of Dutch local time from UTC on a day, as "+01:00" or "+02:00". */
function amsterdamOffset(isoDay: string): string {
  const noon = new Date(`${isoDay}T12:00:00Z`);
  const name = new Intl.DateTimeFormat("en", {
    timeZone: "Europe/Amsterdam",
    timeZoneName: "longOffset",
  })
    .formatToParts(noon)
    .find((part) => part.type === "timeZoneName")?.value;
  return name?.replace("GMT", "") || "+01:00";
}

/** The moment the text names, or undefined when it is no ISO date. */
export function parseMoment(value: string): Date | undefined {
  const text = value.trim();
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  if (!isDay && !withZone) return undefined;
  const date = isDay ? new Date(`${text}T00:00:00${amsterdamOffset(text)}`) : new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
