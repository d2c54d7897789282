// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { levelPage } from "../fixtures/pages.ts";
import { findUsedBy, levelOfPage } from "./detect-level.ts";
import { HOST_ATTRIBUTE } from "./ui/mount.ts";

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
    ["/betrouwbaarheidsniveau-eh2-plus/", "EH2+"],
  ])("reads the level from the slug of %s", (path, level) => {
    load("<h1>Iets anders</h1>");
    expect(levelOfPage(url(path), document)).toBe(level);
  });

  it("falls back to the page's heading when the slug names no level", () => {
    load("<h1>Betrouwbaarheidsniveau EH2+</h1>");
    expect(levelOfPage(url("/betrouwbaarheidsniveaus/midden"), document)).toBe("EH2+");
  });

  it("reads the page's heading when the path has no slug (the site's root)", () => {
    load("<h1>Betrouwbaarheidsniveau EH3</h1>");
    expect(levelOfPage(url("/"), document)).toBe("EH3");
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
    load(
      levelPage("EH3", `Mijn RBG<!-- lijst bijgewerkt 2025 --><br>Mijn DUO voor zakelijke klanten`),
    );
    expect(names()).toEqual(["Mijn RBG", "Mijn DUO voor zakelijke klanten"]);
  });

  it("finds nothing on a page without such a label", () => {
    load(
      "<main><h1>Niveau 3</h1><p>Te gebruiken bij onder andere deze diensten: Mijn RBG.</p></main>",
    );
    expect(findUsedBy(document)).toBeUndefined();
  });

  it("takes typed bullets off list entries, with or without a space after them, and leaves hyphenated names whole", () => {
    load(
      levelPage(
        "EH3",
        "<ul><li>• Mijn RBG</li><li>–BIG-register</li><li>e-Depot van het Nationaal Archief</li></ul>",
      ),
    );
    expect(names()).toEqual(["Mijn RBG", "BIG-register", "e-Depot van het Nationaal Archief"]);
  });

  it("reads one entry per list item, also when the item breaks its text over lines, and none for an empty item", () => {
    const list = `<ul><li>${(ENTRIES[1] ?? "").replace(" (", "<br>(")}</li><li> </li><li>Mijn RBG</li></ul>`;
    load(levelPage("EH3", list));
    expect(names()).toEqual([ENTRIES[1], "Mijn RBG"]);
    // The label as the list's first item, the entries as the items after it.
    load(
      `<main><ul><li><strong>Te gebruiken bij onder andere:</strong></li>${list.slice(4)}</main>`,
    );
    expect(names()).toEqual([ENTRIES[1], "Mijn RBG"]);
  });

  it("places a list entry's badge at the end of its item", () => {
    load(levelPage("EH3", "<ul><li>Mijn DUO voor zakelijke klanten</li><li>Mijn RBG</li></ul>"));
    const badge = document.createElement("span");
    findUsedBy(document)?.items[1]?.place?.(badge);
    expect(badge.parentElement?.textContent).toBe("Mijn RBG");
    expect(badge.previousSibling?.textContent).toBe("Mijn RBG");
  });

  it("keeps inline elements in their entry's line (a footnote mark, a logo) and places the badge after the line's last part", () => {
    load(
      levelPage(
        "EH3",
        '<a href="https://mijn.rbg.nl">Mijn RBG</a><sup>1</sup> <picture><img src="rbg.svg" alt=""></picture><br>Mijn DUO voor zakelijke klanten',
      ),
    );
    const list = findUsedBy(document);
    expect(list?.items).toHaveLength(2);
    expect(list?.items[0]?.name).toMatch(/^Mijn RBG\b/);
    const badge = document.createElement("span");
    list?.items[0]?.place?.(badge);
    expect(badge.previousSibling?.nodeName).toBe("PICTURE");
  });

  it("reads lines of source-formatted markup with white space collapsed and trimmed and the punctuation at a line's end taken off", () => {
    load(
      levelPage(
        "EH3",
        `
          <a href="https://mijn.rvo.nl">Toegang tot </a>mijn.rvo.nl;
          <br>
          UWV
             werkgeversportaal;
        `,
      ),
    );
    expect(names()).toEqual(["Toegang tot mijn.rvo.nl", "UWV werkgeversportaal"]);
  });

  it("splits running text in a paragraph of the cell, with white space around the paragraph", () => {
    load(
      levelPage("EH2+", "\n  <p>mijn.rvo.nl, Zorgregister en Berichtenbox voor bedrijven.</p>\n"),
    );
    expect(names()).toEqual(["mijn.rvo.nl", "Zorgregister", "Berichtenbox voor bedrijven"]);
  });

  it("leaves an ellipsis at the end of running text out of the names", () => {
    load(levelPage("EH2+", "mijn.rvo.nl, Zorgregister, …"));
    expect(names()).toEqual(["mijn.rvo.nl", "Zorgregister"]);
  });

  it("takes no entry for a line holding only a bullet", () => {
    load(
      `<main><p><b>Can be used for, e.g.</b><br>• Mijn RBG<br>•<br>• Mijn DUO voor zakelijke klanten</p></main>`,
    );
    expect(names()).toEqual(["Mijn RBG", "Mijn DUO voor zakelijke klanten"]);
  });

  it("places no badge, and throws nothing, when the page removed the entry's line in the meantime", () => {
    load(levelPage("EH3", `${ENTRIES[0]}<br>${ENTRIES[1]}`));
    const list = findUsedBy(document);
    list?.region.replaceChildren();
    const badge = document.createElement("span");
    expect(() => list?.items[0]?.place?.(badge)).not.toThrow();
    expect(badge.isConnected).toBe(false);
  });

  it("reads only the cell next to the label in a table row", () => {
    load(
      `<main><table><tr><th>Te gebruiken bij onder andere</th><td>Mijn RBG</td><td>Zie ook: alle diensten</td></tr></table></main>`,
    );
    expect(names()).toEqual(["Mijn RBG"]);
  });

  it("never reads past the label's own block: an empty list after the label, or a label ending its section, gives nothing", () => {
    load(
      `<main><section><h2>Te gebruiken bij onder andere</h2><ul></ul></section><section><p>Kosten: 25 euro per jaar</p></section></main>`,
    );
    expect(findUsedBy(document)).toBeUndefined();
    load(
      `<main><section><h2>Niveau EH3</h2><p>Voor diensten met persoonsgegevens.</p><p><strong>Te gebruiken bij onder andere:</strong></p></section><section><p>Kosten: 25 euro per jaar</p></section></main>`,
    );
    expect(findUsedBy(document)).toBeUndefined();
  });

  it("passes over a label with nothing after it and reads the next one", () => {
    load(
      `<main><dl><dt>Te gebruiken bij</dt></dl><h2>Te gebruiken bij onder andere</h2><ul><li>Mijn RBG</li></ul></main>`,
    );
    expect(names()).toEqual(["Mijn RBG"]);
  });

  it("gives the table or definition list as the container the panel goes after, else the block of entries", () => {
    load(levelPage("EH3", "Mijn RBG"));
    expect(findUsedBy(document)?.container.tagName).toBe("TABLE");
    load(`<main><dl><dt>Te gebruiken bij</dt><dd>Mijn RBG</dd></dl></main>`);
    expect(findUsedBy(document)?.container.tagName).toBe("DL");
    load(
      `<main><h2>Te gebruiken bij onder andere</h2><ul class="entries"><li>Mijn RBG</li></ul></main>`,
    );
    expect(findUsedBy(document)?.container.className).toBe("entries");
  });

  it("reads no text of our own UI into an entry", () => {
    load(
      levelPage(
        "EH3",
        `Mijn RBG<br><div ${HOST_ATTRIBUTE}="level-page-badge">Ons paneel</div>Mijn DUO`,
      ),
    );
    expect(names()).toEqual(["Mijn RBG", "Mijn DUO"]);
  });

  it("takes no tab names for entries when a tab is named 'Te gebruiken bij'", () => {
    load(
      `<main><div role="tablist"><button role="tab">Te gebruiken bij</button> <button role="tab">Kosten</button></div>
       <div role="tabpanel"><ul><li>Mijn RBG</li></ul></div></main>`,
    );
    expect(names() ?? []).not.toContain("Kosten");
  });
});
