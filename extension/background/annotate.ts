// "Annotate this page" on the person's request, from the popup's button or
// the page's context menu: inject the on-request content script into the tab
// and ask it what it found. activeTab grants the tab for that gesture, so no
// host permission is needed; without a grant (or on a browser page) the
// answer says the page could not be read.
import browser from "webextension-polyfill";
import annotateScript from "../content/annotate.ts?script&iife";
import { REQUESTED_SUMMARY, type AnnotateAnswer, type PageSummary } from "../shared/messages.ts";

export const CONTEXT_MENU_ID = "eh-overstap-annotate";

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export async function annotateTab(tabId: number): Promise<AnnotateAnswer> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [annotateScript] });
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
  try {
    const summary = (await browser.tabs.sendMessage(tabId, {
      type: REQUESTED_SUMMARY,
    })) as PageSummary | null;
    return { ok: true, summary };
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
}

/** The context-menu item, in the browser's language (menus cannot follow each page). */
export function registerContextMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({
        id: CONTEXT_MENU_ID,
        title: browser.i18n.getMessage("contextMenuAnnotate"),
        contexts: ["page"],
      }),
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === CONTEXT_MENU_ID && tab?.id !== undefined) void annotateTab(tab.id);
  });
}
