// What a person sees and does on the replica pages, in one place, so the suite
// reads as a story. Locators by role and label, as a person finds things.
import { expect, type Locator, type Page } from "@playwright/test";

export const MIJN_DUO = "https://mijn.duo.nl/";
export const ZUIDERWAARD = "https://loket.zuiderwaard.test/";
export const LISTING = "https://www.eherkenning.nl/aangesloten-organisaties";
export const CARDS = "https://www.eherkenning.nl/aanvragen/machtigingen";

/** The extension's panel beside "Met eHerkenning". */
export function loginPanel(page: Page): Locator {
  return page.getByRole("region", { name: /wat heeft u nodig|what do you need/i });
}

export async function logInWithToken(
  page: Page,
  account: { inlognaam: string; wachtwoord: string; tokenCode: string },
): Promise<void> {
  await page.goto(MIJN_DUO);
  await page.getByLabel("Gebruikersnaam").fill(account.inlognaam);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(account.wachtwoord);
  await page.getByRole("textbox", { name: "Token" }).fill(account.tokenCode);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

export async function startEherkenningLogin(page: Page): Promise<void> {
  await page.goto(MIJN_DUO);
  await page.getByRole("button", { name: "Log in met eHerkenning" }).click();
}

/** A row of the Mijn DUO dashboard's facts table ("Ingelogd met" → "eHerkenning, niveau EH3"). */
export function dashboardFact(page: Page, term: string): Locator {
  return page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: term, exact: true }) })
    .getByRole("cell");
}

export async function expectWelcome(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Welkom in Mijn DUO" })).toBeVisible();
}
