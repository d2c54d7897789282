// Our UI lives in a shadow root under a host element marked as ours, so page
// CSS does not reach in and page scripts' selectors do not reach out.
import { formatDate, type Language } from "../../shared/i18n.ts";
import type { PageKind } from "../../shared/pages.ts";
import { PREFIX } from "./dom.ts";
import { STYLES } from "./styles.ts";

export const HOST_ATTRIBUTE = `data-${PREFIX}`;

export interface Mounted {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
}

const sheets = new Map<string, CSSStyleSheet>();

/**
 * Shares one constructed style sheet between all our shadow roots (hundreds on
 * a long listing). Where a browser refuses sheets made by a content script,
 * the caller falls back to a <style> element.
 */
function adoptStyles(root: ShadowRoot, extraStyles: string): boolean {
  try {
    let sheet = sheets.get(extraStyles);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES + extraStyles);
      sheets.set(extraStyles, sheet);
    }
    root.adoptedStyleSheets = [sheet];
    return root.adoptedStyleSheets.length === 1;
  } catch {
    return false;
  }
}

/** Parses our style sheet and readies date formatting while the page still loads. */
export function warmUp(extraStyles = ""): void {
  const probe = document.createElement("div").attachShadow({ mode: "open" });
  adoptStyles(probe, extraStyles);
  for (const language of ["nl", "en"] as const) formatDate(new Date(0), language);
}

export interface HostOptions {
  /** The language of our text inside, so screen readers read it in that language. */
  readonly language: Language;
  /** Flows in a line of the page's text (badges). */
  readonly inline?: boolean;
  readonly extraStyles?: string;
}

/** A host element with an open shadow root holding the reset styles. */
export function createHost(kind: PageKind, part: string, options: HostOptions): Mounted {
  const { language, inline = false, extraStyles = "" } = options;
  const host = document.createElement("div");
  host.setAttribute(HOST_ATTRIBUTE, `${kind}-${part}`);
  host.lang = language;
  host.id = `${PREFIX}-${kind}-${part}-${Math.random().toString(36).slice(2, 8)}`;
  if (inline) {
    host.setAttribute("data-inline", "");
    host.style.setProperty("display", "inline", "important");
  }
  const root = host.attachShadow({ mode: "open" });
  if (!adoptStyles(root, extraStyles)) {
    const style = document.createElement("style");
    style.textContent = STYLES + extraStyles;
    root.append(style);
  }
  return { host, root };
}

/** Removes every element we added for this page kind. */
export function removeHosts(kind: PageKind): void {
  for (const host of document.querySelectorAll(`[${HOST_ATTRIBUTE}^="${kind}-"]`)) host.remove();
}

/** True for nodes inside our own UI, which detection must ignore. */
export function isOurs(node: Node): boolean {
  const element = node instanceof Element ? node : node.parentElement;
  return !!element?.closest(`[${HOST_ATTRIBUTE}]`);
}
