// How fast and how well the extension annotates: recognition of the phrasing
// table (eherkenning/fixtures/phrasings.ts) by the recogniser the background
// runs; then, in the production build in headless Chromium, the time from the
// page's DOMContentLoaded to our annotation being in the page (and to the next
// frame) for the replica Mijn DUO login page, a replica level page and a
// 500-service listing whose rows are mostly descriptions (fuzzy matching);
// and the content scripts' sizes. Run with `npm run bench:extension` (builds first).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { startHarness } from "../mock-idp/harness.ts";
import { recogniseService } from "../eherkenning/catalogue/recognise.ts";
import { indexCatalogue } from "../eherkenning/catalogue/lookup.ts";
import { FIXTURE_CATALOGUE, FIXTURE_SERVICES } from "../eherkenning/fixtures/catalogue.ts";
import { PHRASINGS, type Phrasing } from "../eherkenning/fixtures/phrasings.ts";
import { formatReading, readLevels } from "../eherkenning/level-phrases.ts";
import { USED_BY } from "../mock-idp/replica/eherkenning-site/used-by.ts";
import { catalogueServices, tableListing } from "../extension/fixtures/pages.ts";
import {
  backgroundOf,
  CHROMIUM_BUILD,
  launchWithExtension,
} from "../extension/testing/fixtures.ts";

const RUNS = 15;
const LISTING_URL = "https://www.eherkenning.nl/bench/500-diensten";
const FUZZY_URL = "https://www.eherkenning.nl/bench/500-beschrijvingen";
const LEVEL_URL = "https://www.eherkenning.nl/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh3";

const index = indexCatalogue(FIXTURE_CATALOGUE);
const named = (text: string, provider?: string): string | null => {
  const r = recogniseService(index, { text, provider });
  return r.kind === "service" ? r.service.service : r.kind === "generic" ? "generic" : null;
};

/** Recognition on the phrasing table: right, wrong and missed, all rows and the held-out ones. */
function recognitionFigures(): void {
  const entries = PHRASINGS.filter((p) => p.service !== undefined);
  const report = (label: string, rows: readonly Phrasing[]): void => {
    const naming = rows.filter((p) => typeof p.service === "string" && p.service !== "generic");
    const right = naming.filter((p) => named(p.text, p.provider) === p.service).length;
    const wrong = rows.filter((p) => {
      const got = named(p.text, p.provider);
      return got !== null && got !== p.service;
    }).length;
    const pct = naming.length ? ((100 * right) / naming.length).toFixed(1) : "-";
    console.log(
      `| ${label} | ${rows.length} | ${naming.length} | ${right} (${pct}%) | ${naming.length - right} | ${wrong} |`,
    );
  };
  console.log(
    "Recognition on the phrasing table (target: >= 90% of naming entries right, 0 wrong)",
  );
  console.log(
    "| rows | entries | naming a catalogue service | recognised right | missed | wrong |",
  );
  console.log("| --- | --- | --- | --- | --- | --- |");
  report("all", entries);
  report(
    "held out (written after tuning)",
    entries.filter((p) => p.heldOut),
  );
  report(
    "tuned on",
    entries.filter((p) => !p.heldOut),
  );
  const levels = PHRASINGS.filter((p) => p.levels !== undefined);
  const read = levels.filter(
    (p) => formatReading(readLevels(p.text, { bare: p.bare ?? false })) === p.levels,
  ).length;
  console.log(`\nLevel phrases read as expected: ${read} of ${levels.length}\n`);
}

/** 500 rows, most of them descriptions of catalogue services, each row unique (its own region note). */
function fuzzyListing(): { html: string; recognised: number } {
  const descriptions = PHRASINGS.filter(
    (p) => typeof p.service === "string" && p.service !== "generic" && !p.provider,
  );
  const rows = Array.from({ length: 500 }, (_, i) => {
    const p = descriptions[i % descriptions.length] as Phrasing;
    return { provider: "", service: `${p.text} (regio ${i + 1})`, statedLevel: "EH3" };
  });
  const recognised = rows.filter((r) => named(r.service) !== null).length;
  return { html: tableListing(rows), recognised };
}

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
  recognitionFigures();
  const fuzzy = fuzzyListing();
  const harness = await startHarness({ port: 0 });
  const context = await launchWithExtension(harness.hostResolverRules);
  try {
    const background = await backgroundOf(context);
    await background.evaluate(
      (myServices) => chrome.storage.local.set({ settings: { language: "nl", myServices } }),
      [FIXTURE_SERVICES.mijnDuo.serviceUUID, FIXTURE_SERVICES.mijnRvo.serviceUUID],
    );
    await context.route(LISTING_URL, (route) =>
      route.fulfill({ contentType: "text/html", body: tableListing(catalogueServices(500)) }),
    );
    await context.route(FUZZY_URL, (route) =>
      route.fulfill({ contentType: "text/html", body: fuzzy.html }),
    );
    const levelBadges = USED_BY.EH3.entries.filter((e) => e.means && e.means !== "generic").length;
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
        name: "level page (EH3: your services, 7 described entries)",
        url: LEVEL_URL,
        selector: "[data-eh-overstap='level-panel'], [data-eh-overstap='level-badge']",
        count: 1 + levelBadges,
        target: 50,
      },
      {
        name: "500-service listing (catalogue names)",
        url: LISTING_URL,
        selector: "[data-eh-overstap='listing-badge']",
        count: 500,
        target: 200,
      },
      {
        name: `500-row listing of descriptions (fuzzy; ${fuzzy.recognised} recognised)`,
        url: FUZZY_URL,
        selector: "[data-eh-overstap='listing-badge']",
        count: fuzzy.recognised,
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
      "\nContent script size (before gzip; the browser's own promise API, no polyfill; target <= 30 KB)",
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
