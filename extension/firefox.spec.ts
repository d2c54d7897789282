// The Firefox build in Debian's firefox-esr, driven by puppeteer-core (Playwright
// cannot load extensions into Firefox): it annotates the replica login page and
// a replica listing. Firefox reaches the harness through a CONNECT proxy.
import { existsSync } from "node:fs";
import { test, expect } from "@playwright/test";
import puppeteer, { type Browser } from "puppeteer-core";
import { startHarness, type Harness } from "../mock-idp/harness.ts";
import { startConnectProxy, type ConnectProxy } from "./testing/connect-proxy.ts";
import { FIREFOX_BUILD } from "./testing/fixtures.ts";

const FIREFOX = process.env["FIREFOX_PATH"] ?? "/usr/bin/firefox-esr";

test.describe("Firefox build in firefox-esr", () => {
  test.describe.configure({ mode: "serial", timeout: 90_000 });
  let harness: Harness;
  let proxy: ConnectProxy;
  let browser: Browser;

  test.beforeAll(async () => {
    if (!existsSync(FIREFOX))
      throw new Error(`No Firefox at ${FIREFOX}: install firefox-esr or set FIREFOX_PATH`);
    harness = await startHarness({ port: 0 });
    proxy = await startConnectProxy(harness.port);
    browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        "network.proxy.type": 1,
        "network.proxy.ssl": "127.0.0.1",
        "network.proxy.ssl_port": proxy.port,
        "network.proxy.share_proxy_settings": false,
        "intl.locale.requested": "nl",
      },
    });
    await browser.installExtension(FIREFOX_BUILD);
  });

  test.afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
    await harness?.stop();
  });

  test("annotates the Mijn DUO login page with EH3 and the machtiging", async () => {
    const page = await browser.newPage();
    await page.goto("https://mijn.duo.nl/");
    const host = await page.waitForSelector("[data-eh-overstap='login-panel']", {
      timeout: 15_000,
    });
    const text = await host?.evaluate((h) => h.shadowRoot?.textContent ?? "");
    expect(text).toContain("EH3");
    expect(text).toContain("Mijn DUO voor zakelijke klanten");
    expect(proxy.requestedHosts).toContain("mijn.duo.nl");
    // Styled inside its shadow root (constructed sheet or <style> fallback).
    const background = await host?.evaluate((h) => {
      const panel = h.shadowRoot?.querySelector(".panel");
      return panel ? getComputedStyle(panel).backgroundColor : "";
    });
    expect(background).toBe("rgb(243, 246, 250)");
    await page.close();
  });

  test("badges the services of the aangesloten-organisaties table", async () => {
    const page = await browser.newPage();
    await page.goto("https://www.eherkenning.nl/aangesloten-organisaties");
    await page.waitForSelector("[data-eh-overstap='listing-badge']", { timeout: 15_000 });
    const rbg = await page.evaluate(() =>
      [...document.querySelectorAll("tr")]
        .filter((row) => row.textContent?.includes("Mijn RBG"))
        .flatMap((row) =>
          [...row.querySelectorAll("[data-eh-overstap]")].map(
            (h) => h.shadowRoot?.textContent ?? "",
          ),
        ),
    );
    expect(rbg.join(" ")).toMatch(/EH3.*EH2\+/);
    await page.close();
  });
});
