// The options page: language, my middel's level, my services, the catalogue
// (source, refresh with progress, why a refresh failed) and hidden hints.
import browser from "webextension-polyfill";
import { LEVEL_LABELS, describeLevel, type Level } from "../../eherkenning/levels.ts";
import { AGGREGATOR_ORIGIN } from "../manifest-constants.ts";
import { h } from "../content/ui/dom.ts";
import {
  formatDate,
  pluralKey,
  resolveLanguage,
  type Language,
  type Translate,
} from "../shared/i18n.ts";
import { pageTranslator } from "../shared/all-messages.ts";
import {
  REFRESH_PORT,
  type CatalogueStatus,
  type RefreshEvent,
  type ServiceAnswer,
} from "../shared/messages.ts";
import type { PageKind } from "../shared/pages.ts";
import { ask } from "../shared/runtime.ts";
import type { LanguageChoice, Settings } from "../shared/settings.ts";
import { loadSettings, saveSettings } from "../shared/storage.ts";

const KIND_KEYS = { login: "kindLogin", listing: "kindListing", level: "kindLevel" } as const;

function dateTime(iso: string, language: Language): string {
  const d = new Date(iso);
  return `${formatDate(d, language)} ${d.toLocaleTimeString(language === "nl" ? "nl-NL" : "en-GB", { hour: "2-digit", minute: "2-digit" })}`;
}

function field(id: string, label: string, control: HTMLElement, help?: string): HTMLElement {
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    control,
    help ? h("p", { class: "note", id: `${id}-help` }, help) : null,
  );
}

function select(
  id: string,
  options: readonly [string, string][],
  value: string,
  onChange: (v: string) => void,
): HTMLSelectElement {
  const el = h("select", { id }, ...options.map(([v, text]) => h("option", { value: v }, text)));
  el.value = value;
  el.addEventListener("change", () => onChange(el.value));
  return el;
}

function statusText(status: CatalogueStatus, t: Translate, language: Language): string {
  return status.source === "aggregator" && status.fetchedAt
    ? t(
        pluralKey("optionsCatalogueDownloaded", status.serviceCount, language),
        dateTime(status.fetchedAt, language),
        status.serviceCount,
      )
    : t(
        pluralKey("optionsCatalogueBundled", status.serviceCount, language),
        status.serviceCount,
        status.issueInstant ? formatDate(new Date(status.issueInstant), language) : "?",
      );
}

async function render(): Promise<void> {
  const settings = await loadSettings();
  const language = resolveLanguage(settings.language, browser.i18n.getUILanguage());
  const t = pageTranslator(language);
  document.documentElement.lang = language;
  const app = document.getElementById("app");
  if (!app) return;

  const save = async (change: Partial<Settings>, rerender = false): Promise<void> => {
    await saveSettings(change);
    if (rerender) await render();
    else saved.textContent = t("optionsSaved");
  };
  const saved = h("p", { class: "note status", role: "status" });

  // Language and middel.
  const languageSelect = select(
    "language",
    [
      ["auto", t("optionsLanguageAuto")],
      ["nl", "Nederlands"],
      ["en", "English"],
    ],
    settings.language,
    (v) => void save({ language: v as LanguageChoice }, true),
  );
  const middelSelect = select(
    "middel",
    [
      ["", t("optionsMiddelUnset")],
      ...LEVEL_LABELS.map((l): [string, string] => [l, describeLevel(l, language)]),
    ],
    settings.middelLevel ?? "",
    (v) => void save({ middelLevel: v ? (v as Level) : null }),
  );
  middelSelect.setAttribute("aria-describedby", "middel-help");

  // My services.
  const mine = (await ask({ type: "byUUID", serviceUUIDs: settings.myServices })).services;
  const serviceItem = (s: ServiceAnswer, action: "add" | "remove"): HTMLElement => {
    const button = h(
      "button",
      {
        type: "button",
        class: "secondary",
        "aria-label": t(action === "add" ? "optionsAddLabel" : "optionsRemoveLabel", s.service),
      },
      t(action === "add" ? "optionsAdd" : "optionsRemove"),
    );
    button.addEventListener("click", () => {
      const current = settings.myServices.filter((u) => u !== s.serviceUUID);
      void save({ myServices: action === "add" ? [...current, s.serviceUUID] : current }, true);
    });
    return h(
      "li",
      {},
      h("span", { class: "name" }, s.service, h("span", { class: "provider" }, s.provider)),
      h("span", { class: "badge" }, s.level),
      button,
    );
  };
  const results = h("ul", { class: "services", "aria-live": "polite" });
  const searchInput = h("input", { type: "search", id: "service-search", autocomplete: "off" });
  searchInput.addEventListener("input", () => {
    const query = searchInput.value;
    void ask({ type: "search", query }).then(({ services }) => {
      if (searchInput.value !== query) return;
      const fresh = services.filter((s) => !settings.myServices.includes(s.serviceUUID));
      results.replaceChildren(
        ...(query.trim().length >= 2 && fresh.length === 0
          ? [h("li", {}, t("optionsNoResults"))]
          : fresh.map((s) => serviceItem(s, "add"))),
      );
    });
  });

  // Catalogue.
  const status = await ask({ type: "catalogueStatus" });
  const catalogueText = h("p", { id: "catalogue-status" }, statusText(status, t, language));
  const lastError = h(
    "p",
    { class: "warning", role: "alert", id: "catalogue-error" },
    status.lastError
      ? t("optionsLastError", dateTime(status.lastError.at, language), status.lastError.message)
      : "",
  );
  lastError.hidden = !status.lastError;
  const progress = h("progress", { max: "1", value: "0", "aria-label": t("optionsRefresh") });
  progress.hidden = true;
  const refreshStatus = h("p", { class: "status", role: "status" });
  const refresh = h("button", { type: "button" }, t("optionsRefresh"));
  refresh.addEventListener("click", () => {
    void (async () => {
      // Asked here, on the click: browsers only show the prompt for a user gesture.
      const granted = await browser.permissions.request({ origins: [AGGREGATOR_ORIGIN] });
      if (!granted) {
        refreshStatus.textContent = t("optionsPermissionDenied");
        return;
      }
      refresh.disabled = true;
      progress.hidden = false;
      const port = browser.runtime.connect({ name: REFRESH_PORT });
      port.onMessage.addListener((message: unknown) => {
        const event = message as RefreshEvent;
        if (event.type === "progress") {
          const kb = `${Math.round(event.received / 1024)} KB${event.total ? ` / ${Math.round(event.total / 1024)} KB` : ""}`;
          refreshStatus.textContent = t("optionsRefreshing", kb);
          if (event.total) {
            progress.max = event.total;
            progress.value = event.received;
          } else progress.removeAttribute("value");
          return;
        }
        port.disconnect();
        refresh.disabled = false;
        progress.hidden = true;
        catalogueText.textContent = statusText(event.status, t, language);
        if (event.type === "done") {
          refreshStatus.textContent = t(
            pluralKey("optionsRefreshDone", event.status.serviceCount, language),
            event.status.serviceCount,
          );
          lastError.hidden = true;
        } else {
          refreshStatus.textContent = t("optionsRefreshFailed", event.message);
          lastError.hidden = true;
        }
      });
    })();
  });
  const useBundled = h("button", { type: "button", class: "secondary" }, t("optionsUseBundled"));
  useBundled.addEventListener("click", () => {
    void ask({ type: "useBundled" }).then((s) => {
      catalogueText.textContent = statusText(s, t, language);
      lastError.hidden = true;
      refreshStatus.textContent = "";
    });
  });

  // Hidden hints.
  const dismissedNames = settings.dismissed.map((k: PageKind) => t(KIND_KEYS[k]));
  const reset = h("button", { type: "button", class: "secondary" }, t("optionsResetDismissed"));
  reset.disabled = settings.dismissed.length === 0;
  reset.addEventListener("click", () => void save({ dismissed: [] }, true));

  app.replaceChildren(
    h(
      "header",
      { class: "top" },
      h("img", { src: browser.runtime.getURL("icons/icon-48.png"), alt: "" }),
      h("h1", {}, `${t("extName")}: ${t("optionsTitle")}`),
    ),
    h("p", {}, h("a", { href: browser.runtime.getURL("planner/planner.html") }, t("plannerOpen"))),
    h(
      "section",
      { class: "card", "aria-labelledby": "s-you" },
      h("h2", { id: "s-you" }, t("optionsYou")),
      field("middel", t("optionsMiddel"), middelSelect, t("optionsMiddelHelp")),
      h("div", { class: "row" }, field("language", t("optionsLanguage"), languageSelect)),
      saved,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "s-services" },
      h("h2", { id: "s-services" }, t("optionsMyServices")),
      h("p", { class: "note" }, t("optionsMyServicesHelp")),
      mine.length > 0
        ? h("ul", { class: "services" }, ...mine.map((s) => serviceItem(s, "remove")))
        : h("p", {}, t("optionsNoServices")),
      field("service-search", t("optionsSearch"), searchInput),
      results,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "s-catalogue" },
      h("h2", { id: "s-catalogue" }, t("optionsCatalogue")),
      catalogueText,
      lastError,
      h("div", { class: "row" }, refresh, useBundled),
      progress,
      refreshStatus,
      h("p", { class: "note" }, t("optionsRefreshHelp")),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "s-dismissed" },
      h("h2", { id: "s-dismissed" }, t("optionsDismissed")),
      h(
        "p",
        {},
        dismissedNames.length > 0
          ? t("optionsDismissedSome", dismissedNames.join(", "))
          : t("optionsDismissedNone"),
      ),
      reset,
    ),
    h("p", { class: "note" }, t("privacyNote")),
  );
}

void render();
