// npm run build:kit: the JavaScript the package ships, under dist/kit/.
//
// 1. tsc (tsconfig.kit.json) compiles the main export and the Playwright kit
//    file by file, with their types: other projects import these.
// 2. esbuild bundles the `eh-overstap` bin with its dependencies into
//    dist/kit/bin/: the entry file, the code every start needs in a few
//    chunks, and what only some starts need (a world file's schemas, key
//    generation, the catalogue command) in chunks loaded on demand. Node 20
//    has no compile cache, and resolving, reading and compiling the ~300
//    files of our modules and express's took most of the start-up time
//    (docs/benchmarks.md, "Kit start-up").
//
// Bundled code keeps working where it runs from a file path: the package's
// root (for .cache/test-keys/) is found by walking up (mock-idp/shared/
// package-root.ts), and no module asks whether it is the main one.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BIN_BUNDLE_OPTIONS } from "./bundle-options.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const kit = `${root}dist/kit`;

// A clean folder, so no file of an earlier build ships.
rmSync(kit, { recursive: true, force: true });

const tsc = spawnSync("npx", ["tsc", "-p", "tsconfig.kit.json"], { cwd: root, stdio: "inherit" });
if (tsc.status !== 0) {
  console.error(`build:kit: tsc failed (exit ${String(tsc.status ?? tsc.signal)})`);
  process.exit(1);
}

const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: ["bin/eh-overstap.ts"],
  outdir: `${kit}/bin`,
  chunkNames: "chunks/[name]-[hash]",
  ...BIN_BUNDLE_OPTIONS,
  sourcemap: true,
  sourcesContent: false,
  metafile: true,
});
// A package reached by import() from bundled code gets a chunk of its own
// that offers only a default export when the package is CommonJS, so its
// named exports are undefined at run time. Import it statically in a module
// of ours and import() that module (mock-idp/saml-core/generate-key.ts).
const lazyPackages = Object.values(metafile.outputs)
  .map((output) => output.entryPoint)
  .filter((entry) => entry?.includes("node_modules/"));
if (lazyPackages.length > 0) {
  console.error(`build:kit: import() of a package in the bin: ${lazyPackages.join(", ")}`);
  process.exit(1);
}
console.log("build:kit: dist/kit/ (tsc) and dist/kit/bin/ (esbuild)");
