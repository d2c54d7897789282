// The built-in world: the fixture catalogue and known transitions. Persons and
// organisations (DUO's overstap) are being added.
import { FIXTURE_CATALOGUE, KNOWN_TRANSITIONS, writeCatalogue } from "../../eherkenning/index.ts";
import type { World } from "./model.ts";

export function defaultWorld(): World {
  return {
    organisations: [],
    persons: [],
    serviceProviders: [],
    catalogueXml: writeCatalogue(FIXTURE_CATALOGUE),
    transitions: [...KNOWN_TRANSITIONS],
  };
}
