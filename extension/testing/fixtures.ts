// Playwright fixtures for the extension's browser tests: the replica harness
// (one per worker), a persistent Chromium with the PRODUCTION build loaded and
// the real host names mapped to the harness, the extension's id and helpers to
// set what a person would set in the options page.
import { resolve } from "node:path";
import {
  test as base,
  chromium,
  expect,
  type BrowserContext,
  type Page,
  type Worker,
} from "@playwright/test";
import { CHROMIUM_FLAGS, chromiumPath } from "../../e2e/chromium.ts";
import { startHarness, type Harness } from "../../mock-idp/harness.ts";
import type { Settings } from "../shared/settings.ts";
import "./chrome-api.ts";

export const CHROMIUM_BUILD = resolve(import.meta.dirname, "../../dist/chromium");
export const FIREFOX_BUILD = resolve(import.meta.dirname, "../../dist/firefox");

/** Launch options that load the built extension with the harness hosts mapped. */
export function extensionLaunchOptions(
  hostResolverRules: string,
  extraArgs: readonly string[] = [],
) {
  return {
    executablePath: chromiumPath(),
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${CHROMIUM_BUILD}`,
      `--load-extension=${CHROMIUM_BUILD}`,
      `--host-resolver-rules=${hostResolverRules}`,
      ...extraArgs,
    ],
  };
}

export async function launchWithExtension(hostResolverRules: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext("", extensionLaunchOptions(hostResolverRules));
}

export async function backgroundOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
}

interface Fixtures {
  context: BrowserContext;
  background: Worker;
  extensionId: string;
  /** Stores settings as the options page would; takes effect on the next page load. */
  setSettings: (settings: Partial<Settings>) => Promise<void>;
  /** Opens a page of the replica world with the cookie banner answered. */
  openReplica: (url: string) => Promise<Page>;
}

export const test = base.extend<Fixtures, { harness: Harness }>({
  harness: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the object pattern
    async ({}, use) => {
      const harness = await startHarness({ port: 0 });
      await use(harness);
      await harness.stop();
    },
    { scope: "worker" },
  ],
  context: async ({ harness }, use) => {
    harness.reset();
    const context = await launchWithExtension(harness.hostResolverRules);
    await use(context);
    await context.close();
  },
  background: async ({ context }, use) => {
    await use(await backgroundOf(context));
  },
  extensionId: async ({ background }, use) => {
    await use(new URL(background.url()).host);
  },
  setSettings: async ({ background }, use) => {
    await use(async (settings) => {
      await background.evaluate(async (change) => {
        const stored = (await chrome.storage.local.get("settings"))["settings"] ?? {};
        await chrome.storage.local.set({ settings: { ...stored, ...change } });
      }, settings);
    });
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
