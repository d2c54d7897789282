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
  /** Test file globs run against each mutant; a glob starting with "!" leaves files out. */
  testFiles: string[];
}

const notTests = ["!**/*.test.ts", "!**/*.spec.ts", "!**/fixtures/**", "!**/testing/**"];

// The makelaar's protocol tests that reach a module; fuzz, interop and the
// CLI/server/config tests are left out: they are slow and test other things.
// Stryker runs per mutant only the tests that cover it ("perTest"), so a test
// file listed here costs the first (dry) run, plus its import for the mutants
// it covers.
const saml = (name: string) => `mock-idp/makelaar/saml/${name}.test.ts`;

export const MODULES: readonly MutationModule[] = [
  {
    name: "eherkenning",
    title: "levels, dates, overstap rules",
    threshold: 80,
    // organisations.ts is a table of names (data, not rules); index.ts re-exports.
    mutate: [
      "eherkenning/*.ts",
      "!eherkenning/level-phrases.ts",
      "!eherkenning/organisations.ts",
      "!eherkenning/index.ts",
      ...notTests,
    ],
    testFiles: ["eherkenning/*.test.ts", "!eherkenning/level-phrases.test.ts"],
  },
  {
    name: "catalogue",
    title: "the catalogue parser, writer and lookup",
    threshold: 80,
    mutate: [
      "eherkenning/catalogue/*.ts",
      "!eherkenning/catalogue/recognise.ts",
      "!eherkenning/catalogue/aliases.ts",
      ...notTests,
    ],
    testFiles: ["eherkenning/catalogue/*.test.ts", "!eherkenning/catalogue/recognise.test.ts"],
  },
  {
    name: "planner",
    title: "the overstap planner's rules: reading the overview's values, the plan per person",
    threshold: 80,
    // The rules: which column is which, what a (cut) value says, one person
    // from many rows, and the decision per person. The file formats are the
    // planner-xlsx, planner-input and planner-output modules.
    mutate: [
      "eherkenning/planner/columns.ts",
      "eherkenning/planner/values.ts",
      "eherkenning/planner/overview.ts",
      "eherkenning/planner/plan.ts",
    ],
    testFiles: ["eherkenning/planner/**/*.test.ts"],
  },
  // The planner's file formats, in three modules (some 1800 mutants in all),
  // so each run ends within the hour on the shared machine and keeps its state.
  {
    name: "planner-xlsx",
    title: "the overstap planner's XLSX worksheets: read (both readers) and written",
    threshold: 80,
    mutate: ["eherkenning/planner/xlsx.ts"],
    testFiles: ["eherkenning/planner/**/*.test.ts"],
  },
  {
    name: "planner-input",
    title:
      "the overstap planner's input below the sheet: ZIP, XML scanning, text decoding, CSV/TSV",
    threshold: 80,
    mutate: [
      "eherkenning/planner/zip.ts",
      "eherkenning/planner/xml-scan.ts",
      "eherkenning/planner/decode.ts",
      "eherkenning/planner/table.ts",
      "eherkenning/planner/errors.ts",
    ],
    testFiles: ["eherkenning/planner/**/*.test.ts"],
  },
  {
    name: "planner-output",
    title: "the overstap planner's output: plan JSON, checklist CSV/XLSX, DUO overview, world YAML",
    threshold: 80,
    mutate: ["eherkenning/planner/export.ts", "eherkenning/planner/world.ts"],
    testFiles: ["eherkenning/planner/**/*.test.ts"],
  },
  {
    name: "makelaar-checks",
    title: "the makelaar's request checks",
    threshold: 85,
    mutate: ["mock-idp/makelaar/saml/checks.ts", "mock-idp/makelaar/replay-ids.ts"],
    // Their own tests call each check directly; the protocol tests drive them
    // over HTTP and are too slow to run per mutant.
    testFiles: [saml("checks"), "mock-idp/makelaar/replay-ids.test.ts"],
  },
  {
    name: "makelaar-answer",
    title: "the makelaar's answer building",
    threshold: 80,
    mutate: ["mock-idp/makelaar/saml/answer.ts"],
    // The answer's shape, its canonical form, the decisions it carries
    // (success and each refusal's status), and the faults a test can ask for
    // (faults.test.ts: each one changes the answer as it says);
    // hostile.test.ts tests the checks.
    testFiles: [
      saml("answer"),
      saml("canonical"),
      saml("login"),
      saml("decisions"),
      "mock-idp/makelaar/faults.test.ts",
    ],
  },
  {
    name: "makelaar-artifact",
    title: "the makelaar's artifact resolution",
    threshold: 80,
    mutate: ["mock-idp/makelaar/saml/ars.ts", "mock-idp/makelaar/artifacts.ts"],
    // The artifact format and store; the ARS's checks (ars.test.ts); resolving
    // over SOAP (hostile.test.ts: once only, unsigned ArtifactResolve); the SP
    // library's ArtifactResolve against the makelaar (request.test.ts); logins
    // by artifact (login.test.ts); the ARS over mutual TLS; the ARS faults
    // (ars-down, already resolved).
    testFiles: [
      "mock-idp/makelaar/artifacts.test.ts",
      saml("ars"),
      saml("hostile"),
      saml("login"),
      saml("mutual-tls"),
      "mock-idp/makelaar/faults.test.ts",
      "mock-idp/sp/request.test.ts",
    ],
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
    title: "the extension's page detectors (login page, level statements, listings)",
    threshold: 80,
    // The host page's selectors and text patterns (selectors.ts) are data.
    mutate: ["extension/content/detect-*.ts", ...notTests],
    testFiles: ["extension/content/detect-*.test.ts"],
  },
  {
    name: "matchers",
    title: "the matchers the extension uses: the service recogniser and level phrases",
    threshold: 80,
    // Their vocabularies (stop words, synonyms, level words) are marked
    // "Stryker disable" in the source as data; the rules that use them are mutated.
    mutate: ["eherkenning/catalogue/recognise.ts", "eherkenning/level-phrases.ts"],
    testFiles: ["eherkenning/catalogue/recognise.test.ts", "eherkenning/level-phrases.test.ts"],
  },
];

export function findModule(name: string): MutationModule | undefined {
  return MODULES.find((m) => m.name === name);
}
