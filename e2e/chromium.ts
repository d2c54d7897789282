// Where the Chromium binary is, in the order the README promises:
// CHROMIUM_PATH, Playwright's own browser if installed, Debian's /usr/bin/chromium.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export function chromiumPath(): string {
  const fromEnv = process.env["CHROMIUM_PATH"];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const playwrightOwn = chromium.executablePath();
  if (playwrightOwn && existsSync(playwrightOwn)) return playwrightOwn;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  throw new Error(
    "No Chromium found: set CHROMIUM_PATH, or install Debian's chromium (apt-get install chromium)",
  );
}

/** Flags every Chromium we start needs on a headless, offline machine. */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
