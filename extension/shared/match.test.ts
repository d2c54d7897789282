import { describe, expect, it } from "vitest";
import { indexCatalogue } from "../../eherkenning/catalogue/lookup.ts";
import { FIXTURE_CATALOGUE } from "../../eherkenning/fixtures/catalogue.ts";
import { matchService } from "./match.ts";

const index = indexCatalogue(FIXTURE_CATALOGUE);
const match = (name: string, provider?: string) => matchService(index, { name, provider })?.service;

describe("matchService", () => {
  it("finds a service by its catalogue name, ignoring case, accents and punctuation", () => {
    expect(match("mijn duo voor zakelijke klanten")).toBe("Mijn DUO voor zakelijke klanten");
    expect(match("Balie aanvraag DigiD")).toBe("Balie-aanvraag DigiD");
  });

  it("finds a service by a known alias", () => {
    expect(match("Mijn DUO voor zakelijke gebruikers")).toBe("Mijn DUO voor zakelijke klanten");
    expect(match("Mijn RVO")).toBe("mijn.rvo.nl");
    expect(match("VOG klaarzetten")).toBe("VOG klaarzetten (MijnJustis)");
  });

  it("ignores a level the page wrote into the name", () => {
    expect(match("Mijn RBG (EH3)")).toBe("Mijn RBG");
    expect(match("Werkgeversportaal - niveau 3")).toBe("Werkgeversportaal");
  });

  it("uses the provider to find a service written shorter than its catalogue name", () => {
    expect(match("Gegevensdiensten", "UWV")).toBe("Mijn Gegevensdiensten");
    expect(match("Gegevensdiensten", "Belastingdienst")).toBeUndefined();
  });

  it("finds nothing for a service the catalogue does not list", () => {
    expect(match("Nieuwsbrief")).toBeUndefined();
    expect(match("<script>alert(1)</script>")).toBeUndefined();
  });
});
