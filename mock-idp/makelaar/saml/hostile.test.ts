// Hostile and broken input: each is refused with a clear 4xx page or a SAML
// error, and the server keeps serving the next login.
import { deflateRawSync } from "node:zlib";
import supertest from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import type { Makelaar } from "../makelaar.ts";
import type { ServiceProvider } from "../../sp/index.ts";
import {
  BASE_URL,
  PERSONS,
  SCHOOL,
  SP_ENTITY_ID,
  SSO_URL,
  appFetch,
  sendRequest,
  testMakelaar,
  testServiceProvider,
  testWorld,
} from "./test-support.ts";
import { createMakelaar } from "../app.ts";

let makelaar: Makelaar;
let sp: ServiceProvider;
beforeEach(async () => {
  makelaar = await testMakelaar();
  sp = await testServiceProvider(makelaar);
  makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
});

const b64 = (text: string | Buffer) => Buffer.from(text).toString("base64");
const post = (fields: Record<string, string>) =>
  supertest(makelaar.app).post("/broker/sso/1.13").type("form").send(fields);

/** A fresh, valid login still works: the server kept serving. */
async function stillServes(): Promise<void> {
  const answer = await sendRequest(
    makelaar.app,
    sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination: SSO_URL }),
  );
  expect(answer.status).toBe(303);
  expect(answer.headers.location).toMatch(/^https:\/\/dv\.example\/acs\?SAMLart=/);
}

async function expectPage(answer: supertest.Response, status: number, text: string) {
  expect(answer.status).toBe(status);
  expect(answer.text).toContain(text);
  await stillServes();
}

describe("hostile XML", () => {
  it("refuses a DTD with an external entity", async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:AuthnRequest>`;
    await expectPage(await post({ SAMLRequest: b64(xml) }), 400, "contains a DTD");
  });

  it("refuses entity expansion (billion laughs)", async () => {
    const lol = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`,
    ).join("");
    const xml = `<!DOCTYPE r [<!ENTITY l0 "lol">${lol}]><r>&l9;</r>`;
    await expectPage(await post({ SAMLRequest: b64(xml) }), 400, "DTDs are refused");
  });

  it("refuses a deflate bomb by Redirect (inflates past 256 KB)", async () => {
    const bomb = deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    const answer = await supertest(makelaar.app).get(
      `/broker/sso/1.13?SAMLRequest=${encodeURIComponent(bomb.toString("base64"))}`,
    );
    await expectPage(answer, 400, "inflates to more than 256 KB");
  });

  it("refuses a deflate bomb by POST", async () => {
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    await expectPage(await post({ SAMLRequest: b64(bomb) }), 400, "inflates to more than 256 KB");
  });

  it("refuses a request over 1 MB before reading it (413)", async () => {
    const answer = await post({ SAMLRequest: "A".repeat(1_100_000) });
    expect(answer.status).toBe(413);
    await stillServes();
  });

  it("refuses broken base64", async () => {
    await expectPage(
      await post({ SAMLRequest: "%%% not base64 %%%" }),
      400,
      "SAMLRequest is not valid base64.",
    );
  });

  it("refuses what is not XML", async () => {
    await expectPage(
      await post({ SAMLRequest: b64("hello, makelaar") }),
      400,
      "could not be inflated",
    );
    await expectPage(await post({ SAMLRequest: b64("<a><b></a>") }), 400, "is not well-formed XML");
  });

  it("refuses elements nested deeper than 64 from a registered SP's Issuer, before any signature work (no stack overflow, no 500)", async () => {
    const depth = 30_000;
    const xml =
      `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_deep" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">` +
      `<saml:Issuer>${SP_ENTITY_ID}</saml:Issuer>${"<x>".repeat(depth)}${"</x>".repeat(depth)}</samlp:AuthnRequest>`;
    expect(xml.length).toBeLessThan(256 * 1024);
    await expectPage(
      await post({ SAMLRequest: b64(xml) }),
      400,
      "The SAMLRequest nests elements more than 64 deep (at &lt;x&gt;); that is refused.",
    );
  });

  it("refuses a signed request with a character XML 1.0 forbids, so it never reaches the signed answer", async () => {
    const request = sp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO_URL,
      id: "_bad\u0001id",
    });
    await expectPage(
      await sendRequest(makelaar.app, request),
      400,
      "The SAMLRequest has the character U+0001, which XML 1.0 forbids, in attribute ID of &lt;samlp:AuthnRequest&gt;.",
    );
    expect(makelaar.state.answers).toHaveLength(1);
  });

  it("refuses a message that is not an AuthnRequest", async () => {
    const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x" Version="2.0"/>`;
    await expectPage(await post({ SAMLRequest: b64(xml) }), 400, "not a samlp:AuthnRequest");
  });
});

describe("signatures", () => {
  it("refuses an unsigned request by POST and by Redirect", async () => {
    const unsignedPost = sp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO_URL,
      sign: false,
    });
    await expectPage(
      await sendRequest(makelaar.app, unsignedPost),
      400,
      "The AuthnRequest is not signed.",
    );
    const unsignedRedirect = sp.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: SSO_URL,
      sign: false,
    });
    await expectPage(
      await sendRequest(makelaar.app, unsignedRedirect),
      400,
      "The request is not signed (no SigAlg and Signature in the query).",
    );
  });

  it("accepts KeyInfo with a KeyName or without KeyInfo, verifying with the metadata's certificate", async () => {
    for (const keyInfo of ["key-name", "none"] as const) {
      const message = sp.authnRequest({
        serviceIndex: 1,
        binding: "post",
        destination: SSO_URL,
        keyInfo,
      });
      expect(message.xml.includes("<ds:KeyInfo>")).toBe(keyInfo !== "none");
      const answer = await sendRequest(makelaar.app, message);
      expect(answer.status).toBe(303);
    }
  });

  it("refuses a request whose signature carries X509Data in its KeyInfo, naming the rule", async () => {
    const message = sp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO_URL,
      keyInfo: "x509",
    });
    const answer = await sendRequest(makelaar.app, message);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("carries a ds:X509Data in its KeyInfo");
    expect(answer.text).toContain("name their key with a ds:KeyName");
  });

  it("accepts X509Data in a KeyInfo when the makelaar is told to, still verifying with the metadata", async () => {
    const lenient = await createMakelaar({
      baseUrl: BASE_URL,
      world: testWorld(),
      allowX509DataInMessages: true,
    });
    const client = await testServiceProvider(lenient);
    lenient.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const message = client.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO_URL,
      keyInfo: "x509",
    });
    expect((await sendRequest(lenient.app, message)).status).toBe(303);
  });

  it("accepts Extensions and Scoping, and logs what it ignored", async () => {
    const withParts = sp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO_URL,
      requestedLevel: "EH3",
      extensions: `<esp:RequestedAttributes xmlns:esp="urn:etoegang:1.9:samlp-extension"></esp:RequestedAttributes>`,
      scoping: `<samlp:IDPList><samlp:IDPEntry ProviderID="urn:etoegang:AD:00000099000000000001:entities:9001"></samlp:IDPEntry></samlp:IDPList>`,
    });
    const answer = await sendRequest(makelaar.app, withParts);
    expect(answer.status).toBe(303);
    const notes = makelaar.state.requests.at(-1)!.notes;
    expect(notes).toContain(
      "ignored samlp:Extensions (esp:RequestedAttributes): the catalogue decides the attributes",
    );
    expect(notes).toContain(
      "ignored samlp:Scoping (IDPList: urn:etoegang:AD:00000099000000000001:entities:9001): every leverancier is offered",
    );
  });

  it("refuses a wrapped signature: a new root that carries the signed original", async () => {
    const signed = sp.authnRequest({ serviceIndex: 1, binding: "post", destination: SSO_URL }).xml;
    const id = /ID="([^"]+)"/.exec(signed)![1]!;
    // Same ID twice: the evil outer request (another service) and the signed original inside it.
    const evil = signed.replace(
      'AttributeConsumingServiceIndex="1"',
      'AttributeConsumingServiceIndex="3"',
    );
    const wrapped = evil.replace(
      /(<\/saml:Issuer>)/,
      `$1<samlp:Extensions>${signed}</samlp:Extensions>`,
    );
    await expectPage(
      await post({ SAMLRequest: b64(wrapped) }),
      400,
      `the ID ${id} occurs more than once (signature wrapping)`,
    );
  });

  it("refuses a moved signature: a different root with the original's Signature", async () => {
    const signed = sp.authnRequest({ serviceIndex: 1, binding: "post", destination: SSO_URL }).xml;
    const id = /ID="([^"]+)"/.exec(signed)![1]!;
    const moved = signed.replace(`ID="${id}"`, 'ID="_evil"');
    await expectPage(
      await post({ SAMLRequest: b64(moved) }),
      400,
      `the Signature&#39;s Reference points to &quot;#${id}&quot;, not to the signed element #_evil`,
    );
  });

  it("refuses a request whose signed content was changed", async () => {
    const signed = sp.authnRequest({ serviceIndex: 1, binding: "post", destination: SSO_URL }).xml;
    const changed = signed.replace(
      'AttributeConsumingServiceIndex="1"',
      'AttributeConsumingServiceIndex="3"',
    );
    await expectPage(
      await post({ SAMLRequest: b64(changed) }),
      400,
      "the signature does not verify",
    );
  });
});

describe("binding rules", () => {
  it("refuses an ACS URL the SP did not register", async () => {
    const message = sp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO_URL,
      acsBy: "url",
      acsUrl: "https://evil.example/acs",
    });
    await expectPage(
      await sendRequest(makelaar.app, message),
      400,
      "AssertionConsumerServiceURL https://evil.example/acs with urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact is not registered",
    );
  });

  it("accepts the registered ACS named by URL and ProtocolBinding", async () => {
    const message = sp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO_URL,
      acsBy: "url",
    });
    const answer = await sendRequest(makelaar.app, message);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toMatch(/^https:\/\/dv\.example\/acs\?SAMLart=/);
  });

  it("refuses RelayState over 80 bytes, and echoes one of 80 unchanged", async () => {
    const long = sp.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: SSO_URL,
      relayState: "é".repeat(41),
    });
    await expectPage(
      await sendRequest(makelaar.app, long),
      400,
      "RelayState is 82 bytes; at most 80 are allowed.",
    );
    const exact = "a&b=c d/".repeat(10);
    const ok = sp.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: SSO_URL,
      relayState: exact,
    });
    const answer = await sendRequest(makelaar.app, ok);
    expect(new URL(answer.headers.location as string).searchParams.get("RelayState")).toBe(exact);
  });
});

describe("artifact resolution", () => {
  async function artifact(): Promise<string> {
    const answer = await sendRequest(
      makelaar.app,
      sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination: SSO_URL }),
    );
    return new URL(answer.headers.location as string).searchParams.get("SAMLart")!;
  }
  const arsUrl = `${BASE_URL}/broker/ars/1.13`;

  it("resolves an artifact once; the second resolve gets an empty ArtifactResponse", async () => {
    const samlArt = await artifact();
    expect((await sp.resolveArtifact(samlArt, { arsUrl, fetch: appFetch(makelaar.app) })).ok).toBe(
      true,
    );
    const again = await sp.resolveArtifact(samlArt, { arsUrl, fetch: appFetch(makelaar.app) });
    expect(again).toEqual({
      ok: false,
      status: "",
      message: "The artifact is unknown, expired or already resolved (empty ArtifactResponse).",
    });
    expect(makelaar.state.requests.at(-1)).toMatchObject({
      kind: "ArtifactResolve",
      errors: ["the artifact is unknown, expired or already resolved"],
    });
  });

  it("accepts both text/xml and application/soap+xml", async () => {
    for (const contentType of ["text/xml; charset=utf-8", "application/soap+xml"]) {
      const result = await sp.resolveArtifact(await artifact(), {
        arsUrl,
        fetch: appFetch(makelaar.app),
        contentType,
      });
      expect(result.ok).toBe(true);
    }
  });

  it("refuses another content type with 415 and a SOAP fault", async () => {
    const answer = await supertest(makelaar.app)
      .post("/broker/ars/1.13")
      .set("content-type", "application/json")
      .send("{}");
    expect(answer.status).toBe(415);
    expect(answer.text).toContain("<faultcode>soapenv:Client</faultcode>");
  });

  it("refuses an unsigned ArtifactResolve with a SOAP fault", async () => {
    const samlArt = await artifact();
    const body = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><samlp:ArtifactResolve xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_u" Version="2.0" IssueInstant="${new Date().toISOString()}"><saml:Issuer>${sp.entityID}</saml:Issuer><samlp:Artifact>${samlArt}</samlp:Artifact></samlp:ArtifactResolve></s:Body></s:Envelope>`;
    const answer = await supertest(makelaar.app)
      .post("/broker/ars/1.13")
      .set("content-type", "text/xml")
      .send(body);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("The ArtifactResolve is not signed.");
    // The artifact was not spent by the refused attempt.
    expect((await sp.resolveArtifact(samlArt, { arsUrl, fetch: appFetch(makelaar.app) })).ok).toBe(
      true,
    );
  });
});
