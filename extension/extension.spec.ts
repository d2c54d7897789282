// The production build in headless Chromium against the replica world: what a
// person sees on each annotated page, the popup and the options page.
import { FIXTURE_SERVICES } from "../eherkenning/fixtures/catalogue.ts";
import type { Level } from "../eherkenning/levels.ts";
import { slugOf } from "../mock-idp/replica/eherkenning-site/pages.ts";
import { USED_BY } from "../mock-idp/replica/eherkenning-site/used-by.ts";
import { catalogueServices, gridListing, tableListing } from "./fixtures/pages.ts";
import { seriousFindingsInOurUi } from "./testing/axe.ts";
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { CHROMIUM_BUILD, expect, test } from "./testing/fixtures.ts";

const LOGIN = "https://mijn.duo.nl/";
/** Our injected UI only, so the host page's own notes and regions never count. */
const ours = (page: Page) => page.locator("[data-eh-overstap]");
const TABLE = "https://www.eherkenning.nl/aangesloten-organisaties";
const CARDS = "https://www.eherkenning.nl/aanvragen/machtigingen";
const LEVEL = (slug: string, en = false) =>
  `https://www.eherkenning.nl${en ? "/en" : ""}/inloggen-met-eherkenning/betrouwbaarheidsniveaus/${slug}`;

test.beforeEach(async ({ setSettings }) => {
  await setSettings({ language: "nl" });
});

test.describe("Mijn DUO login page", () => {
  test("shows EH3, the machtiging and what DUO published, each fact linked to its source", async ({
    openReplica,
  }) => {
    const page = await openReplica(LOGIN);
    const panel = page.getByRole("region", {
      name: "eHerkenning overstaphulp Inloggen met eHerkenning: wat heeft u nodig?",
    });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText("EH3");
    await expect(panel).toContainText("eIDAS substantieel");
    await expect(panel).toContainText("“Mijn DUO voor zakelijke klanten”");
    // At the real date, DUO's date has passed.
    await expect(panel).toContainText(
      "DUO vroeg iedereen om vóór 31 december 2022 over te stappen op eHerkenning.",
    );
    await expect(
      panel.getByRole("listitem").filter({ hasText: "machtigingenbeheerder" }),
    ).toBeVisible();
    await panel.getByText("Wat DUO hierover heeft gepubliceerd").click();
    const newUsers = panel.getByRole("listitem").filter({ hasText: "1 januari 2022" });
    await expect(newUsers).toContainText(
      "Nieuwe gebruikers van Mijn DUO loggen vanaf 1 januari 2022 in",
    );
    await expect(newUsers.getByRole("link", { name: "Bron: duo.nl" })).toHaveAttribute(
      "href",
      "https://duo.nl/zakelijk/eherkenning-gebruiken.jsp",
    );
    await expect(panel).not.toContainText(/Pilotgroep|sector/i);
  });

  test("gives 2022's guidance when the judgement date is in 2022", async ({
    openReplica,
    setJudgementDate,
  }) => {
    await setJudgementDate("2022-06-15");
    const page = await openReplica(LOGIN);
    const panel = page.getByRole("region", { name: /wat heeft u nodig/ });
    await expect(panel).toContainText(
      "DUO vraagt iedereen om vóór 31 december 2022 over te stappen.",
    );
    await expect(panel).toContainText("Tot dan kunt u uw DUO-token blijven gebruiken.");
  });

  test("moves, covers and hides none of the page's login controls", async ({ openReplica }) => {
    const page = await openReplica(LOGIN);
    await expect(page.locator("[data-eh-overstap='login-panel']")).toBeAttached();
    const controls = [
      page.getByRole("textbox", { name: "Gebruikersnaam" }),
      page.getByLabel("Wachtwoord", { exact: true }),
      page.getByRole("textbox", { name: "Token" }),
      page.getByRole("button", { name: "Log in", exact: true }),
      page.getByRole("button", { name: "Log in met eHerkenning" }),
      page.getByRole("main").getByRole("link", { name: "Problemen met inloggen" }),
    ];
    const boxes = async () => Promise.all(controls.map((c) => c.boundingBox()));
    const withPanel = await boxes();
    const panelBox = await page.locator("[data-eh-overstap='login-panel']").boundingBox();
    for (const box of withPanel) {
      expect(box).not.toBeNull();
      if (box && panelBox)
        expect(box.y + box.height <= panelBox.y || box.y >= panelBox.y + panelBox.height).toBe(
          true,
        );
    }
    await page
      .locator("[data-eh-overstap]")
      .evaluateAll((hosts) => hosts.forEach((h) => h.remove()));
    expect(await boxes()).toEqual(withPanel);
  });

  test("warns when the middel set in the options is below EH3", async ({
    openReplica,
    setSettings,
  }) => {
    await setSettings({ middelLevel: "EH2+" });
    const page = await openReplica(LOGIN);
    await expect(page.getByRole("alert")).toContainText(
      "uw middel heeft niveau EH2+. Voor Mijn DUO is niveau EH3 nodig.",
    );
  });

  test("says an EH3 middel is enough", async ({ openReplica, setSettings }) => {
    await setSettings({ middelLevel: "EH3" });
    const page = await openReplica(LOGIN);
    await expect(
      page.getByText("Uw middel heeft niveau EH3. Dat is genoeg voor Mijn DUO."),
    ).toBeVisible();
  });

  test("is reached by keyboard and stays hidden after Verbergen, also after a reload", async ({
    openReplica,
  }) => {
    const page = await openReplica(LOGIN);
    const hide = page.getByRole("button", {
      name: "Uitleg over eHerkenning op deze inlogpagina verbergen",
    });
    await expect(hide).toBeVisible();
    for (let i = 0; i < 40 && !(await hide.evaluate((b) => b.matches(":focus"))); i++)
      await page.keyboard.press("Tab");
    await expect(hide).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("[data-eh-overstap]")).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("button", { name: "Log in met eHerkenning" })).toBeVisible();
    await expect(page.locator("[data-eh-overstap]")).toHaveCount(0);
  });

  test("adds nothing to a page that is not a login page, until a login form appears on it", async ({
    openReplica,
  }) => {
    const page = await openReplica("https://mijn.duo.nl/problemen-met-inloggen");
    await page.waitForFunction(() => document.readyState === "complete");
    const before = await page.evaluate(() => {
      const count = document.querySelectorAll("[data-eh-overstap]").length;
      // A script renders the login later, as single-page apps do.
      const main = document.querySelector("main") ?? document.body;
      const section = document.createElement("section");
      const heading = document.createElement("h2");
      heading.textContent = "Met eHerkenning";
      const button = document.createElement("button");
      button.textContent = "Log in met eHerkenning";
      section.append(heading, button);
      main.append(section);
      return count;
    });
    expect(before).toBe(0);
    await expect(page.getByRole("region", { name: /wat heeft u nodig/ })).toBeVisible();
  });

  test("has no serious accessibility findings in the panel", async ({
    openReplica,
    setSettings,
  }) => {
    await setSettings({ middelLevel: "EH2" });
    const page = await openReplica(LOGIN);
    await expect(page.getByRole("region", { name: /wat heeft u nodig/ })).toBeVisible();
    expect(await seriousFindingsInOurUi(page)).toEqual([]);
  });
});

test.describe("dienstencatalogus listings", () => {
  test("table: a catalogue-level badge per service and a flag on the stale level", async ({
    openReplica,
  }) => {
    const page = await openReplica(TABLE);
    const rows = page.getByRole("row");
    await expect(page.getByRole("status")).toContainText(
      /\d+ diensten uit de dienstencatalogus herkend/,
    );
    const rbg = rows.filter({ hasText: "Mijn RBG" });
    await expect(rbg.getByRole("note", { name: /Mijn RBG: niveau EH3/ })).toBeVisible();
    await expect(rbg).toContainText("⚠ op de pagina: EH2+");
    const werkgevers = rows.filter({ hasText: "Werkgeversportaal" });
    await expect(werkgevers.getByRole("note")).toHaveAccessibleName(
      /niveau EH3 \(eIDAS substantieel\)/,
    );
    await expect(werkgevers).not.toContainText("⚠");
    await expect(rows.filter({ hasText: "Melding openbare ruimte" })).toContainText(
      "Staat in de dienstencatalogus nog op EH1.",
    );
    await expect(page.getByRole("status")).toContainText(
      "Bij 1 dienst staat op de pagina een ander niveau dan in de dienstencatalogus.",
    );
  });

  test("table: rows added after load get badges too", async ({ openReplica }) => {
    const page = await openReplica(TABLE);
    await expect(ours(page).getByRole("note").first()).toBeVisible();
    const before = await ours(page).getByRole("note").count();
    await page.locator("tbody").evaluate((tbody) => {
      const row = document.createElement("tr");
      for (const text of ["UWV", "Mijn Gegevensdiensten", "EH3"]) {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.append(cell);
      }
      tbody.append(row);
    });
    await expect(ours(page).getByRole("note")).toHaveCount(before + 1);
    await expect(page.getByRole("row").last()).toContainText("⚠ op de pagina: EH3");
  });

  test("cards: badges beside each service with a machtiging checkbox", async ({ openReplica }) => {
    const page = await openReplica(CARDS);
    await expect(
      page.getByRole("note", { name: /^Mijn DUO voor zakelijke klanten: niveau EH3/ }),
    ).toBeVisible();
    await expect(page.getByRole("note", { name: /^Mijn RBG:/ })).toHaveAccessibleName(
      /Op de pagina staat EH2\+/,
    );
    const checkboxes = page.getByRole("checkbox", { name: /machtiging aanvragen/i });
    expect(await ours(page).getByRole("note").count()).toBe(await checkboxes.count());
    await checkboxes.first().check();
    await expect(checkboxes.first()).toBeChecked();
  });

  test("a different layout (ARIA grid, English headers) is annotated too", async ({
    context,
    openReplica,
  }) => {
    const services = catalogueServices().slice(0, 6);
    await context.route("https://www.eherkenning.nl/fixture/grid", (route) =>
      route.fulfill({ contentType: "text/html", body: gridListing(services) }),
    );
    const page = await openReplica("https://www.eherkenning.nl/fixture/grid");
    await expect(page.getByRole("note")).toHaveCount(6);
  });

  test("a listing of 500 services gets 500 badges", async ({ context, openReplica }) => {
    await context.route("https://www.eherkenning.nl/fixture/500", (route) =>
      route.fulfill({ contentType: "text/html", body: tableListing(catalogueServices(500)) }),
    );
    const page = await openReplica("https://www.eherkenning.nl/fixture/500");
    await expect(page.getByRole("note")).toHaveCount(500);
    await expect(page.getByRole("status")).toContainText(
      "500 diensten uit de dienstencatalogus herkend",
    );
  });

  test("Verbergen removes the badges and is remembered for listings", async ({ openReplica }) => {
    const page = await openReplica(TABLE);
    await page.getByRole("button", { name: "Niveaus in deze lijst verbergen" }).click();
    await expect(page.locator("[data-eh-overstap]")).toHaveCount(0);
    const cards = await openReplica(CARDS);
    await expect(cards.getByRole("checkbox").first()).toBeVisible();
    await expect(cards.locator("[data-eh-overstap]")).toHaveCount(0);
  });

  test("has no serious accessibility findings in the badges", async ({ openReplica }) => {
    const page = await openReplica(CARDS);
    await expect(page.getByRole("note").first()).toBeVisible();
    expect(await seriousFindingsInOurUi(page)).toEqual([]);
  });
});

test.describe("eherkenning.nl level pages", () => {
  test("mark the person's services with whether this level is enough", async ({
    openReplica,
    setSettings,
  }) => {
    await setSettings({
      myServices: [FIXTURE_SERVICES.mijnDuo.serviceUUID, FIXTURE_SERVICES.mijnRvo.serviceUUID],
    });
    const page = await openReplica(LEVEL("eh2-plus"));
    const panel = page.getByRole("region", { name: /Uw diensten en niveau EH2\+/ });
    await expect(
      panel.getByRole("row").filter({ hasText: "Mijn DUO voor zakelijke klanten" }),
    ).toContainText("✗ te laag");
    await expect(panel.getByRole("row").filter({ hasText: "mijn.rvo.nl" })).toContainText(
      "✓ genoeg",
    );
  });

  for (const lang of ["nl", "en"] as const) {
    test(`${lang}: every descriptive entry of the 'used by' lists gets its service's badge, in every markup; generic and unknown entries none`, async ({
      openReplica,
      setSettings,
    }) => {
      await setSettings({ language: lang });
      const likely = lang === "nl" ? "waarschijnlijk: " : "likely: ";
      for (const [level, list] of Object.entries(USED_BY)) {
        const page = await openReplica(LEVEL(slugOf(level as Level), lang === "en"));
        const meant = list.entries.flatMap((e) =>
          e.means && e.means !== "generic" ? [e.means] : [],
        );
        const notes = ours(page).getByRole("note");
        await expect(notes, `${level} (${list.markup})`).toHaveCount(meant.length);
        const names = await notes.evaluateAll((els) =>
          els.map((e) => e.getAttribute("aria-label") ?? ""),
        );
        for (const service of meant) {
          expect(
            names.filter(
              (n) => n.startsWith(`${service}:`) || n.startsWith(`${likely}${service} (`),
            ),
            `${level}: ${service}`,
          ).toHaveLength(1);
        }
        await page.close();
      }
    });
  }

  test("a likely match on a level page says so, and whether the page's level is enough", async ({
    openReplica,
  }) => {
    const page = await openReplica(LEVEL("eh3"));
    const entry = page.getByRole("listitem").filter({ hasText: "UWV werkgeversportaal" });
    await expect(entry.getByRole("note")).toHaveAccessibleName(
      /^waarschijnlijk: Werkgeversportaal \(UWV\): niveau EH3 \(eIDAS substantieel\) in de dienstencatalogus\. genoeg$/,
    );
    await expect(entry).toContainText("waarschijnlijk: Werkgeversportaal (UWV)");
    await expect(entry).toContainText("✓ genoeg");
  });

  test("invite the person to choose services when none are set, with no serious accessibility findings", async ({
    openReplica,
  }) => {
    const page = await openReplica(LEVEL("eh4"));
    const panel = page.getByRole("region", { name: /Uw diensten en niveau EH4/ });
    await expect(panel).toContainText("U heeft nog geen diensten gekozen.");
    await expect(panel.getByRole("button", { name: "Diensten kiezen" })).toBeVisible();
    expect(await seriousFindingsInOurUi(page)).toEqual([]);
  });
});

test.describe("the page's language", () => {
  test("with 'auto', an English page gets English in a Dutch browser, and our roots say lang=en", async ({
    openReplica,
    setSettings,
  }) => {
    await setSettings({ language: "auto" });
    const page = await openReplica(LEVEL("eh3", true));
    await expect(page.getByRole("region", { name: /Your services and level EH3/ })).toBeVisible();
    await expect(ours(page).first()).toBeAttached();
    expect(
      await ours(page).evaluateAll((hosts) => hosts.map((h) => h.getAttribute("lang"))),
    ).toEqual(expect.arrayContaining(["en"]));
    expect(
      await ours(page).evaluateAll((hosts) => hosts.every((h) => h.getAttribute("lang") === "en")),
    ).toBe(true);
  });

  test("with 'auto', a page without a lang attribute is read by its own words", async ({
    context,
    openReplica,
    setSettings,
  }) => {
    await setSettings({ language: "auto" });
    await context.route("https://www.eherkenning.nl/fixture/no-lang", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: tableListing(catalogueServices().slice(0, 3))
          .replace(/<html[^>]*>/, "<html>")
          .replace(
            "<main>",
            "<main><p>The services below are the ones you can log in to with your means. Choose the level that the service asks for, and ask your supplier for it.</p>",
          ),
      }),
    );
    const page = await openReplica("https://www.eherkenning.nl/fixture/no-lang");
    await expect(page.getByRole("status")).toHaveText(
      /3 services from the service catalogue recognised/,
    );
    await expect(ours(page).first()).toHaveAttribute("lang", "en");
  });

  test("a count of one is singular: '1 dienst'", async ({ context, openReplica }) => {
    await context.route("https://www.eherkenning.nl/fixture/one", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: tableListing(catalogueServices().slice(0, 1)),
      }),
    );
    const page = await openReplica("https://www.eherkenning.nl/fixture/one");
    await expect(page.getByRole("status")).toHaveText(
      /^1 dienst uit de dienstencatalogus herkend\.$/,
    );
  });
});

test.describe("annotate this page on request", () => {
  const SUPPLIER = "https://www.eherkenning.nl/fixture/leverancier-eh3";
  const supplierPage = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>eHerkenning EH3</title></head>
    <body><main><h1>eHerkenning niveau 3 (EH3)</h1><p>Met een middel op EH3 logt u in bij veel overheidsdiensten.</p>
    <h2>Vaak gebruikt voor</h2>
    <ul><li>Alle diensten die eHerkenning niveau 2, 2+ of 3 vragen</li>
    <li>UWV werkgeversportaal (ziek- en herstelmeldingen)</li>
    <li>Mijn Belastingdienst Zakelijk</li></ul>
    <h2>Prijzen</h2><p>Vanaf 30 euro per jaar.</p></main></body></html>`;

  async function openPopupFor(context: BrowserContext, extensionId: string): Promise<Page> {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    return popup;
  }

  test("the popup's button badges the services on a page we do not annotate by ourselves", async ({
    context,
    extensionId,
    openReplica,
  }) => {
    await context.route(SUPPLIER, (route) =>
      route.fulfill({ contentType: "text/html", body: supplierPage }),
    );
    const page = await openReplica(SUPPLIER);
    await expect(page.getByRole("heading", { name: "Vaak gebruikt voor" })).toBeVisible();
    await expect(ours(page)).toHaveCount(0);

    const popup = await openPopupFor(context, extensionId);
    await popup.getByRole("button", { name: "Diensten op deze pagina zoeken" }).click();
    await expect(popup.getByRole("heading", { name: "Gevonden op deze pagina" })).toBeVisible();
    await expect(
      popup.getByRole("listitem").filter({ hasText: "Werkgeversportaal" }),
    ).toContainText("EH3");

    const werkgevers = page.getByRole("listitem").filter({ hasText: "werkgeversportaal" });
    await expect(
      werkgevers.getByRole("note", {
        name: /^waarschijnlijk: Werkgeversportaal \(UWV\): niveau EH3/,
      }),
    ).toHaveAccessibleName(/genoeg/);
    await expect(
      page
        .getByRole("listitem")
        .filter({ hasText: "Mijn Belastingdienst Zakelijk" })
        .getByRole("note"),
    ).toHaveAccessibleName(/^Mijn Belastingdienst Zakelijk: niveau EH3/);
    await expect(
      page.getByRole("listitem").filter({ hasText: "Alle diensten" }).getByRole("note"),
    ).toHaveCount(0);
    await expect(page.getByRole("status")).toHaveText(
      "2 diensten uit de dienstencatalogus herkend.",
    );
    // The same shadow-root UI as on the pages we annotate by ourselves.
    expect(
      await ours(page)
        .first()
        .evaluate((host) => host.shadowRoot !== null),
    ).toBe(true);
    expect(await seriousFindingsInOurUi(page)).toEqual([]);
  });

  test("is quiet when the page lists no catalogue service", async ({
    context,
    extensionId,
    openReplica,
  }) => {
    await context.route("https://www.eherkenning.nl/fixture/niets", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: "<!doctype html><html lang='nl'><body><main><h1>Nieuws</h1><p>Geen diensten hier.</p></main></body></html>",
      }),
    );
    const page = await openReplica("https://www.eherkenning.nl/fixture/niets");
    const popup = await openPopupFor(context, extensionId);
    await popup.getByRole("button", { name: "Diensten op deze pagina zoeken" }).click();
    const nothing = "Op deze pagina staan geen diensten uit de dienstencatalogus.";
    await expect(popup.getByRole("status")).toHaveText(nothing);
    await expect(page.getByRole("status")).toHaveText(nothing);
    await expect(page.getByRole("note")).toHaveCount(0);
  });

  test("needs no host permission: a site outside the manifest's hosts stays closed without the toolbar's grant", async ({
    context,
    extensionId,
    openReplica,
  }) => {
    await context.route("https://leverancier.example/eh3", (route) =>
      route.fulfill({ contentType: "text/html", body: supplierPage }),
    );
    const page = await openReplica("https://leverancier.example/eh3");
    const popup = await openPopupFor(context, extensionId);
    await popup.getByRole("button", { name: "Diensten op deze pagina zoeken" }).click();
    await expect(popup.getByRole("status")).toHaveText(/kan deze pagina niet lezen/);
    await expect(ours(page)).toHaveCount(0);

    const manifest = JSON.parse(readFileSync(`${CHROMIUM_BUILD}/manifest.json`, "utf8")) as Record<
      string,
      unknown
    >;
    expect(manifest["permissions"]).toEqual(expect.arrayContaining(["activeTab", "scripting"]));
    expect(manifest["host_permissions"]).not.toEqual(expect.arrayContaining(["<all_urls>"]));
    expect(manifest["web_accessible_resources"]).toBeUndefined();
  });
});

test.describe("popup and options", () => {
  test("the popup says what the login page needs", async ({
    context,
    extensionId,
    openReplica,
    setSettings,
  }) => {
    await setSettings({ middelLevel: "EH2+" });
    await openReplica(LOGIN);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await expect(popup.getByRole("heading", { name: "Mijn DUO" })).toBeVisible();
    await expect(popup.getByText("“Mijn DUO voor zakelijke klanten”")).toBeVisible();
    await expect(popup.getByRole("alert")).toContainText("EH2+");
  });

  test("the popup lists the services found on a listing", async ({
    context,
    extensionId,
    openReplica,
  }) => {
    const listing = await openReplica(TABLE);
    await expect(listing.getByRole("note").first()).toBeVisible();
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await expect(popup.getByRole("heading", { name: "Diensten op deze pagina" })).toBeVisible();
    await expect(popup.getByRole("listitem").filter({ hasText: "Mijn RBG" })).toContainText(
      "Op de pagina staat EH2+",
    );
  });

  test("options: middel level, my services and language are saved and used", async ({
    context,
    extensionId,
  }) => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options/options.html`);
    await options.getByLabel("Niveau van mijn eHerkenningsmiddel").selectOption("EH2+");
    await expect(options.getByRole("status").first()).toHaveText("Opgeslagen.");
    await options.getByLabel("Dienst zoeken").fill("werkgevers");
    await options.getByRole("button", { name: "Werkgeversportaal toevoegen" }).click();
    await expect(
      options.getByRole("button", { name: "Werkgeversportaal verwijderen" }),
    ).toBeVisible();
    await options.getByLabel("Taal", { exact: true }).selectOption("en");
    await expect(options.getByRole("heading", { name: "Service catalogue" })).toBeVisible();
    await expect(options.getByText("Bundled snapshot (21 services")).toBeVisible();
    expect(await seriousFindingsOnPage(options)).toEqual([]);
  });

  test("options: a hidden hint comes back with 'Alle uitleg weer tonen'", async ({
    context,
    extensionId,
    setSettings,
    openReplica,
  }) => {
    await setSettings({ dismissed: ["login"] });
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options/options.html`);
    await expect(options.getByText("Verborgen op: inlogpagina's.")).toBeVisible();
    await options.getByRole("button", { name: "Alle uitleg weer tonen" }).click();
    await expect(options.getByText("U heeft geen uitleg verborgen.")).toBeVisible();
    const page = await openReplica(LOGIN);
    await expect(page.getByRole("region", { name: /wat heeft u nodig/ })).toBeVisible();
  });
});

test("the accessibility scan sees problems inside our shadow roots (so a clean scan means something)", async ({
  context,
}) => {
  const page = await context.newPage();
  await page.setContent("<main><h1>Test</h1></main>");
  await page.evaluate(() => {
    const host = document.createElement("div");
    host.id = "eh-overstap-probe";
    host.setAttribute("data-eh-overstap", "listing-probe");
    const root = host.attachShadow({ mode: "open" });
    const button = document.createElement("button");
    button.style.cssText = "color:#bbb;background:#fff";
    button.textContent = "Verbergen";
    const unnamed = document.createElement("button");
    root.append(button, unnamed);
    document.body.append(host);
  });
  const findings = await seriousFindingsInOurUi(page);
  expect(findings.map((f) => f.id)).toEqual(
    expect.arrayContaining(["color-contrast", "button-name"]),
  );
});

test.describe("catalogue refresh", () => {
  /** Runs a refresh as the options page's button does once the permission is granted. */
  async function refresh(options: Page): Promise<{ type: string; message?: string }> {
    return options.evaluate(
      () =>
        new Promise<{ type: string; message?: string }>((resolve) => {
          const port = chrome.runtime.connect({ name: "catalogue-refresh" });
          port.onMessage.addListener((message) => {
            const event = message as { type: string; message?: string };
            if (event.type !== "progress") resolve(event);
          });
        }),
    );
  }

  test("a download from the aggregator replaces the snapshot; its names show as text", async ({
    context,
    extensionId,
    harness,
    openReplica,
    setSettings,
  }) => {
    const hostile = "<img src=x onerror=alert(1)>Mijn <b>Vergunningen</b>";
    await context.route("https://aggregator.etoegang.nl/1.13/servicecatalog.xml", async (route) => {
      // The replica aggregator's signed catalogue, with one hostile service name added.
      const real = await route.fetch({
        url: `https://127.0.0.1:${harness.port}/1.13/servicecatalog.xml`,
        headers: { host: "aggregator.etoegang.nl" },
      });
      const xml = (await real.text()).replace(
        '<esc:ServiceName xml:lang="nl">Mijn Kadaster</esc:ServiceName>',
        `<esc:ServiceName xml:lang="nl">${hostile.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</esc:ServiceName>`,
      );
      await route.fulfill({
        status: 200,
        contentType: "application/xml",
        headers: { "access-control-allow-origin": "*" },
        body: xml,
      });
    });
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options/options.html`);
    expect(await refresh(options)).toMatchObject({ type: "done" });
    await options.reload();
    await expect(options.locator("#catalogue-status")).toContainText(
      "Gedownload van de aggregator op",
    );

    await options.getByLabel("Dienst zoeken").fill("vergunningen");
    await options.getByRole("button", { name: `${hostile} toevoegen` }).click();
    await setSettings({ language: "nl" });
    const page = await openReplica(LEVEL("eh3"));
    const panel = page.getByRole("region", { name: /Uw diensten en niveau EH3/ });
    await expect(panel).toContainText(hostile);
    expect(
      await page
        .locator("[data-eh-overstap='level-panel']")
        .evaluate((h) => h.shadowRoot?.querySelectorAll("img, b").length),
    ).toBe(0);
  });

  test("a bad download keeps the last good catalogue and the options page says why", async ({
    context,
    extensionId,
  }) => {
    await context.route("https://aggregator.etoegang.nl/1.13/servicecatalog.xml", (route) =>
      route.fulfill({
        status: 200,
        contentType: "application/xml",
        headers: { "access-control-allow-origin": "*" },
        body: "<?xml version='1.0'?><esc:ServiceCatalogue xmlns:esc='urn:etoegang:1.13:service-catalog'><esc:ServiceProvider>",
      }),
    );
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options/options.html`);
    expect(await refresh(options)).toMatchObject({
      type: "failed",
      message: /not a usable catalogue/,
    });
    await options.reload();
    await expect(options.locator("#catalogue-status")).toContainText(
      "Meegeleverde momentopname (21 diensten",
    );
    await expect(options.getByRole("alert")).toContainText("Laatste vernieuwing mislukt op");
    await expect(options.getByRole("alert")).toContainText(
      "De catalogus hierboven blijft in gebruik.",
    );
  });
});

async function seriousFindingsOnPage(page: Page) {
  const { default: axe } = await import("axe-core");
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ["violations"],
    });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => v.id);
  });
  return violations;
}
