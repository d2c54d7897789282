// The background: holds the catalogue, answers look-ups and runs refreshes.
// A Chromium service worker and a Firefox background script alike.
import browser, { type Runtime } from "webextension-polyfill";
import bundledXml from "../../eherkenning/fixtures/servicecatalog.xml?raw";
import en from "../public/_locales/en/messages.json";
import nl from "../public/_locales/nl/messages.json";
import { CONTENT_MESSAGES_KEY } from "../shared/i18n.ts";
import { SETTINGS_KEY, type Settings } from "../shared/settings.ts";
import { loadSettings } from "../shared/storage.ts";
import { REFRESH_PORT, type RefreshEvent, type Request } from "../shared/messages.ts";
import { annotateTab, registerContextMenu } from "./annotate.ts";
import { byUUID, lookUp, myServices, search } from "./answers.ts";
import { AGGREGATOR_URL, CatalogueStore, RefreshError } from "./catalogue.ts";
import {
  JUDGEMENT_DATE_KEY,
  judgementDate,
  setJudgementDate,
  type SessionStore,
} from "./judgement-date.ts";

// Content scripts read their texts from storage (with the settings, in one
// read) instead of bundling or fetching them; kept current on every start.
void browser.storage.local.set({ [CONTENT_MESSAGES_KEY]: { nl, en } });

const store = new CatalogueStore(
  {
    get: async (key) => (await browser.storage.local.get(key))[key],
    set: (key, value) => browser.storage.local.set({ [key]: value }),
  },
  bundledXml,
);

// Settings change rarely and look-ups come in bursts: keep them until storage says otherwise.
let settingsCache: Promise<Settings> | undefined;
const settings = (): Promise<Settings> => (settingsCache ??= loadSettings());
browser.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && SETTINGS_KEY in changes) settingsCache = undefined;
});

const session: SessionStore = {
  get: async (key) => (await browser.storage.session.get(key))[key],
  set: (key, value) => browser.storage.session.set({ [key]: value }),
  remove: (key) => browser.storage.session.remove(key),
};

registerContextMenu();

async function handle(request: Request): Promise<unknown> {
  if (request.type === "annotateTab") return annotateTab(request.tabId);
  if (request.type === "judgementDate" || request.type === "setJudgementDate") {
    const date =
      request.type === "setJudgementDate"
        ? await setJudgementDate(session, request.date)
        : await judgementDate(session);
    const set = JUDGEMENT_DATE_KEY in (await browser.storage.session.get(JUDGEMENT_DATE_KEY));
    return { date: date.toISOString(), set };
  }
  const [{ index, status }, now] = await Promise.all([store.current(), judgementDate(session)]);
  switch (request.type) {
    case "lookup":
      return { results: lookUp(index, request.items, await settings(), now) };
    case "myServices":
      return { services: myServices(index, await settings(), request.pageLevel, now) };
    case "search":
      return { services: search(index, request.query, await settings(), now) };
    case "byUUID":
      return { services: byUUID(index, request.serviceUUIDs, await settings(), now) };
    case "catalogueStatus":
      return status;
    case "useBundled":
      return store.useBundled();
    case "openOptions":
      await browser.runtime.openOptionsPage();
      return null;
    case "openPlanner":
      // A page cannot open an extension page itself; the background can.
      await browser.tabs.create({ url: browser.runtime.getURL("planner/planner.html") });
      return null;
    case "texts":
      return request.language === "en" ? en : nl;
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  // Only our own pages and content scripts talk to us.
  if (sender.id !== browser.runtime.id) return undefined;
  if (typeof message !== "object" || message === null || !("type" in message)) return undefined;
  return handle(message as Request);
});

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== REFRESH_PORT || port.sender?.id !== browser.runtime.id) return;
  const post = (event: RefreshEvent): void => {
    try {
      port.postMessage(event);
    } catch {
      // The options page closed; the refresh still completes and is stored.
    }
  };
  let lastPost = 0;
  store
    .refresh(AGGREGATOR_URL, fetch.bind(globalThis), (received, total) => {
      const t = Date.now();
      if (t - lastPost > 100 || received === total) {
        lastPost = t;
        post({ type: "progress", received, total });
      }
    })
    .then(
      (status) => post({ type: "done", status }),
      async (error: unknown) => {
        const { status } = await store.current();
        post({
          type: "failed",
          message: error instanceof RefreshError ? error.message : String(error),
          status,
        });
      },
    );
});
