import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { defaultWorld } from "../../world/default.ts";
import { WorldState } from "../../world/state.ts";
import { createEherkenningSite } from "./app.ts";
import { STALE_STATED_LEVELS } from "./pages.ts";
import { USED_BY } from "./used-by.ts";

let world: WorldState;
let app: ReturnType<typeof createEherkenningSite>;
beforeAll(async () => {
  world = new WorldState(defaultWorld());
  app = createEherkenningSite(world);
});

const rows = (html: string) =>
  [
    ...html.matchAll(
      /<tr>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>\s*<span[^>]*>([^<]*)<\/span>/g,
    ),
  ].map((m) => ({
    provider: m[1]?.trim(),
    service: m[2]?.trim(),
    level: m[3]?.trim(),
  }));

describe("aangesloten organisaties (table)", () => {
  it("lists every catalogue service under Organisatie, Dienst and Betrouwbaarheidsniveau", async () => {
    const page = await supertest(app).get("/aangesloten-organisaties").expect(200);
    expect(page.text).toMatch(
      /<th scope="col">Organisatie<\/th>\s*<th scope="col">Dienst<\/th>\s*<th scope="col">Betrouwbaarheidsniveau<\/th>/,
    );
    const listed = rows(page.text);
    expect(listed).toHaveLength(world.catalogue.services.length);
    const duo = listed.find((r) => r.service === "Mijn DUO voor zakelijke klanten");
    expect(duo).toEqual({
      provider: "Dienst Uitvoering Onderwijs (DUO)",
      service: "Mijn DUO voor zakelijke klanten",
      level: "EH3",
    });
  });

  it("states one level that is stale: Mijn RBG as EH2+ while the catalogue says EH3", async () => {
    const page = await supertest(app).get("/aangesloten-organisaties").expect(200);
    const rbg = rows(page.text).find((r) => r.service === "Mijn RBG");
    expect(rbg?.level).toBe("EH2+");
    expect(world.catalogue.byServiceUUID(FIXTURE_SERVICES.mijnRbg.serviceUUID)?.level).toBe("EH3");
    expect(STALE_STATED_LEVELS.size).toBe(1);
  });

  it("filters by every word of the search", async () => {
    const page = await supertest(app).get("/aangesloten-organisaties?q=uwv%20portaal").expect(200);
    expect(
      rows(page.text)
        .map((r) => r.service)
        .sort(),
    ).toEqual(["STAP Opleidersportaal", "Werkgeversportaal"]);
  });
});

describe("machtigingen aanvragen (cards)", () => {
  it("shows one card per service with a labelled machtiging aanvragen checkbox", async () => {
    const page = await supertest(app).get("/aanvragen/machtigingen").expect(200);
    const checkboxes = page.text.match(/type="checkbox"/g) ?? [];
    expect(checkboxes).toHaveLength(world.catalogue.services.length);
    expect((page.text.match(/Machtiging aanvragen/g) ?? []).length).toBe(checkboxes.length);
    expect(page.text).toContain("Dienstverlener:");
    expect(page.text).toContain("Mijn DUO voor zakelijke gebruikers");
  });

  it("summarises the chosen services", async () => {
    const page = await supertest(app)
      .post("/aanvragen/machtigingen")
      .type("form")
      .send(
        `dienst=${FIXTURE_SERVICES.mijnDuo.serviceUUID}&dienst=${FIXTURE_SERVICES.mijnRbg.serviceUUID}&dienst=unknown`,
      )
      .expect(200);
    expect(page.text).toContain(
      "Mijn DUO voor zakelijke klanten (Dienst Uitvoering Onderwijs (DUO)), EH3",
    );
    expect(page.text).toContain("Mijn RBG (RBG), EH2+");
  });
});

describe("level pages", () => {
  it.each([
    ["eh2", "EH2", "bold-lines"],
    ["eh2-plus", "EH2+", "table-row"],
    ["eh3", "EH3", "heading-list"],
    ["eh4", "EH4", "definition-list"],
  ] as const)(
    "/%s lists descriptive entries under 'Te gebruiken bij onder andere', marked up as %s",
    async (slug, level, markup) => {
      const page = await supertest(app)
        .get(`/inloggen-met-eherkenning/betrouwbaarheidsniveaus/${slug}`)
        .expect(200);
      expect(page.text).toContain(`Betrouwbaarheidsniveau ${level}`);
      expect(USED_BY[level].markup).toBe(markup);
      const shape = {
        "bold-lines": /<strong>Te gebruiken bij onder andere<\/strong>\s*<br \/>/,
        "table-row": /<th scope="row">Te gebruiken bij onder andere<\/th>\s*<td>\s*<ul>/,
        "heading-list": /<h2>Te gebruiken bij onder andere<\/h2>\s*<ul/,
        "definition-list": /<dt>Te gebruiken bij onder andere<\/dt>\s*<dd>/,
      }[markup];
      expect(page.text).toMatch(shape);
      for (const entry of USED_BY[level].entries) expect(page.text).toContain(entry.nl);
    },
  );

  it("writes entries in its own words: none is just a catalogue name", () => {
    const names = new Set(world.catalogue.services.flatMap((s) => s.names.map((n) => n.value)));
    const entries = Object.values(USED_BY).flatMap((list) => list.entries);
    expect(entries.length).toBeGreaterThanOrEqual(15);
    for (const entry of entries) {
      expect(names.has(entry.nl), entry.nl).toBe(false);
      expect(names.has(entry.en), entry.en).toBe(false);
    }
    // Like the real pages: generic entries, and services outside the catalogue.
    expect(entries.filter((e) => e.means === "generic").length).toBe(4);
    expect(entries.some((e) => e.means === undefined)).toBe(true);
  });

  it("has English pages under /en with 'Can be used for, e.g.' and English entries", async () => {
    const page = await supertest(app)
      .get("/en/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh3")
      .expect(200);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain("Can be used for, e.g.");
    expect(page.text).toContain("The UWV employer portal (sickness reports)");
  });

  it("answers the English home at /en/ and /en without a redirect loop", async () => {
    for (const path of ["/en/", "/en"]) {
      const page = await supertest(app).get(path).expect(200);
      expect(page.text).toContain("Read about the");
    }
  });

  it("answers an unknown level with a 404 page", async () => {
    const page = await supertest(app)
      .get("/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh9")
      .expect(404);
    expect(page.text).toContain("Pagina niet gevonden");
  });
});
