// What every feature needs first: the person's settings and the language,
// read once per page.
import browser from "webextension-polyfill";
import {
  resolveLanguage,
  translator,
  type Language,
  type MessageKey,
  type Translate,
} from "../shared/i18n.ts";
import type { Settings } from "../shared/settings.ts";
import { loadSettings } from "../shared/storage.ts";

export interface PageContext {
  readonly settings: Settings;
  readonly language: Language;
  readonly t: Translate;
}

let cached: Promise<PageContext> | undefined;

export function pageContext(): Promise<PageContext> {
  cached ??= (async () => {
    const settings = await loadSettings();
    const language = resolveLanguage(settings.language, browser.i18n.getUILanguage());
    // Read from the extension rather than bundled: the content script stays small
    // and carries no popup or options texts into the page.
    const response = await fetch(browser.runtime.getURL(`_locales/${language}/messages.json`));
    const catalog = (await response.json()) as Record<MessageKey, { message: string }>;
    return { settings, language, t: translator(catalog) };
  })();
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
