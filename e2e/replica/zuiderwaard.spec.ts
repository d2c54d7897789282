// Gemeente Zuiderwaard (invented): a former EH1 service, EH2+ in the catalogue,
// asking EH1 until 2021-06-01, so the EH1 stappenplan can be walked.
import type { Page } from "@playwright/test";
import { expect, loginAtMakelaar, test } from "./fixtures.ts";

const BEFORE_END = "2021-05-20T10:00:00+02:00";
const AFTER_END = "2021-06-15T10:00:00+02:00";
const AFTER_EH1 = "2021-07-05T10:00:00+02:00";

async function startLogin(page: Page) {
  await page.goto("https://loket.zuiderwaard.test/");
  await page.getByRole("button", { name: "Inloggen met eHerkenning" }).click();
}

test("before the end date the page warns, and an EH1 middel still gets in (asked EH1)", async ({
  page,
  at,
  harness,
}) => {
  at(BEFORE_END);
  await page.goto("https://loket.zuiderwaard.test/");
  await expect(page.getByRole("status")).toContainText(
    "vanaf 1 juni 2021 heeft u eHerkenning op niveau EH2+ nodig",
  );
  await startLogin(page);
  await loginAtMakelaar(page, harness, "henk-eh1");
  await expect(page).toHaveURL("https://loket.zuiderwaard.test/melding");
  await expect(page.getByRole("row", { name: /Niveau van inloggen/ })).toContainText("EH1");
  await expect(page.getByRole("row", { name: /^Organisatie/ })).toContainText(
    "Bouwbedrijf Van der Waard B.V.",
  );
  await page.getByLabel("Soort afval").selectOption("Bouw- en sloopafval");
  await page.getByRole("button", { name: "Melding versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Bouw- en sloopafval, 250 kg");
  const asked = harness.makelaar.state.requests.findLast((r) => r.kind === "AuthnRequest");
  expect(asked?.requestedLevel).toBe("EH1");
});

test("after the end date it asks EH2+: the EH1 middel gets a clear page, an EH2+ middel gets in", async ({
  page,
  at,
  autoLogin,
  harness,
}) => {
  at(AFTER_END);
  autoLogin("henk-eh1", "99000201");
  await startLogin(page);
  await expect(
    page.getByRole("heading", { name: "Uw eHerkenningsmiddel heeft een te laag niveau" }),
  ).toBeVisible();
  await expect(page.getByRole("alert")).toContainText(
    "Melding bedrijfsafval vraagt eHerkenning op niveau EH2+; uw middel heeft niveau EH1",
  );
  expect(
    harness.makelaar.state.requests.findLast((r) => r.kind === "AuthnRequest")?.requestedLevel,
  ).toBe("EH2+");

  autoLogin("fatima-eh2plus", "99000202");
  await startLogin(page);
  await expect(page.getByRole("row", { name: /Niveau van inloggen/ })).toContainText("EH2+");
});

test("after 2021-07-01 an EH1 middel is explained as no longer valid anywhere", async ({
  page,
  at,
  autoLogin,
}) => {
  at(AFTER_EH1);
  autoLogin("henk-eh1", "99000201");
  await startLogin(page);
  await expect(
    page.getByRole("heading", { name: "Uw eHerkenningsmiddel is niet meer geldig" }),
  ).toBeVisible();
});
