// eherkenning.nl level pages: which level the page is about, and the services
// its "Te gebruiken bij onder andere" row names.
import { parseLevel, type Level } from "../../eherkenning/levels.ts";
import { LEVEL_PAGE } from "./selectors.ts";
import { textOf } from "./text.ts";
import { isOurs } from "./ui/mount.ts";

/** The level from the URL slug (eh3, eh2-plus, niveau-3), else from the h1. */
export function levelOfPage(url: URL, doc: Document): Level | undefined {
  const slug = LEVEL_PAGE.slug.exec(url.pathname)?.[1];
  const fromSlug = slug ? parseLevel(slug.replace(/[-_]/g, " ")) : undefined;
  if (fromSlug) return fromSlug;
  const h1 = doc.querySelector("h1");
  return h1 ? parseLevel(textOf(h1)) : undefined;
}

export interface UsedByItem {
  readonly name: string;
  /** The element showing the name (a list item or link); absent for running text. */
  readonly element?: HTMLElement | undefined;
}

export interface UsedByRow {
  /** The cell with the services, where badges go. */
  readonly cell: HTMLElement;
  readonly items: readonly UsedByItem[];
  /** The table or list the row belongs to: the panel goes after it. */
  readonly container: HTMLElement;
}

export function findUsedByRow(doc: Document): UsedByRow | undefined {
  for (const label of doc.querySelectorAll<HTMLElement>("th, td, dt")) {
    if (isOurs(label) || !LEVEL_PAGE.usedByLabel.test(textOf(label))) continue;
    const cell = label.nextElementSibling;
    if (!(cell instanceof HTMLElement)) continue;
    const marked = [...cell.querySelectorAll<HTMLElement>("li, a")].filter((e) => !isOurs(e));
    const listed = marked.some((e) => e.tagName === "LI")
      ? marked.filter((e) => e.tagName === "LI")
      : marked;
    const items: UsedByItem[] =
      listed.length > 0
        ? listed.map((element) => ({ name: textOf(element), element }))
        : textOf(cell)
            .split(LEVEL_PAGE.listSeparator)
            .map((name) => name.replace(/\.$/, "").trim())
            .filter((name) => name.length > 1)
            .map((name) => ({ name }));
    const container = label.closest<HTMLElement>("table, dl") ?? cell;
    return { cell, items, container };
  }
  return undefined;
}
