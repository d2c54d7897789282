// Mijn DUO's replica in a real browser: token login around a sector's switch,
// eHerkenning at every level with and without machtiging, cancel and logout.
import type { Page } from "@playwright/test";
import { expect, loginAtMakelaar, test } from "./fixtures.ts";

const BEFORE_ROC_SWITCH = "2022-04-01T10:00:00+02:00";
const AFTER_ROC_SWITCH = "2022-04-20T10:00:00+02:00";

test.describe("token login", () => {
  async function loginWithToken(
    page: Page,
    user: { inlognaam: string; wachtwoord: string; token: string },
  ) {
    await page.goto("https://mijn.duo.nl/");
    const tokenForm = page.getByRole("region", { name: "Met token" });
    await tokenForm.getByRole("textbox", { name: "Gebruikersnaam" }).fill(user.inlognaam);
    await tokenForm.getByLabel("Wachtwoord").fill(user.wachtwoord);
    await tokenForm.getByRole("textbox", { name: "Token" }).fill(user.token);
    await tokenForm.getByRole("button", { name: "Log in", exact: true }).click();
  }
  const JAN = { inlognaam: "jdevries25px", wachtwoord: "Duo-jan-2021", token: "480111" };

  test("works until the user's sector switches, then explains that eHerkenning is needed", async ({
    page,
    at,
  }) => {
    at(BEFORE_ROC_SWITCH);
    await loginWithToken(page, JAN);
    await expect(page).toHaveURL("https://mijn.duo.nl/portaal/");
    await expect(page.getByRole("heading", { name: "Welkom in Mijn DUO" })).toBeVisible();
    await expect(page.getByRole("row", { name: /Ingelogd met Token/ })).toBeVisible();
    await expect(
      page.getByText("Op 11 april 2022 stapt uw sector over op eHerkenning"),
    ).toBeVisible();
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await expect(page.getByText("U bent uitgelogd.")).toBeVisible();

    at(AFTER_ROC_SWITCH);
    await loginWithToken(page, JAN);
    await expect(
      page.getByRole("heading", { name: "Inloggen met token kan niet meer" }),
    ).toBeVisible();
    await expect(page.getByRole("alert")).toContainText(
      "Voor de ROC's is de overstap naar eHerkenning op 11 april 2022 ingegaan",
    );
    await expect(page.getByRole("button", { name: "Log in met eHerkenning" })).toBeVisible();
  });

  test("a wrong token code is refused and the user name kept", async ({ page, at }) => {
    at(BEFORE_ROC_SWITCH);
    await loginWithToken(page, { ...JAN, token: "123456" });
    await expect(page.getByRole("alert")).toContainText(
      "De gebruikersnaam, het wachtwoord of de tokencode klopt niet",
    );
    await expect(page.getByRole("textbox", { name: "Gebruikersnaam" })).toHaveValue("jdevries25px");
  });
});

test.describe("eHerkenning login (auto-login at the makelaar)", () => {
  // Each person of the default world, the organisation they pick, and what Mijn DUO (EH3) says.
  const CASES = [
    {
      who: "gerda-eh1",
      kvk: "99000102",
      middel: "EH1",
      expect: "Uw eHerkenningsmiddel is niet meer geldig",
    },
    {
      who: "kees-eh2",
      kvk: "99000104",
      middel: "EH2",
      expect: "Uw eHerkenningsmiddel heeft een te laag niveau",
    },
    {
      who: "piet-eh2plus",
      kvk: "99000103",
      middel: "EH2+",
      expect: "Uw eHerkenningsmiddel heeft een te laag niveau",
    },
    { who: "jan-eh3", kvk: "99000102", middel: "EH3", expect: "eHerkenning, niveau EH3" },
    {
      who: "eva-eh3",
      kvk: "99000102",
      middel: "EH3 without Mijn DUO machtiging",
      expect: "U bent niet gemachtigd voor deze dienst",
    },
    {
      who: "bram-eh3",
      kvk: "99000105",
      middel: "EH3 with an EH2+ machtiging",
      expect: "Uw machtiging heeft een te laag niveau",
    },
    { who: "sara-eh4", kvk: "99000101", middel: "EH4", expect: "eHerkenning, niveau EH4" },
    {
      who: "wim-eh4",
      kvk: "99000101",
      middel: "EH4 without Mijn DUO machtiging",
      expect: "U bent niet gemachtigd voor deze dienst",
    },
  ] as const;

  for (const c of CASES) {
    test(`a middel at ${c.middel} (${c.who}): ${c.expect}`, async ({
      page,
      at,
      autoLogin,
      harness,
    }) => {
      at(AFTER_ROC_SWITCH);
      autoLogin(c.who, c.kvk);
      await page.goto("https://mijn.duo.nl/");
      await page.getByRole("button", { name: "Log in met eHerkenning" }).click();
      await expect(page.getByText(c.expect)).toBeVisible();
      const person = harness.world.person(c.who);
      if (c.expect.startsWith("eHerkenning, niveau")) {
        await expect(page).toHaveURL("https://mijn.duo.nl/portaal/");
        await expect(page.getByRole("row", { name: /^Naam/ })).toContainText(person?.name ?? "?");
        await expect(page.getByRole("row", { name: /^KvK-nummer/ })).toContainText(c.kvk);
      } else {
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(/niet|te laag/);
        await expect(
          page.getByText(/Melding van eHerkenning: Responder \/ AuthnFailed/),
        ).toBeVisible();
      }
    });
  }

  test("an expired machtiging is named as expired", async ({ page, at, autoLogin }) => {
    at("2023-02-01T10:00:00+01:00");
    autoLogin("lotte-eh3", "99000103");
    await page.goto("https://mijn.duo.nl/");
    await page.getByRole("button", { name: "Log in met eHerkenning" }).click();
    await expect(page.getByRole("heading", { name: "Uw machtiging is verlopen" })).toBeVisible();
  });
});

test.describe("eHerkenning login through the makelaar's pages", () => {
  test("a person with an EH3 middel walks the pages, lands in Mijn DUO and logs out", async ({
    page,
    at,
    harness,
  }) => {
    at(AFTER_ROC_SWITCH);
    await page.goto("https://mijn.duo.nl/");
    await page.getByRole("button", { name: "Log in met eHerkenning" }).click();
    await loginAtMakelaar(page, harness, "jan-eh3");
    await expect(page).toHaveURL("https://mijn.duo.nl/portaal/");
    await expect(page.getByRole("row", { name: /^Organisatie/ })).toContainText("ROC Zuiderwaard");
    await expect(page.getByRole("row", { name: /^Rollen/ })).toContainText("Beheerder BVE");
    const request = harness.makelaar.state.requests.findLast((r) => r.kind === "AuthnRequest");
    expect(request?.serviceID).toBe("urn:etoegang:DV:00000099000000000010:services:1");
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await expect(page).toHaveURL("https://mijn.duo.nl/?uitgelogd=1");
    await page.goto("https://mijn.duo.nl/portaal/");
    await expect(page).toHaveURL("https://mijn.duo.nl/");
  });

  test("cancelling at the makelaar brings the person back to a clear page that survives a reload", async ({
    page,
    at,
  }) => {
    at(AFTER_ROC_SWITCH);
    await page.goto("https://mijn.duo.nl/");
    await page.getByRole("button", { name: "Log in met eHerkenning" }).click();
    await expect(page).toHaveURL(/makelaar\.eh-overstap\.test/);
    await page.getByRole("button", { name: "Annuleren" }).click();
    await expect(page).toHaveURL(/^https:\/\/mijn\.duo\.nl\//);
    await expect(
      page.getByRole("heading", { name: "U heeft het inloggen afgebroken" }),
    ).toBeVisible();
    await expect(
      page.getByRole("button", { name: "Opnieuw inloggen met eHerkenning" }),
    ).toBeVisible();
    // The artifact left the address bar, so a reload shows the same page.
    expect(page.url()).not.toContain("SAMLart");
    await page.reload();
    await expect(
      page.getByRole("heading", { name: "U heeft het inloggen afgebroken" }),
    ).toBeVisible();
  });
});
