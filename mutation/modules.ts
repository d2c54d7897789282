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

// The makelaar's protocol tests; fuzz, interop and the CLI/server/config tests
// are left out: they are slow and test other things.
const saml = (name: string) => `mock-idp/makelaar/saml/${name}.test.ts`;
const protocolTests = [saml("login"), saml("decisions"), saml("hostile")];

export const MODULES: readonly MutationModule[] = [
  {
    name: "eherkenning",
    title: "levels, catalogue parser, overstap rules",
    threshold: 80,
    mutate: ["eherkenning/**/*.ts", ...notTests],
    testFiles: ["eherkenning/**/*.test.ts"],
  },
  {
    name: "makelaar-checks",
    title: "the makelaar's request checks",
    threshold: 85,
    mutate: ["mock-idp/makelaar/saml/checks.ts", "mock-idp/makelaar/replay-ids.ts"],
    testFiles: [saml("checks"), "mock-idp/makelaar/replay-ids.test.ts", ...protocolTests],
  },
  {
    name: "makelaar-answer",
    title: "the makelaar's answer building",
    threshold: 80,
    mutate: ["mock-idp/makelaar/saml/answer.ts"],
    testFiles: [saml("canonical"), ...protocolTests],
  },
  {
    name: "makelaar-artifact",
    title: "the makelaar's artifact resolution",
    threshold: 80,
    mutate: ["mock-idp/makelaar/saml/ars.ts", "mock-idp/makelaar/artifacts.ts"],
    testFiles: ["mock-idp/makelaar/artifacts.test.ts", ...protocolTests],
  },
  {
    name: "makelaar-slo",
    title: "the makelaar's single logout",
    threshold: 80,
    mutate: ["mock-idp/makelaar/saml/slo.ts"],
    testFiles: [saml("slo")],
  },
  {
    name: "sp",
    title: "the SP library (mock-idp/sp)",
    threshold: 85,
    mutate: ["mock-idp/sp/**/*.ts", ...notTests],
    testFiles: ["mock-idp/sp/**/*.test.ts"],
  },
  {
    name: "extension",
    title: "the extension's page detectors and matchers",
    threshold: 80,
    mutate: ["extension/content/detect-*.ts", "extension/shared/match.ts", ...notTests],
    testFiles: ["extension/content/detect-*.test.ts", "extension/shared/match.test.ts"],
  },
];

export function findModule(name: string): MutationModule | undefined {
  return MODULES.find((m) => m.name === name);
}
