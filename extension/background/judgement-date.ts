// The date the extension judges by: which guidance applies (before, during or
// after Mijn DUO's switch), which transition windows are open. It is the real
// date unless a test or the kit sets another with the message
//   { type: "setJudgementDate", date: "2022-06-15" }   (or an ISO time; null resets)
// sent by an extension page to the background. It is kept in storage.session,
// so it ends with the browser session and never outlives a test run.
import { dutchDay } from "../../eherkenning/dates.ts";

export const JUDGEMENT_DATE_KEY = "judgementDate";

export interface SessionStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export class JudgementDateError extends Error {
  override readonly name = "JudgementDateError";
}

/** "2022-06-15" (the start of that Dutch day) or a full ISO time; throws a JudgementDateError otherwise. */
export function parseJudgementDate(value: unknown): Date {
  if (typeof value !== "string") {
    throw new JudgementDateError(
      `setJudgementDate: "date" must be a string like "2022-06-15" or null, not ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? dutchDay(value) : new Date(value);
  const year = date.getUTCFullYear();
  if (!Number.isFinite(date.getTime()) || year < 2000 || year > 2100) {
    throw new JudgementDateError(
      `setJudgementDate: "${value}" is not a date between 2000 and 2100 (use YYYY-MM-DD or an ISO time)`,
    );
  }
  return date;
}

/** The date in use: the one set for this session, else the real date. */
export async function judgementDate(
  store: SessionStore,
  now: () => Date = () => new Date(),
): Promise<Date> {
  const stored = await store.get(JUDGEMENT_DATE_KEY);
  if (typeof stored === "string") {
    const date = new Date(stored);
    if (Number.isFinite(date.getTime())) return date;
  }
  return now();
}

/** Sets (or with null resets) the date for this session; answers with the date now in use. */
export async function setJudgementDate(store: SessionStore, value: unknown): Promise<Date> {
  if (value === null) {
    await store.remove(JUDGEMENT_DATE_KEY);
    return new Date();
  }
  const date = parseJudgementDate(value);
  await store.set(JUDGEMENT_DATE_KEY, date.toISOString());
  return date;
}
