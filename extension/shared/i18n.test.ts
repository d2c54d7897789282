import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pageTranslator } from "./all-messages.ts";
import { formatDate, pageLanguageOf, pluralKey, resolveLanguage } from "./i18n.ts";

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

  it("follows the person's choice, else the page, else the browser when it is English, else Dutch", () => {
    expect(resolveLanguage("nl", "en-US", { lang: "en" })).toBe("nl");
    expect(resolveLanguage("en", "nl", { lang: "nl" })).toBe("en");
    expect(resolveLanguage("auto", "en-GB", { lang: "nl-NL" })).toBe("nl");
    expect(resolveLanguage("auto", "nl", { lang: "en" })).toBe("en");
    expect(resolveLanguage("auto", "en-GB")).toBe("en");
    expect(resolveLanguage("auto", "de")).toBe("nl");
    expect(resolveLanguage("auto", "en-GB", { lang: "de", text: "Der Dienst" })).toBe("en");
  });

  it("reads the page's language from its own words when its lang attribute says nothing", () => {
    const dutch =
      "Met eHerkenning logt u in bij de overheid. Vraag uw middel aan bij een leverancier en kies het niveau dat de dienst vraagt.";
    const english =
      "With eHerkenning you log in to the government. Request your means from a supplier and choose the level that the service asks for.";
    expect(pageLanguageOf({ text: dutch })).toBe("nl");
    expect(pageLanguageOf({ lang: "", text: english })).toBe("en");
    expect(pageLanguageOf({ text: "EH3 EH2+ eIDAS" })).toBeUndefined();
    expect(resolveLanguage("auto", "en-US", { text: dutch })).toBe("nl");
    expect(resolveLanguage("auto", "nl-NL", { text: english })).toBe("en");
  });

  it("uses plural forms in both languages: 1 dienst, 2 diensten, 0 diensten", () => {
    for (const [language, one, many] of [
      ["nl", "1 dienst uit", "2 diensten uit"],
      ["en", "1 service from", "2 services from"],
    ] as const) {
      const t = pageTranslator(language);
      expect(t(pluralKey("listingSummary", 1, language), 1)).toContain(one);
      expect(t(pluralKey("listingSummary", 2, language), 2)).toContain(many);
      expect(t(pluralKey("listingSummary", 0, language), 0)).toContain(many.replace("2", "0"));
    }
  });

  it("has no count written before a plural noun outside a plural form", () => {
    for (const lang of ["nl", "en"]) {
      for (const [key, { message }] of Object.entries(read(lang))) {
        if (key.endsWith("_other")) continue;
        expect(message, `${lang} ${key}`).not.toMatch(
          /\$\d\s+(?:diensten|services|dagen|days|gebruikers|users|niveaus|levels)\b|\b1\s+(?:diensten|services)\b/,
        );
      }
      const keys = Object.keys(read(lang));
      for (const key of keys.filter((k) => k.endsWith("_one")))
        expect(keys, key).toContain(key.replace(/_one$/, "_other"));
    }
  });

  it("fills $1 and $2", () => {
    expect(pageTranslator("en")("hintStatedDiffers", "EH2+", "EH3")).toBe(
      "The page states EH2+. The service catalogue states EH3.",
    );
  });

  it("writes dates in Dutch time", () => {
    expect(formatDate(new Date("2022-12-30T23:00:00Z"), "nl")).toBe("31 december 2022");
  });
});
