// Screenshots of the overstapplanner page for docs/planner.md, in Dutch and
// English, with the invented TEST overview loaded.
// Run: npm run build && npx tsx extension/testing/planner-screenshots.ts
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeOverviewTsv } from "../../eherkenning/planner/export.ts";
import { TEST_OVERVIEW_ROWS } from "../../eherkenning/planner/fixtures.ts";
import { backgroundOf, launchWithExtension } from "./fixtures.ts";
import "./chrome-api.ts";

const docs = resolve(import.meta.dirname, "../../docs/images");
const dir = await mkdtemp(join(tmpdir(), "planner-shots-"));
const file = join(dir, "Overzicht Mijn DUO gebruikers 99TT (TEST).tsv");
await writeFile(file, writeOverviewTsv(TEST_OVERVIEW_ROWS));
const context = await launchWithExtension("");
try {
  const background = await backgroundOf(context);
  const id = new URL(background.url()).host;
  for (const language of ["nl", "en"] as const) {
    await background.evaluate((settings) => chrome.storage.local.set({ settings }), {
      language,
      middelLevel: null,
      myServices: [],
      dismissed: [],
    });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1180, height: 900 });
    await page.goto(`chrome-extension://${id}/planner/planner.html`);
    await page.locator("#planner-date").fill("01-06-2024");
    await page.locator("#planner-price").fill("30");
    await page.locator("#planner-price").dispatchEvent("change");
    await page.locator("#planner-file").setInputFiles(file);
    await page.locator("#planner-shown").waitFor();
    await page.screenshot({ path: `${docs}/planner-${language}.png`, fullPage: true });
    await page.close();
  }
  console.log(`Screenshots written to ${docs}/planner-{nl,en}.png`);
} finally {
  await context.close();
  await rm(dir, { recursive: true, force: true });
}
