// npm run fixture:catalogue: rewrites eherkenning/fixtures/servicecatalog.xml
// from the typed fixture, which is the source of truth.
import { writeFile } from "node:fs/promises";
import { writeCatalogue } from "../eherkenning/index.ts";
import { FIXTURE_CATALOGUE } from "../eherkenning/fixtures/catalogue.ts";

const target = new URL("../eherkenning/fixtures/servicecatalog.xml", import.meta.url);
await writeFile(target, writeCatalogue(FIXTURE_CATALOGUE));
console.log(`wrote ${target.pathname}`);
