// The popup: what the current tab needs, from what the content script found.
import browser, { type Tabs } from "webextension-polyfill";
import { isAtLeast } from "../../eherkenning/levels.ts";
import { h } from "../content/ui/dom.ts";
import { hintText } from "../content/ui/badge.ts";
import { MIJN_DUO_LEVEL, mijnDuoRequirementRows } from "../content/ui/login-panel.ts";
import { resolveLanguage, type Language, type Translate } from "../shared/i18n.ts";
import { pageTranslator } from "../shared/all-messages.ts";
import type { PageSummary, PageSummaryRequest } from "../shared/messages.ts";
import { pageKindOf } from "../shared/pages.ts";
import type { Settings } from "../shared/settings.ts";
import { ask } from "../shared/runtime.ts";
import { loadSettings } from "../shared/storage.ts";

/**
 * The tab to describe: the active one, or, when this page was opened as a tab
 * of its own (keyboard users, tests), the tab the person was on before.
 */
async function describedTab(): Promise<Tabs.Tab | undefined> {
  const self = await browser.tabs.getCurrent();
  if (!self) return (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  const others = (await browser.tabs.query({ currentWindow: true })).filter(
    (t) => t.id !== self.id,
  );
  return others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}

async function currentSummary(): Promise<{
  kind: ReturnType<typeof pageKindOf>;
  summary: PageSummary | null;
  tab: Tabs.Tab | undefined;
}> {
  const tab = await describedTab();
  const kind = pageKindOf(tab?.url);
  if (!kind || tab?.id === undefined) return { kind, summary: null, tab };
  try {
    const request: PageSummaryRequest = { type: "pageSummary" };
    const summary = (await browser.tabs.sendMessage(tab.id, request)) as PageSummary | null;
    return { kind, summary, tab };
  } catch {
    // The tab was open before the extension was installed: no content script there.
    return { kind, summary: null, tab };
  }
}

/**
 * On a page we do not annotate by ourselves: a button that annotates it on
 * request (any site, under activeTab), then shows what was found.
 */
function requestCard(tabId: number, t: Translate, language: Language): HTMLElement {
  const status = h("p", { class: "note", role: "status" });
  const button = h("button", { type: "button" }, t("popupAnnotate"));
  const card = h(
    "section",
    { class: "card", "aria-labelledby": "popup-title" },
    h("h2", { id: "popup-title" }, t("popupNothing")),
    h("p", { class: "note" }, t("popupNothingHint")),
    h("p", { class: "note" }, t("popupAnnotateHint")),
    button,
    status,
  );
  button.addEventListener("click", () => {
    button.disabled = true;
    status.textContent = "";
    void ask({ type: "annotateTab", tabId }).then(
      (answer) => {
        if (!answer.ok) {
          status.textContent = t("popupAnnotateFailed");
          button.disabled = false;
          return;
        }
        const found = answer.summary;
        card.replaceWith(
          found && found.services.length > 0
            ? servicesCard(t("popupRequestedTitle"), found, t, language)
            : h(
                "section",
                { class: "card", "aria-labelledby": "popup-title" },
                h("h2", { id: "popup-title" }, t("popupRequestedTitle")),
                h("p", { role: "status" }, t("annotateNothing")),
              ),
        );
      },
      () => {
        status.textContent = t("popupAnnotateFailed");
        button.disabled = false;
      },
    );
  });
  return card;
}

function middelLine(settings: Settings, t: Translate): HTMLElement {
  return h(
    "p",
    { class: "note" },
    `${t("popupYourMiddel")}: `,
    settings.middelLevel ? h("strong", {}, settings.middelLevel) : t("popupMiddelUnset"),
    " · ",
    h(
      "a",
      { href: browser.runtime.getURL("options/options.html"), target: "_blank" },
      t("openOptions"),
    ),
    " · ",
    h(
      "a",
      { href: browser.runtime.getURL("planner/planner.html"), target: "_blank" },
      t("plannerOpen"),
    ),
  );
}

function loginCard(settings: Settings, t: Translate, language: Language): HTMLElement {
  const tooLow = settings.middelLevel && !isAtLeast(settings.middelLevel, MIJN_DUO_LEVEL);
  return h(
    "section",
    { class: "card", "aria-labelledby": "popup-title" },
    h("h2", { id: "popup-title" }, t("popupLoginTitle")),
    h("dl", {}, ...mijnDuoRequirementRows(t, language)),
    tooLow
      ? h(
          "p",
          { class: "warning", role: "alert" },
          h("strong", {}, t("warningTitle")),
          " ",
          t("loginMiddelTooLow", settings.middelLevel ?? "", MIJN_DUO_LEVEL),
        )
      : settings.middelLevel
        ? h("p", { class: "fine" }, t("loginMiddelEnough", settings.middelLevel))
        : null,
  );
}

function servicesCard(
  title: string,
  summary: PageSummary,
  t: Translate,
  language: Language,
): HTMLElement {
  const items = summary.services.map((s) =>
    h(
      "li",
      {},
      h(
        "span",
        { class: "name" },
        s.confidence === "likely" ? t("likelyService", s.service, s.provider) : s.service,
        s.confidence === "likely" ? null : h("span", { class: "provider" }, s.provider),
        ...s.hints.map((hint) => h("span", { class: "provider" }, hintText(hint, t, language))),
      ),
      h("span", { class: "badge" }, s.level),
      s.enough === undefined
        ? null
        : h(
            "span",
            { class: s.enough ? "badge ok" : "badge warn" },
            s.enough ? t("enough") : t("notEnough"),
          ),
    ),
  );
  return h(
    "section",
    { class: "card", "aria-labelledby": "popup-title" },
    h("h2", { id: "popup-title" }, title),
    items.length > 0 ? h("ul", { class: "services" }, ...items) : h("p", {}, t("popupListingNone")),
  );
}

async function render(): Promise<void> {
  const settings = await loadSettings();
  const { kind, summary, tab } = await currentSummary();
  // With "auto", the popup speaks the language the tab's annotations use.
  const language =
    settings.language === "auto" && summary?.language
      ? summary.language
      : resolveLanguage(settings.language, browser.i18n.getUILanguage());
  const t = pageTranslator(language);
  document.documentElement.lang = language;
  const app = document.getElementById("app");
  if (!app) return;

  let body: HTMLElement;
  if (kind === "login") body = loginCard(settings, t, language);
  else if (summary && summary.kind === "level") {
    body = servicesCard(t("popupLevelTitle", summary.pageLevel ?? ""), summary, t, language);
  } else if (summary && summary.kind === "listing") {
    body = servicesCard(t("popupListingTitle"), summary, t, language);
  } else if (tab?.id !== undefined && (tab.url === undefined || /^https?:/.test(tab.url))) {
    // Without a grant for the tab the browser hides its address: offer the button anyway.
    body = requestCard(tab.id, t, language);
  } else {
    body = h(
      "section",
      { class: "card" },
      h("h2", {}, t("popupNothing")),
      h("p", { class: "note" }, t("popupNothingHint")),
    );
  }
  app.replaceChildren(
    h(
      "header",
      { class: "top" },
      h("img", { src: browser.runtime.getURL("icons/icon-48.png"), alt: "" }),
      h("h1", {}, t("extName")),
    ),
    body,
    summary?.dismissed ? h("p", { class: "note" }, t("popupDismissed")) : "",
    middelLine(settings, t),
  );
}

void render();
