// Class names as a large site's build would emit them, so replica pages look
// like the real ones to the extension's detectors.
import { createHash } from "node:crypto";

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
