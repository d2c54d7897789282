// Every way an auto-login can end, with the exact status codes and message
// the SP receives. (Cancel, wrong password and wrong second factor go
// through the login pages and are tested there.)
import supertest from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import { type Level } from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import type { Makelaar } from "../makelaar.ts";
import { testKeyPair } from "../../saml-core/keys.ts";
import {
  createServiceProvider,
  type AuthnRequestOptions,
  type ServiceProvider,
} from "../../sp/index.ts";
import { makelaarMetadataXml } from "./metadata.ts";
import {
  BASE_URL,
  PERSONS,
  SCHOOL,
  SP_ENTITY_ID,
  SP_SERVICES,
  SSO_URL,
  appFetch,
  sendRequest,
  testMakelaar,
  testServiceProvider,
} from "./test-support.ts";

const STATUS = "urn:oasis:names:tc:SAML:2.0:status:";

let makelaar: Makelaar;
let sp: ServiceProvider;
beforeEach(async () => {
  makelaar = await testMakelaar();
  sp = await testServiceProvider(makelaar);
});

/** Sends the request (auto-login as `personId`), follows the artifact and resolves it. */
async function login(
  personId: string,
  request: Partial<AuthnRequestOptions> = {},
  client: ServiceProvider = sp,
) {
  makelaar.state.autoLogin = { personId, kvk: SCHOOL.kvk };
  const message = client.authnRequest({
    serviceIndex: 1,
    binding: "redirect",
    destination: SSO_URL,
    ...request,
  });
  const answer = await sendRequest(makelaar.app, message);
  if (answer.status !== 303) return { page: answer, message };
  const samlArt = new URL(answer.headers.location as string).searchParams.get("SAMLart")!;
  const result = await client.resolveArtifact(samlArt, {
    arsUrl: `${BASE_URL}/broker/ars/1.13`,
    fetch: appFetch(makelaar.app),
  });
  return { result, message };
}

async function refusal(personId: string, request: Partial<AuthnRequestOptions> = {}) {
  const { result } = await login(personId, request);
  expect(result?.ok).toBe(false);
  return result;
}

describe("successful logins", () => {
  it("states the level reached: the lower of middel and machtiging", async () => {
    const { result } = await login(PERSONS.eh3.id);
    expect(result).toMatchObject({ ok: true, level: "EH3" });
  });

  it("lets a request ask below the catalogue level (EH2+ for an EH3 service)", async () => {
    const { result } = await login(PERSONS.eh2plus.id, { requestedLevel: "EH2+" });
    expect(result).toMatchObject({ ok: true, level: "EH2+" });
    expect(makelaar.state.requests.at(-2)).toMatchObject({
      kind: "AuthnRequest",
      sp: SP_ENTITY_ID,
      serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
      requestedLevel: "EH2+",
      binding: "redirect",
      errors: [],
    });
  });

  it("accepts EH1 for an EH1 service before its retirement on 2021-07-01", async () => {
    makelaar.world.setNow(new Date("2021-06-30T12:00:00+02:00"));
    const { result } = await login(PERSONS.eh1.id, { serviceIndex: 2 });
    expect(result).toMatchObject({ ok: true, level: "EH1" });
  });

  it("sends CompanyName only when the service asks for it", async () => {
    const { result } = await login(PERSONS.eh3.id);
    expect(
      result?.ok && result.attributes["urn:etoegang:1.11:attribute-represented:CompanyName"],
    ).toBe(SCHOOL.name);
    const { result: rbg } = await login(PERSONS.everything.id, { serviceIndex: 3 });
    expect(rbg?.ok && Object.keys(rbg.attributes)).not.toContain(
      "urn:etoegang:1.11:attribute-represented:CompanyName",
    );
  });

  it("refuses to register an SP without an encryption certificate, saying why", async () => {
    await expect(
      testServiceProvider(makelaar, { encryption: false, refuse: true }),
    ).rejects.toThrow(
      /no encryption certificate .*eHerkenning sends every identifier .* as an EncryptedID/s,
    );
  });

  it("sends plain NameIDs only to an SP registered with the opt-in, and the request log says so", async () => {
    const plain = await testServiceProvider(makelaar, { encryption: false });
    const { result } = await login(PERSONS.eh3.id, {}, plain);
    expect(result).toMatchObject({
      ok: true,
      legalSubject: { type: "KvKnr", value: SCHOOL.kvk, encrypted: false },
    });
    expect(makelaar.state.requests.at(-2)?.notes).toContain(
      "PLAIN IDENTIFIERS: this SP has no encryption certificate and was registered with allowPlainIdentifiers; a real makelaar never sends plain identifiers",
    );
  });
});

describe("refusals decided by the overstap rules (Responder/AuthnFailed)", () => {
  it.each<[string, string, string]>([
    ["middel too low", PERSONS.eh2plus.id, "The middel is EH2+; this service needs at least EH3."],
    [
      "no machtiging",
      PERSONS.noMachtiging.id,
      "The person has no machtiging for this service from this organisation.",
    ],
    ["machtiging expired", PERSONS.expired.id, "The machtiging for this service has expired."],
  ])("%s", async (_name, personId, message) => {
    expect(await refusal(personId)).toEqual({
      ok: false,
      status: `${STATUS}Responder`,
      subStatus: `${STATUS}AuthnFailed`,
      message,
      inResponseTo: expect.any(String),
    });
  });

  it("logs each refusal's reason for machines, and the person and organisation of a success", async () => {
    await refusal(PERSONS.eh2plus.id);
    expect(makelaar.state.answers.at(-1)).toMatchObject({
      status: "Responder/AuthnFailed",
      reason: "MIDDEL_TOO_LOW",
    });
    await refusal(PERSONS.noMachtiging.id);
    expect(makelaar.state.answers.at(-1)).toMatchObject({ reason: "NO_MACHTIGING" });
    await refusal(PERSONS.everything.id, { requestedLevel: "EH4" as Level, serviceIndex: 1 });
    expect(makelaar.state.answers.at(-1)).toMatchObject({
      status: "Requester/RequestUnsupported",
      reason: "REQUEST_ABOVE_CATALOGUE_LEVEL",
    });
    await refusal(PERSONS.eh3.id, { serviceIndex: 9 });
    expect(makelaar.state.answers.at(-1)).toMatchObject({ reason: "REQUEST_REFUSED" });
    await login(PERSONS.eh3.id);
    expect(makelaar.state.answers.at(-1)).toMatchObject({
      status: "Success",
      user: PERSONS.eh3.id,
      kvk: SCHOOL.kvk,
      levelReached: "EH3",
    });
  });

  it("refuses an EH1 middel after its retirement (clock set to 2021-07-02)", async () => {
    makelaar.world.setNow(new Date("2021-07-02T10:00:00+02:00"));
    expect(await refusal(PERSONS.eh1.id, { serviceIndex: 3 })).toMatchObject({
      status: `${STATUS}Responder`,
      subStatus: `${STATUS}AuthnFailed`,
      message: "The middel is EH1, which cannot be used since 2021-07-01.",
    });
  });
});

describe("refusals of the request (Requester/RequestUnsupported), answered to the SP", () => {
  const requester = (message: string | RegExp) => ({
    ok: false,
    status: `${STATUS}Requester`,
    subStatus: `${STATUS}RequestUnsupported`,
    message: typeof message === "string" ? message : expect.stringMatching(message),
  });

  it("refuses a request for EH1 after its retirement", async () => {
    makelaar.world.setNow(new Date("2021-07-02T10:00:00+02:00"));
    expect(await refusal(PERSONS.eh1.id, { serviceIndex: 2 })).toMatchObject(
      requester("The request asks for EH1, which is retired since 2021-07-01."),
    );
  });

  it.each<Level>(["EH4"])(
    "refuses a request for %s above the catalogue level EH3",
    async (level) => {
      expect(await refusal(PERSONS.everything.id, { requestedLevel: level })).toMatchObject(
        requester(`The request asks for ${level}, above the catalogue level EH3 of this service.`),
      );
    },
  );

  it("refuses a service that is not in the dienstencatalogus", async () => {
    expect(await refusal(PERSONS.eh3.id, { serviceIndex: 9 })).toMatchObject(
      requester(
        "The service urn:etoegang:DV:00000099000000000010:services:99 is not in the dienstencatalogus.",
      ),
    );
  });

  it("refuses an AttributeConsumingServiceIndex the SP's metadata does not name", async () => {
    expect(await refusal(PERSONS.eh3.id, { serviceIndex: 5 })).toMatchObject(
      requester(
        `AttributeConsumingServiceIndex 5 names no service in the metadata of ${SP_ENTITY_ID}.`,
      ),
    );
  });

  it("refuses a replayed request", async () => {
    const first = await login(PERSONS.eh3.id);
    expect(first.result?.ok).toBe(true);
    const again = await sendRequest(makelaar.app, first.message);
    // Our SP took the first answer for that ID; it must wait for one again to read the refusal.
    sp.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: SSO_URL,
      id: first.message.id,
    });
    const samlArt = new URL(again.headers.location as string).searchParams.get("SAMLart")!;
    const result = await sp.resolveArtifact(samlArt, {
      arsUrl: `${BASE_URL}/broker/ars/1.13`,
      fetch: appFetch(makelaar.app),
    });
    expect(result).toMatchObject(
      requester(
        `The request ID ${first.message.id} was already used: a replayed request is refused.`,
      ),
    );
  });

  it("refuses an expired request (IssueInstant more than 5 minutes old)", async () => {
    const issueInstant = new Date(makelaar.protocolNow().getTime() - 6 * 60_000);
    expect(await refusal(PERSONS.eh3.id, { issueInstant })).toMatchObject(
      requester(
        /^The request has expired: IssueInstant .* is more than 5 minutes before the makelaar's time/,
      ),
    );
  });

  it("refuses a request from the future (more than 60 seconds ahead)", async () => {
    const issueInstant = new Date(makelaar.protocolNow().getTime() + 2 * 60_000);
    expect(await refusal(PERSONS.eh3.id, { issueInstant })).toMatchObject(
      requester(/is more than 60 seconds after the makelaar's time/),
    );
  });

  it("refuses a Destination other than the SSO URL in the metadata", async () => {
    const elsewhere = "http://elders.test/broker/sso/1.13";
    expect(await refusal(PERSONS.eh3.id, { destination: elsewhere })).toMatchObject(
      requester(`Destination "${elsewhere}" is not this makelaar's SSO URL ${SSO_URL}.`),
    );
  });
});

describe("requests refused with a page, because no answer can be trusted to reach the SP", () => {
  it("refuses a request whose signature does not verify, naming the cause", async () => {
    const impostor = await createServiceProvider({
      entityID: SP_ENTITY_ID,
      acsUrl: "https://dv.example/acs",
      acsBinding: "artifact",
      services: SP_SERVICES,
      keys: {
        signing: await testKeyPair("interop-other", { commonName: "eh-overstap other makelaar" }),
        encryption: null,
      },
      makelaarMetadata: makelaarMetadataXml(makelaar),
    });
    for (const binding of ["redirect", "post"] as const) {
      const { page } = await login(PERSONS.eh3.id, { binding }, impostor);
      expect(page?.status).toBe(400);
      expect(page?.headers["cache-control"]).toBe("no-cache, no-store");
      expect(page?.text).toMatch(
        binding === "redirect"
          ? "The request&#39;s signature does not verify with the certificates in the SP&#39;s metadata."
          : "The AuthnRequest: the signature does not verify with the certificates in the sender&#39;s metadata.",
      );
    }
    expect(makelaar.state.answers).toHaveLength(0);
    expect(makelaar.state.requests.at(-1)?.errors[0]).toMatch(/signature does not verify/);
  });

  it("refuses a request from an SP that is not registered", async () => {
    const stranger = await testServiceProvider(await testMakelaar(), {
      entityID: "urn:etoegang:DV:00000099000000000077:entities:9001",
    });
    const { page } = await login(PERSONS.eh3.id, {}, stranger);
    expect(page?.status).toBe(400);
    expect(page?.text).toContain(
      "The service provider urn:etoegang:DV:00000099000000000077:entities:9001 is not registered at this makelaar.",
    );
  });
});

describe("the SSO endpoint without auto-login", () => {
  it("hands the login to the pages: 303 to /login/<transaction>", async () => {
    const message = sp.authnRequest({ serviceIndex: 1, binding: "post", destination: SSO_URL });
    const answer = await sendRequest(makelaar.app, message);
    expect(answer.status).toBe(303);
    const id = /^\/login\/([\w-]+)$/.exec(answer.headers.location as string)?.[1];
    expect(id).toBeDefined();
    const transaction = makelaar.state.logins.get(id!, makelaar.protocolNow().getTime());
    expect(transaction?.context).toMatchObject({
      id: message.id,
      spEntityID: SP_ENTITY_ID,
      serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
      acs: { url: "https://dv.example/acs", binding: "artifact", index: 0 },
      binding: "post",
      forceAuthn: true,
    });
  });

  it("serves the HM metadata, signed", async () => {
    const answer = await supertest(makelaar.app).get("/broker/metadata/1.13");
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^<md:EntitiesDescriptor [^>]*><ds:Signature[ >]/);
    expect(answer.text).toContain('WantAuthnRequestsSigned="true"');
    expect(answer.text).toContain("urn:etoegang:core:assurance-class:loa4");
    expect(answer.text).toContain(
      `<ds:KeyName>${makelaar.signingKeys.fingerprintSha256}</ds:KeyName>`,
    );
    for (const binding of ["HTTP-Artifact", "HTTP-POST", "HTTP-Redirect"]) {
      expect(answer.text).toContain(
        `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${binding}" Location="${BASE_URL}/broker/sso/1.13"/>`,
      );
    }
    expect(answer.text).toContain(`Location="${BASE_URL}/broker/ars/1.13"`);
    expect(answer.text).toContain('<md:ContactPerson contactType="administrative">');
  });
});
