// UI text in Dutch (default) and English. The strings live in _locales so the
// browser can translate the manifest; we read them ourselves because the person
// may choose a language other than the browser's.
import type nl from "../public/_locales/nl/messages.json";
import type { LanguageChoice } from "./settings.ts";

export type Language = "nl" | "en";

/** storage.local key under which the background keeps the texts for content scripts. */
export const CONTENT_MESSAGES_KEY = "contentMessages";
export type MessageKey = keyof typeof nl;

/** What a page says about its language: its `<html lang>` and some of its own words. */
export interface PageSignals {
  readonly lang?: string | undefined;
  readonly text?: string | undefined;
}

// Short words that are common in one language and rare in the other.
const DUTCH_WORDS = new Set(
  "de het een en van voor met niet dat u uw bij naar wordt zijn deze ook als maar er nog kunt hebt heeft wij onze over".split(
    " ",
  ),
);
const ENGLISH_WORDS = new Set(
  "the and of to for with not that you your by are this also can from which have has we our about more".split(
    " ",
  ),
);

/** The page's language: its lang attribute, else its words; undefined when neither says Dutch or English. */
export function pageLanguageOf(page: PageSignals): Language | undefined {
  const lang = page.lang?.trim().toLowerCase() ?? "";
  if (/^nl\b/.test(lang)) return "nl";
  if (/^en\b/.test(lang)) return "en";
  let dutch = 0;
  let english = 0;
  for (const word of (page.text ?? "")
    .slice(0, 4000)
    .toLowerCase()
    .split(/[^a-z]+/)) {
    if (DUTCH_WORDS.has(word)) dutch++;
    else if (ENGLISH_WORDS.has(word)) english++;
  }
  if (dutch >= 5 && dutch >= 2 * english) return "nl";
  if (english >= 5 && english >= 2 * dutch) return "en";
  return undefined;
}

/**
 * The language to show: the person's choice; with "auto" the page's language
 * (where there is a page), else the browser's when it is English, else Dutch.
 */
export function resolveLanguage(
  choice: LanguageChoice,
  browserLanguage: string,
  page?: PageSignals,
): Language {
  if (choice !== "auto") return choice;
  const fromPage = page ? pageLanguageOf(page) : undefined;
  if (fromPage) return fromPage;
  return browserLanguage.toLowerCase().startsWith("en") ? "en" : "nl";
}

/** Message keys that come in a singular and a plural form: `<base>_one`, `<base>_other`. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}_one`
    ? `${B}_other` extends MessageKey
      ? B
      : never
    : never;
}[MessageKey];

const pluralRules = new Map<Language, Intl.PluralRules>();

/** The key of the form that fits `count`: "1 dienst", "2 diensten", "0 diensten". */
export function pluralKey(base: PluralBase, count: number, language: Language): MessageKey {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return `${base}_${rules.select(count) === "one" ? "one" : "other"}` as MessageKey;
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

/** "8 maart 2022" or "8 March 2022", in Dutch time. */
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
