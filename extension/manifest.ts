// The one manifest source. Both builds come from here; only the background
// entry differs: Chromium runs a service worker, Firefox background scripts.
import type { ManifestV3Export } from "@crxjs/vite-plugin";
import {
  AGGREGATOR_ORIGIN,
  ANNOTATED_HOSTS,
  DUO_HOSTS,
  EHERKENNING_HOSTS,
} from "./manifest-constants.ts";

export type BuildTarget = "chromium" | "firefox";

export const GECKO_ID = "eh-overstap@example.invalid";

export function makeManifest(target: BuildTarget): ManifestV3Export {
  return {
    manifest_version: 3,
    name: "__MSG_extName__",
    short_name: "eh-overstap",
    description: "__MSG_extDescription__",
    version: "0.1.0",
    default_locale: "nl",
    icons: { "16": "icons/icon-16.png", "48": "icons/icon-48.png", "128": "icons/icon-128.png" },
    action: { default_popup: "popup/popup.html", default_title: "__MSG_extName__" },
    options_ui: { page: "options/options.html", open_in_tab: true },
    background:
      target === "chromium"
        ? { service_worker: "background/index.ts", type: "module" }
        : { scripts: ["background/index.ts"], type: "module" },
    content_scripts: [
      { matches: [...DUO_HOSTS], js: ["content/duo.ts"], run_at: "document_start" },
      { matches: [...EHERKENNING_HOSTS], js: ["content/eherkenning.ts"], run_at: "document_start" },
    ],
    // activeTab + scripting: "annotate this page" on the person's request, on any
    // site, without a host permission for it; contextMenus: the same from the page's menu.
    permissions: ["storage", "unlimitedStorage", "activeTab", "scripting", "contextMenus"],
    host_permissions: [...ANNOTATED_HOSTS],
    optional_host_permissions: [AGGREGATOR_ORIGIN],
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    ...(target === "firefox"
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: "128.0",
              data_collection_permissions: { required: ["none"] },
            },
          },
        }
      : {}),
  } as ManifestV3Export;
}
