import { chromium } from "@playwright/test";
import { resolve } from "node:path";
import { startHarness } from "../../mock-idp/harness.ts";
import { CHROMIUM_FLAGS, chromiumPath } from "../../e2e/chromium.ts";
const harness = await startHarness({ port: 0 });
const dist = resolve("dist/chromium");
const ctx = await chromium.launchPersistentContext("", {
  executablePath: chromiumPath(),
  headless: true,
  ignoreHTTPSErrors: true,
  args: [
    ...CHROMIUM_FLAGS,
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    "--disable-features=DisableLoadExtensionCommandLineSwitch",
    `--host-resolver-rules=${harness.hostResolverRules}`,
  ],
  viewport: { width: 1280, height: 900 },
  ignoreDefaultArgs: ["--disable-extensions"],
});
const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent("serviceworker"));
console.log("sw", sw.url());
for (const [name, url] of [
  ["login", "https://mijn.duo.nl/"],
  ["table", "https://www.eherkenning.nl/aangesloten-organisaties"],
  ["cards", "https://www.eherkenning.nl/aanvragen/machtigingen"],
  ["eh3", "https://www.eherkenning.nl/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh3"],
]) {
  const page = await ctx.newPage();
  page.on("console", (m) => console.log(name, "console:", m.text()));
  await page.goto(url!);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/explore-${name}.png`, fullPage: true });
  const html = await page.content();
  (await import("node:fs")).writeFileSync(`/tmp/explore-${name}.html`, html);
  console.log(name, await page.locator("[data-eh-overstap]").count());
}
await ctx.close();
await harness.stop();
