// Finding the catalogue service a page means. Pages write names their own way:
// an alias ("Mijn DUO voor zakelijke gebruikers"), a level in brackets, the
// provider in front. Try the exact name first, then known aliases, then the
// provider's services.
import {
  normalizeName,
  type CatalogueIndex,
  type CatalogueService,
} from "../../eherkenning/catalogue/lookup.ts";
import { KNOWN_OVERSTAPPEN } from "../../eherkenning/known-overstappen.ts";

export interface PageService {
  readonly name: string;
  readonly provider?: string | undefined;
}

const ALIASES: ReadonlyMap<string, { service: string; serviceUUID: string }> = new Map(
  KNOWN_OVERSTAPPEN.flatMap((o) =>
    [o.service, ...o.aliases].map((alias) => [normalizeName(alias), o] as const),
  ),
);

/** "Mijn RBG (EH3)" -> "Mijn RBG"; "Mijn RBG - niveau 3" -> "Mijn RBG". */
function withoutLevel(name: string): string {
  return name
    .replace(/\((?:[^()]*\b(?:eh|niveau|level|loa)\s*-?\s*[1-4][^()]*)\)/gi, " ")
    .replace(/\s[-–—|]\s*(?:eh|niveau|level)\s*-?\s*[1-4]\s*(?:\+|plus)?\s*$/i, " ")
    .trim();
}

function sameProvider(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  return x.length > 0 && y.length > 0 && (x === y || x.includes(y) || y.includes(x));
}

function preferProvider(
  candidates: readonly CatalogueService[],
  provider: string | undefined,
): CatalogueService | undefined {
  if (candidates.length <= 1 || !provider) return candidates[0];
  return candidates.find((c) => sameProvider(c.provider, provider)) ?? candidates[0];
}

export function matchService(
  index: CatalogueIndex,
  item: PageService,
): CatalogueService | undefined {
  const names = [...new Set([item.name.trim(), withoutLevel(item.name)])].filter(Boolean);
  for (const name of names) {
    const found = preferProvider(index.byName(name), item.provider);
    if (found) return found;
  }
  for (const name of names) {
    const alias = ALIASES.get(normalizeName(name));
    if (alias) {
      const found = index.byServiceUUID(alias.serviceUUID) ?? index.byName(alias.service)[0];
      if (found) return found;
    }
  }
  const provider = item.provider;
  if (provider) {
    const wanted = normalizeName(names[names.length - 1] ?? "");
    if (wanted.length < 3) return undefined;
    return index.services.find(
      (s) =>
        sameProvider(s.provider, provider) &&
        s.names.some((n) => {
          const have = normalizeName(n.value);
          return have.includes(wanted) || wanted.includes(have);
        }),
    );
  }
  return undefined;
}
