// `npm run test:mutation [-- MODULE ...] [--force]`: mutation testing with
// StrykerJS, one module at a time (see modules.ts). Each module keeps its
// incremental state in mutation/state/MODULE.json (committed), so a re-run only
// tests the mutants in changed code or covered by changed tests; --force tests
// every mutant again. Writes reports/mutation/MODULE/index.html, prints every
// surviving mutant and a score per module, and exits 1 when a module is below
// its threshold.
import { mkdirSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Stryker } from "@stryker-mutator/core";
import { MODULES, findModule, type MutationModule } from "./modules.ts";

const IGNORE_LOGGING = new URL("./ignore-logging.js", import.meta.url);

type PartialStrykerOptions = ConstructorParameters<typeof Stryker>[0];
type MutantResult = Awaited<ReturnType<Stryker["runMutationTest"]>>[number];

export interface Score {
  module: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  invalid: number;
  ignored: number;
  /** Detected / (detected + undetected) in percent; invalid and ignored mutants do not count. */
  score: number;
}

/** Stryker's mutation score: killed and timed-out mutants over all valid ones. */
export function scoreOf(module: string, results: readonly MutantResult[]): Score {
  const count = (...statuses: string[]) =>
    results.filter((r) => statuses.includes(r.status)).length;
  const killed = count("Killed");
  const timeout = count("Timeout");
  const survived = count("Survived");
  const noCoverage = count("NoCoverage");
  const valid = killed + timeout + survived + noCoverage;
  return {
    module,
    killed,
    timeout,
    survived,
    noCoverage,
    invalid: count("CompileError", "RuntimeError"),
    ignored: count("Ignored"),
    score: valid === 0 ? 100 : (100 * (killed + timeout)) / valid,
  };
}

/** One line per surviving or uncovered mutant: where, which mutator, what it became. */
export function survivorLines(results: readonly MutantResult[]): string[] {
  return results
    .filter((r) => r.status === "Survived" || r.status === "NoCoverage")
    .map((r) => {
      const where = `${relative(process.cwd(), r.fileName)}:${r.location.start.line}:${r.location.start.column + 1}`;
      const replacement = (r.replacement ?? "").replace(/\s+/g, " ").slice(0, 100);
      return `${where} ${r.status} ${r.mutatorName}: ${replacement}`;
    })
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

function strykerOptions(m: MutationModule, force: boolean): PartialStrykerOptions {
  return {
    testRunner: "vitest",
    plugins: ["@stryker-mutator/vitest-runner", fileURLToPath(IGNORE_LOGGING)],
    // No mutants in log records (ignore-logging.js).
    ignorers: ["logging"],
    // The module's tests reach vitest through MUTATION_TESTS (see vitest.config.ts).
    vitest: { configFile: "mutation/vitest.config.ts", related: false },
    mutate: m.mutate,
    coverageAnalysis: "perTest",
    // A shared 2-core machine: one test runner, and the caller runs us niced.
    concurrency: 1,
    incremental: true,
    incrementalFile: `mutation/state/${m.name}.json`,
    force,
    reporters: ["html", "progress-append-only"],
    htmlReporter: { fileName: `reports/mutation/${m.name}/index.html` },
    tempDirName: `.stryker-tmp/${m.name}`,
    cleanTempDir: "always",
    ignorePatterns: [
      // Another module's run may be going on beside this one.
      ".stryker-tmp",
      "dist",
      "reports",
      "test-results",
      "playwright-report",
      ".cache",
      "e2e/example-consumer",
      "docs",
      "mutation/state",
    ],
    thresholds: { high: 90, low: m.threshold, break: null },
    timeoutMS: 10_000,
    // LogLevel is a string enum in the API package; its "warn" member is this string.
    logLevel: "warn" as NonNullable<PartialStrykerOptions["logLevel"]>,
  };
}

function table(scores: readonly Score[]): string {
  const rows = scores.map((s) => {
    const m = findModule(s.module);
    const verdict = m && s.score >= m.threshold ? "ok" : "BELOW";
    return `| ${s.module} | ${s.score.toFixed(1)}% | ${m?.threshold ?? "?"}% | ${s.killed + s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.invalid} | ${verdict} |`;
  });
  return [
    "| module | score | needs | killed | survived | no coverage | invalid | |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const force = argv.includes("--force");
  const names = argv.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !findModule(n));
  if (unknown.length > 0) {
    console.error(
      `test:mutation: no module ${unknown.map((n) => `"${n}"`).join(", ")}; modules: ${MODULES.map((m) => m.name).join(", ")}`,
    );
    return 2;
  }
  const chosen = names.length > 0 ? names.map((n) => findModule(n)!) : [...MODULES];
  const scores: Score[] = [];
  for (const m of chosen) {
    console.log(`\n== ${m.name}: ${m.title}`);
    const started = Date.now();
    process.env.MUTATION_TESTS = JSON.stringify(m.testFiles);
    const results = await new Stryker(strykerOptions(m, force)).runMutationTest();
    const score = scoreOf(m.name, results);
    scores.push(score);
    const survivors = survivorLines(results);
    mkdirSync(`reports/mutation/${m.name}`, { recursive: true });
    writeFileSync(`reports/mutation/${m.name}/survivors.txt`, survivors.join("\n") + "\n");
    for (const line of survivors) console.log(`  ${line}`);
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(
      `${m.name}: ${score.score.toFixed(1)}% (${results.length} mutants, ${seconds} s); report reports/mutation/${m.name}/index.html`,
    );
  }
  console.log(`\n${table(scores)}\n`);
  const below = scores.filter((s) => s.score < (findModule(s.module)?.threshold ?? 100));
  return below.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("test:mutation failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
