// Fixtures for the replica world's own browser tests: one harness and one
// Chromium per worker (host names mapped to the harness), a fresh context and
// a reset world per test. No extension: these tests are about the replicas.
import { test as base, chromium, expect, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_FLAGS, chromiumPath } from "../chromium.ts";
import { startHarness, type Harness } from "../../mock-idp/harness.ts";

export interface ReplicaFixtures {
  /** Sets the makelaar's clock (the replicas follow it). */
  at: (iso: string) => void;
  /** The next eHerkenning logins skip the makelaar's pages as this person and organisation. */
  autoLogin: (personId: string, kvk: string) => void;
}

export const test = base.extend<ReplicaFixtures, { harness: Harness; mappedBrowser: Browser }>({
  harness: [
    async ({}, use) => {
      const harness = await startHarness({ port: 0 });
      await use(harness);
      await harness.stop();
    },
    { scope: "worker" },
  ],
  mappedBrowser: [
    async ({ harness }, use) => {
      const browser = await chromium.launch({
        executablePath: chromiumPath(),
        headless: true,
        args: [...CHROMIUM_FLAGS, `--host-resolver-rules=${harness.hostResolverRules}`],
      });
      await use(browser);
      await browser.close();
    },
    { scope: "worker" },
  ],
  page: async ({ harness, mappedBrowser }, use) => {
    harness.reset();
    const context = await mappedBrowser.newContext({ ignoreHTTPSErrors: true, locale: "nl-NL" });
    const page = await context.newPage();
    await use(page);
    await context.close();
  },
  at: async ({ harness }, use) => {
    await use((iso) => harness.makelaar.store.setNow(new Date(iso)));
  },
  autoLogin: async ({ harness }, use) => {
    await use((personId, kvk) => {
      harness.makelaar.store.autoLogin = { personId, kvk };
    });
  },
});

export { expect };

/** Logs in through the makelaar's own pages, as a person does. */
export async function loginAtMakelaar(
  page: Page,
  harness: Harness,
  personId: string,
): Promise<void> {
  const person = harness.makelaar.store.person(personId);
  if (!person) throw new Error(`no person ${personId} in the world`);
  const { middel } = person;
  await expect(page).toHaveURL(/^https:\/\/makelaar\.eh-overstap\.test\//);
  await page.getByRole("radio", { name: middel.leverancier }).check();
  await page.getByRole("button", { name: "Verder" }).click();
  await page.getByLabel("Gebruikersnaam").fill(middel.username);
  await page.getByLabel("Wachtwoord").fill(middel.password);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  if (middel.secondFactor) {
    await page.getByLabel(/Code/).fill(middel.secondFactor.code);
    await page.getByRole("button", { name: "Bevestigen" }).click();
  }
}
