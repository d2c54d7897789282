import { beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_CATALOGUE } from "../fixtures/catalogue.ts";
import { PHRASINGS } from "../fixtures/phrasings.ts";
import { indexCatalogue, type CatalogueIndex } from "./lookup.ts";
import { recogniseService, type PageEntry, type Recognition } from "./recognise.ts";

// Each test builds its own index, so its recogniser too: no test depends on
// another having built it, and mutation testing sees every test reach the
// building (the recogniser is kept per index).
let index: CatalogueIndex;
beforeEach(() => {
  index = indexCatalogue(FIXTURE_CATALOGUE);
});
const read = (text: string, provider?: string): Recognition =>
  recogniseService(index, { text, provider });
const named = (r: Recognition): string | null | "generic" =>
  r.kind === "service" ? r.service.service : r.kind === "generic" ? "generic" : null;

const entries = PHRASINGS.filter((p) => p.service !== undefined);

/** The fixture catalogue plus a copy of UWV's services under another provider name. */
function withUwvCopy(providerName: string, names?: readonly string[]): CatalogueIndex {
  const uwv = FIXTURE_CATALOGUE.providers[3]!;
  const definitions = names
    ? names.map((value, i) => ({ ...uwv.definitions[i]!, names: [{ lang: "nl", value }] }))
    : uwv.definitions;
  return indexCatalogue({
    providers: [
      ...FIXTURE_CATALOGUE.providers,
      {
        ...uwv,
        oin: "00000099000000099999",
        displayNames: [{ lang: "nl", value: providerName }],
        definitions,
      },
    ],
  });
}

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

  it("names the service of every entry the thresholds were set on (all but the held-out ones)", () => {
    const tuned = entries.filter((p) => !p.heldOut && p.service !== null);
    const missed = tuned
      .map((p) => ({ p, got: named(read(p.text, p.provider)) }))
      .filter(({ p, got }) => got !== p.service)
      .map(({ p, got }) => `${p.text} -> ${got}`);
    expect(tuned.length).toBeGreaterThanOrEqual(50);
    expect(missed).toEqual([]);
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
    const twice = withUwvCopy("Kadaster");
    expect(recogniseService(twice, { text: "Werkgeversportaal" }).kind).toBe("none");
    expect(recogniseService(twice, { text: "Werkgeversportaal", provider: "UWV" }).kind).toBe(
      "service",
    );
  });

  it("a shared name goes to the service whose provider the column names, also by a name no organisation has", () => {
    const twice = withUwvCopy("Werkgeversloket Noord");
    const got = recogniseService(twice, {
      text: "Werkgeversportaal",
      provider: "Werkgeversloket Noord",
    });
    expect(got).toMatchObject({
      confidence: "certain",
      service: { provider: "Werkgeversloket Noord" },
    });
  });

  it("names nothing when one part of the entry is a name two services share, though another part names one", () => {
    const twice = withUwvCopy("Werkgeversloket Noord");
    expect(
      recogniseService(twice, { text: "Werkgeversportaal – Berichtenbox voor bedrijven" }).kind,
    ).toBe("none");
    expect(
      named(recogniseService(index, { text: "Werkgeversportaal – Berichtenbox voor bedrijven" })),
    ).toBe("Werkgeversportaal");
  });

  it("calls 'all services' generic also after 'Toegang tot', 'Inloggen bij', 'Log in to' or 'Access to'", () => {
    for (const text of [
      "Toegang tot alle diensten van de provincie",
      "Inloggen bij alle diensten van de gemeente",
      "Inloggen op alle overheidsdiensten",
      "Login to all services of the province",
      "Log in at any service of the municipality",
      "Access to all services of the province",
      "Logging in to various government services",
      "Toegang tot: inloggen bij alle diensten van de gemeente",
    ])
      expect(read(text).kind, text).toBe("generic");
  });

  it("calls 'services where...' generic wherever it stands, 'all/any ... services/organisations' only at the start", () => {
    expect(read("Diensten waarvoor eHerkenning niveau 3 nodig is").kind).toBe("generic");
    expect(read("Services requiring eHerkenning level 3").kind).toBe("generic");
    expect(read("Any government organisation").kind).toBe("generic");
    expect(read("All participating organizations").kind).toBe("generic");
    expect(read("Werkgeversportaal: veel diensten voor werkgevers")).toMatchObject({
      kind: "service",
      service: { service: "Werkgeversportaal" },
    });
  });

  it("leaves a level written into the name out of it, so the name stays certain", () => {
    for (const level of [
      "eHerkenning niveau 3",
      "eHerkenningniveau 3",
      "eHerkenning betrouwbaarheidsniveau 3",
      "eHerkenning beveiligingsniveau 2+",
      "e-Herkenning 3",
      "eH3",
      "EH-3",
      "betrouwbaarheidsniveau 3",
      "zekerheidsniveau 3",
      "niveau 2 plus",
      "niveau - 3",
      "level 3",
      "LoA 3",
    ]) {
      const text = `Werkgeversportaal ${level}`;
      expect(read(text), text).toMatchObject({
        confidence: "certain",
        service: { service: "Werkgeversportaal" },
      });
    }
  });

  it("takes a former name in a note as the service's name", () => {
    for (const text of [
      "Subsidieportaal (voormalig DR-Loket)",
      "Subsidieportaal [voormalige DR-Loket]",
      "Subsidieportaal (voorheen: DR-Loket)",
      "Subsidieportaal (formerly DR-Loket)",
    ])
      expect(read(text), text).toMatchObject({
        confidence: "certain",
        service: { service: "mijn.rvo.nl" },
      });
    expect(read("Subsidieportaal (DR-Loket)").kind).toBe("none");
  });

  it("leaves an example clause after the name out of it, so the name stays certain", () => {
    for (const text of [
      "Mijn Kadaster, bijvoorbeeld voor een uittreksel",
      "Mijn Kadaster bijv. kadastrale kaart",
      "Mijn Kadaster bv kaart",
      "Mijn Kadaster zoals kadastrale informatie",
      "Mijn Kadaster, e.g. to look up a parcel",
      "Mijn Kadaster eg parcels",
      "Mijn Kadaster, for example parcels",
      "Mijn Kadaster, such as parcel data",
    ])
      expect(read(text), text).toMatchObject({
        confidence: "certain",
        service: { service: "Mijn Kadaster" },
      });
  });

  it("leaves who a service is for ('voor notarissen', 'for notaries') out of its name, but not 'voor het ...'", () => {
    for (const text of ["Mijn Kadaster voor notarissen", "Mijn Kadaster for notaries"])
      expect(read(text), text).toMatchObject({
        confidence: "certain",
        service: { service: "Mijn Kadaster" },
      });
    expect(read("Werkgeversportaal voor het UWV")).toMatchObject({ confidence: "likely" });
  });

  it("is certain of a name written with other plural and inflection endings", () => {
    for (const [text, service] of [
      ["Elektronisch formulier", "Elektronische formulieren"],
      ["EU Portals", "EU Portalen"],
      ["EU Portaal", "EU Portalen"],
      ["Mijn Gegevensdienst", "Mijn Gegevensdiensten"],
      ["Werkgeversportal", "Werkgeversportaal"],
    ] as const)
      expect(read(text), text).toMatchObject({ confidence: "certain", service: { service } });
  });

  it("forgives one wrong, missing or extra letter in a long word, not two", () => {
    for (const text of [
      "Internet Schooldosier",
      "Internet Schooldosssier",
      "Internet Schooldassier",
      "Internet Schooldossierr",
    ])
      expect(read(text), text).toMatchObject({
        confidence: "likely",
        service: { service: "Internet Schooldossier" },
      });
    expect(read("Internet Shcooldossier").kind).toBe("none");
    expect(read("Internet Schooldosierr").kind).toBe("none");
  });

  it("takes a provider column that names the catalogue provider, also one that is no known organisation", () => {
    // "Openbare ruimte" covers most of "Melding openbare ruimte": enough only with its provider.
    expect(read("Openbare ruimte").kind).toBe("none");
    expect(named(read("Openbare ruimte", "Gemeente Zuiderwaard"))).toBe("Melding openbare ruimte");
    expect(named(read("Openbare ruimte", "Zuiderwaard"))).toBe("Melding openbare ruimte");
    expect(read("Openbare ruimte", "Gemeente Noordwaard").kind).toBe("none");
    expect(named(read("Gegevensdiensten", "Uitvoeringsinstituut Werknemersverzekeringen"))).toBe(
      "Mijn Gegevensdiensten",
    );
  });

  it("rules a service out for another organisation in the entry's own text, also when it only describes the service", () => {
    expect(read("Melding bedrijfsafval van UWV").kind).toBe("none");
    expect(read("Het werkgeversportaal van UWV").kind).toBe("service");
    expect(read("Het werkgeversportaal van de Belastingdienst").kind).toBe("none");
  });

  it("reads an organisation written with a possessive 's as that organisation", () => {
    expect(read("Belastingdienst's werkgeversportaal").kind).toBe("none");
    expect(read("The Belastingdienst’s employer portal").kind).toBe("none");
    expect(read("UWV's werkgeversportaal")).toMatchObject({
      service: { service: "Werkgeversportaal" },
      score: 1.05,
    });
  });

  it("counts a name's own organisation as covered when the provider offers it, even unwritten", () => {
    expect(read("Uitwisselingsdiensten")).toMatchObject({
      confidence: "likely",
      service: { service: "Inlichtingenbureau Uitwisselingsdiensten" },
    });
  });

  it("takes words in a note as evidence for a name's words, read with the same synonyms", () => {
    expect(read("Schooldossier").kind).toBe("none");
    expect(named(read("Schooldossier (internet)"))).toBe("Internet Schooldossier");
    expect(read("Formulieren").kind).toBe("none");
    expect(named(read("Formulieren (electronic)"))).toBe("Elektronische formulieren");
  });

  it("is only likely, not certain, of a name translated word by word", () => {
    expect(read("Electronic forms")).toMatchObject({
      confidence: "likely",
      service: { service: "Elektronische formulieren" },
    });
  });

  it("forgives no wrong letter in a word shorter than seven letters", () => {
    expect(read("STAB Opleidersportaal").kind).toBe("none");
    // "bedrijf" and "bedrijven" (stem "bedrijv") are seven letters: long enough.
    expect(named(read("Berichtenbox voor bedrijf"))).toBe("Berichtenbox voor bedrijven");
  });

  it("lets a name of common words only ('Mijn' and an organisation) match likely only with the organisation in the entry", () => {
    expect(read("RBG Mijn")).toMatchObject({
      confidence: "likely",
      service: { service: "Mijn RBG" },
    });
    expect(read("Kadaster Mijn")).toMatchObject({
      confidence: "likely",
      service: { service: "Mijn Kadaster" },
    });
    expect(read("Mijn", "RBG").kind).toBe("none");
    expect(read("Mijn eigen RBG").kind).toBe("none");
  });

  it("refuses a name buried in many words of its own", () => {
    expect(named(read("Zorgregister huisartsen"))).toBe("Zorgregister");
    expect(read("Zorgregister huisartsen tandartsen apothekers fysiotherapeuten").kind).toBe(
      "none",
    );
  });

  it("scores a full description 1, less for every word the entry adds, and 0.05 more when the provider is named", () => {
    const full = read("Werkgevers portaal");
    const more = read("Werkgevers portaal ziekmelden");
    const most = read("Werkgevers portaal ziekmelden verzuim");
    const withProvider = read("Werkgevers portaal (UWV)");
    expect(full).toMatchObject({ confidence: "likely", score: 1 });
    if (more.kind !== "service" || most.kind !== "service" || withProvider.kind !== "service")
      throw new Error("not recognised");
    expect(more.score).toBeLessThan(1);
    expect(most.score).toBeLessThan(more.score);
    expect(most.score).toBeGreaterThan(0.6);
    expect(withProvider.score).toBeCloseTo(1.05, 10);
  });

  it("scores a service by the name of it that fits best, not the last one tried", () => {
    const score = (text: string): number => {
      const r = read(text);
      return r.kind === "service" ? r.score : 0;
    };
    // The catalogue name fits both; the service's other names (aliases) fit less.
    expect(score("DUO voor zakelijke klanten")).toBe(score("Zakelijke klanten van DUO"));
    expect(score("DUO voor zakelijke klanten")).toBeGreaterThan(0.8);
  });

  it("names the service clearly ahead of the others an entry describes, and none of two about equal", () => {
    expect(named(read("Melding bedrijfsafval of openbare ruimte"))).toBe("Melding openbare ruimte");
    expect(named(read("Melding openbare ruimte of bedrijfsafval"))).toBe("Melding openbare ruimte");
    expect(read("EU-portaal en RIO-portaal").kind).toBe("none");
  });

  it("reads no further than an entry's first 300 characters", () => {
    expect(read(`${" ".repeat(300)}Werkgeversportaal`).kind).toBe("none");
    expect(named(read(`${" ".repeat(280)}Werkgeversportaal`))).toBe("Werkgeversportaal");
  });

  it("takes the part of a catalogue name before its brackets as a name too", () => {
    expect(read("VOG klaarzetten")).toMatchObject({
      confidence: "certain",
      service: { service: "VOG klaarzetten (MijnJustis)" },
    });
  });

  it("never matches a service whose name is only stop words, not even to an entry of stop words", () => {
    const odd = withUwvCopy("Gemeente Oostwaard", ["Inloggen"]);
    for (const text of ["Inloggen", "Toegang", "Log in"])
      expect(recogniseService(odd, { text }).kind, text).toBe("none");
  });

  it("names no provider by a provider column without a readable name, or a catalogue provider without one", () => {
    expect(read("Openbare ruimte", "-").kind).toBe("none");
    const nameless = withUwvCopy("–");
    expect(
      recogniseService(nameless, { text: "Werkgeversportaal", provider: "UWV" }),
    ).toMatchObject({
      service: { provider: "UWV" },
    });
    expect(
      recogniseService(nameless, { text: "Werkgeversportaal", provider: "Werkgeversloket" }).kind,
    ).toBe("none");
  });

  it("takes a provider column that says more than the catalogue's provider name", () => {
    expect(named(read("Openbare ruimte", "Gemeente Zuiderwaard, afdeling Vergunningen"))).toBe(
      "Melding openbare ruimte",
    );
  });

  it("is certain when the page writes a catalogue name in English word for word", () => {
    expect(read("My DUO for business customers")).toMatchObject({
      confidence: "certain",
      service: { service: "Mijn DUO voor zakelijke klanten" },
    });
  });

  it("reads a catalogue's own English name with the same synonyms as the page", () => {
    const english = withUwvCopy("Gemeente Oostwaard", ["Employer desk"]);
    expect(recogniseService(english, { text: "Balie voor werkgevers" })).toMatchObject({
      confidence: "likely",
      service: { service: "Employer desk" },
    });
  });

  it("joins a compound written apart, in either order, with or without the linking s", () => {
    for (const [text, service] of [
      ["Werkgevers portaal", "Werkgeversportaal"],
      ["Werkgever portaal", "Werkgeversportaal"],
      ["STAP opleider portaal", "STAP Opleidersportaal"],
      ["Portaal voor werkgevers", "Werkgeversportaal"],
      ["Zorg register", "Zorgregister"],
      ["Aanvragen octrooi", "Octrooiaanvragen"],
      ["Berichten box voor bedrijven", "Berichtenbox voor bedrijven"],
    ] as const)
      expect(read(text), text).toMatchObject({ confidence: "likely", service: { service } });
  });

  it("counts an organisation the entry names as no extra word, and a name in a note alone as enough", () => {
    const score = (text: string): number => {
      const r = read(text);
      return r.kind === "service" ? r.score : 0;
    };
    expect(score("UWV Werkgevers portaal")).toBe(score("Werkgevers portaal (UWV)"));
    expect(named(read("UWV (Werkgeversportaal)"))).toBe("Werkgeversportaal");
  });

  it("costs a likely match less for an extra common word ('Mijn') than for an extra rare one", () => {
    const common = read("Mijn werkgevers portaal");
    const rare = read("Werkgevers portaal ziekmelden");
    if (common.kind !== "service" || rare.kind !== "service") throw new Error("not recognised");
    expect(common.score).toBeLessThan(1);
    expect(common.score).toBeGreaterThan(rare.score);
  });

  it("needs, with the provider named, at least half of a partial description to be the name's words", () => {
    expect(named(read("Gegevensdiensten aanvragen", "UWV"))).toBe("Mijn Gegevensdiensten");
    expect(read("Gegevensdiensten aanvragen wijzigen opvragen", "UWV").kind).toBe("none");
  });

  it("is certain of a name after 'Organisation: '", () => {
    for (const [text, service] of [
      ["Inspectie van het Onderwijs: Internet Schooldossier", "Internet Schooldossier"],
      ["Land Registry: Mijn Kadaster", "Mijn Kadaster"],
    ] as const)
      expect(read(text), text).toMatchObject({ confidence: "certain", service: { service } });
  });

  it("reads every note of an entry as evidence, each on its own", () => {
    expect(named(read("Schooldossier (internet) (ISD)"))).toBe("Internet Schooldossier");
    expect(named(read("Schooldossier (ISD) (internet)"))).toBe("Internet Schooldossier");
  });

  it("takes the words of an organisation's name as evidence for a name's words", () => {
    expect(read("Berichtenbox").kind).toBe("none");
    expect(named(read("Berichtenbox (Antwoord voor bedrijven)"))).toBe(
      "Berichtenbox voor bedrijven",
    );
  });

  it("answers bad input with no match instead of throwing", () => {
    for (const text of ["", " ", "(", "()", "<script>alert(1)</script>", "x".repeat(10_000)])
      expect(read(text).kind).toBe("none");
    expect(recogniseService(index, { text: 42 as unknown as string }).kind).toBe("none");
    expect(recogniseService(index, undefined as unknown as PageEntry).kind).toBe("none");
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
