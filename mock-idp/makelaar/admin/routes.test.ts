import request from "supertest";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeCatalogue } from "../../../eherkenning/index.ts";
import { FIXTURE_CATALOGUE, FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { createMakelaar, type Makelaar } from "../app.ts";
import { testKeyPair, type TestKeyPair } from "../../saml-core/keys.ts";
import { KVK, defaultWorld } from "../../world/default.ts";

let keys: TestKeyPair;
let makelaar: Makelaar;
let api: ReturnType<typeof request>;

beforeAll(async () => {
  keys = await testKeyPair("makelaar-signing", { commonName: "eh-overstap mock makelaar signing" });
});
beforeEach(async () => {
  makelaar = await createMakelaar({ baseUrl: "http://makelaar.test", signingKeys: keys });
  api = request(makelaar.app);
});

const newPerson = {
  id: "tess-eh3",
  name: "Tess Vos",
  middel: { level: "eH 3", password: "Welkom-tess", secondFactor: "123456" },
  organisations: [
    {
      kvk: KVK.rocZuiderwaard,
      machtigingen: [{ service: "Mijn DUO voor zakelijke klanten", level: "loa3" }],
    },
  ],
};

describe("POST /__admin/reset", () => {
  it("restores the configured world: persons, clock, auto-login and logs", async () => {
    await api.put("/__admin/clock").send({ now: "2021-06-30T12:00:00Z" }).expect(200);
    await api.put("/__admin/persons/tess-eh3").send(newPerson).expect(201);
    await api.delete("/__admin/persons/jan-eh3").expect(204);
    await api.put("/__admin/auto-login").send({ user: "ahmed-eh3", kvk: KVK.rocZuiderwaard });
    makelaar.state.logAnswer({ at: "x", status: "Success", binding: "post" });

    const reset = await api.post("/__admin/reset").send({}).expect(200);
    expect(reset.body).toMatchObject({ reset: true, simulated: false });
    expect(makelaar.world.person("tess-eh3")).toBeUndefined();
    expect(makelaar.world.person("jan-eh3")?.name).toBe("Jan de Vries");
    expect(makelaar.state.autoLogin).toBeNull();
    expect(makelaar.state.answers).toHaveLength(0);
    expect(makelaar.world.now().getFullYear()).toBeGreaterThan(2025);
  });

  it("restores a configured clock, not real time", async () => {
    const configured = await createMakelaar({
      baseUrl: "http://makelaar.test",
      signingKeys: keys,
      world: { ...defaultWorld(), now: new Date("2022-03-01T09:00:00Z") },
    });
    await request(configured.app).put("/__admin/clock").send({ now: "2030-01-01" }).expect(200);
    const reset = await request(configured.app).post("/__admin/reset").send({}).expect(200);
    expect((reset.body as { now: string }).now.slice(0, 10)).toBe("2022-03-01");
  });
});

describe("the clock: GET, PUT and DELETE /__admin/clock", () => {
  it("sets the simulated clock from an ISO date and reports it", async () => {
    const put = await api
      .put("/__admin/clock")
      .send({ now: "2022-03-07T09:00:00+01:00" })
      .expect(200);
    expect(put.body).toMatchObject({ simulated: true });
    expect(
      Math.abs(Date.parse((put.body as { now: string }).now) - Date.parse("2022-03-07T08:00:00Z")),
    ).toBeLessThan(5000);
    const get = await api.get("/__admin/clock").expect(200);
    expect((get.body as { now: string }).now.slice(0, 10)).toBe("2022-03-07");
  });

  it("reads a plain day as midnight in the Netherlands", async () => {
    await api.put("/__admin/clock").send({ now: "2022-04-01" }).expect(200);
    expect(
      Math.abs(makelaar.world.now().getTime() - Date.parse("2022-03-31T22:00:00Z")),
    ).toBeLessThan(5000);
  });

  it("refuses a clock body without a valid date, naming the field", async () => {
    const missing = await api.put("/__admin/clock").send({}).expect(400);
    expect((missing.body as { error: string }).error).toMatch(/^now: required/);
    const bad = await api.put("/__admin/clock").send({ now: "tomorrow" }).expect(400);
    expect((bad.body as { error: string }).error).toMatch(
      /^now: expected an ISO 8601 date.*got "tomorrow"/,
    );
  });

  it("moves the business date only: protocol time stays real unless shiftProtocolTime is set", async () => {
    const business = await api.put("/__admin/clock").send({ now: "2021-06-30T12:00:00Z" });
    expect(business.body).toMatchObject({ simulated: true, protocolTimeShifted: false });
    const { now, protocolNow } = business.body as { now: string; protocolNow: string };
    expect(now.slice(0, 10)).toBe("2021-06-30");
    expect(Math.abs(Date.parse(protocolNow) - Date.now())).toBeLessThan(5000);
    expect(Math.abs(makelaar.protocolNow().getTime() - Date.now())).toBeLessThan(5000);

    const shifted = await api
      .put("/__admin/clock")
      .send({ now: "2021-06-30T12:00:00Z", shiftProtocolTime: true })
      .expect(200);
    expect(shifted.body).toMatchObject({ protocolTimeShifted: true });
    expect(makelaar.protocolNow().toISOString().slice(0, 10)).toBe("2021-06-30");

    await api.post("/__admin/reset").send({}).expect(200);
    expect(Math.abs(makelaar.protocolNow().getTime() - Date.now())).toBeLessThan(5000);
  });

  it("refuses a shiftProtocolTime that is not true or false", async () => {
    const bad = await api
      .put("/__admin/clock")
      .send({ now: "2021-06-30", shiftProtocolTime: "yes" })
      .expect(400);
    expect((bad.body as { error: string }).error).toMatch(
      /^shiftProtocolTime: expected true or false/,
    );
  });

  it("follows real time again after DELETE", async () => {
    await api.put("/__admin/clock").send({ now: "2021-01-01T00:00:00Z" });
    const back = await api.delete("/__admin/clock").expect(200);
    expect(back.body).toMatchObject({ simulated: false });
    expect(Math.abs(makelaar.world.now().getTime() - Date.now())).toBeLessThan(5000);
  });
});

describe("auto-login: PUT, GET and DELETE /__admin/auto-login", () => {
  it("accepts the KvK number as a number or a string and stores it", async () => {
    await api
      .put("/__admin/auto-login")
      .send({ user: "jan-eh3", kvk: Number(KVK.rocZuiderwaard) })
      .expect(200);
    expect(makelaar.state.autoLogin).toEqual({ personId: "jan-eh3", kvk: KVK.rocZuiderwaard });
    const get = await api.get("/__admin/auto-login").expect(200);
    expect(get.body).toEqual({ user: "jan-eh3", kvk: KVK.rocZuiderwaard });
    await api.delete("/__admin/auto-login").expect(204);
    expect(makelaar.state.autoLogin).toBeNull();
  });

  it("refuses an unknown person, a bad KvK number and an organisation the person does not represent", async () => {
    const unknown = await api
      .put("/__admin/auto-login")
      .send({ user: "nobody", kvk: KVK.rocZuiderwaard })
      .expect(400);
    expect((unknown.body as { error: string }).error).toBe('user: no person with id "nobody"');
    const badKvk = await api
      .put("/__admin/auto-login")
      .send({ user: "jan-eh3", kvk: "12ab" })
      .expect(400);
    expect((badKvk.body as { error: string }).error).toMatch(
      /^kvk: expected a KvK number: 8 digits; got "12ab"/,
    );
    const other = await api
      .put("/__admin/auto-login")
      .send({ user: "jan-eh3", kvk: KVK.bouwbedrijf })
      .expect(400);
    expect((other.body as { error: string }).error).toMatch(/^kvk: jan-eh3 does not represent/);
    const noUser = await api.put("/__admin/auto-login").send({ kvk: KVK.bouwbedrijf }).expect(400);
    expect((noUser.body as { issues: string[] }).issues[0]).toMatch(/^user: required/);
    expect(makelaar.state.autoLogin).toBeNull();
  });

  it("answers malformed JSON with a 400 naming the body", async () => {
    const res = await api
      .put("/__admin/auto-login")
      .set("content-type", "application/json")
      .send("{user:")
      .expect(400);
    expect((res.body as { error: string }).error).toMatch(/^body: /);
  });
});

describe("logs: GET /__admin/requests and /__admin/answers", () => {
  it("returns what the store logged, and DELETE empties them", async () => {
    makelaar.state.logRequest({
      at: "2022-01-01T00:00:00Z",
      kind: "AuthnRequest",
      id: "_r1",
      errors: [],
      notes: [],
    });
    makelaar.state.logAnswer({
      at: "2022-01-01T00:00:01Z",
      inResponseTo: "_r1",
      status: "Success",
      levelReached: "EH3",
      binding: "artifact",
    });
    expect((await api.get("/__admin/requests").expect(200)).body).toEqual([
      { at: "2022-01-01T00:00:00Z", kind: "AuthnRequest", id: "_r1", errors: [], notes: [] },
    ]);
    expect((await api.get("/__admin/answers").expect(200)).body).toMatchObject([
      { inResponseTo: "_r1", levelReached: "EH3" },
    ]);
    await api.delete("/__admin/requests").expect(204);
    await api.delete("/__admin/answers").expect(204);
    expect((await api.get("/__admin/requests")).body).toEqual([]);
    expect((await api.get("/__admin/answers")).body).toEqual([]);
  });
});

describe("persons: /__admin/persons/:id", () => {
  it("adds a person with any level notation and a service named in the catalogue", async () => {
    const res = await api.put("/__admin/persons/tess-eh3").send(newPerson).expect(201);
    expect(res.body).toMatchObject({
      id: "tess-eh3",
      middel: { level: "EH3", username: "tess-eh3", secondFactor: { kind: "sms", code: "123456" } },
      organisations: [
        {
          kvk: KVK.rocZuiderwaard,
          machtigingen: [{ service: FIXTURE_SERVICES.mijnDuo.serviceUUID, level: "EH3" }],
        },
      ],
    });
    const stored = makelaar.world.person("tess-eh3");
    expect(stored?.middel.level).toBe("EH3");
    expect(stored?.representations[0]?.machtigingen[0]?.scope).toEqual({
      kind: "service",
      serviceUUID: FIXTURE_SERVICES.mijnDuo.serviceUUID,
    });
  });

  it("replaces an existing person (200), and what GET returns can be PUT back unchanged", async () => {
    const jan = (await api.get("/__admin/persons/jan-eh3").expect(200)).body as {
      middel: { password: string };
    };
    const changed = { ...jan, middel: { ...jan.middel, password: "Nieuw-wachtwoord" } };
    await api.put("/__admin/persons/jan-eh3").send(changed).expect(200);
    expect(makelaar.world.person("jan-eh3")?.middel.password).toBe("Nieuw-wachtwoord");
    expect(makelaar.world.person("jan-eh3")?.representations).toEqual(
      (await createMakelaar({ baseUrl: "http://x", signingKeys: keys })).world.person("jan-eh3")
        ?.representations,
    );
  });

  it("lists persons and removes one", async () => {
    const list = (await api.get("/__admin/persons").expect(200)).body as { id: string }[];
    expect(list.map((p) => p.id)).toContain("ahmed-eh3");
    await api.delete("/__admin/persons/ahmed-eh3").expect(204);
    await api.delete("/__admin/persons/ahmed-eh3").expect(404);
    await api.get("/__admin/persons/ahmed-eh3").expect(404);
  });

  it("names the field of each problem in a bad person", async () => {
    const res = await api
      .put("/__admin/persons/tess-eh3")
      .send({
        name: "",
        middel: { level: "EH5", password: "x", colour: "red" },
        organisations: [
          { kvk: KVK.rocZuiderwaard, machtigingen: [{ service: "Mijn DOU", level: "EH3" }] },
        ],
      })
      .expect(400);
    const issues = (res.body as { issues: string[] }).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: expected the person's name; it is empty/),
        expect.stringMatching(/^middel\.level: expected a level .*got "EH5"/),
        expect.stringMatching(/^middel: unknown key "colour"/),
        expect.stringMatching(
          /^organisations\[0\]\.machtigingen\[0\]\.service: expected a service in the catalogue/,
        ),
      ]),
    );
    expect(makelaar.world.person("tess-eh3")).toBeUndefined();
  });

  it("refuses a second factor on an EH2 middel and a representation of an unknown organisation", async () => {
    const eh2 = await api
      .put("/__admin/persons/x")
      .send({ name: "X", middel: { level: "EH2", password: "p", secondFactor: "123456" } })
      .expect(400);
    expect((eh2.body as { error: string }).error).toMatch(
      /^middel\.secondFactor: expected no second factor/,
    );
    const org = await api
      .put("/__admin/persons/x")
      .send({
        name: "X",
        middel: { level: "EH3", password: "p" },
        organisations: [{ kvk: "12345678" }],
      })
      .expect(400);
    expect((org.body as { error: string }).error).toMatch(
      /^organisations\[0\]\.kvk: no organisation with KvK number 12345678/,
    );
  });

  it("refuses a body id that differs from the path", async () => {
    const res = await api
      .put("/__admin/persons/a")
      .send({ ...newPerson, id: "b" })
      .expect(400);
    expect((res.body as { error: string }).error).toMatch(/^id: "b" differs/);
  });

  it("returns each person's second-factor code, and 409 for a middel without one", async () => {
    expect((await api.get("/__admin/second-factor/jan-eh3").expect(200)).body).toEqual({
      user: "jan-eh3",
      kind: "sms",
      code: "311001",
    });
    const eh2 = await api.get("/__admin/second-factor/kees-eh2").expect(409);
    expect((eh2.body as { error: string }).error).toMatch(/EH2, which has no second factor/);
    await api.get("/__admin/second-factor/nobody").expect(404);
  });
});

describe("organisations: /__admin/organisations/:kvk", () => {
  it("adds, replaces and removes an organisation", async () => {
    await api
      .put("/__admin/organisations/99000999")
      .send({ rsin: "990001088", name: "Nieuw College" })
      .expect(201);
    await api
      .put("/__admin/organisations/99000999")
      .send({ rsin: "990001088", name: "Nieuw College B" })
      .expect(200);
    expect(makelaar.world.organisation("99000999")?.name).toBe("Nieuw College B");
    const list = (await api.get("/__admin/organisations").expect(200)).body as { kvk: string }[];
    expect(list.some((o) => o.kvk === "99000999")).toBe(true);
    await api.delete("/__admin/organisations/99000999").expect(204);
    await api.delete("/__admin/organisations/99000999").expect(404);
  });

  it("names the field of a bad organisation", async () => {
    const res = await api
      .put("/__admin/organisations/99000999")
      .send({ rsin: "12", name: "<b>x</b>" })
      .expect(400);
    expect((res.body as { error: string }).error).toMatch(
      /^rsin: expected an RSIN: 9 digits; got "12"/,
    );
    const path = await api
      .put("/__admin/organisations/abc")
      .send({ rsin: "990001088", name: "x" })
      .expect(400);
    expect((path.body as { error: string }).error).toMatch(/^kvk: expected a KvK number/);
  });
});

describe("machtigingen: POST and DELETE /__admin/machtigingen", () => {
  it("gives a machtiging per service, provider or all, with level and validity", async () => {
    await api
      .post("/__admin/machtigingen")
      .send({
        user: "eva-eh3",
        kvk: KVK.rocZuiderwaard,
        service: FIXTURE_SERVICES.mijnDuo.serviceID,
        level: "EH3",
        validUntil: "2030-01-01",
      })
      .expect(201);
    await api
      .post("/__admin/machtigingen")
      .send({
        user: "eva-eh3",
        kvk: KVK.rocZuiderwaard,
        provider: FIXTURE_SERVICES.mijnRbg.providerOIN,
        level: "EH3",
      })
      .expect(201);
    const all = await api
      .post("/__admin/machtigingen")
      .send({ user: "eva-eh3", kvk: KVK.onderwijsgroep, all: true, level: "EH2+" })
      .expect(201);
    const organisations = (all.body as { organisations: { kvk: string; machtigingen: object[] }[] })
      .organisations;
    expect(organisations.find((o) => o.kvk === KVK.rocZuiderwaard)?.machtigingen).toHaveLength(3);
    expect(organisations.find((o) => o.kvk === KVK.onderwijsgroep)?.machtigingen).toEqual([
      { all: true, level: "EH2+" },
    ]);
    const machtigingen = makelaar.world.person("eva-eh3")?.representations[0]?.machtigingen ?? [];
    expect(machtigingen[1]).toEqual({
      scope: { kind: "service", serviceUUID: FIXTURE_SERVICES.mijnDuo.serviceUUID },
      level: "EH3",
      validUntil: new Date("2029-12-31T23:00:00Z"),
    });
  });

  it("takes one scope, or every machtiging for the organisation", async () => {
    await api
      .delete("/__admin/machtigingen")
      .send({
        user: "jan-eh3",
        kvk: KVK.rocZuiderwaard,
        service: "Mijn DUO voor zakelijke klanten",
      })
      .expect(200);
    expect(makelaar.world.person("jan-eh3")?.representations[0]?.machtigingen).toEqual([]);
    await api
      .delete("/__admin/machtigingen")
      .send({ user: "piet-eh2plus", kvk: KVK.aocGroeneDelta })
      .expect(200);
    expect(makelaar.world.person("piet-eh2plus")?.representations[0]).toEqual({
      kvk: KVK.aocGroeneDelta,
      machtigingen: [],
    });
  });

  it("names the field when a machtiging is wrong", async () => {
    const noScope = await api
      .post("/__admin/machtigingen")
      .send({ user: "eva-eh3", kvk: KVK.rocZuiderwaard, level: "EH3" })
      .expect(400);
    expect((noScope.body as { error: string }).error).toMatch(
      /^\(top level\): expected exactly one scope/,
    );
    const badLevel = await api
      .post("/__admin/machtigingen")
      .send({ user: "eva-eh3", kvk: KVK.rocZuiderwaard, all: true, level: "hoogste" })
      .expect(400);
    expect((badLevel.body as { error: string }).error).toMatch(/^level: expected a level/);
    const badDate = await api
      .post("/__admin/machtigingen")
      .send({
        user: "eva-eh3",
        kvk: KVK.rocZuiderwaard,
        all: true,
        level: "EH3",
        validUntil: "31-12-2022",
      })
      .expect(400);
    expect((badDate.body as { error: string }).error).toMatch(
      /^validUntil: expected an ISO 8601 date/,
    );
    const noUser = await api
      .post("/__admin/machtigingen")
      .send({ user: "nobody", kvk: KVK.rocZuiderwaard, all: true, level: "EH3" })
      .expect(400);
    expect((noUser.body as { error: string }).error).toBe('user: no person with id "nobody"');
  });
});

describe("services: GET and PUT /__admin/services", () => {
  it("lists the catalogue's services with their level", async () => {
    const list = (await api.get("/__admin/services").expect(200)).body as {
      service: string;
      level: string;
    }[];
    expect(list).toContainEqual(
      expect.objectContaining({ service: "Mijn DUO voor zakelijke klanten", level: "EH3" }),
    );
  });

  it("replaces the catalogue with ESC XML", async () => {
    const smaller = writeCatalogue({
      ...FIXTURE_CATALOGUE,
      providers: FIXTURE_CATALOGUE.providers.slice(0, 1),
    });
    const res = await api
      .put("/__admin/services")
      .set("content-type", "application/xml")
      .send(smaller)
      .expect(200);
    expect(res.body).toEqual({ services: 2 });
    expect(makelaar.world.catalogue.services).toHaveLength(2);
  });

  it("keeps the old catalogue and names the problem when the XML is bad", async () => {
    const before = makelaar.world.catalogue.services.length;
    const res = await api
      .put("/__admin/services")
      .set("content-type", "application/xml")
      .send(
        '<?xml version="1.0"?>\n<esc:ServiceCatalogue xmlns:esc="urn:etoegang:1.13:service-catalog">\n<broken>',
      )
      .expect(400);
    expect((res.body as { error: string }).error).toMatch(
      /^body: the catalogue was not replaced: .*(line \d+|well-formed)/,
    );
    expect(makelaar.world.catalogue.services).toHaveLength(before);
  });

  it("asks for XML when the body is JSON", async () => {
    const res = await api.put("/__admin/services").send({ xml: "<x/>" }).expect(415);
    expect((res.body as { error: string }).error).toMatch(
      /^body: expected Content-Type application\/xml or text\/xml or application\/samlmetadata\+xml, got application\/json/,
    );
  });
});

describe("transitions: GET, PUT and POST /__admin/transitions", () => {
  it("replaces and adds transition windows, naming services any way", async () => {
    const put = await api
      .put("/__admin/transitions")
      .send([
        {
          service: "Mijn DUO voor zakelijke klanten",
          acceptedLevel: "EH2+",
          from: "2022-01-01",
          until: "2022-06-01",
        },
      ])
      .expect(200);
    expect(put.body).toEqual([
      {
        service: FIXTURE_SERVICES.mijnDuo.serviceUUID,
        acceptedLevel: "EH2+",
        from: "2021-12-31T23:00:00.000Z",
        until: "2022-05-31T22:00:00.000Z",
      },
    ]);
    await api
      .post("/__admin/transitions")
      .send({
        service: FIXTURE_SERVICES.mijnRbg.serviceID,
        acceptedLevel: "niveau 2+",
        until: "2023-01-01",
      })
      .expect(201);
    expect(makelaar.world.transitions).toHaveLength(2);
    expect((await api.get("/__admin/transitions").expect(200)).body).toHaveLength(2);
  });

  it("names the element and field of a bad transition", async () => {
    const res = await api
      .put("/__admin/transitions")
      .send([
        {
          service: FIXTURE_SERVICES.mijnDuo.serviceUUID,
          acceptedLevel: "EH2+",
          until: "2022-06-01",
        },
        { service: "Nergens", acceptedLevel: "EH9" },
      ])
      .expect(400);
    const issues = (res.body as { issues: string[] }).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[1\]\.service: expected a service in the catalogue/),
        expect.stringMatching(/^\[1\]\.acceptedLevel: expected a level/),
        expect.stringMatching(/^\[1\]\.until: required/),
      ]),
    );
    const order = await api
      .post("/__admin/transitions")
      .send({
        service: FIXTURE_SERVICES.mijnDuo.serviceUUID,
        acceptedLevel: "EH2+",
        from: "2022-06-01",
        until: "2022-01-01",
      })
      .expect(400);
    expect((order.body as { error: string }).error).toBe("until: expected until to be after from");
  });
});

describe("state per instance", () => {
  it("never shares identities or the clock between two makelaars", async () => {
    const other = await createMakelaar({ baseUrl: "http://other.test", signingKeys: keys });
    await api.delete("/__admin/persons/jan-eh3").expect(204);
    await api.put("/__admin/clock").send({ now: "2021-01-01T00:00:00Z" });
    expect(other.world.person("jan-eh3")).toBeDefined();
    expect(other.world.now().getFullYear()).toBeGreaterThan(2025);
  });
});

describe("unknown admin paths", () => {
  it("answer 404 in JSON naming the path", async () => {
    const res = await api.get("/__admin/nothing-here").expect(404);
    expect((res.body as { error: string }).error).toBe(
      "no admin endpoint GET /__admin/nothing-here",
    );
  });
});
