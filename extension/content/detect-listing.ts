// Finding catalogue services on a listing page: rows of a table whose headers
// name the service (and the provider or level), and cards with a "machtiging
// aanvragen" checkbox. Each entry is found once; later scans skip it.
import { HEADING_LIKE, LISTING } from "./selectors.ts";
import { textOf } from "./text.ts";
import { isOurs } from "./ui/mount.ts";

export interface ListingEntry {
  readonly layout: "table" | "cards";
  /** The row or card. */
  readonly element: HTMLElement;
  /** Where the badge goes: after the service name. */
  readonly anchor: HTMLElement;
  readonly name: string;
  readonly provider?: string | undefined;
  /** The page's words for the level (the background reads them as a set of levels). */
  readonly stated?: string | undefined;
  /** `stated` is a level cell on its own. */
  readonly statedAlone?: boolean | undefined;
}

interface Columns {
  service: number;
  provider: number;
  level: number;
}

function cellsOf(row: Element): HTMLElement[] {
  if (row instanceof HTMLTableRowElement) return [...row.cells];
  return [...row.querySelectorAll<HTMLElement>(`${LISTING.ariaHeader}, ${LISTING.ariaCell}`)];
}

/** A row of column headers: all <th> cells, or a row holding a columnheader. */
function isHeaderRow(row: Element): boolean {
  return row instanceof HTMLTableRowElement
    ? row.cells.length > 0 && [...row.cells].every((c) => c.tagName === "TH")
    : row.querySelector(LISTING.ariaHeader) !== null;
}

function columnsFrom(headers: readonly string[]): Columns | undefined {
  const find = (pattern: RegExp): number => headers.findIndex((h) => pattern.test(h));
  const columns = {
    service: find(LISTING.serviceHeader),
    provider: find(LISTING.providerHeader),
    level: find(LISTING.levelHeader),
  };
  if (columns.service < 0 || (columns.provider < 0 && columns.level < 0)) return undefined;
  return columns;
}

/** The name a cell shows: its first link's text when it has one (the rest is description). */
function nameIn(cell: HTMLElement): { name: string; anchor: HTMLElement } {
  const link = [...cell.querySelectorAll<HTMLElement>("a, strong, b")].find(
    (e) => !isOurs(e) && textOf(e),
  );
  return link ? { name: textOf(link), anchor: link } : { name: textOf(cell), anchor: cell };
}

function tableEntries(root: ParentNode, seen: WeakSet<Element>): ListingEntry[] {
  const entries: ListingEntry[] = [];
  const tables = root.querySelectorAll<HTMLElement>('table, [role="table"], [role="grid"]');
  for (const table of tables) {
    if (isOurs(table)) continue;
    const rows =
      table instanceof HTMLTableElement
        ? [...table.rows]
        : [...table.querySelectorAll<HTMLElement>(LISTING.ariaRow)];
    const header = rows.findIndex(isHeaderRow);
    const headerRow = rows[header];
    if (!headerRow) continue;
    const columns = columnsFrom(cellsOf(headerRow).map(textOf));
    if (!columns) continue;
    // The entries are the rows below the header; a title row above it is none.
    for (const row of rows.slice(header + 1)) {
      // A row of header cells only is a group's title ("Onderwijs"); a header
      // cell beside data cells names the row (<th scope="row">Mijn RBG</th>).
      if (seen.has(row) || isHeaderRow(row)) continue;
      const cells = cellsOf(row);
      const serviceCell = cells[columns.service];
      if (!serviceCell) continue;
      const { name, anchor } = nameIn(serviceCell);
      if (!name) continue;
      seen.add(row);
      const providerCell = cells[columns.provider];
      const levelCell = cells[columns.level];
      entries.push({
        layout: "table",
        element: row,
        anchor,
        name,
        provider: providerCell ? textOf(providerCell) || undefined : undefined,
        stated: levelCell ? textOf(levelCell) || undefined : undefined,
        statedAlone: true,
      });
    }
  }
  return entries;
}

function checkboxLabel(input: HTMLInputElement): string {
  const labels = input.labels ? [...input.labels].map(textOf) : [];
  return [...labels, input.getAttribute("aria-label") ?? "", input.title].join(" ");
}

/**
 * The card of a checkbox: its nearest ancestor that holds a heading. An
 * ancestor holding several checkboxes is the list, not a card.
 */
function cardOf(checkbox: HTMLInputElement): HTMLElement | undefined {
  const body = checkbox.ownerDocument.body;
  for (let el = checkbox.parentElement; el && el !== body; el = el.parentElement) {
    if (el.tagName === "LABEL" || !el.querySelector(HEADING_LIKE)) continue;
    return el.querySelectorAll('input[type="checkbox"]').length === 1 ? el : undefined;
  }
  return undefined;
}

function providerIn(card: HTMLElement): string | undefined {
  for (const el of card.querySelectorAll<HTMLElement>("dt, th, span, p, div, small, strong")) {
    if (isOurs(el) || el.children.length > 2) continue;
    const text = textOf(el);
    if (!LISTING.providerLabel.test(text)) continue;
    const rest = text.replace(LISTING.providerLabel, "").trim();
    if (rest) return rest;
    const next = el.nextElementSibling;
    if (next) return textOf(next) || undefined;
  }
  return undefined;
}

/** The card's words about its level: a short "Betrouwbaarheidsniveau: EH2+" line, else the card's text. */
function levelIn(card: HTMLElement, name: string): string {
  for (const el of card.querySelectorAll<HTMLElement>("dl, dd, td, span, p, div, small, strong")) {
    if (isOurs(el) || el.children.length > 2) continue;
    const text = textOf(el);
    if (/niveau|level|\beh\s*-?[1-4]/i.test(text) && text.length < 80) return text;
  }
  return textOf(card).replace(name, "").slice(0, 200);
}

function cardEntries(root: ParentNode, seen: WeakSet<Element>): ListingEntry[] {
  const entries: ListingEntry[] = [];
  for (const checkbox of root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
    if (isOurs(checkbox) || !LISTING.machtigingCheckbox.test(checkboxLabel(checkbox))) continue;
    const card = cardOf(checkbox);
    if (!card || seen.has(card)) continue;
    const heading = [...card.querySelectorAll<HTMLElement>(HEADING_LIKE)].find(
      (h) => !isOurs(h) && !h.contains(checkbox),
    );
    const name = heading ? textOf(heading) : "";
    if (!heading || !name) continue;
    seen.add(card);
    entries.push({
      layout: "cards",
      element: card,
      anchor: heading,
      name,
      provider: providerIn(card),
      stated: levelIn(card, name),
    });
  }
  return entries;
}

/** Entries in `root` not seen before. */
export function findListingEntries(root: ParentNode, seen: WeakSet<Element>): ListingEntry[] {
  return [...tableEntries(root, seen), ...cardEntries(root, seen)];
}

/** Puts a badge after the entry's name without moving the page's own content. */
export function placeBadge(entry: ListingEntry, host: HTMLElement): void {
  // A cell that is itself the name holds the badge; a badge beside a cell would be a cell of its own.
  if (entry.layout === "table" && entry.anchor.matches(`td, th, ${LISTING.ariaCell}`))
    entry.anchor.append(host);
  else if (entry.layout === "table" || entry.anchor.tagName === "A") entry.anchor.after(host);
  else entry.anchor.append(host);
}

/** What the background needs of an entry to recognise it and read its stated level. */
export function lookupItem(entry: ListingEntry): {
  name: string;
  provider: string | undefined;
  stated: string | undefined;
  statedAlone: boolean | undefined;
} {
  const { name, provider, stated, statedAlone } = entry;
  return { name, provider, stated, statedAlone };
}
