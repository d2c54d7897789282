// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { pageTranslator } from "../../shared/all-messages.ts";
import type { ServiceAnswer } from "../../shared/messages.ts";
import { renderBadge } from "./badge.ts";
import { renderLevelPanel } from "./level-panel.ts";

const hostile = "<img src=x onerror=\"document.title='pwned'\">Mijn <b>RBG</b>";
const answer: ServiceAnswer = {
  service: hostile,
  provider: "<script>alert(1)</script>",
  serviceUUID: "u-1",
  level: "EH3",
  confidence: "certain",
  hints: [{ kind: "statedDiffers", stated: ["EH2+"], orHigher: false, catalogue: "EH3" }],
};
const t = pageTranslator("nl");

describe("injected UI and hostile catalogue text", () => {
  it("shows markup in a service name as text in a badge", () => {
    const { host, root } = renderBadge({
      answer,
      t,
      language: "nl",
      kind: "listing",
      showName: true,
    });
    document.body.append(host);
    expect(root.querySelector("img, b, script")).toBeNull();
    expect(root.textContent).toContain(hostile);
    expect(root.querySelector("[role=note]")?.getAttribute("aria-label")).toContain(hostile);
    expect(document.title).not.toBe("pwned");
  });

  it("shows markup in names and providers as text in the level panel", () => {
    const { root } = renderLevelPanel({
      t,
      language: "nl",
      pageLevel: "EH2+",
      services: [{ ...answer, hints: [], enough: false }],
      onDismiss: () => undefined,
      onOpenOptions: () => undefined,
    });
    expect(root.querySelector("img, b, script")).toBeNull();
    expect(root.textContent).toContain(hostile);
    expect(root.textContent).toContain("<script>alert(1)</script>");
  });

  it("flags a stated level that disagrees with the catalogue", () => {
    const { root } = renderBadge({ answer, t, language: "nl", kind: "listing" });
    expect(root.querySelector(".badge.warn")?.textContent).toBe("⚠ op de pagina: EH2+");
  });

  it("puts everything in a shadow root with the reset and a prefixed id", () => {
    const { host, root } = renderBadge({ answer, t, language: "en", kind: "listing" });
    expect(host.shadowRoot).toBe(root);
    expect(host.id).toMatch(/^eh-overstap-listing-badge-/);
    const css = [
      ...root.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)),
      root.querySelector("style")?.textContent ?? "",
    ].join("");
    expect(css.replace(/\s/g, "")).toContain(":host{all:initial;");
  });
});

describe("badges", () => {
  it("show a likely match as such, with the service and its provider", () => {
    const { root } = renderBadge({
      answer: {
        ...answer,
        service: "Werkgeversportaal",
        provider: "UWV",
        confidence: "likely",
        hints: [],
      },
      t,
      language: "nl",
      kind: "level",
    });
    expect(root.textContent).toContain("waarschijnlijk: Werkgeversportaal (UWV)");
    expect(root.querySelector("[role=note]")?.getAttribute("aria-label")).toMatch(
      /^waarschijnlijk: Werkgeversportaal \(UWV\): niveau EH3/,
    );
  });

  it("name a stated set of levels with 'of', and 'of hoger' for a minimum", () => {
    const differs = (stated: ServiceAnswer["hints"][number]) =>
      renderBadge({
        answer: { ...answer, service: "Mijn RBG", hints: [stated] },
        t,
        language: "nl",
        kind: "listing",
      }).root.textContent;
    expect(
      differs({
        kind: "statedDiffers",
        stated: ["EH2", "EH2+"],
        orHigher: false,
        catalogue: "EH3",
      }),
    ).toContain("⚠ op de pagina: EH2 of EH2+");
    expect(
      differs({
        kind: "statedDiffers",
        stated: ["EH1", "EH2", "EH2+"],
        orHigher: false,
        catalogue: "EH3",
      }),
    ).toContain("EH1, EH2 of EH2+");
    expect(
      differs({ kind: "statedDiffers", stated: ["EH4"], orHigher: true, catalogue: "EH3" }),
    ).toContain("EH4 of hoger");
  });
});

describe("injected roots", () => {
  it("carry the language of their text, for screen readers", () => {
    for (const language of ["nl", "en"] as const) {
      const { host } = renderBadge({
        answer,
        t: pageTranslator(language),
        language,
        kind: "listing",
      });
      expect(host.lang).toBe(language);
      const panel = renderLevelPanel({
        t: pageTranslator(language),
        language,
        pageLevel: "EH3",
        services: [],
        onDismiss: () => undefined,
        onOpenOptions: () => undefined,
      });
      expect(panel.host.lang).toBe(language);
    }
  });
});
