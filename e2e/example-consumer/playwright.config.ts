import { defineConfig } from "@playwright/test";

// The eh-overstap fixtures start their own Chromium (with the extension and the
// replica host names), so this project needs no browser settings of its own.
export default defineConfig({
  testDir: "tests",
  workers: 2,
  reporter: "list",
});
