// A Mijn DUO beheerder prepares the overstap: reads what is needed on the login
// page, finds the machtiging in the dienstencatalogus, and checks their own
// middel. The extension's hints are what this journey relies on.
import { expect, test } from "../fixtures/index.ts";
import { CARDS, LISTING, MIJN_DUO, loginPanel } from "./pages.ts";

test("the login page tells the beheerder the level, the machtiging and the steps", async ({
  page,
}) => {
  await page.goto(MIJN_DUO);
  const panel = loginPanel(page);
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("EH3");
  await expect(panel).toContainText("substantieel");
  await expect(panel).toContainText("“Mijn DUO voor zakelijke klanten”");
  await expect(
    panel.getByRole("listitem").filter({ hasText: "machtigingenbeheerder" }),
  ).toHaveCount(1);
  // The page's own login controls stay where a person expects them, usable.
  await expect(page.getByRole("button", { name: "Log in met eHerkenning" })).toBeEnabled();
  await page.getByLabel("Gebruikersnaam").fill("still-typeable");
  await expect(page.getByLabel("Gebruikersnaam")).toHaveValue("still-typeable");
});

test("a beheerder whose own middel is EH2+ is warned that Mijn DUO needs EH3", async ({
  page,
  overstap,
}) => {
  await overstap.setMyMiddelLevel("EH2+");
  await page.goto(MIJN_DUO);
  await expect(loginPanel(page).getByRole("alert")).toContainText("EH2+");
  await expect(loginPanel(page).getByRole("alert")).toContainText("EH3");
});

test("the dienstencatalogus listing marks Mijn DUO at EH3 and flags a stale stated level", async ({
  page,
}) => {
  await page.goto(LISTING);
  await expect(
    page.getByRole("note", { name: /^Mijn DUO voor zakelijke klanten: niveau EH3/ }).first(),
  ).toBeVisible();
  // The replica states Mijn RBG's old level; the catalogue says EH3.
  await expect(
    page.getByRole("note", { name: /^Mijn RBG: niveau EH3.*Op de pagina staat EH2\+/ }),
  ).toBeVisible();
});

test("the supplier's form names the catalogue's machtiging beside a card that uses another name", async ({
  page,
}) => {
  await page.goto(CARDS);
  // The form calls it "...zakelijke gebruikers"; the machtiging to request is the catalogue name.
  const card = page.getByRole("listitem").filter({
    has: page.getByRole("heading", { name: "Mijn DUO voor zakelijke gebruikers" }),
  });
  await expect(
    card.getByRole("note", { name: /^Mijn DUO voor zakelijke klanten: niveau EH3/ }),
  ).toBeVisible();
  await card.getByRole("checkbox", { name: "Machtiging aanvragen" }).check();
  await expect(card.getByRole("checkbox", { name: "Machtiging aanvragen" })).toBeChecked();
});

test("with the world at mid-2022 the login page gives 2022's guidance; in 2023 it speaks of DUO's date as past", async ({
  page,
  overstap,
}) => {
  // setClock moves the world and, with the extension loaded, its judgement date.
  await overstap.setClock("2022-06-15T10:00:00+02:00");
  await page.goto(MIJN_DUO);
  const panel = loginPanel(page);
  await expect(panel).toContainText(
    "DUO vraagt iedereen om vóór 31 december 2022 over te stappen.",
  );
  await expect(panel).toContainText("Tot dan kunt u uw DUO-token blijven gebruiken.");

  await overstap.setClock("2023-02-01T10:00:00+01:00");
  await page.reload();
  await expect(panel).toContainText(
    "DUO vroeg iedereen om vóór 31 december 2022 over te stappen op eHerkenning.",
  );
  await expect(panel).not.toContainText("DUO vraagt iedereen");
});
