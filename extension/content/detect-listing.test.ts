// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { cardListing, catalogueServices, gridListing, tableListing } from "../fixtures/pages.ts";
import { findListingEntries, lookupItem, placeBadge } from "./detect-listing.ts";
import { HOST_ATTRIBUTE } from "./ui/mount.ts";

function load(html: string): void {
  document.documentElement.innerHTML = new DOMParser().parseFromString(
    html,
    "text/html",
  ).documentElement.innerHTML;
}

const services = catalogueServices().slice(0, 5);

const entriesOf = (html: string): ReturnType<typeof findListingEntries> => {
  load(html);
  return findListingEntries(document, new WeakSet());
};
const namesOf = (html: string): string[] => entriesOf(html).map((e) => e.name);
/** One card of a supplier's form, its checkbox last; `body` goes between the heading and the checkbox. */
const card = (heading: string, body: string): string =>
  `<li class="svc-card">${heading}${body}<label><input type="checkbox"> Machtiging aanvragen</label></li>`;

describe("findListingEntries", () => {
  it("reads service, provider and stated level from a table with Dutch headers", () => {
    load(tableListing(services));
    const entries = findListingEntries(document, new WeakSet());
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({
      layout: "table",
      name: services[0]?.service,
      provider: services[0]?.provider,
      stated: services[0]?.statedLevel,
      statedAlone: true,
    });
    expect(entries[0]?.anchor.tagName).toBe("A");
  });

  it("reads a div grid with ARIA roles, English headers and levels written as 'Level 2+'", () => {
    load(gridListing([{ provider: "RBG", service: "Mijn RBG", statedLevel: "EH2+" }]));
    const [entry] = findListingEntries(document, new WeakSet());
    expect(entry).toMatchObject({ name: "Mijn RBG", provider: "RBG", stated: "Level 2+" });
  });

  it("reads cards with a 'machtiging aanvragen' checkbox, a labelled provider and level", () => {
    load(cardListing(services));
    const entries = findListingEntries(document, new WeakSet());
    expect(entries).toHaveLength(5);
    expect(entries[1]).toMatchObject({
      layout: "cards",
      name: services[1]?.service,
      provider: services[1]?.provider,
      stated: `Betrouwbaarheidsniveau: ${services[1]?.statedLevel}`,
    });
    expect(entries[1]?.anchor.tagName).toBe("H3");
  });

  it("returns only rows it has not seen, so rows added after load are found once", () => {
    load(tableListing(services));
    const seen = new WeakSet<Element>();
    expect(findListingEntries(document, seen)).toHaveLength(5);
    const tbody = document.querySelector("tbody");
    const row = document.createElement("tr");
    for (const text of ["Kadaster", "Mijn Kadaster", "EH3"])
      row.append(Object.assign(document.createElement("td"), { textContent: text }));
    tbody?.append(row);
    const later = findListingEntries(document, seen);
    expect(later.map((e) => e.name)).toEqual(["Mijn Kadaster"]);
  });

  it("ignores tables whose headers do not name a service", () => {
    load("<table><tr><th>Datum</th><th>Bedrag</th></tr><tr><td>1 mei</td><td>10</td></tr></table>");
    expect(findListingEntries(document, new WeakSet())).toEqual([]);
  });

  it("ignores checkboxes that are not about a machtiging", () => {
    load(
      "<ul><li><h3>Nieuwsbrief</h3><label><input type=checkbox> Ik wil de nieuwsbrief</label></li></ul>",
    );
    expect(findListingEntries(document, new WeakSet())).toEqual([]);
  });

  it("takes a service name with markup in it as plain text", () => {
    load(
      tableListing([
        { provider: "X", service: "<img src=x onerror=alert(1)>", statedLevel: "EH3" },
      ]),
    );
    const [entry] = findListingEntries(document, new WeakSet());
    expect(entry?.name).toBe("<img src=x onerror=alert(1)>");
    expect(document.querySelector("img")).toBeNull();
  });

  it("takes a table with a service column and a provider or a level column, not one with a service column alone", () => {
    const table = (headers: string[], cells: string[]): string =>
      `<table><tr>${headers.map((h) => `<th>${h}</th>`).join("")}</tr><tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr></table>`;
    expect(namesOf(table(["Organisatie", "Dienst"], ["RBG", "Mijn RBG"]))).toEqual(["Mijn RBG"]);
    expect(namesOf(table(["Niveau", "Dienst"], ["EH3", "Mijn RBG"]))).toEqual(["Mijn RBG"]);
    expect(namesOf(table(["Dienst", "Omschrijving"], ["Mijn RBG", "Registratie"]))).toEqual([]);
  });

  it("reads only the rows below the header row: a title row above it is no service, in a table and in an ARIA grid", () => {
    expect(
      namesOf(
        `<table><tr><td colspan="2">Aangesloten organisaties A-Z</td></tr><tr></tr>
         <tr><th>Dienst</th><th>Organisatie</th></tr><tr><td>Mijn RBG</td><td>RBG</td></tr></table>`,
      ),
    ).toEqual(["Mijn RBG"]);
    expect(
      namesOf(
        `<div role="grid"><div role="row"><div role="cell">Aangesloten organisaties A-Z</div></div>
         <div role="row"><div role="columnheader">Service</div><div role="columnheader">Provider</div></div>
         <div role="row"><div role="gridcell">Mijn RBG</div><div role="gridcell">RBG</div></div></div>`,
      ),
    ).toEqual(["Mijn RBG"]);
  });

  it("reads service names written as row headers, and skips a group's title row of header cells", () => {
    expect(
      namesOf(
        `<table><tr><th>Dienst</th><th>Organisatie</th></tr><tr><th colspan="2">Onderwijs</th></tr>
         <tr><th scope="row">Mijn DUO voor zakelijke klanten</th><td>DUO</td></tr></table>`,
      ),
    ).toEqual(["Mijn DUO voor zakelijke klanten"]);
  });

  it("ignores layout tables, which have no header row", () => {
    expect(namesOf("<table><tr><td>Mijn RBG</td><td>RBG</td></tr></table>")).toEqual([]);
  });

  it("skips group-header rows, rows too short to have a service cell, and rows whose service cell is empty", () => {
    expect(
      namesOf(
        `<table><tr><th>Organisatie</th><th>Dienst</th></tr><tr><th colspan="2">Onderwijs</th></tr>
         <tr><td>DUO</td><td>Mijn DUO voor zakelijke klanten</td></tr><tr><td></td><td> </td></tr>
         <tr><td colspan="2">Geen andere diensten in deze groep</td></tr></table>`,
      ),
    ).toEqual(["Mijn DUO voor zakelijke klanten"]);
    expect(
      namesOf(
        `<table><tr><th>Dienst</th><th>Niveau</th></tr><tr><th colspan="2">Onderwijs</th></tr>
         <tr><td>Mijn DUO voor zakelijke klanten</td><td>EH3</td></tr></table>`,
      ),
    ).toEqual(["Mijn DUO voor zakelijke klanten"]);
  });

  it("takes the first link with text in the service cell as the name, past an icon link", () => {
    const [entry] = entriesOf(
      tableListing([{ provider: "RBG", service: "Mijn RBG", statedLevel: "EH3" }]).replace(
        '<td><a href="#">',
        '<td><a href="/uitleg"><img src="info.svg" alt=""></a> <a href="#">',
      ),
    );
    expect(entry?.name).toBe("Mijn RBG");
    expect(entry?.anchor.getAttribute("href")).toBe("#");
  });

  it("reads 'machtiging aanvragen' from a checkbox's aria-label or title when it has no label", () => {
    for (const attribute of ['aria-label="Machtiging aanvragen"', 'title="Machtiging aanvragen"']) {
      expect(
        namesOf(`<ul><li><h3>Mijn RBG</h3><input type="checkbox" ${attribute}></li></ul>`),
        attribute,
      ).toEqual(["Mijn RBG"]);
    }
  });

  it("takes no checkbox without a card around it, even on a page with a heading", () => {
    expect(
      namesOf("<h1>Machtigingen</h1><label><input type=checkbox> Machtiging aanvragen</label>"),
    ).toEqual([]);
  });

  it("takes a block with several checkboxes under one heading for the list, not a card", () => {
    expect(
      namesOf(
        `<section><h2>Diensten</h2><label><input type=checkbox> Machtiging aanvragen</label>
         <label><input type=checkbox> Machtiging aanvragen</label></section>`,
      ),
    ).toEqual([]);
  });

  it("takes the nearest block with a heading as the card, past a label that holds the whole card and blocks without a heading", () => {
    load(
      `<ul><li class="svc-card"><label><input type="checkbox" aria-label="Machtiging aanvragen"><h3>Mijn RBG</h3></label></li>
       <li class="svc-card"><h3>Mijn DUO voor zakelijke klanten</h3><div class="actions"><label><input type="checkbox"> Machtiging aanvragen</label></div></li></ul>`,
    );
    const entries = findListingEntries(document, new WeakSet());
    expect(entries.map((e) => [e.name, e.element.className])).toEqual([
      ["Mijn RBG", "svc-card"],
      ["Mijn DUO voor zakelijke klanten", "svc-card"],
    ]);
  });

  it("finds each card once, so cards added after load are found once", () => {
    load(cardListing(services));
    const seen = new WeakSet<Element>();
    expect(findListingEntries(document, seen)).toHaveLength(5);
    expect(findListingEntries(document, seen)).toEqual([]);
  });

  it("does not take a heading that holds the checkbox for the service name", () => {
    expect(
      namesOf(
        `<ul><li><details open><summary><label><input type="checkbox"> Machtiging aanvragen</label></summary>
         <h3>Mijn RBG</h3></details></li></ul>`,
      ),
    ).toEqual(["Mijn RBG"]);
  });

  it("takes no card whose heading has no text", () => {
    expect(namesOf(`<ul>${card('<h3><img src="logo.svg" alt=""></h3>', "")}</ul>`)).toEqual([]);
  });

  it("reads the labelled provider line, not the description before it nor a block around several lines", () => {
    const [entry] = entriesOf(
      `<ul>${card(
        "<h3>Mijn RBG</h3>",
        `<p>Registreren van gasten</p><div class="meta"><p>Dienstverlener: RBG</p><p>Betrouwbaarheidsniveau: EH3</p><p>Gratis</p></div>`,
      )}</ul>`,
    );
    expect(entry?.provider).toBe("RBG");
  });

  it("reads a provider line holding a label and a note whole", () => {
    const [entry] = entriesOf(
      `<ul>${card(
        "<h3>Toegang tot mijn.rvo.nl</h3>",
        "<p><span>Dienstverlener:</span> Rijksdienst voor Ondernemend Nederland <small>(RVO)</small></p>",
      )}</ul>`,
    );
    expect(entry?.provider).toBe("Rijksdienst voor Ondernemend Nederland (RVO)");
  });

  it("reads a provider whose label stands alone from the element after it, and none when nothing follows", () => {
    expect(
      entriesOf(
        `<ul>${card("<h3>Mijn RBG</h3>", "<dl><dt>Dienstverlener</dt><dd>RBG</dd></dl>")}</ul>`,
      )[0]?.provider,
    ).toBe("RBG");
    expect(
      entriesOf(
        `<ul><li><h3>Mijn RBG</h3><label><input type="checkbox"> Machtiging aanvragen</label><p>Dienstverlener:</p></li></ul>`,
      )[0]?.provider,
    ).toBeUndefined();
  });

  it("reads a card's level from a short line, a bare 'EH3' too, not from a long text or a block around several lines", () => {
    const long =
      "Voor deze dienst heeft u eHerkenning nodig op betrouwbaarheidsniveau EH3 of hoger, ook als u een intermediair bent.";
    expect(long.length).toBeGreaterThan(80);
    const [entry] = entriesOf(
      `<ul>${card(
        "<h3>Mijn RBG</h3>",
        `<p>${long}</p><div class="meta"><span>Online</span><span>Gratis</span><span class="pill">EH3</span></div>`,
      )}</ul>`,
    );
    expect(entry?.stated).toBe("EH3");
  });

  it("reads a card's level line whole when it holds a label and the level, and takes no line of 80 characters", () => {
    const line = "Voor deze dienst vraagt de dienstverlener betrouwbaarheidsniveau EH3 of hoger.";
    const eighty = `${line}${" x".repeat((80 - line.length) / 2)}`;
    expect(eighty).toHaveLength(80);
    const [entry] = entriesOf(
      `<ul>${card(
        "<h3>Mijn RBG</h3>",
        `<p>${eighty}</p><p><span>Betrouwbaarheidsniveau:</span> <strong>EH3</strong></p>`,
      )}</ul>`,
    );
    expect(entry?.stated).toBe("Betrouwbaarheidsniveau: EH3");
  });

  it("gives a card's text without its name as the stated level when no line names a level", () => {
    const [entry] = entriesOf(
      `<ul>${card("<h3>Mijn RBG</h3>", "<p>Registreren van buitenlandse gasten</p>")}</ul>`,
    );
    expect(entry?.stated?.trim()).toBe("Registreren van buitenlandse gasten Machtiging aanvragen");
  });

  it("gives at most 200 characters of a card's text as its stated level", () => {
    const text =
      "Registreren van buitenlandse gasten voor hotels, campings en andere logiesverstrekkers. ".repeat(
        4,
      );
    const [entry] = entriesOf(`<ul>${card("<h3>Mijn RBG</h3>", `<p>${text}</p>`)}</ul>`);
    expect(entry?.stated).toHaveLength(200);
  });

  it("ignores our own UI: its tables, cards, links and lines", () => {
    const ours = `<div ${HOST_ATTRIBUTE}="listing-badge">`;
    expect(
      namesOf(
        `${ours}<table><tr><th>Organisatie</th><th>Dienst</th></tr><tr><td>RBG</td><td>Mijn RBG</td></tr></table></div>`,
      ),
    ).toEqual([]);
    const [row] = entriesOf(
      tableListing([{ provider: "RBG", service: "Mijn RBG", statedLevel: "EH3" }]).replace(
        '<td><a href="#">',
        `<td>${ours}<a href="/ons">Ons paneel</a></div><a href="#">`,
      ),
    );
    expect(row?.name).toBe("Mijn RBG");
    const [entry] = entriesOf(
      `<ul>${card(
        `${ours}<h3>Ons paneel</h3></div><h3>Mijn RBG</h3>`,
        `${ours}<p>Dienstverlener: Ons paneel</p><p>Niveau: ons paneel</p></div><p>Dienstverlener: RBG</p><p>Niveau EH3</p>`,
      )}</ul>`,
    );
    expect(entry).toMatchObject({ name: "Mijn RBG", provider: "RBG", stated: "Niveau EH3" });
    expect(
      namesOf(
        `<ul><li>${ours}<h3>Ons paneel</h3><label><input type="checkbox"> Machtiging aanvragen</label></div></li></ul>`,
      ),
    ).toEqual([]);
  });
});

describe("placeBadge", () => {
  const badge = (): HTMLElement => Object.assign(document.createElement("span"), { id: "badge" });

  it("puts the badge inside the cell when the cell is the name: a data cell, a row header, a grid cell", () => {
    load(
      `<table><tr><th>Dienst</th><th>Organisatie</th></tr><tr><td>Mijn RBG</td><td>RBG</td></tr>
       <tr><th scope="row">Mijn DUO</th><td>DUO</td></tr></table>
       ${gridListing([{ provider: "KvK", service: "KvK Handelsregister", statedLevel: "EH3" }])}`,
    );
    const entries = findListingEntries(document, new WeakSet());
    const cells = entries.map((entry) => {
      const host = document.createElement("span");
      placeBadge(entry, host);
      return host.parentElement === entry.anchor && host.previousSibling?.textContent;
    });
    expect(cells).toEqual(["Mijn RBG", "Mijn DUO", "KvK Handelsregister"]);
  });

  it("puts the badge right after a linked or bold name in a cell, outside the link", () => {
    load(
      `<table><tr><th>Organisatie</th><th>Dienst</th></tr>
       <tr><td>DUO</td><td><a href="#">Mijn DUO</a> voor zakelijke klanten</td></tr>
       <tr><td>KvK</td><td><strong>KvK</strong> Handelsregister</td></tr></table>`,
    );
    const placed = findListingEntries(document, new WeakSet()).map((entry) => {
      const host = badge();
      placeBadge(entry, host);
      return [host.parentElement?.tagName, host.previousElementSibling === entry.anchor];
    });
    expect(placed).toEqual([
      ["TD", true],
      ["TD", true],
    ]);
  });

  it("puts a card's badge at the end of its heading, or right after a heading that is a link", () => {
    load(
      `<ul>${card("<h3>Mijn RBG</h3>", "")}${card('<a href="/rbg" role="heading" aria-level="3">Mijn DUO</a>', "")}</ul>`,
    );
    const [heading, link] = findListingEntries(document, new WeakSet());
    if (!heading || !link) throw new Error("cards not found");
    const first = badge();
    placeBadge(heading, first);
    expect(first.parentElement?.tagName).toBe("H3");
    const second = badge();
    placeBadge(link, second);
    expect(second.previousElementSibling).toBe(link.anchor);
    expect(link.anchor.contains(second)).toBe(false);
  });
});

describe("lookupItem", () => {
  it("gives the background the entry's words only, none of its page elements", () => {
    load(tableListing(services.slice(0, 1)));
    const [entry] = findListingEntries(document, new WeakSet());
    if (!entry) throw new Error("entry not found");
    expect(lookupItem(entry)).toEqual({
      name: services[0]?.service,
      provider: services[0]?.provider,
      stated: services[0]?.statedLevel,
      statedAlone: true,
    });
  });
});
