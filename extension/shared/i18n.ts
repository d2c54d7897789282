// UI text in Dutch (default) and English. The strings live in _locales so the
// browser can translate the manifest; we read them ourselves because the person
// may choose a language other than the browser's.
import type nl from "../public/_locales/nl/messages.json";
import type { LanguageChoice } from "./settings.ts";

export type Language = "nl" | "en";

/** storage.local key under which the background keeps the texts for content scripts. */
export const CONTENT_MESSAGES_KEY = "contentMessages";
export type MessageKey = keyof typeof nl;

/** The language to show: the person's choice, else the browser's when it is English, else Dutch. */
export function resolveLanguage(choice: LanguageChoice, browserLanguage: string): Language {
  if (choice !== "auto") return choice;
  return browserLanguage.toLowerCase().startsWith("en") ? "en" : "nl";
}

export type Translate<K extends string = MessageKey> = (
  key: K,
  ...substitutions: (string | number)[]
) => string;

/** $1..$9 in a message are replaced by the substitutions, as in browser.i18n. */
export function translator<K extends string>(
  catalog: Readonly<Record<K, { message: string }>>,
): Translate<K> {
  return (key, ...subs) =>
    (catalog[key]?.message ?? key).replace(/\$([1-9])/g, (_, n: string) =>
      String(subs[Number(n) - 1] ?? ""),
    );
}

const DATE_LOCALES: Record<Language, string> = { nl: "nl-NL", en: "en-GB" };
// Made once per language: creating a formatter costs far more than using one,
// and a long listing formats hundreds of dates.
const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** "31 december 2022" or "31 December 2022", in Dutch time. */
export function formatDate(date: Date, language: Language): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(DATE_LOCALES[language], {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "Europe/Amsterdam",
    });
    dateFormats.set(language, format);
  }
  return format.format(date);
}
