// Builds one target per run: `vite build -c extension/vite.config.ts --mode chromium`
// writes dist/chromium, `--mode firefox` writes dist/firefox.
import { resolve } from "node:path";
import { crx } from "@crxjs/vite-plugin";
import { defineConfig } from "vite";
import { makeManifest, type BuildTarget } from "./manifest.ts";

const here = import.meta.dirname;

export default defineConfig(({ mode }) => {
  if (mode !== "chromium" && mode !== "firefox") {
    throw new Error(`extension/vite.config.ts: --mode must be chromium or firefox, not "${mode}"`);
  }
  const target: BuildTarget = mode;
  return {
    root: here,
    publicDir: resolve(here, "public"),
    plugins: [
      crx({
        manifest: makeManifest(target),
        browser: target === "firefox" ? "firefox" : "chrome",
        // Self-contained files: no loader round trip before the page is annotated.
        contentScripts: { standaloneFiles: ["content/duo.ts", "content/eherkenning.ts"] },
      }),
    ],
    build: {
      outDir: resolve(here, "..", "dist", target),
      emptyOutDir: true,
      target: "es2022",
      sourcemap: false,
      minify: true,
    },
    logLevel: "warn",
  };
});
