// The extension's build (npm run build runs it twice): `vite build --mode chromium`
// writes dist/chromium, `vite build --mode firefox` writes dist/firefox.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { crx } from "@crxjs/vite-plugin";
import { defineConfig, type Plugin } from "vite";
import { makeManifest, type BuildTarget } from "./extension/manifest.ts";

const extension = resolve(import.meta.dirname, "extension");

/**
 * The on-request script (content/annotate.js) is injected with
 * scripting.executeScript, which needs no web-accessible resource; @crxjs lists
 * every `?script` import as one for all sites. Take it out again, so no page
 * can load or detect it, and drop the unused ESM chunk @crxjs leaves beside it.
 */
function injectedOnRequestOnly(file: string): Plugin {
  return {
    name: "eh-overstap:injected-on-request-only",
    enforce: "post",
    generateBundle(_options, bundle) {
      for (const [name, output] of Object.entries(bundle)) {
        if (
          output.type === "chunk" &&
          output.isEntry &&
          /(^|\/)annotate\.ts-[\w-]+\.js$/.test(name)
        )
          delete bundle[name];
      }
    },
    // @crxjs writes manifest.json after the bundle is generated: edit the file.
    writeBundle(options) {
      if (!options.dir) return;
      const path = resolve(options.dir, "manifest.json");
      const manifest = JSON.parse(readFileSync(path, "utf8")) as {
        web_accessible_resources?: { resources: string[] }[];
      };
      const kept = (manifest.web_accessible_resources ?? [])
        .map((war) => ({ ...war, resources: war.resources.filter((r) => r !== file) }))
        .filter((war) => war.resources.length > 0);
      if (kept.length > 0) manifest.web_accessible_resources = kept;
      else delete manifest.web_accessible_resources;
      writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

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
      injectedOnRequestOnly("content/annotate.js"),
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
