// Lint: the recommended TypeScript rules with type information, and prettier
// left in charge of formatting. A warning fails `npm test` (--max-warnings 0).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Files under `folder` may not import from the sibling folders named in `forbidden`. */
function importDirection(folder, forbidden) {
  const part = folder.split("/").pop();
  return [
    {
      files: [`${folder}/**/*.ts`],
      ignores: [`${folder}/**/*.test.ts`, `${folder}/**/*.spec.ts`],
      rules: {
        "no-restricted-imports": [
          "error",
          {
            patterns: forbidden.map((other) => ({
              group: [`**/${other}/**`, `../${other}`, `../${other}/**`],
              message: `mock-idp/${part}/ must not import from mock-idp/${other}/ (see eslint.config.js: import direction).`,
            })),
          },
        ],
      },
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "node_modules/",
      "test-results/",
      "playwright-report/",
      "e2e/example-*/node_modules/",
      ".cache/",
      ".stryker-tmp/",
      "reports/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always"],
      "no-console": "off",
    },
  },
  {
    // The shared module runs in a service worker, a page and Node alike.
    files: ["eherkenning/**/*.ts"],
    ignores: ["eherkenning/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "express"] }],
      "no-restricted-globals": ["error", "document", "window", "DOMParser", "process", "Buffer"],
    },
  },
  // mock-idp's import direction: world/ (the simulated world) and saml-core/
  // (shared SAML code) are ground both sides stand on; the makelaar, the SP
  // library and the replica sites never reach into each other. Tests may
  // compose the parts (a replica test may start a makelaar).
  ...importDirection("mock-idp/world", ["makelaar", "sp", "replica", "saml-core"]),
  ...importDirection("mock-idp/saml-core", ["makelaar", "sp", "replica", "world"]),
  ...importDirection("mock-idp/shared", ["makelaar", "sp", "replica", "world", "saml-core"]),
  ...importDirection("mock-idp/sp", ["makelaar", "replica", "world"]),
  ...importDirection("mock-idp/replica", ["makelaar"]),
  {
    // The makelaar's route and SAML code: one named phase per function (issue
    // #9), so a reader finds each step of a request by its name. The login
    // pages' wording (login/text.ts) is a table of sentences, not steps.
    files: [
      "mock-idp/makelaar/{saml,admin,login,msw}/**/*.ts",
      "mock-idp/makelaar/{app,endpoints,error-responses,flow,namespaces,server}.ts",
    ],
    ignores: ["mock-idp/**/*.test.ts", "mock-idp/**/*.spec.ts", "mock-idp/makelaar/login/text.ts"],
    // Lines as written: blank lines and comments count too.
    rules: { "max-lines-per-function": ["error", { max: 80 }] },
  },
  {
    // What the extension shows real people comes from the shared module's
    // sourced facts; the simulation (with its invented DUO sector days) is
    // for tests only. Extension code never imports mock-idp/.
    files: ["extension/**/*.ts"],
    ignores: ["extension/**/*.test.ts", "extension/**/*.spec.ts", "extension/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/mock-idp/**"], message: "extension/ must not show simulation data" },
          ],
        },
      ],
    },
  },
  {
    // Playwright reads a fixture's dependencies from its destructured first
    // argument, so a fixture without any must still write `{}`.
    files: ["e2e/**/*.ts", "**/*.spec.ts"],
    rules: { "no-empty-pattern": "off" },
  },
  prettier,
);
