import { defineConfig } from "@playwright/test";
import { CHROMIUM_FLAGS, chromiumPath } from "./e2e/chromium.ts";

export default defineConfig({
  testMatch: "**/*.spec.ts",
  testIgnore: ["**/node_modules/**", "e2e/example-*/**", "**/.stryker-tmp/**"],
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env["CI"],
  retries: 0,
  timeout: 30_000,
  reporter: process.env["CI"] ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    headless: true,
    ignoreHTTPSErrors: true,
    launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_FLAGS] },
    trace: "retain-on-failure",
  },
});
