// How fast the extension annotates, measured in the production build in
// headless Chromium: from the page's DOMContentLoaded to our annotation being
// in the page (and to the next frame, when it can be painted), for the replica
// Mijn DUO login page and a 500-service listing; and the content scripts' size.
// Run with `npm run bench:extension` (builds first).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { startHarness } from "../mock-idp/harness.ts";
import { catalogueServices, tableListing } from "../extension/fixtures/pages.ts";
import {
  backgroundOf,
  CHROMIUM_BUILD,
  launchWithExtension,
} from "../extension/testing/fixtures.ts";

const RUNS = 15;
const LISTING_URL = "https://www.eherkenning.nl/bench/500-diensten";

interface Timing {
  inPage: number;
  painted: number;
  /** The page's own first frame after DOMContentLoaded, for comparison. */
  pageFrame: number;
}

/** Installed before any page script: notes DOMContentLoaded and when `count` hosts matching `selector` exist. */
function watch(selector: string, count: number): string {
  return `(() => {
    const t = { dcl: 0, inPage: 0, painted: 0, pageFrame: 0 };
    window.__ehBench = t;
    document.addEventListener("DOMContentLoaded", () => {
      t.dcl = performance.now();
      requestAnimationFrame(() => { t.pageFrame = performance.now(); });
    }, { once: true });
    const check = () => {
      if (t.inPage || document.querySelectorAll(${JSON.stringify(selector)}).length < ${count}) return;
      t.inPage = performance.now();
      requestAnimationFrame(() => { t.painted = performance.now(); });
      observer.disconnect();
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
  })();`;
}

async function measure(page: Page, url: string): Promise<Timing> {
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { __ehBench: { painted: number } }).__ehBench.painted > 0,
  );
  const t = await page.evaluate(
    () =>
      (
        window as unknown as {
          __ehBench: { dcl: number; inPage: number; painted: number; pageFrame: number };
        }
      ).__ehBench,
  );
  return { inPage: t.inPage - t.dcl, painted: t.painted - t.dcl, pageFrame: t.pageFrame - t.dcl };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  const harness = await startHarness({ port: 0 });
  const context = await launchWithExtension(harness.hostResolverRules);
  try {
    const background = await backgroundOf(context);
    await background.evaluate(() => chrome.storage.local.set({ settings: { language: "nl" } }));
    await context.route(LISTING_URL, (route) =>
      route.fulfill({ contentType: "text/html", body: tableListing(catalogueServices(500)) }),
    );
    const rows: string[][] = [];
    const cases = [
      {
        name: "Mijn DUO login page",
        url: "https://mijn.duo.nl/",
        selector: "[data-eh-overstap='login-panel']",
        count: 1,
        target: 50,
      },
      {
        name: "500-service listing",
        url: LISTING_URL,
        selector: "[data-eh-overstap='listing-badge']",
        count: 500,
        target: 200,
      },
    ];
    for (const c of cases) {
      const timings: Timing[] = [];
      for (let i = 0; i < RUNS; i++) {
        const page = await context.newPage();
        await page.addInitScript(watch(c.selector, c.count));
        timings.push(await measure(page, c.url));
        await page.close();
      }
      const inPage = timings.map((t) => t.inPage);
      const painted = timings.map((t) => t.painted);
      rows.push([
        c.name,
        ms(median(inPage)),
        ms(median(painted)),
        ms(Math.max(...painted)),
        `< ${c.target} ms`,
        ms(median(timings.map((t) => t.pageFrame))),
      ]);
    }
    console.log(`Annotation time after DOMContentLoaded (headless Chromium, ${RUNS} loads each)`);
    console.log(
      "| page | in the page (median) | next frame (median) | next frame (worst) | target | page's own first frame (median) |",
    );
    console.log("| --- | --- | --- | --- | --- | --- |");
    for (const r of rows) console.log(`| ${r.join(" | ")} |`);

    const dir = join(CHROMIUM_BUILD, "content");
    console.log(
      "\nContent script size (before gzip, webextension-polyfill included; target < 30 KB)",
    );
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file)).length;
      console.log(`  content/${file}: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`);
    }
  } finally {
    await context.close();
    await harness.stop();
  }
}

await main();
