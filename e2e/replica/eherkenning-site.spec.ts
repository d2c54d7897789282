// The replica www.eherkenning.nl and the catalogue feed, as a browser sees them.
import { USED_BY } from "../../mock-idp/replica/eherkenning-site/used-by.ts";
import { expect, test } from "./fixtures.ts";

test("the connected organisations table lists the catalogue with one stale level", async ({
  page,
  harness,
}) => {
  await page.goto("https://www.eherkenning.nl/aangesloten-organisaties");
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader")).toHaveText([
    "Organisatie",
    "Dienst",
    "Betrouwbaarheidsniveau",
  ]);
  await expect(table.locator("tbody tr")).toHaveCount(harness.world.catalogue.services.length);
  await expect(table.getByRole("row", { name: /Mijn DUO voor zakelijke klanten/ })).toContainText(
    "EH3",
  );
  // The catalogue says EH3; the page was never updated.
  await expect(table.getByRole("row", { name: /Mijn RBG/ })).toContainText("EH2+");
});

test("the machtigingen form has a checkbox per card and sums up the choice", async ({ page }) => {
  await page.goto("https://www.eherkenning.nl/aanvragen/machtigingen");
  const cards = page.getByRole("listitem").filter({ has: page.getByRole("checkbox") });
  const duo = cards.filter({ hasText: "Mijn DUO voor zakelijke gebruikers" });
  await expect(duo).toContainText("Dienstverlener: Dienst Uitvoering Onderwijs (DUO)");
  await duo.getByRole("checkbox", { name: "Machtiging aanvragen" }).check();
  await cards
    .filter({ hasText: "Mijn RBG" })
    .getByRole("checkbox", { name: "Machtiging aanvragen" })
    .check();
  await page.getByRole("button", { name: "Volgende stap" }).click();
  await expect(page.getByRole("heading", { name: "Uw keuze" })).toBeVisible();
  await expect(
    page.getByRole("listitem").filter({ hasText: "Mijn DUO voor zakelijke klanten" }),
  ).toBeVisible();
  await expect(
    page.getByRole("listitem").filter({ hasText: "Mijn RBG (RBG), EH2+" }),
  ).toBeVisible();
});

for (const [slug, level] of [
  ["eh2", "EH2"],
  ["eh2-plus", "EH2+"],
  ["eh3", "EH3"],
  ["eh4", "EH4"],
] as const) {
  test(`the ${level} page lists descriptive entries under "Te gebruiken bij onder andere" (${USED_BY[level].markup})`, async ({
    page,
  }) => {
    await page.goto(
      `https://www.eherkenning.nl/inloggen-met-eherkenning/betrouwbaarheidsniveaus/${slug}`,
    );
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      `Betrouwbaarheidsniveau ${level}`,
    );
    await expect(page.getByText("Te gebruiken bij onder andere", { exact: true })).toBeVisible();
    for (const entry of USED_BY[level].entries)
      await expect(page.getByRole("main")).toContainText(entry.nl);
  });
}

test("the English level page uses English words", async ({ page }) => {
  await page.goto(
    "https://www.eherkenning.nl/en/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh3",
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Level of assurance EH3");
  await expect(page.getByRole("heading", { name: "Can be used for, e.g." })).toBeVisible();
  await expect(
    page.getByRole("listitem").filter({ hasText: "The UWV employer portal" }),
  ).toBeVisible();
});

test("the catalogue feed is served signed at the aggregator path", async ({ page }) => {
  const response = await page.goto("https://aggregator.etoegang.nl/1.13/servicecatalog.xml");
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-type"]).toMatch(/application\/xml/);
  const xml = (await response?.text()) ?? "";
  expect(xml).toMatch(/<esc:ServiceCatalogue[^>]*>\s*<ds:Signature/);
});
