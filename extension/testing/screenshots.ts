// Screenshots for docs/extension.md: the production build on the replica world,
// in Dutch and in English (files *-en.png). Review them by eye after a text change.
// Run: npm run build && npx tsx extension/testing/screenshots.ts
import { resolve } from "node:path";
import type { BrowserContext, Locator, Page } from "@playwright/test";
import { FIXTURE_SERVICES } from "../../eherkenning/fixtures/catalogue.ts";
import { startHarness } from "../../mock-idp/harness.ts";
import type { Language } from "../shared/i18n.ts";
import { backgroundOf, launchWithExtension } from "./fixtures.ts";
import "./chrome-api.ts";

const docs = resolve(import.meta.dirname, "../../docs/images");
const LEVEL_BASE = "https://www.eherkenning.nl/inloggen-met-eherkenning/betrouwbaarheidsniveaus";
const SUPPLIER = "https://www.eherkenning.nl/screenshot/leverancier-eh3";

const file = (name: string, language: Language): string =>
  `${docs}/extension-${name}${language === "en" ? "-en" : ""}.png`;

async function answerCookies(page: Page): Promise<void> {
  const button = page.getByRole("button", { name: /Alleen noodzakelijke|Necessary only/ });
  if (await button.isVisible()) await button.click();
}

/** The page from the top of `from` to just below `to`. */
async function shootDown(page: Page, from: Locator, to: Locator, path: string): Promise<void> {
  // Boxes are relative to the viewport; a full-page clip to the page's top.
  await page.evaluate(() => window.scrollTo(0, 0));
  const top = await from.boundingBox();
  const bottom = await to.boundingBox();
  if (!top || !bottom) throw new Error(`nothing to shoot for ${path}`);
  await page.screenshot({
    path,
    fullPage: true,
    clip: { x: top.x, y: top.y, width: top.width, height: bottom.y + bottom.height + 24 - top.y },
  });
}

async function shoot(context: BrowserContext, id: string, language: Language): Promise<void> {
  const background = await backgroundOf(context);
  await background.evaluate((settings) => chrome.storage.local.set({ settings }), {
    language,
    middelLevel: "EH2+",
    myServices: [
      FIXTURE_SERVICES.mijnDuo.serviceUUID,
      FIXTURE_SERVICES.mijnRvo.serviceUUID,
      FIXTURE_SERVICES.mijnRbg.serviceUUID,
    ],
    dismissed: [],
  });
  const en = language === "en";

  // The login panel at today's date, with what DUO published opened.
  const login = await context.newPage();
  await login.goto(`https://mijn.duo.nl/${en ? "en/" : ""}`);
  await answerCookies(login);
  const panel = login.locator("[data-eh-overstap='login-panel']");
  await panel.waitFor();
  await panel
    .getByText(en ? "What DUO published about this" : "Wat DUO hierover heeft gepubliceerd")
    .click();
  await shootDown(login, login.locator("main"), panel, file("login", language));

  // A listing: badges, the stale level flagged, the counts.
  const listing = await context.newPage();
  await listing.goto("https://www.eherkenning.nl/aangesloten-organisaties");
  await answerCookies(listing);
  await listing.locator("[data-eh-overstap='listing-badge']").first().waitFor();
  const bar = listing.locator("[data-eh-overstap='listing-bar']");
  const last = listing.getByRole("row").filter({ hasText: "Melding openbare ruimte" });
  const barBox = await bar.boundingBox();
  const lastBox = await last.boundingBox();
  if (barBox && lastBox) {
    await listing.screenshot({
      path: file("listing", language),
      fullPage: true,
      clip: {
        x: barBox.x - 24,
        y: barBox.y - 210,
        width: barBox.width + 48,
        height: lastBox.y + lastBox.height + 16 - (barBox.y - 210),
      },
    });
  }

  // A level page: the descriptive "used by" list with likely matches, and the person's services.
  const level = await context.newPage();
  await level.goto(`${en ? LEVEL_BASE.replace(".nl/", ".nl/en/") : LEVEL_BASE}/eh3`);
  await answerCookies(level);
  const levelPanel = level.locator("[data-eh-overstap='level-panel']");
  await levelPanel.waitFor();
  await level.locator("[data-eh-overstap='level-badge']").first().waitFor();
  await shootDown(level, level.locator("main h1"), levelPanel, file("level", language));

  // The popup on the login page.
  await login.bringToFront();
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 120 });
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await popup.getByRole("heading", { name: "Mijn DUO" }).waitFor();
  await popup.screenshot({ path: file("popup", language), fullPage: true });

  // "Find services on this page" on a page we do not annotate by ourselves.
  const supplier = await context.newPage();
  await supplier.goto(SUPPLIER);
  const request = await context.newPage();
  await request.setViewportSize({ width: 380, height: 120 });
  await request.goto(`chrome-extension://${id}/popup/popup.html`);
  await request
    .getByRole("button", {
      name: en ? "Find services on this page" : "Diensten op deze pagina zoeken",
    })
    .click();
  await request
    .getByRole("heading", { name: en ? "Found on this page" : "Gevonden op deze pagina" })
    .waitFor();
  await request.screenshot({ path: file("popup-request", language), fullPage: true });
  await supplier.locator("[data-eh-overstap='level-badge']").first().waitFor();
  await supplier.screenshot({ path: file("request", language), fullPage: true });

  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 900 });
  await options.goto(`chrome-extension://${id}/options/options.html`);
  await options.getByLabel(en ? "Search a service" : "Dienst zoeken").fill("uwv");
  await options
    .getByRole("button", { name: en ? "Add Werkgeversportaal" : "Werkgeversportaal toevoegen" })
    .waitFor();
  await options.screenshot({ path: file("options", language), fullPage: true });
  for (const page of context.pages()) if (!page.url().startsWith("about:")) await page.close();
}

const supplierPage = (language: Language): string =>
  language === "en"
    ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>eHerkenning EH3</title>
<style>body{font:16px/1.5 Georgia,serif;margin:0;padding:24px 32px;max-width:720px;color:#222}h1{font-size:28px}</style></head>
<body><main><h1>eHerkenning level 3 (EH3)</h1><p>A supplier's page about EH3 (screenshot fixture).</p>
<h2>Often used for</h2><ul><li>All services that ask for level 2, 2+ or 3</li>
<li>UWV employer portal (sickness reports)</li><li>Mijn Belastingdienst Zakelijk</li><li>Your payroll software</li></ul></main></body></html>`
    : `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>eHerkenning EH3</title>
<style>body{font:16px/1.5 Georgia,serif;margin:0;padding:24px 32px;max-width:720px;color:#222}h1{font-size:28px}</style></head>
<body><main><h1>eHerkenning niveau 3 (EH3)</h1><p>Een pagina van een leverancier over EH3 (voorbeeld voor de schermafbeelding).</p>
<h2>Vaak gebruikt voor</h2><ul><li>Alle diensten die niveau 2, 2+ of 3 vragen</li>
<li>UWV werkgeversportaal (ziek- en herstelmeldingen)</li><li>Mijn Belastingdienst Zakelijk</li><li>Uw salarispakket</li></ul></main></body></html>`;

const harness = await startHarness({ port: 0 });
try {
  for (const language of ["nl", "en"] as const) {
    const context = await launchWithExtension(harness.hostResolverRules);
    try {
      await context.route(SUPPLIER, (route) =>
        route.fulfill({ contentType: "text/html", body: supplierPage(language) }),
      );
      const background = await backgroundOf(context);
      await shoot(context, new URL(background.url()).host, language);
    } finally {
      await context.close();
    }
  }
  console.log(`Screenshots written to ${docs}/extension-*.png`);
} finally {
  await harness.stop();
}
