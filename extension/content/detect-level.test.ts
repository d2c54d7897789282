// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { levelPage } from "../fixtures/pages.ts";
import { findUsedBy, levelOfPage } from "./detect-level.ts";

function load(html: string): void {
  document.documentElement.innerHTML = new DOMParser().parseFromString(
    html,
    "text/html",
  ).documentElement.innerHTML;
}

const url = (path: string): URL => new URL(`https://www.eherkenning.nl${path}`);

describe("levelOfPage", () => {
  it.each([
    ["/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh3", "EH3"],
    ["/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh2-plus", "EH2+"],
    ["/en/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh4", "EH4"],
    ["/betrouwbaarheidsniveaus/niveau-2", "EH2"],
  ])("reads the level from the slug of %s", (path, level) => {
    load("<h1>Iets anders</h1>");
    expect(levelOfPage(url(path), document)).toBe(level);
  });

  it("falls back to the page's heading when the slug names no level", () => {
    load("<h1>Betrouwbaarheidsniveau EH2+</h1>");
    expect(levelOfPage(url("/betrouwbaarheidsniveaus/midden"), document)).toBe("EH2+");
  });
});

const names = (): string[] | undefined => findUsedBy(document)?.items.map((i) => i.name);
const ENTRIES = [
  "Toegang tot mijn.rvo.nl (voormalig DR-Loket)",
  "UWV werkgeversportaal (alles rondom werknemersverzekeringen)",
];

describe("findUsedBy", () => {
  it("lists the services of a 'Te gebruiken bij onder andere' table row written as a list", () => {
    load(levelPage("EH3", "<ul><li>Mijn DUO voor zakelijke klanten</li><li>Mijn RBG</li></ul>"));
    expect(names()).toEqual(["Mijn DUO voor zakelijke klanten", "Mijn RBG"]);
    expect(findUsedBy(document)?.items[0]?.place).toBeTypeOf("function");
  });

  it("splits running text in a cell on commas and 'en'", () => {
    load(levelPage("EH2+", "mijn.rvo.nl, Zorgregister en Berichtenbox voor bedrijven."));
    expect(names()).toEqual(["mijn.rvo.nl", "Zorgregister", "Berichtenbox voor bedrijven"]);
  });

  it("splits running text on a comma before 'and' or 'en' as on one separator", () => {
    load(levelPage("EH2+", "mijn.rvo.nl, Zorgregister, and Berichtenbox voor bedrijven."));
    expect(names()).toEqual(["mijn.rvo.nl", "Zorgregister", "Berichtenbox voor bedrijven"]);
    load(levelPage("EH2+", "mijn.rvo.nl, Zorgregister, en Berichtenbox voor bedrijven."));
    expect(names()).toEqual(["mijn.rvo.nl", "Zorgregister", "Berichtenbox voor bedrijven"]);
  });

  it("recognises the English labels", () => {
    for (const label of [
      "Can be used for, among others",
      "Can be used for, e.g.",
      "Often used for:",
    ]) {
      load(
        levelPage("EH3", "<a href='#'>Mijn RBG</a>").replace(
          "Te gebruiken bij onder andere",
          label,
        ),
      );
      expect(names(), label).toEqual(["Mijn RBG"]);
    }
  });

  it("reads a heading followed by a list, up to the next heading", () => {
    load(`<main><h1>Level 3 eHerkenning</h1><h2>Can be used for, e.g.</h2>
      <ul><li>${ENTRIES[0]}</li><li>${ENTRIES[1]}</li></ul><h2>Costs</h2><ul><li>Not a service</li></ul></main>`);
    expect(names()).toEqual(ENTRIES);
  });

  it("reads a label paragraph followed by a list", () => {
    load(
      `<main><p><strong>Te gebruiken bij onder andere:</strong></p><ul><li>${ENTRIES[0]}</li></ul></main>`,
    );
    expect(names()).toEqual([ENTRIES[0]]);
  });

  it("reads a definition list, entries in one dd each", () => {
    load(
      `<main><dl><dt>Niveau</dt><dd>EH2+</dd><dt>Te gebruiken bij</dt><dd>${ENTRIES[0]}</dd><dd>${ENTRIES[1]}</dd><dt>Kosten</dt><dd>Nee</dd></dl></main>`,
    );
    expect(names()).toEqual(ENTRIES);
  });

  it("reads bold text and line breaks, with bullets taken off, and places badges at each line's end", () => {
    load(
      `<main><p><b>Can be used for, e.g.</b><br>• ${ENTRIES[0]};<br>• ${ENTRIES[1]}<br></p></main>`,
    );
    const list = findUsedBy(document);
    expect(list?.items.map((i) => i.name)).toEqual(ENTRIES);
    const badge = document.createElement("span");
    badge.id = "badge";
    list?.items[0]?.place?.(badge);
    expect(badge.previousSibling?.textContent).toContain("DR-Loket");
    expect(badge.nextSibling?.nodeName).toBe("BR");
  });

  it("reads a table row whose cell has one entry per line", () => {
    load(levelPage("EH2+", `${ENTRIES[0]}<br>${ENTRIES[1]}`));
    expect(names()).toEqual(ENTRIES);
  });

  it("reads a table row whose label's words sit in a span, link or bold text, taking only the next cell", () => {
    for (const label of [
      "<span>Te gebruiken bij onder andere</span>",
      '<a href="/diensten">Te gebruiken bij onder andere</a>',
      "<strong>Te gebruiken bij onder andere</strong>",
    ]) {
      load(
        `<main><table><tr><th>${label}</th><td>Mijn RBG<br>Mijn DUO voor zakelijke klanten</td><td><a href="/alle-diensten">Alle diensten</a></td></tr></table></main>`,
      );
      expect(names(), label).toEqual(["Mijn RBG", "Mijn DUO voor zakelijke klanten"]);
    }
  });

  it("reads no text of comments in the markup into an entry", () => {
    load(levelPage("EH3", `Mijn RBG<!-- lijst bijgewerkt 2025 --><br>Mijn DUO voor zakelijke klanten`));
    expect(names()).toEqual(["Mijn RBG", "Mijn DUO voor zakelijke klanten"]);
  });

  it("finds nothing on a page without such a label", () => {
    load(
      "<main><h1>Niveau 3</h1><p>Te gebruiken bij onder andere deze diensten: Mijn RBG.</p></main>",
    );
    expect(findUsedBy(document)).toBeUndefined();
  });
});
