// Playwright fixtures for the extension's browser tests: the kit's harness and
// Chromium with the PRODUCTION build loaded (e2e/fixtures), plus the extension's
// background and helpers to set what a person would set in the options page.
import { resolve } from "node:path";
import { expect, type BrowserContext, type Page, type Worker } from "@playwright/test";
import {
  browserTest,
  DEFAULT_EXTENSION_PATH,
  launchWithExtension,
  setExtensionDate,
} from "../../e2e/fixtures/browser.ts";
import type { Settings } from "../shared/settings.ts";
import "./chrome-api.ts";

export { launchWithExtension };
export const CHROMIUM_BUILD = DEFAULT_EXTENSION_PATH;
export const FIREFOX_BUILD = resolve(import.meta.dirname, "../../dist/firefox");

export async function backgroundOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
}

interface Fixtures {
  background: Worker;
  /** Stores settings as the options page would; takes effect on the next page load. */
  setSettings: (settings: Partial<Settings>) => Promise<void>;
  /** Opens a page of the replica world with the cookie banner answered. */
  openReplica: (url: string) => Promise<Page>;
  /** The extension's judgement date for this test (its setJudgementDate message); null: the real date. */
  setJudgementDate: (date: string | null) => Promise<void>;
}

export const test = browserTest.extend<Fixtures>({
  viewport: { width: 1280, height: 900 },
  background: async ({ context }, use) => {
    await use(await backgroundOf(context));
  },
  setSettings: async ({ background }, use) => {
    await use(async (settings) => {
      await background.evaluate(async (change) => {
        const stored = (await chrome.storage.local.get("settings"))["settings"] ?? {};
        await chrome.storage.local.set({ settings: { ...stored, ...change } });
      }, settings);
    });
  },
  setJudgementDate: async ({ context }, use) => {
    await use((date) => setExtensionDate(context, CHROMIUM_BUILD, date));
  },
  openReplica: async ({ context }, use) => {
    await use(async (url) => {
      const page = await context.newPage();
      await page.goto(url);
      const cookies = page.getByRole("button", { name: "Alleen noodzakelijke" });
      if (await cookies.isVisible()) await cookies.click();
      return page;
    });
  },
});

export { expect };
