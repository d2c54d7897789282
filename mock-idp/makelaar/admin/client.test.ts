// The typed admin client against a real server: every method, and the errors
// it raises carry the admin API's issues.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeCatalogue } from "../../../eherkenning/index.ts";
import { FIXTURE_CATALOGUE, FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { startServer, type RunningMakelaar } from "../server.ts";
import { createServiceProvider } from "../../sp/index.ts";
import { KVK } from "../../world/default.ts";
import { AdminApiError, createAdminClient, type AdminClient } from "./client.ts";

let running: RunningMakelaar;
let admin: AdminClient;

beforeAll(async () => {
  running = await startServer();
  admin = createAdminClient(`${running.url}/`);
});
afterAll(async () => {
  await running.stop();
});
beforeEach(async () => {
  await admin.reset();
});

async function refusal(call: Promise<unknown>): Promise<AdminApiError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AdminApiError) return error;
    throw error;
  }
  throw new Error("the call succeeded");
}

describe("the admin client", () => {
  it("reset, clock, setClock and useRealTime", async () => {
    expect((await admin.clock()).simulated).toBe(false);
    const set = await admin.setClock(new Date("2021-06-30T12:00:00Z"));
    expect(set.now.slice(0, 10)).toBe("2021-06-30");
    expect((await admin.clock()).simulated).toBe(true);
    expect((await admin.useRealTime()).simulated).toBe(false);
    await admin.setClock("2022-01-01");
    expect((await admin.reset()).simulated).toBe(false);
  });

  it("autoLogin, setAutoLogin and clearAutoLogin", async () => {
    expect(await admin.autoLogin()).toBeNull();
    expect(await admin.setAutoLogin("jan-eh3", Number(KVK.rocZuiderwaard))).toEqual({
      user: "jan-eh3",
      kvk: KVK.rocZuiderwaard,
    });
    expect(await admin.autoLogin()).toEqual({ user: "jan-eh3", kvk: KVK.rocZuiderwaard });
    await admin.clearAutoLogin();
    expect(await admin.autoLogin()).toBeNull();
  });

  it("requests, answers and clearing them", async () => {
    running.makelaar.state.logRequest({ at: "t", kind: "AuthnRequest", errors: [], notes: [] });
    running.makelaar.state.logAnswer({ at: "t", status: "Success", binding: "post" });
    expect(await admin.requests()).toHaveLength(1);
    expect(await admin.answers()).toHaveLength(1);
    await admin.clearRequests();
    await admin.clearAnswers();
    expect(await admin.requests()).toEqual([]);
    expect(await admin.answers()).toEqual([]);
  });

  it("persons: list, get, put, remove, second factor", async () => {
    expect((await admin.persons()).length).toBeGreaterThan(10);
    expect((await admin.person("jan-eh3")).name).toBe("Jan de Vries");
    const tess = await admin.putPerson({
      id: "tess-eh2plus",
      name: "Tess Vos",
      middel: { level: "EH2+", password: "p", secondFactor: { kind: "app", code: "101010" } },
      organisations: [{ kvk: KVK.rocZuiderwaard, machtigingen: [{ all: true, level: "EH2+" }] }],
    });
    expect(tess.middel.level).toBe("EH2+");
    expect(await admin.secondFactor("tess-eh2plus")).toEqual({
      user: "tess-eh2plus",
      kind: "app",
      code: "101010",
    });
    await admin.removePerson("tess-eh2plus");
    expect((await refusal(admin.person("tess-eh2plus"))).status).toBe(404);
  });

  it("organisations: list, put, remove", async () => {
    await admin.putOrganisation({ kvk: 99000777, rsin: "990001106", name: "Nieuwe School" });
    expect((await admin.organisations()).find((o) => o.kvk === "99000777")?.name).toBe(
      "Nieuwe School",
    );
    await admin.removeOrganisation(99000777);
    expect((await admin.organisations()).some((o) => o.kvk === "99000777")).toBe(false);
  });

  it("machtigingen: give and take", async () => {
    const given = await admin.giveMachtiging("eva-eh3", KVK.rocZuiderwaard, {
      service: FIXTURE_SERVICES.mijnDuo.serviceUUID,
      level: "EH3",
    });
    expect(given.organisations[0]?.machtigingen).toContainEqual({
      service: FIXTURE_SERVICES.mijnDuo.serviceUUID,
      level: "EH3",
    });
    const taken = await admin.takeMachtigingen("eva-eh3", KVK.rocZuiderwaard, {
      service: FIXTURE_SERVICES.mijnDuo.serviceUUID,
    });
    expect(taken.organisations[0]?.machtigingen).toHaveLength(1);
    const all = await admin.takeMachtigingen("eva-eh3", KVK.rocZuiderwaard);
    expect(all.organisations[0]?.machtigingen).toEqual([]);
  });

  it("services and transitions", async () => {
    expect((await admin.services()).length).toBe(running.makelaar.world.catalogue.services.length);
    const smaller = writeCatalogue({
      ...FIXTURE_CATALOGUE,
      providers: FIXTURE_CATALOGUE.providers.slice(0, 2),
    });
    expect(await admin.replaceCatalogue(smaller)).toEqual({ services: 3 });
    const bad = await refusal(admin.replaceCatalogue("<not-a-catalogue/>"));
    expect(bad.status).toBe(400);
    expect(bad.issues[0]).toMatch(/^body: the catalogue was not replaced: /);
    expect(await admin.services()).toHaveLength(3);
    await admin.replaceTransitions([
      { service: "Mijn DUO voor zakelijke klanten", acceptedLevel: "EH2+", until: "2022-06-01" },
    ]);
    await admin.addTransition({
      service: FIXTURE_SERVICES.rioPortaal.serviceID,
      acceptedLevel: "EH2+",
      until: "2022-06-01",
    });
    expect((await admin.transitions()).map((t) => t.service)).toEqual([
      FIXTURE_SERVICES.mijnDuo.serviceUUID,
      FIXTURE_SERVICES.rioPortaal.serviceUUID,
    ]);
  });

  it("service providers: register by metadata, list, remove; bad metadata names the problem", async () => {
    const sp = await createServiceProvider({
      entityID: "urn:etoegang:DV:00000099000000000010:entities:9003",
      acsUrl: "https://dienst.example/acs",
      acsBinding: "post",
      services: [{ index: 1, serviceID: FIXTURE_SERVICES.mijnDuo.serviceID, name: "Mijn DUO" }],
      makelaarMetadataUrl: `${running.url}/broker/metadata/1.13`,
    });
    expect(await admin.registerServiceProvider(sp.metadataXml)).toEqual({ entityID: sp.entityID });
    expect(await admin.serviceProviders()).toEqual([{ entityID: sp.entityID }]);
    await admin.removeServiceProvider(sp.entityID);
    expect(await admin.serviceProviders()).toEqual([]);
    const bad = await refusal(admin.registerServiceProvider("<hello/>"));
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/EntityDescriptor/);
    expect((await refusal(admin.removeServiceProvider("urn:nobody"))).status).toBe(404);
  });

  it("raises AdminApiError with the field named for a bad body", async () => {
    const error = await refusal(admin.setAutoLogin("nobody", "123"));
    expect(error.status).toBe(400);
    expect(error.issues).toEqual(['kvk: expected a KvK number: 8 digits; got "123"']);
    expect(error.message).toMatch(/^PUT \/__admin\/auto-login: 400 kvk: expected a KvK number/);
  });
});
