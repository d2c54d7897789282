// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { levelPage } from "../fixtures/pages.ts";
import { findUsedByRow, levelOfPage } from "./detect-level.ts";

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

describe("findUsedByRow", () => {
  it("lists the services of a 'Te gebruiken bij onder andere' row written as a list", () => {
    load(levelPage("EH3", "<ul><li>Mijn DUO voor zakelijke klanten</li><li>Mijn RBG</li></ul>"));
    const row = findUsedByRow(document);
    expect(row?.items.map((i) => i.name)).toEqual(["Mijn DUO voor zakelijke klanten", "Mijn RBG"]);
    expect(row?.items[0]?.element?.tagName).toBe("LI");
  });

  it("splits running text on commas and 'en'", () => {
    load(levelPage("EH2+", "mijn.rvo.nl, Zorgregister en Berichtenbox voor bedrijven."));
    expect(findUsedByRow(document)?.items.map((i) => i.name)).toEqual([
      "mijn.rvo.nl",
      "Zorgregister",
      "Berichtenbox voor bedrijven",
    ]);
  });

  it("recognises the English label", () => {
    load(
      levelPage("EH3", "<a href='#'>Mijn RBG</a>").replace(
        "Te gebruiken bij onder andere",
        "Can be used for, among others",
      ),
    );
    expect(findUsedByRow(document)?.items.map((i) => i.name)).toEqual(["Mijn RBG"]);
  });
});
