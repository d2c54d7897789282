import { defineConfig } from "@playwright/test";
import type { KitOptions } from "eh-overstap/playwright";

// One makelaar and one Bedrijvenloket for the whole run, as a team runs its
// own service: Playwright starts both (webServer) on fixed ports, and the kit
// gives every worker its own namespace in the makelaar, so 4 workers never
// see each other's clock, logins or faults. npm run test:consumer passes free
// ports in MAKELAAR_PORT and SERVICE_PORT.
const makelaarPort = Number(process.env["MAKELAAR_PORT"] ?? 7450);
const servicePort = Number(process.env["SERVICE_PORT"] ?? 7451);
const makelaarUrl = `http://127.0.0.1:${makelaarPort}`;
const serviceUrl = `http://127.0.0.1:${servicePort}`;

export default defineConfig<KitOptions>({
  testDir: "tests",
  fullyParallel: true,
  workers: 4,
  forbidOnly: !!process.env["CI"],
  reporter: "list",
  use: {
    baseURL: serviceUrl,
    makelaarOptions: { url: makelaarUrl },
    browserOptions: { extensionPath: null },
  },
  webServer: [
    {
      // Writes the service's TEST keys, metadata and catalogue, then starts it.
      command: "node scripts/prepare-test-sp.mjs && node service/server.mjs",
      url: `${serviceUrl}/`,
      env: { PORT: String(servicePort), MAKELAAR_URL: makelaarUrl },
      reuseExistingServer: false,
    },
    {
      command: `npx eh-overstap makelaar --port ${makelaarPort} --config world.yaml`,
      url: `${makelaarUrl}/broker/metadata/1.13`,
      reuseExistingServer: false,
    },
  ],
});
