// The modules that mutation testing measures, each with the source files
// Stryker mutates and the unit tests that must kill those mutants. A module's
// tests are its own colocated tests only, so a score says how well the module's
// own tests guard its rules, and one module re-tests in minutes on 2 cores.

export interface MutationModule {
  /** Short name used on the command line: `npm run test:mutation -- sp`. */
  name: string;
  /** What the module decides, for the summary table. */
  title: string;
  /** The score below which `npm run test:mutation` exits non-zero. */
  threshold: number;
  /** Source globs Stryker mutates (tests and fixtures are never mutated). */
  mutate: string[];
  /** Test file globs run against each mutant. */
  testFiles: string[];
}

const notTests = ["!**/*.test.ts", "!**/*.spec.ts", "!**/fixtures/**", "!**/testing/**"];

export const MODULES: readonly MutationModule[] = [
  {
    name: "eherkenning",
    title: "levels, catalogue parser, overstap rules",
    threshold: 80,
    mutate: ["eherkenning/**/*.ts", ...notTests],
    testFiles: ["eherkenning/**/*.test.ts"],
  },
];

export function findModule(name: string): MutationModule | undefined {
  return MODULES.find((m) => m.name === name);
}
