// npm run test:consumer: proves an outside project can import the kit. Builds
// the kit, installs this package into e2e/example-consumer the way npm
// installs a dependency (packed, not linked), then runs that project's suite.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const consumer = fileURLToPath(new URL("../e2e/example-consumer/", import.meta.url));

function run(step: string, command: string, args: string[], cwd: string): void {
  const started = performance.now();
  console.log(`test:consumer: ${step}…`);
  const result = spawnSync(command, args, { cwd, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`test:consumer: ${step} failed (exit ${String(result.status ?? result.signal)})`);
    process.exit(result.status ?? 1);
  }
  console.log(`test:consumer: ${step} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

run("compile the kit", "npx", ["tsc", "-p", "tsconfig.kit.json"], root);
// npm keeps an installed file: dependency of the same version; remove it so the
// consumer always gets this checkout.
rmSync(`${consumer}node_modules/eh-overstap`, { recursive: true, force: true });
run(
  "install eh-overstap into the example consumer",
  "npm",
  [
    "install",
    "--install-links",
    "--no-package-lock",
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
  ],
  consumer,
);
run("run the example consumer's suite", "npx", ["playwright", "test"], consumer);
