// The login pages in a real browser: an axe-core scan of every step in both
// languages, and a login done with the keyboard alone.
import axe from "axe-core";
import { expect, test, type Page } from "@playwright/test";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { startServer, type RunningMakelaar } from "../server.ts";
import { LEVERANCIERS } from "../../world/default.ts";
import { startLogin } from "./testing.ts";

let running: RunningMakelaar;
test.beforeAll(async () => {
  running = await startServer();
});
test.afterAll(async () => {
  await running.stop();
});

async function open(page: Page, options: { language?: "nl" | "en"; requestedLevel?: "EH4" } = {}) {
  const { path } = startLogin(running.makelaar, {
    serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
    ...options,
  });
  await page.goto(`${running.url}${path}`);
}

async function axeViolations(page: Page): Promise<string[]> {
  // evaluate() is not subject to the page's Content-Security-Policy.
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"],
      resultTypes: ["violations"],
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(", ")}`,
    );
  });
}

for (const language of ["nl", "en"] as const) {
  const t =
    language === "nl"
      ? {
          next: "Verder",
          user: "Gebruikersnaam",
          password: "Wachtwoord",
          logIn: "Inloggen",
          code: "Code (6 cijfers)",
          confirm: "Bevestigen",
          failed: "Inloggen is niet gelukt",
        }
      : {
          next: "Continue",
          user: "Username",
          password: "Password",
          logIn: "Log in",
          code: "Code (6 digits)",
          confirm: "Confirm",
          failed: "Login failed",
        };

  test(`every step passes an axe-core WCAG 2.1 AA scan (${language})`, async ({ page }) => {
    await open(page, { language });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: t.next }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("radio", { name: LEVERANCIERS.sleutelhuis }).check();
    await page.getByRole("button", { name: t.next }).click();
    await page.getByLabel(t.user).fill("ahmed-eh3");
    await page.getByLabel(t.password).fill("wrong");
    await page.getByRole("button", { name: t.logIn, exact: true }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(t.password).fill("Welkom-ahmed");
    await page.getByRole("button", { name: t.logIn, exact: true }).click();
    await expect(page.getByLabel(t.code)).toBeFocused();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(t.code).fill("344004");
    await page.getByRole("button", { name: t.confirm }).click();
    await expect(page.getByRole("radio")).toHaveCount(3);
    expect(await axeViolations(page)).toEqual([]);
    await open(page, { language, requestedLevel: "EH4" });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.failed);
    expect(await axeViolations(page)).toEqual([]);
  });
}

test("a person logs in with the keyboard alone, and the banner stays visible", async ({ page }) => {
  await open(page);
  await expect(page.getByRole("note").first()).toContainText("Testomgeving");
  // Tab from the top: the language switch, then the first leverancier.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "English" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await expect(page.getByRole("radio").first()).toBeChecked();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: LEVERANCIERS.sleutelhuis })).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Gebruikersnaam")).toBeFocused();
  await page.keyboard.type("jan-eh3");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Wachtwoord")).toBeFocused();
  await page.keyboard.type("Welkom-jan");
  await page.keyboard.press("Enter");
  await expect(page.getByText("311001")).toBeVisible();
  await page.keyboard.type("311001");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Bevestigen" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Annuleren" })).toBeFocused();
});
