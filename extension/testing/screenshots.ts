// Screenshots for docs/extension.md: the production build on the replica world.
// Run: npm run build && npx tsx extension/testing/screenshots.ts
import { resolve } from "node:path";
import type { Page } from "@playwright/test";
import { FIXTURE_SERVICES } from "../../eherkenning/fixtures/catalogue.ts";
import { startHarness } from "../../mock-idp/harness.ts";
import { backgroundOf, launchWithExtension } from "./fixtures.ts";
import "./chrome-api.ts";

const docs = resolve(import.meta.dirname, "../../docs/images");

async function answerCookies(page: Page): Promise<void> {
  const button = page.getByRole("button", { name: "Alleen noodzakelijke" });
  if (await button.isVisible()) await button.click();
}

const harness = await startHarness({ port: 0 });
const context = await launchWithExtension(harness.hostResolverRules);
try {
  const background = await backgroundOf(context);
  const id = new URL(background.url()).host;
  await background.evaluate((settings) => chrome.storage.local.set({ settings }), {
    language: "nl",
    middelLevel: "EH2+",
    myServices: [
      FIXTURE_SERVICES.mijnDuo.serviceUUID,
      FIXTURE_SERVICES.mijnRvo.serviceUUID,
      FIXTURE_SERVICES.mijnRbg.serviceUUID,
    ],
    dismissed: [],
  });

  const login = await context.newPage();
  await login.goto("https://mijn.duo.nl/");
  await answerCookies(login);
  const panel = login.locator("[data-eh-overstap='login-panel']");
  await panel.waitFor();
  const main = await login.locator("main").boundingBox();
  const panelBox = await panel.boundingBox();
  if (main && panelBox) {
    await login.screenshot({
      path: `${docs}/extension-login.png`,
      fullPage: true,
      clip: {
        x: main.x,
        y: main.y,
        width: main.width,
        height: panelBox.y + panelBox.height + 24 - main.y,
      },
    });
  }

  const listing = await context.newPage();
  await listing.goto("https://www.eherkenning.nl/aangesloten-organisaties");
  await answerCookies(listing);
  await listing.locator("[data-eh-overstap='listing-badge']").first().waitFor();
  const bar = await listing.locator("[data-eh-overstap='listing-bar']").boundingBox();
  const lastRow = await listing
    .getByRole("row")
    .filter({ hasText: "Melding openbare ruimte" })
    .boundingBox();
  if (bar && lastRow) {
    const x = bar.x - 24;
    await listing.screenshot({
      path: `${docs}/extension-listing.png`,
      fullPage: true,
      clip: {
        x,
        y: bar.y - 210,
        width: bar.width + 48,
        height: lastRow.y + lastRow.height + 16 - (bar.y - 210),
      },
    });
  }

  const level = await context.newPage();
  await level.goto(
    "https://www.eherkenning.nl/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh2-plus",
  );
  await answerCookies(level);
  const levelPanel = level.locator("[data-eh-overstap='level-panel']");
  await levelPanel.waitFor();
  const levelMain = await level.locator("main").boundingBox();
  const levelBox = await levelPanel.boundingBox();
  if (levelMain && levelBox) {
    await level.screenshot({
      path: `${docs}/extension-level.png`,
      fullPage: true,
      clip: {
        x: levelMain.x,
        y: levelMain.y,
        width: levelMain.width,
        height: levelBox.y + levelBox.height + 24 - levelMain.y,
      },
    });
  }

  await login.bringToFront();
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 120 });
  await popup.goto(`chrome-extension://${id}/popup/popup.html`);
  await popup.getByRole("heading", { name: "Mijn DUO" }).waitFor();
  await popup.screenshot({ path: `${docs}/extension-popup.png`, fullPage: true });

  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 900 });
  await options.goto(`chrome-extension://${id}/options/options.html`);
  await options.getByLabel("Dienst zoeken").fill("uwv");
  await options.getByRole("button", { name: "Werkgeversportaal toevoegen" }).waitFor();
  await options.screenshot({ path: `${docs}/extension-options.png`, fullPage: true });
  console.log(`Screenshots written to ${docs}/extension-*.png`);
} finally {
  await context.close();
  await harness.stop();
}
