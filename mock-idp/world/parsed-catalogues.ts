// The parsed form of catalogue XML, kept for the few catalogues last seen. A
// world's catalogue is XML (what the makelaar serves and signs), and each
// WorldState judges by its index: without this, every reset (one per test),
// every namespace of a shared makelaar and every start would parse the same
// XML again. The built-in world hands over the model it wrote its XML from,
// so a start with it parses nothing.
import {
  indexCatalogue,
  parseCatalogue,
  type Catalogue,
  type CatalogueIndex,
} from "../../eherkenning/index.ts";

/** Catalogues kept; the oldest goes first. */
const KEPT = 8;
const parsed = new Map<string, CatalogueIndex>();

function keep(xml: string, index: CatalogueIndex): CatalogueIndex {
  parsed.delete(xml);
  parsed.set(xml, index);
  for (const oldest of parsed.keys()) {
    if (parsed.size <= KEPT) break;
    parsed.delete(oldest);
  }
  return index;
}

/** The index of the catalogue in `xml`; throws CatalogueError (and keeps nothing) when it is bad. */
export function catalogueIndexOf(xml: string): CatalogueIndex {
  return parsed.get(xml) ?? keep(xml, indexCatalogue(parseCatalogue(xml)));
}

/** Remembers `catalogue` as what `xml` parses to: `xml` must be writeCatalogue(catalogue). */
export function rememberCatalogue(xml: string, catalogue: Catalogue): void {
  keep(xml, indexCatalogue(catalogue));
}
