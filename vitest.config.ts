import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", "e2e/example-*/**", ".stryker-tmp/**"],
    testTimeout: 20_000,
  },
});
