// Building injected UI without HTML strings: every piece of page or catalogue
// text becomes a text node, so markup in a service name shows as text.
export type Child = Node | string | number | null | undefined | false;

export const PREFIX = "eh-overstap";

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
  return element;
}

let counter = 0;
/** A page-unique id with our prefix, for aria-labelledby inside a shadow root. */
export function uniqueId(name: string): string {
  counter += 1;
  return `${PREFIX}-${name}-${counter}`;
}
