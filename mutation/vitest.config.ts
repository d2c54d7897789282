// The vitest config a mutation run uses: the project's settings with `include`
// narrowed to the module's own tests (MUTATION_TESTS, a JSON list of globs set
// by mutation/run.ts). Narrowing here rather than with Stryker's `testFiles`
// matters: with `testFiles` Stryker 9.6.1 activates static mutants (values
// computed when a module loads) only after the module has loaded, so they
// survive whatever the tests assert (stryker-js issue 6144).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const globs = JSON.parse(process.env.MUTATION_TESTS ?? "[]") as string[];
/** Globs to run; a glob starting with "!" leaves files out. */
const include = globs.filter((g) => !g.startsWith("!"));
const exclude = globs.filter((g) => g.startsWith("!")).map((g) => g.slice(1));
if (include.length === 0)
  throw new Error("mutation/vitest.config.ts: MUTATION_TESTS names no tests");

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include,
    exclude: ["node_modules/**", "dist/**", "e2e/example-consumer/**", ...exclude],
    testTimeout: 20_000,
    reporters: ["default", "./mutation/import-failures.ts"],
  },
});
