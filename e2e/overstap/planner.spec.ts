// The planner's whole loop, as a beheerder BVE does it: download the overview
// of Mijn DUO users in the replica, plan it in the extension's planner page,
// export the world file, load it into the makelaar and log in as a planned
// person, who sees their own roles. And the page passes an axe scan.
import { readFile, writeFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { writeOverviewTsv, type OverviewRow } from "../../eherkenning/planner/export.ts";
import { syntheticOverviewRows, TEST_OVERVIEW_ROWS } from "../../eherkenning/planner/fixtures.ts";
import { loadWorldConfig } from "../../mock-idp/makelaar/config.ts";
import { unpackedExtensionId } from "../fixtures/browser.ts";
import { expect, test } from "../fixtures/index.ts";
import { logInWithToken, startEherkenningLogin } from "./pages.ts";

// Before the ROC sector's switch, so Jan (beheerder BVE, BRIN 25PX) still has his token.
test.use({ worldOptions: { now: "2022-03-01T10:00:00+01:00" } });

const JAN = { inlognaam: "jdevries25px", wachtwoord: "Duo-jan-2021", tokenCode: "480111" };

async function openPlanner(page: Page, extensionPath: string | null): Promise<void> {
  if (extensionPath === null) throw new Error("the planner needs the extension");
  await page.goto(`chrome-extension://${unpackedExtensionId(extensionPath)}/planner/planner.html`);
  await page.getByLabel(/^(Taal|Language)$/).selectOption("nl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overstapplanner Mijn DUO");
}

/** Writes these overview rows as a TSV file and reads it into the planner page. */
async function loadOverview(page: Page, path: string, rows: readonly OverviewRow[]): Promise<void> {
  await writeFile(path, writeOverviewTsv(rows));
  await page.getByLabel("Overzicht van Mijn DUO-gebruikers", { exact: true }).setInputFiles(path);
}

test("download the overview in Mijn DUO, plan it in the extension, rehearse it in the makelaar", async ({
  page,
  context,
  browserOptions,
  harness,
  overstap,
}, testInfo) => {
  // Four sites and two downloads in one story: longer than one page's budget.
  test.setTimeout(90_000);
  // 1. The beheerder downloads the overview of users from the replica.
  await logInWithToken(page, JAN);
  await expect(page.getByRole("heading", { name: "Overzicht Mijn DUO-gebruikers" })).toBeVisible();
  const [overviewDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download overzicht (Excel)" }).click(),
  ]);
  expect(overviewDownload.suggestedFilename()).toBe("Overzicht Mijn DUO gebruikers 25PX.xlsx");
  const overviewFile = testInfo.outputPath("overzicht.xlsx");
  await overviewDownload.saveAs(overviewFile);

  // 2. The planner page reads it locally and plans per person.
  const planner = await context.newPage();
  await openPlanner(planner, browserOptions.extensionPath);
  await planner.getByLabel("Peildatum").fill("01-03-2022");
  await planner
    .getByLabel("Overzicht van Mijn DUO-gebruikers", { exact: true })
    .setInputFiles(overviewFile);
  await expect(planner.getByRole("status").first()).toContainText("gelezen en gepland");
  await expect(planner.getByText("Plan per 1 maart 2022.", { exact: false })).toBeVisible();
  const table = planner.getByRole("table", { name: "Plan per persoon" });
  const janRow = table.getByRole("row", { name: /J\. de Vries/ });
  await expect(janRow).toContainText("beheerder");
  await expect(janRow).toContainText("Middel aanvragen");
  // Beheerders first.
  await expect(table.getByRole("row").nth(1)).toContainText("beheerder");
  await expect(planner.getByText(/Aan te vragen: 1 × eHerkenningsmiddel op EH3/)).toBeVisible();

  // Filters narrow the table.
  await planner.getByLabel("Besluit", { exact: true }).selectOption({ label: "Nagaan" });
  await expect(table.getByRole("row", { name: /J\. de Vries/ })).toHaveCount(0);
  await planner.getByLabel("Besluit", { exact: true }).selectOption({ label: "Alle" });

  // 3. The checklist and the world file are downloads; nothing was sent anywhere.
  const [checklist] = await Promise.all([
    planner.waitForEvent("download"),
    planner.getByRole("button", { name: "Checklist (CSV)" }).click(),
  ]);
  const checklistText = await readFile((await checklist.path()) ?? "", "utf8");
  expect(checklistText).toContain("J. de Vries");
  expect(checklistText).toContain("Mijn DUO voor zakelijke klanten");
  const [worldDownload] = await Promise.all([
    planner.waitForEvent("download"),
    planner.getByRole("button", { name: "Wereldbestand (YAML)" }).click(),
  ]);
  const worldFile = testInfo.outputPath("wereld.yaml");
  await worldDownload.saveAs(worldFile);

  // 4. The world loads (as npm start -- --config would) and a planned person logs in.
  const world = await loadWorldConfig(worldFile);
  for (const organisation of world.organisations) harness.world.putOrganisation(organisation);
  for (const person of world.persons) harness.world.putPerson(person);
  const planned = world.persons[0]!;
  expect(planned.name).toBe("Testpersoon 001");

  // Jan logs out (his session cookie goes), the planned person logs in.
  await context.clearCookies();
  const rehearsal = await context.newPage();
  await startEherkenningLogin(rehearsal);
  await overstap.loginViaPages(rehearsal, { user: planned.id });
  await expect(rehearsal).toHaveURL(/^https:\/\/mijn\.duo\.nl\/portaal\//);
  await expect(rehearsal.getByText("U bent ingelogd als Testpersoon 001.")).toBeVisible();
  const roles = rehearsal.getByRole("row", { name: /^Rollen/ });
  for (const role of planned.duo!.roles) await expect(roles).toContainText(role);
});

test("the plan date is a dd-mm-jjjj text field, not the browser's date field in its UI language; a wrong date is named", async ({
  page,
  browserOptions,
}) => {
  await openPlanner(page, browserOptions.extensionPath);
  const date = page.getByLabel("Peildatum");
  await expect(date).toHaveAttribute("type", "text");
  await expect(date).toHaveAttribute("placeholder", "dd-mm-jjjj");
  await expect(date).toHaveValue(/^\d{2}-\d{2}-\d{4}$/);
  await expect(date).toHaveAccessibleDescription(
    "Schrijf de datum als dag-maand-jaar, bijvoorbeeld 01-06-2024.",
  );

  await date.fill("31-02-2024");
  await date.press("Tab");
  await expect(date).toHaveAttribute("aria-invalid", "true");
  await expect(date).toHaveAccessibleDescription(
    '"31-02-2024" is geen datum. Schrijf de datum als dag-maand-jaar, bijvoorbeeld 01-06-2024.',
  );

  await date.fill("1-3-2022");
  await date.press("Tab");
  await expect(date).toHaveAttribute("aria-invalid", "false");
  await expect(date).toHaveValue("01-03-2022");
});

test("the planner page passes an axe scan, with a plan on it", async ({
  page,
  browserOptions,
}, testInfo) => {
  await openPlanner(page, browserOptions.extensionPath);
  await loadOverview(page, testInfo.outputPath("overzicht.tsv"), TEST_OVERVIEW_ROWS);
  await expect(page.getByRole("table", { name: "Plan per persoon" })).toBeVisible();
  const { default: axe } = await import("axe-core");
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ["violations"],
    });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  });
  expect(violations).toEqual([]);
});

test("the planner page names a file that is not an overview, and keeps working", async ({
  page,
  browserOptions,
}, testInfo) => {
  await openPlanner(page, browserOptions.extensionPath);
  const file = testInfo.outputPath("boodschappen.csv");
  await writeFile(file, "melk,brood\n1,2\n");
  await page.getByLabel("Overzicht van Mijn DUO-gebruikers", { exact: true }).setInputFiles(file);
  await expect(page.getByRole("alert")).toContainText(
    "boodschappen.csv, row 1: not an overview of Mijn DUO users",
  );
});

test("a large overview's table shows 200 persons at a time, reaches everyone by more, all, search and print", async ({
  page,
  browserOptions,
}, testInfo) => {
  await openPlanner(page, browserOptions.extensionPath);
  await loadOverview(page, testInfo.outputPath("overzicht.tsv"), syntheticOverviewRows(450, 2));
  const table = page.getByRole("table", { name: "Plan per persoon" });
  const bodyRows = table.locator("tbody tr");
  await expect(page.locator("#planner-shown")).toHaveText("450 van 450 personen");
  await expect(bodyRows).toHaveCount(200);
  await expect(page.getByText("De tabel toont de eerste 200 van 450 personen.")).toBeVisible();

  await page.getByRole("button", { name: "Toon de volgende 200" }).click();
  await expect(bodyRows).toHaveCount(400);
  await page.getByRole("button", { name: "Toon de volgende 50" }).click();
  await expect(bodyRows).toHaveCount(450);
  await expect(page.getByRole("button", { name: /^Toon (de volgende|alle)/ })).toHaveCount(0);
  // Every person once, in the plan's order.
  const names = await table.locator("tbody tr th").allTextContents();
  expect(new Set(names).size).toBe(450);

  // Searching starts again from the top of what matches; a person beyond the first 200 is found.
  const last = /Test\d+/.exec(names[449]!)![0];
  await page.getByLabel("Zoek op naam of e-mailadres").fill(last);
  await expect(bodyRows.first().locator("th")).toContainText(last);
  await page.getByLabel("Zoek op naam of e-mailadres").fill("");
  await expect(bodyRows).toHaveCount(200);
  await page.getByRole("button", { name: "Toon alle 450" }).click();
  await expect(bodyRows).toHaveCount(450);

  // Printing shows every row, not only those on the page.
  await page.getByLabel("Zoek op naam of e-mailadres").fill("a");
  await page.getByLabel("Zoek op naam of e-mailadres").fill("");
  await expect(bodyRows).toHaveCount(200);
  await page.pdf();
  await expect(bodyRows).toHaveCount(450);
});
