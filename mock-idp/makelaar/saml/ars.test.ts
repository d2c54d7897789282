// The ArtifactResolutionService's own checks, each with a signed
// ArtifactResolve written here by hand (the SP library's always passes them).
import { DOMParser } from "@xmldom/xmldom";
import supertest from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import type { Makelaar } from "../makelaar.ts";
import type { ServiceProvider } from "../../sp/index.ts";
import { signRoot } from "../../saml-core/signature.ts";
import { NS } from "../../saml-core/xml.ts";
import { createMakelaar } from "../app.ts";
import {
  BASE_URL,
  PERSONS,
  SCHOOL,
  SSO_URL,
  sendRequest,
  testMakelaar,
  testServiceProvider,
  testWorld,
} from "./test-support.ts";

const ARS_URL = `${BASE_URL}/broker/ars/1.13`;

let makelaar: Makelaar;
let sp: ServiceProvider;
beforeEach(async () => {
  makelaar = await testMakelaar();
  sp = await testServiceProvider(makelaar);
  makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
});

async function artifact(): Promise<string> {
  const answer = await sendRequest(
    makelaar.app,
    sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination: SSO_URL }),
  );
  return new URL(answer.headers.location as string).searchParams.get("SAMLart")!;
}

/** A signed ArtifactResolve in a SOAP envelope; `destination: null` leaves Destination out. */
function envelope(
  samlArt: string,
  destination: string | null = ARS_URL,
  keyInfo: "key-name" | "x509" = "key-name",
): string {
  const resolve =
    `<samlp:ArtifactResolve xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="_resolve1" Version="2.0" IssueInstant="${makelaar.protocolNow().toISOString()}"` +
    (destination === null ? "" : ` Destination="${destination}"`) +
    `><saml:Issuer>${sp.entityID}</saml:Issuer><samlp:Artifact>${samlArt}</samlp:Artifact></samlp:ArtifactResolve>`;
  const signed = signRoot(resolve, sp.keys.signing, { placement: "after-issuer", keyInfo });
  return `<soapenv:Envelope xmlns:soapenv="${NS.soap}"><soapenv:Body>${signed}</soapenv:Body></soapenv:Envelope>`;
}

const resolve = (body: string, contentType = "text/xml; charset=utf-8") =>
  supertest(makelaar.app).post("/broker/ars/1.13").set("content-type", contentType).send(body);

/** The children of the ArtifactResponse in a SOAP answer: elements by name, any text as "#text". */
function artifactResponseChildren(soap: string): string[] {
  const doc = new DOMParser().parseFromString(soap, "text/xml");
  const response = doc.getElementsByTagNameNS(NS.samlp, "ArtifactResponse").item(0)!;
  return Array.from(response.childNodes).map((n) => (n.nodeType === 1 ? n.localName! : "#text"));
}

describe("the ArtifactResolutionService", () => {
  it("answers a signed ArtifactResolve with the Response, as text/xml that is not stored", async () => {
    const answer = await resolve(envelope(await artifact()));
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(answer.headers["cache-control"]).toBe("no-cache, no-store");
    expect(artifactResponseChildren(answer.text)).toEqual([
      "Issuer",
      "Signature",
      "Status",
      "Response",
    ]);
  });

  it("answers a second resolve of the same artifact with an ArtifactResponse that holds nothing after its Status", async () => {
    const samlArt = await artifact();
    await resolve(envelope(samlArt));
    const again = await resolve(envelope(samlArt));
    expect(again.status).toBe(200);
    expect(artifactResponseChildren(again.text)).toEqual(["Issuer", "Signature", "Status"]);
  });

  it("accepts an ArtifactResolve without a Destination (it is optional)", async () => {
    const answer = await resolve(envelope(await artifact(), null));
    expect(answer.status).toBe(200);
    expect(artifactResponseChildren(answer.text)).toContain("Response");
  });

  it("refuses an ArtifactResolve for another ARS (Destination), naming both URLs", async () => {
    const answer = await resolve(envelope(await artifact(), "https://elders.test/ars"));
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(answer.text).toContain("<faultcode>soapenv:Client</faultcode>");
    expect(answer.text).toContain(
      `Destination https://elders.test/ars is not this makelaar&#39;s ARS URL ${ARS_URL}.`,
    );
  });

  it("refuses an ArtifactResolve whose signature carries X509Data, unless the makelaar is told to accept it", async () => {
    const refused = await resolve(envelope(await artifact(), ARS_URL, "x509"));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("carries a ds:X509Data in its KeyInfo");
    makelaar = await createMakelaar({
      baseUrl: BASE_URL,
      world: testWorld(),
      allowX509DataInMessages: true,
    });
    sp = await testServiceProvider(makelaar);
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const accepted = await resolve(envelope(await artifact(), ARS_URL, "x509"));
    expect(accepted.status).toBe(200);
    expect(artifactResponseChildren(accepted.text)).toContain("Response");
  });

  it("quotes at most 80 characters of an Artifact it refuses", async () => {
    const answer = await resolve(envelope("B".repeat(100)));
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(`&quot;${"B".repeat(80)}&quot; is not a SAML artifact`);
  });

  it("answers 503 with Retry-After when a test took the service down for an artifact, which stays unresolved", async () => {
    await supertest(makelaar.app).post("/__admin/faults").send({ kind: "ars-down" }).expect(201);
    const samlArt = await artifact();
    const down = await resolve(envelope(samlArt));
    expect(down.status).toBe(503);
    expect(down.headers["retry-after"]).toBe("60");
    expect(down.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(down.text).toBe(
      "The artifact resolution service is unavailable (fault injected by a test).\n",
    );
    const up = await resolve(envelope(samlArt));
    expect(up.status).toBe(200);
    expect(artifactResponseChildren(up.text)).toContain("Response");
  });

  it("refuses an Artifact that is not of type 0x0004, quoting it", async () => {
    const answer = await resolve(envelope("bm90IGFuIGFydGlmYWN0"));
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(
      "&quot;bm90IGFuIGFydGlmYWN0&quot; is not a SAML artifact of type 0x0004.",
    );
  });

  it("refuses a SOAP envelope whose Body holds no ArtifactResolve, and a root that is no Envelope", async () => {
    const expected = "Expected a SOAP 1.1 Envelope whose Body holds a samlp:ArtifactResolve.";
    const empty = await resolve(
      `<soapenv:Envelope xmlns:soapenv="${NS.soap}"><soapenv:Body/></soapenv:Envelope>`,
    );
    expect(empty.status).toBe(400);
    expect(empty.text).toContain(expected);
    const bare = await resolve(`<samlp:ArtifactResolve xmlns:samlp="${NS.samlp}"/>`);
    expect(bare.status).toBe(400);
    expect(bare.text).toContain(expected);
  });

  it("refuses a body that is not well-formed XML, naming the SOAP envelope", async () => {
    const answer = await resolve("<soapenv:Envelope>");
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("The SOAP envelope is not well-formed XML");
  });

  it("refuses another content type with 415, naming it, or naming that there was none", async () => {
    const json = await resolve("{}", "application/json");
    expect(json.status).toBe(415);
    expect(json.text).toContain(
      "Content-Type must be text/xml or application/soap+xml, not &quot;application/json&quot;.",
    );
    const none = await supertest(makelaar.app).post("/broker/ars/1.13");
    expect(none.status).toBe(415);
    expect(none.text).toContain("not &quot;(none)&quot;.");
  });
});
