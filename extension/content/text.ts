// Reading what a person sees in an element, skipping our own injected UI.
import { isOurs } from "./ui/mount.ts";

/** Visible-ish text of an element, white space collapsed, our UI left out. */
export function textOf(element: Element): string {
  if (element instanceof HTMLInputElement) {
    return (element.value || element.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim();
  }
  let text = "";
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && (parent.closest("script, style, template") || isOurs(parent))) continue;
    text += ` ${node.nodeValue ?? ""}`;
  }
  const label = text.replace(/\s+/g, " ").trim();
  return label || (element.getAttribute("aria-label") ?? "").trim();
}

/** Whether the element or an ancestor is hidden by attribute (layout-free, works before paint). */
export function isHidden(element: Element): boolean {
  return !!element.closest('[hidden], [aria-hidden="true"]');
}
