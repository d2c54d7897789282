// A small HTML template tag: every interpolated value is escaped unless it is
// already Html, so page and world text can never turn into markup.
import { createHash } from "node:crypto";

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map((v: Value) => render(v)).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly Value[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Trusted markup written in this code base (never world or request text). */
export const raw = (markup: string): Html => new Html(markup);

/**
 * Class names as a large site's build would emit them (a module prefix and a
 * short hash), stable between runs so stylesheets and pages agree.
 */
export function classNames<const K extends string>(
  module: string,
  names: readonly K[],
): Readonly<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const hash = createHash("sha1").update(`${module}/${name}`).digest("base64url").slice(0, 5);
    out[name] = `${module}_${name}__${hash.replace(/[-_]/g, "x")}`;
  }
  return Object.freeze(out);
}

/** Dutch date as pages write it: 1 juni 2021. */
export function dutchDate(date: Date): string {
  return new Intl.DateTimeFormat("nl-NL", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}

export function englishDate(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}
