// The extension's build (npm run build runs it twice): `vite build --mode chromium`
// writes dist/chromium, `vite build --mode firefox` writes dist/firefox.
import { resolve } from "node:path";
import { crx } from "@crxjs/vite-plugin";
import { defineConfig } from "vite";
import { makeManifest, type BuildTarget } from "./extension/manifest.ts";

const extension = resolve(import.meta.dirname, "extension");

export default defineConfig(({ mode }) => {
  if (mode !== "chromium" && mode !== "firefox") {
    throw new Error(`vite.config.ts: --mode must be chromium or firefox, not "${mode}"`);
  }
  const target: BuildTarget = mode;
  return {
    root: extension,
    publicDir: resolve(extension, "public"),
    plugins: [
      crx({
        manifest: makeManifest(target),
        browser: target === "firefox" ? "firefox" : "chrome",
        // Self-contained files: no loader round trip before the page is annotated.
        contentScripts: { standaloneFiles: ["content/duo.ts", "content/eherkenning.ts"] },
      }),
    ],
    build: {
      outDir: resolve(import.meta.dirname, "dist", target),
      emptyOutDir: true,
      target: "es2022",
      sourcemap: false,
      minify: true,
      // Pages the manifest does not name: the overstapplanner (opened from the
      // popup, the options page and the Mijn DUO login panel).
      rollupOptions: { input: { planner: resolve(extension, "planner/planner.html") } },
    },
    logLevel: "warn",
  };
});
