// Mijn DUO's overstap from the DUO token to eHerkenning EH3, as DUO's business
// users lived it in 2022: the token works until their sector switches, then
// eHerkenning at EH3 with the machtiging "Mijn DUO voor zakelijke klanten".
import { DUO_SECTOR_SWITCH } from "../../mock-idp/world/duo-calendar.ts";
import { expect, test } from "../fixtures/index.ts";
import {
  dashboardFact,
  expectWelcome,
  logInWithToken,
  loginPanel,
  startEherkenningLogin,
} from "./pages.ts";

const ROC = "99000102";
const rocSwitch = DUO_SECTOR_SWITCH.roc.date;
const dayBefore = new Date(rocSwitch.getTime() - 24 * 3600 * 1000);
const dayAfter = new Date(rocSwitch.getTime() + 24 * 3600 * 1000);

test.describe("a token user of an ROC", () => {
  test("logs in with the DUO token before the ROC sector switches", async ({
    page,
    admin,
    overstap,
  }) => {
    await overstap.setClock(dayBefore);
    const { duo } = await admin.person("jan-eh3");
    if (!duo) throw new Error("jan-eh3 has no Mijn DUO account in the default world");

    await logInWithToken(page, duo);

    await expectWelcome(page);
    await expect(dashboardFact(page, "Ingelogd met")).toHaveText("Token");
  });

  test("is told to use eHerkenning once the ROC sector has switched, and gets in with EH3", async ({
    page,
    admin,
    overstap,
  }) => {
    await overstap.setClock(dayAfter);
    const { duo } = await admin.person("jan-eh3");
    if (!duo) throw new Error("jan-eh3 has no Mijn DUO account in the default world");

    await logInWithToken(page, duo);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Inloggen met token kan niet meer",
    );

    // The extension explains on the login page what is needed now.
    await page.goto("https://mijn.duo.nl/");
    const panel = loginPanel(page);
    await expect(panel).toContainText("EH3");
    await expect(panel).toContainText("Mijn DUO voor zakelijke klanten");

    await page.getByRole("button", { name: "Log in met eHerkenning" }).click();
    await overstap.loginViaPages(page, { user: "jan-eh3", kvk: ROC });

    await expectWelcome(page);
    await expect(dashboardFact(page, "Ingelogd met")).toHaveText("eHerkenning, niveau EH3");
    await expect(dashboardFact(page, "KvK-nummer")).toHaveText(ROC);
    await overstap.expectRequestedLevel("EH3");
  });
});

test.describe("a new user with eHerkenning", () => {
  test("with an EH3 middel and the machtiging gets in at EH3", async ({ page, overstap }) => {
    await overstap.autoLogin("jan-eh3", ROC);
    await startEherkenningLogin(page);
    await expectWelcome(page);
    await expect(dashboardFact(page, "Ingelogd met")).toHaveText("eHerkenning, niveau EH3");
  });

  test("with an EH2+ middel is refused: the middel is too low for Mijn DUO", async ({
    page,
    overstap,
  }) => {
    await overstap.autoLogin("piet-eh2plus", "99000103");
    await startEherkenningLogin(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Uw eHerkenningsmiddel heeft een te laag niveau",
    );
    await expect(page.getByText(/Responder.*AuthnFailed/)).toBeVisible();
  });

  test("without the machtiging is refused, and told to ask the machtigingenbeheerder", async ({
    page,
    overstap,
  }) => {
    await overstap.takeMachtigingen("jan-eh3", ROC);
    await startEherkenningLogin(page);
    await overstap.loginViaPages(page, { user: "jan-eh3", kvk: ROC });

    // The makelaar says why, then hands the failure back to Mijn DUO.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen is niet gelukt");
    await expect(page.getByText("U heeft geen machtiging voor deze dienst.")).toBeVisible();
    await expect(
      page.getByText("machtigingenbeheerder eHerkenning van ROC Zuiderwaard"),
    ).toBeVisible();
    await page.getByRole("button", { name: /^Terug naar/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "U bent niet gemachtigd voor deze dienst",
    );
  });

  test("who gets the machtiging later gets in", async ({ page, overstap }) => {
    await overstap.takeMachtigingen("jan-eh3", ROC);
    await overstap.giveMachtiging("jan-eh3", ROC, {
      service: "Mijn DUO voor zakelijke klanten",
      level: "EH3",
    });
    await overstap.autoLogin("jan-eh3", ROC);
    await startEherkenningLogin(page);
    await expectWelcome(page);
  });

  test("who represents several organisations chooses one at the makelaar", async ({
    page,
    overstap,
  }) => {
    await startEherkenningLogin(page);
    await overstap.loginViaPages(page, { user: "ahmed-eh3", kvk: "99000105" });
    await expectWelcome(page);
    await expect(dashboardFact(page, "KvK-nummer")).toHaveText("99000105");
  });

  test("who cancels at the makelaar is back at Mijn DUO with a calm explanation", async ({
    page,
    admin,
  }) => {
    await startEherkenningLogin(page);
    await page.getByRole("button", { name: "Annuleren" }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "U heeft het inloggen afgebroken",
    );
    const answers = await admin.answers();
    expect(answers.at(-1)?.status).toMatch(/Responder.*AuthnFailed/);
  });
});
