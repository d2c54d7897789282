// The EH1 retirement at the invented Gemeente Zuiderwaard: its service
// "Melding bedrijfsafval" moved from EH1 to EH2+ and kept asking EH1 until
// 2021-06-01, so customers could keep logging in while they got a new middel.
// EH1 itself ended everywhere on 2021-07-01.
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/index.ts";
import { ZUIDERWAARD } from "./pages.ts";

const HENK = { user: "henk-eh1", kvk: "99000201" }; // EH1 middel
const FATIMA = { user: "fatima-eh2plus", kvk: "99000202" }; // EH2+ middel

async function logIn(page: Page): Promise<void> {
  await page.goto(ZUIDERWAARD);
  await page.getByRole("button", { name: "Inloggen met eHerkenning" }).click();
}

test("in the transition window an EH1 customer still gets in, and the service asks EH1", async ({
  page,
  overstap,
}) => {
  await overstap.setClock("2021-05-20T10:00:00+02:00");
  await page.goto(ZUIDERWAARD);
  await expect(page.getByRole("status")).toContainText("vanaf 1 juni 2021");

  await page.getByRole("button", { name: "Inloggen met eHerkenning" }).click();
  await overstap.loginViaPages(page, HENK);

  await expect(
    page.getByRole("heading", { level: 1, name: "Melding bedrijfsafval" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Melding versturen" })).toBeVisible();
  await overstap.expectRequestedLevel("EH1", { explicit: true });
});

test("after the window the EH1 customer is refused: the middel is too low for EH2+", async ({
  page,
  overstap,
}) => {
  await overstap.setClock("2021-06-15T10:00:00+02:00");
  await overstap.autoLogin(HENK.user, HENK.kvk);
  await logIn(page);

  await expect(page.getByRole("heading", { level: 2 })).toHaveText(
    "Uw eHerkenningsmiddel heeft een te laag niveau",
  );
  await overstap.expectRequestedLevel("EH2+");
});

test("from 2021-07-01 the EH1 middel no longer works anywhere", async ({
  page,
  overstap,
  admin,
}) => {
  await overstap.setClock("2021-07-02T10:00:00+02:00");
  await overstap.autoLogin(HENK.user, HENK.kvk);
  await logIn(page);

  await expect(page.getByRole("heading", { level: 2 })).toHaveText(
    "Uw eHerkenningsmiddel is niet meer geldig",
  );
  const answer = (await admin.answers()).at(-1);
  expect(answer?.status).toBe("Responder/AuthnFailed");
  expect(answer?.statusMessage).toContain("EH1");
});

test("a customer with an EH2+ middel gets in before and after the window", async ({
  page,
  overstap,
}) => {
  for (const moment of ["2021-05-20T10:00:00+02:00", "2021-07-02T10:00:00+02:00"]) {
    await overstap.setClock(moment);
    await overstap.autoLogin(FATIMA.user, FATIMA.kvk);
    await logIn(page);
    await expect(
      page.getByRole("heading", { level: 1, name: "Melding bedrijfsafval" }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Melding versturen" })).toBeVisible();
    await page.getByRole("button", { name: "Uitloggen" }).click();
  }
});
