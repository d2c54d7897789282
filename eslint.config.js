// Lint: the recommended TypeScript rules with type information, and prettier
// left in charge of formatting. A warning fails `npm test` (--max-warnings 0).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "node_modules/",
      "test-results/",
      "playwright-report/",
      "e2e/example-consumer/node_modules/",
      ".cache/",
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
  {
    // Playwright reads a fixture's dependencies from its destructured first
    // argument, so a fixture without any must still write `{}`.
    files: ["e2e/**/*.ts", "**/*.spec.ts"],
    rules: { "no-empty-pattern": "off" },
  },
  prettier,
);
