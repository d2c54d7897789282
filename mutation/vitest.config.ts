// The vitest config a mutation run uses: the project's settings with `include`
// narrowed to the module's own tests (MUTATION_TESTS, a JSON list of globs set
// by mutation/run.ts). Narrowing here rather than with Stryker's `testFiles`
// matters: with `testFiles` Stryker 9.6.1 activates static mutants (values
// computed when a module loads) only after the module has loaded, so they
// survive whatever the tests assert (stryker-js issue 6144).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const tests = JSON.parse(process.env.MUTATION_TESTS ?? "[]") as string[];
if (tests.length === 0) throw new Error("mutation/vitest.config.ts: MUTATION_TESTS names no tests");

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: tests,
    exclude: ["node_modules/**", "dist/**", "e2e/example-consumer/**"],
    testTimeout: 20_000,
  },
});
