import { describe, expect, it } from "vitest";
import {
  CatalogueError,
  indexCatalogue,
  parseCatalogue,
  writeCatalogue,
} from "../../eherkenning/index.ts";
import { FIXTURE_CATALOGUE } from "../../eherkenning/fixtures/catalogue.ts";
import { defaultWorld } from "./default.ts";
import { catalogueIndexOf } from "./parsed-catalogues.ts";
import { WorldState } from "./state.ts";

/** The fixture catalogue with one service's level changed: other XML, same shape. */
function otherCatalogueXml(level: "EH2" | "EH4"): string {
  const copy = structuredClone(FIXTURE_CATALOGUE);
  const definition = copy.providers[0]!.definitions[0]!;
  (definition as { level: string }).level = level;
  return writeCatalogue(copy);
}

describe("parsed catalogues", () => {
  it("gives the built-in world's catalogue as parsing its XML would", () => {
    const { catalogueXml } = defaultWorld();
    const parsed = indexCatalogue(parseCatalogue(catalogueXml));
    expect(catalogueIndexOf(catalogueXml).services).toEqual(parsed.services);
  });

  it("parses the same XML once: a reset finds the index it had", () => {
    const world = new WorldState(defaultWorld());
    const before = world.catalogue;
    world.setCatalogue(otherCatalogueXml("EH4"));
    world.reset();
    expect(world.catalogue).toBe(before);
  });

  it("parses other XML anew, so a changed catalogue is never answered from memory", () => {
    const eh2 = catalogueIndexOf(otherCatalogueXml("EH2"));
    const eh4 = catalogueIndexOf(otherCatalogueXml("EH4"));
    expect(eh2.services[0]?.level).toBe("EH2");
    expect(eh4.services[0]?.level).toBe("EH4");
  });

  it("refuses bad XML every time with a CatalogueError, remembering nothing", () => {
    expect(() => catalogueIndexOf("<not-a-catalogue/>")).toThrow(CatalogueError);
    expect(() => catalogueIndexOf("<not-a-catalogue/>")).toThrow(CatalogueError);
  });
});
