// What every feature needs first: the person's settings and the language,
// read once per page. With the language setting "auto" the text follows the
// page (its lang attribute, else its own words), not the browser: a Dutch
// page gets Dutch, an English one English.
import {
  CONTENT_MESSAGES_KEY,
  resolveLanguage,
  translator,
  type PageSignals,
  type Language,
  type MessageKey,
  type Translate,
} from "../shared/i18n.ts";
import { ext } from "../shared/native.ts";
import { ask } from "../shared/runtime.ts";
import { readSettings, SETTINGS_KEY, type Settings } from "../shared/settings.ts";

export interface PageContext {
  readonly settings: Settings;
  readonly language: Language;
  readonly t: Translate;
  /** The date the extension judges by: the real date unless a test set another. */
  readonly now: Date;
}

let cached: Promise<PageContext> | undefined;

/** Texts from the browser's own i18n, in its language: used until the background has stored ours. */
const browserTranslate: Translate = (key, ...subs) =>
  ext().i18n.getMessage(key, subs.map(String)) || key;

type Catalog = Record<MessageKey, { message: string }>;

/** Asking wakes the background, which stores the texts on start and answers with them. */
async function textsFromBackground(language: Language): Promise<Catalog | undefined> {
  try {
    return await ask({ type: "texts", language });
  } catch {
    return undefined;
  }
}

/** Resolves once the page's DOM is parsed: its lang attribute and words are there. */
function domParsed(): Promise<void> {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) =>
    document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }),
  );
}

/** The page's lang attribute, and its own words only when that attribute says nothing usable. */
export function pageSignals(doc: Document): PageSignals {
  const lang = doc.documentElement.lang;
  if (/^(?:nl|en)\b/i.test(lang)) return { lang };
  const main = doc.querySelector("main") ?? doc.body;
  return { lang, text: `${doc.title} ${(main?.textContent ?? "").slice(0, 4000)}` };
}

/** The background's judgement date; the real date when the background cannot say. */
async function judgedAt(): Promise<Date> {
  try {
    const { date } = await ask({ type: "judgementDate" });
    const parsed = new Date(date);
    return Number.isFinite(parsed.getTime()) ? parsed : new Date();
  } catch {
    return new Date();
  }
}

export function pageContext(): Promise<PageContext> {
  // One storage read for settings and texts; texts are stored by the background
  // so the content script carries none of them and fetches nothing. The
  // judgement date comes from the background, asked at the same time.
  if (cached) return cached;
  const now = judgedAt();
  cached = ext()
    .storage.local.get([SETTINGS_KEY, CONTENT_MESSAGES_KEY])
    .then(async (stored) => {
      const settings = readSettings(stored[SETTINGS_KEY]);
      await domParsed();
      const language = resolveLanguage(
        settings.language,
        ext().i18n.getUILanguage(),
        pageSignals(document),
      );
      const catalogs = stored[CONTENT_MESSAGES_KEY] as
        Partial<Record<Language, Catalog>> | undefined;
      // Right after install the background may not have stored the texts yet;
      // then ask it, in the chosen language. The browser's own getMessage
      // would answer in its UI language, which may be another.
      const catalog = catalogs?.[language] ?? (await textsFromBackground(language));
      return {
        settings,
        language,
        t: catalog ? translator(catalog) : browserTranslate,
        now: await now,
      };
    });
  return cached;
}

/** Calls `run` at most once per task while changes keep coming. */
export function coalesce(run: () => void): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      run();
    }, 0);
  };
}

/** Watches the page for added nodes until the signal aborts. */
export function observeAdditions(signal: AbortSignal, onChange: () => void): void {
  const observer = new MutationObserver((records) => {
    if (
      records.some((r) =>
        [...r.addedNodes].some(
          (n) => !(n instanceof Element) || !n.hasAttribute("data-eh-overstap"),
        ),
      )
    ) {
      onChange();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  signal.addEventListener("abort", () => observer.disconnect(), { once: true });
}
