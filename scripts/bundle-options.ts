// How the `eh-overstap` bin is bundled (scripts/build-kit.ts), and the
// start-up probe with it (bench/startup.bench.ts), so the probe measures
// code loaded the way the bin loads it.
import type { BuildOptions } from "esbuild";

export const BIN_BUNDLE_OPTIONS = {
  bundle: true,
  // Dynamic import() starts a chunk of its own, loaded only when reached.
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  // Bundled CommonJS dependencies (express, xml-crypto) require Node's
  // built-in modules; an ES module has no `require` of its own.
  banner: {
    js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);',
  },
  logLevel: "warning",
} as const satisfies BuildOptions;
