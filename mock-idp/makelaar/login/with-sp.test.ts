// End to end over HTTP: a service provider (mock-idp/sp) sends a signed
// AuthnRequest, a person walks the login pages, the SP resolves the artifact
// and verifies the answer. The admin client sets up each scenario.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { createAdminClient, type AdminClient } from "../admin/client.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { startServer, type RunningMakelaar } from "../server.ts";
import { createServiceProvider, type LoginResult, type ServiceProvider } from "../../sp/index.ts";
import { KVK } from "../../world/default.ts";

let running: RunningMakelaar;
let admin: AdminClient;
let sp: ServiceProvider;

const ACS = "https://dienst.example/saml/acs";

beforeAll(async () => {
  running = await startServer();
  admin = createAdminClient(running.url);
  sp = await createServiceProvider({
    entityID: "urn:etoegang:DV:00000099000000000010:entities:9002",
    acsUrl: ACS,
    acsBinding: "artifact",
    services: [
      {
        index: 1,
        serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
        name: "Mijn DUO voor zakelijke klanten",
      },
    ],
    makelaarMetadataUrl: `${running.url}${ENDPOINTS.metadata}`,
    // The SP checks protocol time, which stays real while the business date moves.
    clock: () => running.makelaar.protocolNow(),
  });
});
afterAll(async () => {
  await running.stop();
});
beforeEach(async () => {
  await admin.reset();
  await admin.registerServiceProvider(sp.metadataXml);
});

/** The SP sends the browser to the makelaar; returns the login page's URL. */
async function startAtSp(relayState = "na-inloggen"): Promise<{ page: string; requestId: string }> {
  const message = sp.authnRequest({
    serviceIndex: 1,
    binding: "redirect",
    destination: `${running.url}${ENDPOINTS.sso}`,
    relayState,
  });
  const res = await fetch(message.url ?? "", { redirect: "manual" });
  expect([302, 303]).toContain(res.status);
  const location = res.headers.get("location") ?? "";
  return { page: new URL(location, running.url).toString(), requestId: message.id };
}

async function submit(page: string, step: string, fields: Record<string, string> = {}) {
  return fetch(`${page}/${step}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

/** Follows the browser to the ACS and lets the SP resolve and verify the artifact. */
async function resolveAtSp(res: Response): Promise<LoginResult & { relayState: string | null }> {
  expect(res.status).toBe(303);
  const acs = new URL(res.headers.get("location") ?? "");
  expect(`${acs.origin}${acs.pathname}`).toBe(ACS);
  const result = await sp.resolveArtifact(acs.searchParams.get("SAMLart") ?? "", {
    arsUrl: `${running.url}${ENDPOINTS.ars}`,
  });
  return { ...result, relayState: acs.searchParams.get("RelayState") };
}

describe("a person logs in through the pages and the SP verifies the answer", () => {
  it("EH3 with the Mijn DUO machtiging: the SP reads EH3, the KvK number and the pseudonym", async () => {
    const { page, requestId } = await startAtSp();
    expect(page).toMatch(new RegExp(`^${running.url}/login/`));
    const first = await fetch(page);
    expect(await first.text()).toContain("Kies uw leverancier");
    await submit(page, "leverancier", { leverancier: "Sleutelhuis Identiteit (test)" });
    await submit(page, "inloggen", { username: "jan-eh3", password: "Welkom-jan" });
    const { code } = await admin.secondFactor("jan-eh3");
    const result = await resolveAtSp(await submit(page, "code", { code }));
    expect(result).toMatchObject({
      ok: true,
      level: "EH3",
      serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
      inResponseTo: requestId,
      legalSubject: { type: "KvKnr", value: KVK.rocZuiderwaard, encrypted: true },
      actingSubject: { type: "Pseudo", value: "pseudo-0001-jan-de-vries", encrypted: true },
      relayState: "na-inloggen",
    });
    const answers = await admin.answers();
    expect(answers.at(-1)).toMatchObject({
      inResponseTo: requestId,
      status: "Success",
      levelReached: "EH3",
    });
    const requests = await admin.requests();
    expect(requests.at(-1)).toMatchObject({
      kind: expect.stringMatching(/AuthnRequest|ArtifactResolve/),
    });
  });

  it("a person with several organisations chooses one, and the SP gets that KvK number", async () => {
    const { page } = await startAtSp();
    await submit(page, "leverancier", { leverancier: "Sleutelhuis Identiteit (test)" });
    await submit(page, "inloggen", { username: "ahmed-eh3", password: "Welkom-ahmed" });
    await submit(page, "code", { code: "344004" });
    const result = await resolveAtSp(
      await submit(page, "organisatie", { kvk: KVK.vavoMiddenland }),
    );
    expect(result).toMatchObject({ ok: true, legalSubject: { value: KVK.vavoMiddenland } });
  });

  it("cancel: the SP gets Responder/AuthnFailed with the cause", async () => {
    const { page, requestId } = await startAtSp();
    const result = await resolveAtSp(await submit(page, "annuleren"));
    expect(result).toMatchObject({
      ok: false,
      status: "urn:oasis:names:tc:SAML:2.0:status:Responder",
      subStatus: "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
      message: "The user cancelled the login at the makelaar.",
      inResponseTo: requestId,
      relayState: "na-inloggen",
    });
  });

  it("a machtiging taken away through the admin API: a page with advice, then Responder/AuthnFailed", async () => {
    await admin.takeMachtigingen("jan-eh3", KVK.rocZuiderwaard);
    const { page } = await startAtSp();
    await submit(page, "leverancier", { leverancier: "Sleutelhuis Identiteit (test)" });
    await submit(page, "inloggen", { username: "jan-eh3", password: "Welkom-jan" });
    const refused = await submit(page, "code", { code: "311001" });
    expect(refused.status).toBe(303);
    const advice = await (await fetch(page)).text();
    expect(advice).toContain(
      "Vraag de machtigingenbeheerder eHerkenning van ROC Zuiderwaard om de machtiging &#39;Mijn DUO voor zakelijke klanten&#39;",
    );
    const result = await resolveAtSp(await submit(page, "terug"));
    expect(result).toMatchObject({
      ok: false,
      status: "urn:oasis:names:tc:SAML:2.0:status:Responder",
      subStatus: "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
      message: "The person has no machtiging for this service from this organisation.",
    });
  });

  it("after the clock moves past the machtiging's end, the same person is refused as expired", async () => {
    await admin.giveMachtiging("eva-eh3", KVK.rocZuiderwaard, {
      service: "Mijn DUO voor zakelijke klanten",
      level: "EH3",
      validUntil: "2023-01-01",
    });
    await admin.setClock("2022-06-01T10:00:00+02:00");
    const walk = async () => {
      const { page } = await startAtSp();
      await submit(page, "leverancier", { leverancier: "Poortwachter ID (test)" });
      await submit(page, "inloggen", { username: "eva-eh3", password: "Welkom-eva" });
      const res = await submit(page, "code", { code: "322002" });
      return res.headers.get("location")?.startsWith(ACS)
        ? resolveAtSp(res)
        : resolveAtSp(await submit(page, "terug"));
    };
    expect(await walk()).toMatchObject({ ok: true, level: "EH3" });
    await admin.setClock("2023-02-01T10:00:00+01:00");
    expect(await walk()).toMatchObject({
      ok: false,
      message: "The machtiging for this service has expired.",
    });
  });

  it("three wrong passwords end the login with Responder/AuthnFailed naming the cause", async () => {
    const { page } = await startAtSp();
    await submit(page, "leverancier", { leverancier: "Sleutelhuis Identiteit (test)" });
    for (const attempt of ["a", "b"]) {
      const res = await submit(page, "inloggen", { username: "jan-eh3", password: attempt });
      expect(res.status).toBe(200);
    }
    expect((await submit(page, "inloggen", { username: "jan-eh3", password: "c" })).status).toBe(
      303,
    );
    const result = await resolveAtSp(await submit(page, "terug"));
    expect(result).toMatchObject({
      ok: false,
      subStatus: "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
      message: "Authentication failed: wrong username or password three times.",
    });
  });

  it("auto-login set through the admin API skips the pages; clearing it brings them back", async () => {
    await admin.setAutoLogin("ahmed-eh3", KVK.onderwijsgroep);
    const message = sp.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: `${running.url}${ENDPOINTS.sso}`,
    });
    const res = await fetch(message.url ?? "", { redirect: "manual" });
    expect(await resolveAtSp(res)).toMatchObject({
      ok: true,
      level: "EH3",
      legalSubject: { value: KVK.onderwijsgroep },
    });
    await admin.clearAutoLogin();
    const { page } = await startAtSp();
    expect(page).toMatch(new RegExp(`^${running.url}/login/`));
  });
});
