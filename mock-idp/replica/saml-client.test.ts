import type { Express } from "express";
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SERVICES } from "../../eherkenning/fixtures/catalogue.ts";
import { createMakelaar, type Makelaar } from "../makelaar/app.ts";
import { makelaarEndpoints } from "../makelaar/saml/metadata.ts";
import { signCanonical } from "../saml-core/canonical.ts";
import { defaultWorld } from "../world/default.ts";
import { DUO_ACS_PATH, createMijnDuo } from "./duo/app.ts";
import type { EherkenningClient } from "./eherkenning-client.ts";
import { createReplicaSp, eherkenningClient } from "./saml-client.ts";
import { pageText } from "./test-support.ts";
import { ZUIDERWAARD_ACS_PATH, createZuiderwaard } from "./zuiderwaard/app.ts";

const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
const UNTRUSTED_TITLE = "Het antwoord van eHerkenning is niet vertrouwd";
const UNUSABLE_TITLE = "Deze inlogpoging is niet meer geldig";

let makelaar: Makelaar;
beforeAll(async () => {
  makelaar = await createMakelaar({ baseUrl: "https://makelaar.test", world: defaultWorld() });
});

/** An empty ArtifactResponse in SOAP to the ArtifactResolve `resolveId`, signed with the makelaar's own TEST key. */
function signedEmptyArtifactResponse(resolveId: string): string {
  const id = "_ar-test";
  const canonical =
    `<samlp:ArtifactResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="${id}" ` +
    `InResponseTo="${resolveId}" IssueInstant="${makelaar.protocolNow().toISOString()}" Version="2.0">` +
    `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${makelaar.entityID}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${SUCCESS}"></samlp:StatusCode></samlp:Status>` +
    `</samlp:ArtifactResponse>`;
  const signed = signCanonical(canonical, id, makelaar.signingKeys);
  return `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${signed}</soapenv:Body></soapenv:Envelope>`;
}

/** The ID of the ArtifactResolve in a SOAP request body. */
const resolveIdOf = (request: RequestInit | undefined): string =>
  / ID="([^"]+)"/.exec(String(request?.body))?.[1] ?? "";

/** A fetch standing in for the makelaar's artifact resolution service, answering with `body(resolveId)`. */
const answering =
  (body: (resolveId: string) => string): typeof fetch =>
  (_url, request) =>
    Promise.resolve(
      new Response(body(resolveIdOf(request)), {
        status: 200,
        headers: { "content-type": "text/xml" },
      }),
    );

async function clientAnswering(
  serviceID: string,
  keyName: string,
  body: (resolveId: string) => string,
): Promise<EherkenningClient> {
  const sp = await createReplicaSp({
    keyName,
    entityID: `urn:etoegang:DV:00000001234567890000:entities:${keyName}`,
    acsUrl: `https://${keyName}.test/acs`,
    service: { serviceID, name: keyName },
    clock: () => makelaar.protocolNow(),
  });
  return eherkenningClient(sp, makelaarEndpoints(makelaar), serviceID, answering(body));
}

const REPLICAS = [
  {
    name: "Mijn DUO",
    serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
    keyName: "duo",
    acsPath: DUO_ACS_PATH,
    loginPath: "/isam/sps/eh/login",
    app: (eherkenning: EherkenningClient) =>
      createMijnDuo({ world: makelaar.world, eherkenning }).app,
  },
  {
    name: "Zuiderwaard",
    serviceID: FIXTURE_SERVICES.meldingBedrijfsafval.serviceID,
    keyName: "zuiderwaard",
    acsPath: ZUIDERWAARD_ACS_PATH,
    loginPath: "/inloggen",
    app: (eherkenning: EherkenningClient) =>
      createZuiderwaard({ world: makelaar.world, eherkenning }).app,
  },
] as const;

/** The name=value parts of a response's Set-Cookie headers. */
function cookiesOf(res: supertest.Response): string[] {
  const set = res.headers["set-cookie"] as unknown as string[] | undefined;
  return (set ?? []).map((c) => c.split(";")[0] ?? "");
}

/** Starts a login as a browser does (the site sets its login cookie), returning that cookie. */
async function startLogin(app: Express, replica: (typeof REPLICAS)[number]): Promise<string[]> {
  const start = await supertest(app).post(replica.loginPath);
  expect(start.status).toBe(303);
  return cookiesOf(start);
}

/** Returns at the ACS with an artifact and follows the redirect to the failure page. */
async function failurePageFor(
  replica: (typeof REPLICAS)[number],
  artifactResponse: (resolveId: string) => string,
  login: "started" | "not-started" = "started",
): Promise<string> {
  const app = replica.app(
    await clientAnswering(replica.serviceID, replica.keyName, artifactResponse),
  );
  const cookies = login === "started" ? await startLogin(app, replica) : [];
  const back = await supertest(app)
    .get(replica.acsPath)
    .query({ SAMLart: "AAQAAA-test" })
    .set("Cookie", cookies);
  expect(back.status).toBe(303);
  const failure = await supertest(app)
    .get(back.headers["location"] ?? "/")
    .set("Cookie", [...cookies, ...cookiesOf(back)]);
  expect(failure.status).toBe(200);
  return pageText(failure.text);
}

describe.each(REPLICAS)("$name's login return", (replica) => {
  it("shows a correctly signed but empty answer as unusable (the check works)", async () => {
    const text = await failurePageFor(replica, signedEmptyArtifactResponse);
    expect(text).toContain(UNUSABLE_TITLE);
    expect(text).not.toContain(UNTRUSTED_TITLE);
  });

  it("shows the answer-untrusted page, not a server error, when the signed answer was altered", async () => {
    const tampered = (resolveId: string) =>
      signedEmptyArtifactResponse(resolveId).replace(' ID="_ar-test"', ' ID="_altered"');
    expect(await failurePageFor(replica, tampered)).toContain(UNTRUSTED_TITLE);
  });

  it("shows the answer-untrusted page, not a server error, when the answer is not XML", async () => {
    expect(await failurePageFor(replica, () => "<soapenv:Envelope><unclosed")).toContain(
      UNTRUSTED_TITLE,
    );
    expect(await failurePageFor(replica, () => "this is no XML at all")).toContain(UNTRUSTED_TITLE);
  });

  it("shows the answer-untrusted page when the signed ArtifactResponse answers another ArtifactResolve", async () => {
    const earlier = () => signedEmptyArtifactResponse("_an-earlier-resolve");
    expect(await failurePageFor(replica, earlier)).toContain(UNTRUSTED_TITLE);
  });

  it("does not resolve an artifact brought by a browser that started no login here", async () => {
    let resolves = 0;
    const counting = (resolveId: string) => {
      resolves++;
      return signedEmptyArtifactResponse(resolveId);
    };
    expect(await failurePageFor(replica, counting, "not-started")).toContain(UNUSABLE_TITLE);
    expect(resolves).toBe(0);
  });
});

describe.each(REPLICAS)("$name's login return under HEAD", (replica) => {
  it("answers HEAD without resolving the artifact, so the browser's GET can still use it", async () => {
    let resolves = 0;
    const sp = await createReplicaSp({
      keyName: replica.keyName,
      entityID: `urn:etoegang:DV:00000001234567890000:entities:${replica.keyName}`,
      acsUrl: `https://${replica.keyName}.test/acs`,
      service: { serviceID: replica.serviceID, name: replica.keyName },
      clock: () => makelaar.protocolNow(),
    });
    const counting: typeof fetch = (...args) => {
      resolves++;
      return answering(signedEmptyArtifactResponse)(...args);
    };
    const app = replica.app(
      eherkenningClient(sp, makelaarEndpoints(makelaar), replica.serviceID, counting),
    );
    const cookies = await startLogin(app, replica);
    const head = await supertest(app)
      .head(replica.acsPath)
      .query({ SAMLart: "AAQAAA-test" })
      .set("Cookie", cookies);
    expect(head.status).toBe(200);
    expect(resolves).toBe(0);
    await supertest(app)
      .get(replica.acsPath)
      .query({ SAMLart: "AAQAAA-test" })
      .set("Cookie", cookies);
    expect(resolves).toBe(1);
  });
});
