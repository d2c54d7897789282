// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { FACTS, MIJN_DUO_FACTS } from "../../../eherkenning/facts.ts";
import { pageTranslator } from "../../shared/all-messages.ts";
import type { Language } from "../../shared/i18n.ts";
import { duoPeriod, renderLoginPanel } from "./login-panel.ts";

function panelText(now: string, language: Language = "nl"): { text: string; root: ShadowRoot } {
  const { root } = renderLoginPanel({
    t: pageTranslator(language),
    language,
    middelLevel: null,
    now: new Date(now),
    onDismiss: () => undefined,
    onOpenOptions: () => undefined,
  });
  return { text: (root.textContent ?? "").replace(/\s+/g, " "), root };
}

describe("the Mijn DUO login panel", () => {
  it("gives the guidance of the judgement date: before 2022, during 2022, after DUO's date", () => {
    expect(duoPeriod(new Date("2021-12-31T12:00:00+01:00"))).toBe("before");
    expect(duoPeriod(new Date("2022-01-01T00:00:00+01:00"))).toBe("during");
    expect(duoPeriod(new Date("2022-12-30T23:59:00+01:00"))).toBe("during");
    expect(duoPeriod(new Date("2022-12-31T00:00:00+01:00"))).toBe("after");

    expect(panelText("2021-11-20T12:00:00Z").text).toContain(
      "Nieuwe gebruikers loggen vanaf 1 januari 2022 in met eHerkenning.",
    );
    const during = panelText("2022-06-15T12:00:00Z").text;
    expect(during).toContain("DUO vraagt iedereen om vóór 31 december 2022 over te stappen.");
    expect(during).toContain("Tot dan kunt u uw DUO-token blijven gebruiken.");
    const after = panelText("2023-02-01T12:00:00Z");
    const guidance = [...after.root.querySelectorAll(".panel > p")]
      .map((p) => p.textContent)
      .join(" ");
    expect(guidance).toContain(
      "DUO vroeg iedereen om vóór 31 december 2022 over te stappen op eHerkenning.",
    );
    expect(guidance).toContain("Vraag de beheerder van Mijn DUO in uw organisatie");
    expect(guidance).not.toContain("Tot dan kunt u uw DUO-token blijven gebruiken.");
  });

  it("shows only published facts, each with a link to its source", () => {
    const { root } = panelText("2022-06-15T12:00:00Z");
    const items = [...root.querySelectorAll(".facts li")];
    expect(items).toHaveLength(MIJN_DUO_FACTS.length);
    for (const [i, fact] of MIJN_DUO_FACTS.entries()) {
      expect(items[i]?.textContent).toContain(fact.nl.slice(0, 20));
      expect(items[i]?.querySelector("a")?.getAttribute("href")).toBe(fact.source.url);
    }
  });

  it("never shows the simulation's invented sector days or words", () => {
    for (const now of ["2021-11-20", "2022-03-08", "2022-06-15", "2023-02-01", "2026-12-03"]) {
      for (const language of ["nl", "en"] as const) {
        const { text } = panelText(`${now}T12:00:00Z`, language);
        expect(text).not.toMatch(/maart 2022|april 2022|mei 2022|juni 2022|september 2022/);
        expect(text).not.toMatch(/March 2022|April 2022|May 2022|June 2022|September 2022/);
        expect(text).not.toMatch(
          /\b(?:pilot|ROC|AOC|vavo)\b|sector by sector|per sector|uitgefaseerd|phased out/i,
        );
        const days = [...text.matchAll(/\d{1,2} \p{L}+ \d{4}/gu)].map((m) => m[0]);
        const published = Object.values(FACTS).flatMap((f) => ("day" in f ? [f.day] : []));
        expect(days.length).toBeGreaterThan(0);
        for (const day of days) {
          expect(
            published.map((d) =>
              new Date(`${d}T12:00:00Z`).toLocaleDateString(language === "nl" ? "nl-NL" : "en-GB", {
                day: "numeric",
                month: "long",
                year: "numeric",
              }),
            ),
          ).toContain(day);
        }
      }
    }
  });

  it("writes 'weet mogelijk' as DUO did, not 'weet dat vaak'", () => {
    const { text } = panelText("2022-06-15T12:00:00Z");
    expect(text).toContain("De afdeling HR of financiën weet dat mogelijk.");
    expect(text).not.toContain("vaak");
  });
});
