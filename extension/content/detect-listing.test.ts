// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { cardListing, catalogueServices, gridListing, tableListing } from "../fixtures/pages.ts";
import { findListingEntries, placeBadge } from "./detect-listing.ts";

function load(html: string): void {
  document.documentElement.innerHTML = new DOMParser().parseFromString(
    html,
    "text/html",
  ).documentElement.innerHTML;
}

const services = catalogueServices().slice(0, 5);

const namesOf = (html: string): string[] => {
  load(html);
  return findListingEntries(document, new WeakSet()).map((e) => e.name);
};

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
});

describe("placeBadge", () => {
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
});
