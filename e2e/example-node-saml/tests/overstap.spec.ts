// The Bedrijvenloket's own overstap, walked through the makelaar's real login
// pages: who gets in to which dienst, at which level, on which day, and what
// the loket shows when the makelaar says no. The business date moves (2021,
// 2022); protocol time stays real, so node-saml checks its timestamps as in
// production.
import type { Page } from "@playwright/test";
import { expect, test } from "eh-overstap/playwright";

const DIENSTEN = {
  evenementen: "Evenementenvergunning aanvragen",
  melding: "Melding openbare ruimte",
  subsidie: "Subsidie evenementen",
} as const;

async function startLogin(page: Page, dienst: keyof typeof DIENSTEN): Promise<void> {
  await page.goto("/");
  await page.getByRole("link", { name: DIENSTEN[dienst] }).click();
}

async function expectLoggedIn(page: Page, dienst: keyof typeof DIENSTEN, level: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Welkom bij ${DIENSTEN[dienst]}`,
  );
  await expect(page.locator("#niveau")).toHaveText(level);
}

/** The makelaar's own refusal page, before the person goes back to the loket. */
async function expectMakelaarRefusal(page: Page, advice: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen is niet gelukt");
  await expect(page.getByText(`${advice}.`, { exact: true })).toBeVisible();
}

async function expectRefusedByLoket(page: Page, reason: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen is niet gelukt");
  await expect(page.getByRole("alert")).toContainText(reason);
}

test.describe("Evenementenvergunning aanvragen: EH3, EH2+ accepted from 8 December 2021 until 1 April 2022", () => {
  test("an EH3 person with the machtiging gets in at EH3 for their organisation", async ({
    page,
    overstap,
  }) => {
    await startLogin(page, "evenementen");
    await overstap.loginViaPages(page, { user: "eva-eh3" });

    await expectLoggedIn(page, "evenementen", "EH3");
    await expect(page.locator("#kvk")).toHaveText("99090001");
    await expect(page.locator("#organisatie")).toHaveText("Evenementenbureau Polderpop B.V.");
    await overstap.expectLastAnswer({ status: "Success", level: "EH3", kvk: "99090001" });
    await overstap.expectRequestedLevel(undefined, { explicit: true });
  });

  test("an EH2+ person gets in at EH2+ while the transition window is open", async ({
    page,
    overstap,
  }) => {
    await overstap.setClock("2022-03-31T23:30:00+02:00");
    await startLogin(page, "evenementen");
    await overstap.loginViaPages(page, { user: "sam-eh2plus" });

    await expectLoggedIn(page, "evenementen", "EH2+");
    await overstap.expectLastAnswer({ status: "Success", level: "EH2+", kvk: "99090002" });
  });

  test("from 1 April 2022 the same EH2+ person is refused: the middel is too low", async ({
    page,
    overstap,
  }) => {
    await overstap.setClock("2022-04-01T00:00:00+02:00");
    await startLogin(page, "evenementen");
    await overstap.loginViaPages(page, { user: "sam-eh2plus" });
    await expectMakelaarRefusal(page, "Uw inlogmiddel heeft een te laag niveau");
    await overstap.returnToService(page);

    await expectRefusedByLoket(page, "The middel is EH2+; this service needs at least EH3.");
    await overstap.expectLastAnswer({
      status: "Responder/AuthnFailed",
      reason: "MIDDEL_TOO_LOW",
      message: /needs at least EH3/,
    });
  });

  test("without a machtiging the person is refused and the loket names the cause", async ({
    page,
    overstap,
  }) => {
    await startLogin(page, "evenementen");
    await overstap.loginViaPages(page, { user: "ben-zonder" });
    await expectMakelaarRefusal(page, "U heeft geen machtiging voor deze dienst");
    await overstap.returnToService(page);

    await expectRefusedByLoket(page, "no machtiging for this service");
    await overstap.expectLastAnswer({ status: "Responder/AuthnFailed", reason: "NO_MACHTIGING" });
  });

  test("a machtiging that ended on 1 May 2022 no longer gets the person in", async ({
    page,
    overstap,
  }) => {
    await startLogin(page, "evenementen");
    await overstap.loginViaPages(page, { user: "tim-verlopen" });
    await expectMakelaarRefusal(page, "Uw machtiging is verlopen");
    await overstap.returnToService(page);

    await expectRefusedByLoket(page, "The machtiging for this service has expired.");
    await overstap.expectLastAnswer({
      status: "Responder/AuthnFailed",
      reason: "MACHTIGING_EXPIRED",
    });
  });

  test("the same machtiging still worked on 30 April 2022", async ({ page, overstap }) => {
    await overstap.setClock("2022-04-30T12:00:00+02:00");
    await startLogin(page, "evenementen");
    await overstap.loginViaPages(page, { user: "tim-verlopen" });

    await expectLoggedIn(page, "evenementen", "EH3");
  });

  test("cancelling at the makelaar brings the person back to the loket, not logged in", async ({
    page,
    overstap,
  }) => {
    await startLogin(page, "evenementen");
    await overstap.cancelLogin(page);

    await expectRefusedByLoket(page, "The user cancelled the login at the makelaar.");
    await overstap.expectLastAnswer({ status: "Responder/AuthnFailed", reason: "CANCELLED" });
    await page.goto("/mijn");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bedrijvenloket");
  });

  test("three wrong passwords end the login, and the loket hears why", async ({
    page,
    overstap,
  }) => {
    await startLogin(page, "evenementen");
    await overstap.wrongPasswords(page, { user: "eva-eh3", times: 3 });
    await expectMakelaarRefusal(page, "Te vaak een onjuist wachtwoord");
    await overstap.returnToService(page);

    await expectRefusedByLoket(page, "wrong username or password three times");
    await overstap.expectLastAnswer({ status: "Responder/AuthnFailed", reason: "WRONG_PASSWORD" });
  });

  test("a person who represents two organisations chooses one, and the loket shows that one", async ({
    page,
    overstap,
  }) => {
    await startLogin(page, "evenementen");
    await overstap.loginViaPages(page, { user: "noor-twee", kvk: "99090002" });

    await expectLoggedIn(page, "evenementen", "EH3");
    await expect(page.locator("#kvk")).toHaveText("99090002");
    await expect(page.locator("#organisatie")).toHaveText("Stichting Kermis Noordvliet");
    await overstap.expectLastAnswer({ status: "Success", kvk: "99090002" });
  });
});

test.describe("Melding openbare ruimte: EH2+, EH1 middelen accepted until EH1's retirement", () => {
  test("an EH1 middel still gets in on 30 June 2021, at EH1", async ({ page, overstap }) => {
    await overstap.setClock("2021-06-30T23:00:00+02:00");
    await startLogin(page, "melding");
    await overstap.loginViaPages(page, { user: "lisa-eh1" });

    await expectLoggedIn(page, "melding", "EH1");
    await expect(page.locator("#kvk")).toHaveText("99090003");
  });

  test("from 1 July 2021 the EH1 middel is refused: EH1 is retired", async ({ page, overstap }) => {
    await overstap.setClock("2021-07-01T08:00:00+02:00");
    await startLogin(page, "melding");
    await overstap.loginViaPages(page, { user: "lisa-eh1" });
    await expectMakelaarRefusal(page, "Uw inlogmiddel is EH1 en werkt niet meer");
    await overstap.returnToService(page);

    await expectRefusedByLoket(page, "The middel is EH1, which cannot be used since 2021-07-01.");
    await overstap.expectLastAnswer({
      status: "Responder/AuthnFailed",
      reason: "EH1_MIDDEL_RETIRED",
    });
  });
});

test.describe("Subsidie evenementen: the loket asks EH4, the catalogue says EH3", () => {
  test("the makelaar refuses the request at once, before any login page", async ({
    page,
    overstap,
  }) => {
    await startLogin(page, "subsidie");
    await expect(overstap.loginViaPages(page, { user: "eva-eh3" })).rejects.toThrow(
      /answered the request at once\. It answered Requester\/RequestUnsupported "The request asks for EH4, above the catalogue level EH3 of this service\."/,
    );

    await expectRefusedByLoket(page, "Requester error: The request asks for EH4");
    await overstap.expectLastAnswer({ reason: "REQUEST_ABOVE_CATALOGUE_LEVEL" });
    await overstap.expectRequestedLevel("EH4", { explicit: true });
  });
});
