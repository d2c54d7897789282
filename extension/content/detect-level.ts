// Level pages (eherkenning.nl, suppliers, sector sites): which level the page
// is about, and the services its "Te gebruiken bij onder andere" / "Can be
// used for, e.g." list names, whatever the markup: a table row, a definition
// list, a heading and a list, bold text and line breaks.
import { parseLevel, type Level } from "../../eherkenning/levels.ts";
import { HEADING_LIKE, LEVEL_PAGE } from "./selectors.ts";
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
  /** Puts a badge right after the entry; absent for running text, whose badges go at the end. */
  readonly place?: ((host: HTMLElement) => void) | undefined;
}

export interface UsedByList {
  /** Where badges of running-text entries go (appended). */
  readonly region: HTMLElement;
  readonly items: readonly UsedByItem[];
  /** The table, list or block the list belongs to: the panel goes after it. */
  readonly container: HTMLElement;
}

const BLOCK = /^(?:P|DIV|SECTION|ARTICLE|UL|OL|LI|DD|TD|TH|BLOCKQUOTE)$/;
const BULLET = /^\s*[•·*\-–—]\s*/;

function isLabel(element: HTMLElement): boolean {
  if (isOurs(element)) return false;
  const text = textOf(element);
  return text.length < 80 && LEVEL_PAGE.usedByLabel.test(text);
}

/** Entries in a run of nodes: list items, else lines between <br>s, else running text. */
function itemsIn(nodes: readonly Node[]): UsedByItem[] {
  const items: UsedByItem[] = [];
  for (const node of nodes) {
    if (!(node instanceof HTMLElement) || isOurs(node)) continue;
    const lis = node.matches("li") ? [node] : [...node.querySelectorAll<HTMLElement>("li")];
    for (const li of lis.filter((e) => !isOurs(e))) {
      const name = textOf(li).replace(BULLET, "");
      if (name) items.push({ name, place: (host) => li.append(host) });
    }
  }
  if (items.length > 0) return items;

  // Lines: <br> ends one, a block element ends one.
  let line: Node[] = [];
  const lines: Node[][] = [];
  const flush = (): void => {
    if (line.some((n) => (n.textContent ?? "").trim())) lines.push(line);
    line = [];
  };
  const walk = (list: readonly Node[]): void => {
    for (const node of list) {
      // Only elements and text are read: a comment in the markup is no entry's text.
      if (!(node instanceof Element || node instanceof Text)) continue;
      if (node instanceof Element && isOurs(node)) continue;
      if (node instanceof HTMLBRElement) flush();
      else if (node instanceof HTMLElement && BLOCK.test(node.tagName)) {
        flush();
        walk([...node.childNodes]);
        flush();
      } else line.push(node);
    }
  };
  walk(nodes);
  flush();

  const textOfLine = (parts: readonly Node[]): string =>
    parts
      .map((n) => (n instanceof Element ? textOf(n) : (n.textContent ?? "")))
      .join(" ")
      .replace(/\s+/g, " ")
      .replace(BULLET, "")
      .replace(/[;,.]\s*$/, "")
      .trim();

  if (lines.length === 1) {
    // One line of running text: "mijn.rvo.nl, Zorgregister en Berichtenbox voor bedrijven."
    return textOfLine(lines[0] ?? [])
      .split(LEVEL_PAGE.listSeparator)
      .map((name) => name.replace(/\.$/, "").trim())
      .filter((name) => name.length > 1)
      .map((name) => ({ name }));
  }
  return lines.flatMap((parts) => {
    const name = textOfLine(parts);
    const last = parts[parts.length - 1];
    return name && last
      ? [
          {
            name,
            place: (host: HTMLElement) => last.parentNode?.insertBefore(host, last.nextSibling),
          },
        ]
      : [];
  });
}

/** The nodes after a label, up to the next heading: the list's content. */
function contentAfter(label: HTMLElement): { nodes: Node[]; region: HTMLElement } | undefined {
  // A table row or a definition list: the next cell, or the dd's up to the next dt.
  if (/^(?:TH|TD)$/.test(label.tagName)) {
    const cell = label.nextElementSibling;
    return cell instanceof HTMLElement ? { nodes: [cell], region: cell } : undefined;
  }
  if (label.tagName === "DT") {
    const nodes: HTMLElement[] = [];
    for (let el = label.nextElementSibling; el && el.tagName !== "DT"; el = el.nextElementSibling)
      if (el instanceof HTMLElement) nodes.push(el);
    const region = nodes[nodes.length - 1];
    return region ? { nodes, region } : undefined;
  }
  // Bold text followed by lines in the same block: <p><strong>Label</strong><br>entry<br>...</p>.
  const block = label.parentElement;
  if (
    block &&
    /^(?:STRONG|B|EM|SPAN)$/.test(label.tagName) &&
    textOf(block).length > textOf(label).length + 1
  ) {
    const nodes: Node[] = [];
    for (let n = label.nextSibling; n; n = n.nextSibling) nodes.push(n);
    return { nodes, region: block };
  }
  // A heading (or a block holding only the label) followed by the list.
  let start: HTMLElement = label;
  while (
    start.parentElement &&
    !start.nextElementSibling &&
    textOf(start.parentElement) === textOf(label) &&
    start.parentElement !== label.ownerDocument.body
  ) {
    start = start.parentElement;
  }
  const nodes: HTMLElement[] = [];
  for (let el = start.nextElementSibling; el; el = el.nextElementSibling) {
    if (!(el instanceof HTMLElement) || isOurs(el)) continue;
    if (el.matches(HEADING_LIKE) || el.querySelector("h1, h2, h3, h4, h5, h6")) break;
    nodes.push(el);
  }
  const region = nodes[nodes.length - 1];
  return region ? { nodes, region } : undefined;
}

export function findUsedBy(doc: Document): UsedByList | undefined {
  const candidates = doc.querySelectorAll<HTMLElement>(`th, td, dt, ${HEADING_LIKE}, strong, b, p`);
  for (const label of candidates) {
    // The outermost element with the label's words comes first: a table cell,
    // dt or heading whose words sit in a span, link or bold text is the label.
    if (!isLabel(label)) continue;
    const content = contentAfter(label);
    if (!content) continue;
    const items = itemsIn(content.nodes);
    if (items.length === 0) continue;
    const container = label.closest<HTMLElement>("table, dl") ?? content.region;
    return { region: content.region, items, container };
  }
  return undefined;
}
