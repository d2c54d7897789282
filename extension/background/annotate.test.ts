// The context-menu item: made once the extension is installed, in the
// browser's language, and a click on it annotates the tab it was clicked in.
// The browser is a recording fake; the real menu is exercised by hand only,
// as Chromium does not let a test open a page's context menu.
import { beforeEach, describe, expect, it, vi } from "vitest";

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const listeners: Record<string, ((...args: unknown[]) => unknown)[]> = {
    installed: [],
    clicked: [],
  };
  const calls: { kind: string; value: unknown }[] = [];
  return { listeners, calls };
});

vi.mock("../content/annotate.ts?script&iife", () => ({ default: "assets/annotate.js" }));
vi.mock("webextension-polyfill", () => ({
  default: {
    runtime: {
      onInstalled: { addListener: (l: Listener) => fake.listeners.installed!.push(l) },
    },
    i18n: { getMessage: (key: string) => `[${key}]` },
    contextMenus: {
      removeAll: () => {
        fake.calls.push({ kind: "removeAll", value: null });
        return Promise.resolve();
      },
      create: (item: unknown) => {
        fake.calls.push({ kind: "create", value: item });
      },
      onClicked: { addListener: (l: Listener) => fake.listeners.clicked!.push(l) },
    },
    scripting: {
      executeScript: (details: unknown) => {
        fake.calls.push({ kind: "executeScript", value: details });
        return Promise.resolve([]);
      },
    },
    tabs: {
      sendMessage: (tabId: number, message: unknown) => {
        fake.calls.push({ kind: "sendMessage", value: { tabId, message } });
        return Promise.resolve(null);
      },
    },
  },
}));

const { CONTEXT_MENU_ID, registerContextMenu } = await import("./annotate.ts");

/** Lets the promise chains the listeners start run to their end. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the 'annotate this page' context-menu item", () => {
  beforeEach(() => {
    fake.listeners.installed!.length = 0;
    fake.listeners.clicked!.length = 0;
    fake.calls.length = 0;
    registerContextMenu();
  });

  it("is made on install, after earlier items are removed, for pages, with the translated title", async () => {
    expect(fake.calls).toEqual([]);
    fake.listeners.installed!.forEach((l) => l({ reason: "install" }));
    await settle();
    expect(fake.calls.map((c) => c.kind)).toEqual(["removeAll", "create"]);
    expect(fake.calls[1]!.value).toEqual({
      id: CONTEXT_MENU_ID,
      title: "[contextMenuAnnotate]",
      contexts: ["page"],
    });
  });

  it("a click on it injects the on-request script into that tab and asks for its summary", async () => {
    fake.listeners.clicked!.forEach((l) => l({ menuItemId: CONTEXT_MENU_ID }, { id: 42 }));
    await settle();
    expect(fake.calls).toEqual([
      {
        kind: "executeScript",
        value: { target: { tabId: 42 }, files: ["assets/annotate.js"] },
      },
      { kind: "sendMessage", value: { tabId: 42, message: expect.anything() } },
    ]);
  });

  it("a click on another extension's item, or outside a tab, does nothing", async () => {
    fake.listeners.clicked!.forEach((l) => l({ menuItemId: "someone-else" }, { id: 42 }));
    fake.listeners.clicked!.forEach((l) => l({ menuItemId: CONTEXT_MENU_ID }, undefined));
    await settle();
    expect(fake.calls).toEqual([]);
  });
});
