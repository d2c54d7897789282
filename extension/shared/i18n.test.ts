import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pageTranslator } from "./all-messages.ts";
import { formatDate, resolveLanguage } from "./i18n.ts";

const read = (lang: string): Record<string, { message: string }> =>
  JSON.parse(
    readFileSync(new URL(`../public/_locales/${lang}/messages.json`, import.meta.url), "utf8"),
  ) as Record<string, { message: string }>;

describe("i18n", () => {
  it("has every Dutch message in English too, with the same placeholders", () => {
    const nl = read("nl");
    const en = read("en");
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const key of Object.keys(nl)) {
      const placeholders = (m: string | undefined) =>
        [...(m ?? "").matchAll(/\$\d/g)].map((x) => x[0]).sort();
      expect(placeholders(en[key]?.message), key).toEqual(placeholders(nl[key]?.message));
    }
  });

  it("follows the person's choice, else the browser when it is English, else Dutch", () => {
    expect(resolveLanguage("nl", "en-US")).toBe("nl");
    expect(resolveLanguage("auto", "en-GB")).toBe("en");
    expect(resolveLanguage("auto", "de")).toBe("nl");
  });

  it("fills $1 and $2", () => {
    expect(pageTranslator("en")("hintStatedDiffers", "EH2+", "EH3")).toBe(
      "The page states EH2+, the service catalogue EH3.",
    );
  });

  it("writes dates in Dutch time", () => {
    expect(formatDate(new Date("2022-12-30T23:00:00Z"), "nl")).toBe("31 december 2022");
  });
});
