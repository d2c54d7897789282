// Our UI lives in a shadow root under a host element marked as ours, so page
// CSS does not reach in and page scripts' selectors do not reach out.
import type { PageKind } from "../../shared/pages.ts";
import { PREFIX } from "./dom.ts";
import { STYLES } from "./styles.ts";

export const HOST_ATTRIBUTE = `data-${PREFIX}`;

export interface Mounted {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
}

/** A host element with an open shadow root holding the reset styles. */
export function createHost(
  kind: PageKind,
  part: string,
  inline = false,
  extraStyles = "",
): Mounted {
  const host = document.createElement("div");
  host.setAttribute(HOST_ATTRIBUTE, `${kind}-${part}`);
  host.id = `${PREFIX}-${kind}-${part}-${Math.random().toString(36).slice(2, 8)}`;
  if (inline) {
    host.setAttribute("data-inline", "");
    host.style.setProperty("display", "inline", "important");
  }
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = STYLES + extraStyles;
  root.append(style);
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
