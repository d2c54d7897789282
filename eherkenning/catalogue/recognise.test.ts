import { describe, expect, it } from "vitest";
import { FIXTURE_CATALOGUE } from "../fixtures/catalogue.ts";
import { PHRASINGS } from "../fixtures/phrasings.ts";
import { indexCatalogue } from "./lookup.ts";
import { recogniseService, type Recognition } from "./recognise.ts";

const index = indexCatalogue(FIXTURE_CATALOGUE);
const read = (text: string, provider?: string): Recognition =>
  recogniseService(index, { text, provider });
const named = (r: Recognition): string | null | "generic" =>
  r.kind === "service" ? r.service.service : r.kind === "generic" ? "generic" : null;

const entries = PHRASINGS.filter((p) => p.service !== undefined);

describe("recogniseService on the phrasing table", () => {
  it("never names a wrong service, and names none where the entry means none", () => {
    const wrong = entries
      .map((p) => ({ p, got: named(read(p.text, p.provider)) }))
      .filter(({ p, got }) => got !== null && got !== p.service)
      .map(({ p, got }) => `${p.text} -> ${got}`);
    expect(wrong).toEqual([]);
  });

  it("recognises at least 90% of the entries that name a catalogue service", () => {
    const naming = entries.filter((p) => typeof p.service === "string" && p.service !== "generic");
    const missed = naming.filter((p) => named(read(p.text, p.provider)) !== p.service);
    expect(naming.length).toBeGreaterThanOrEqual(40);
    expect(missed.map((p) => p.text)).toEqual(expect.any(Array) as unknown as string[]);
    expect(1 - missed.length / naming.length).toBeGreaterThanOrEqual(0.9);
  });

  it("calls every 'all services where...' entry generic", () => {
    for (const p of entries.filter((e) => e.service === "generic"))
      expect(read(p.text).kind, p.text).toBe("generic");
  });
});

describe("recogniseService", () => {
  it("is certain when the page writes the catalogue name or an alias, ignoring case, accents and punctuation", () => {
    expect(read("mijn duo voor zakelijke klanten")).toMatchObject({ confidence: "certain" });
    expect(named(read("Balie aanvraag DigiD"))).toBe("Balie-aanvraag DigiD");
    expect(read("Toegang tot mijn.rvo.nl (voormalig DR-Loket)")).toMatchObject({
      confidence: "certain",
      service: { service: "mijn.rvo.nl" },
    });
    expect(read("DR-Loket")).toMatchObject({
      confidence: "certain",
      service: { service: "mijn.rvo.nl" },
    });
  });

  it("calls a described service likely, not certain", () => {
    expect(read("UWV werkgeversportaal (alles rondom werknemersverzekeringen)")).toMatchObject({
      kind: "service",
      confidence: "likely",
      service: { service: "Werkgeversportaal", provider: "UWV" },
    });
  });

  it("an organisation on the page that is not the provider rules a service out", () => {
    expect(read("Melding bedrijfsafval").kind).toBe("service");
    expect(read("Melding bedrijfsafval (UWV)").kind).toBe("none");
    expect(read("Werkgeversportaal", "Belastingdienst").kind).toBe("none");
  });

  it("the provider column helps a short name and rules others out", () => {
    expect(named(read("Gegevensdiensten", "UWV"))).toBe("Mijn Gegevensdiensten");
    expect(named(read("Gegevensdiensten", "Belastingdienst"))).toBeNull();
  });

  it("a name shared by two services is no match without the provider", () => {
    const twice = indexCatalogue({
      providers: [
        ...FIXTURE_CATALOGUE.providers,
        {
          ...FIXTURE_CATALOGUE.providers[3]!,
          oin: "00000099000000099999",
          displayNames: [{ lang: "nl", value: "Kadaster" }],
        },
      ],
    });
    expect(recogniseService(twice, { text: "Werkgeversportaal" }).kind).toBe("none");
    expect(recogniseService(twice, { text: "Werkgeversportaal", provider: "UWV" }).kind).toBe(
      "service",
    );
  });

  it("answers bad input with no match instead of throwing", () => {
    for (const text of ["", " ", "(", "()", "<script>alert(1)</script>", "x".repeat(10_000)])
      expect(read(text).kind).toBe("none");
    expect(recogniseService(index, { text: 42 as unknown as string }).kind).toBe("none");
  });
});

describe("SERVICE_ALIASES", () => {
  it("every alias belongs to a catalogue service and every real one names its source page", async () => {
    const { SERVICE_ALIASES } = await import("./aliases.ts");
    for (const entry of SERVICE_ALIASES) {
      expect(index.byName(entry.service), entry.service).toHaveLength(1);
      const invented = entry.service === "Melding bedrijfsafval";
      for (const alias of entry.aliases) {
        if (!invented) expect(alias.source, alias.name).toMatch(/^https:\/\//);
        expect(named(read(alias.name))).toBe(entry.service);
      }
    }
  });
});
