import { createVerify } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import supertest from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import { SignedXml } from "xml-crypto";
import type { Makelaar } from "../makelaar.ts";
import { testKeyPair } from "../../saml-core/keys.ts";
import { createServiceProvider, type ServiceProvider } from "../../sp/index.ts";
import { signRoot } from "../../saml-core/signature.ts";
import { registerServiceProvider } from "./sp-registration.ts";
import { BASE_URL, SP_SERVICES, testMakelaar } from "./test-support.ts";
import { BINDINGS, NS } from "../../saml-core/xml.ts";

let makelaar: Makelaar;
beforeEach(async () => {
  makelaar = await testMakelaar();
});

async function sp(
  singleLogoutUrl?: string,
  binding: "post" | "redirect" = "post",
): Promise<ServiceProvider> {
  const created = await createServiceProvider({
    entityID: "urn:etoegang:DV:00000099000000000010:entities:9005",
    acsUrl: "https://dv.example/acs",
    acsBinding: "artifact",
    services: SP_SERVICES,
    ...(singleLogoutUrl ? { singleLogoutUrl } : {}),
    keys: {
      signing: await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" }),
      encryption: await testKeyPair("sp-encryption", {
        commonName: "eh-overstap test SP encryption",
      }),
    },
  });
  // The SP library publishes its logout URL for POST; the makelaar reads either binding.
  const metadataXml =
    binding === "redirect"
      ? created.metadataXml
          .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "")
          .replace(
            `Binding="${BINDINGS.post}" Location="${singleLogoutUrl}"`,
            `Binding="${BINDINGS.redirect}" Location="${singleLogoutUrl}"`,
          )
      : created.metadataXml;
  registerServiceProvider(makelaar.state, metadataXml);
  return created;
}

function logoutRequest(
  client: ServiceProvider,
  signed = true,
  {
    destination = `${BASE_URL}/broker/slo/1.13`,
    issueInstant = makelaar.protocolNow().toISOString(),
  }: { destination?: string; issueInstant?: string } = {},
): string {
  const xml =
    `<samlp:LogoutRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="_logout1" Version="2.0" IssueInstant="${issueInstant}" Destination="${destination}">` +
    `<saml:Issuer>${client.entityID}</saml:Issuer><saml:NameID>_someone</saml:NameID></samlp:LogoutRequest>`;
  return signed ? signRoot(xml, client.keys.signing, { placement: "after-issuer" }) : xml;
}

describe("single logout", () => {
  it("answers a signed LogoutRequest (POST) with a signed LogoutResponse to the SP's SingleLogoutService", async () => {
    const client = await sp("https://dv.example/slo");
    const answer = await supertest(makelaar.app)
      .post("/broker/slo/1.13")
      .type("form")
      .send({
        SAMLRequest: Buffer.from(logoutRequest(client)).toString("base64"),
        RelayState: "uit",
      });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('action="https://dv.example/slo"');
    expect(answer.text).toContain('name="RelayState" value="uit"');
    const xml = Buffer.from(
      /name="SAMLResponse" value="([^"]+)"/.exec(answer.text)![1]!,
      "base64",
    ).toString();
    expect(xml).toContain('InResponseTo="_logout1"');
    expect(xml).toContain("urn:oasis:names:tc:SAML:2.0:status:Success");
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const verifier = new SignedXml({
      publicCert: makelaar.signingKeys.certificatePem,
      getCertFromKeyInfo: () => null,
    });
    verifier.loadSignature(
      doc.getElementsByTagNameNS(NS.ds, "Signature").item(0) as unknown as Node,
    );
    expect(verifier.checkSignature(xml)).toBe(true);
  });

  it("addresses the LogoutResponse to the SP's SingleLogoutService, its signature right after the Issuer", async () => {
    const client = await sp("https://dv.example/slo");
    const answer = await supertest(makelaar.app)
      .post("/broker/slo/1.13")
      .type("form")
      .send({ SAMLRequest: Buffer.from(logoutRequest(client)).toString("base64") });
    const xml = Buffer.from(
      /name="SAMLResponse" value="([^"]+)"/.exec(answer.text)![1]!,
      "base64",
    ).toString();
    const root = new DOMParser().parseFromString(xml, "text/xml").documentElement!;
    expect(root.getAttribute("Destination")).toBe("https://dv.example/slo");
    const children = Array.from(root.childNodes).filter((n) => n.nodeType === 1);
    expect(children.map((n) => n.localName)).toEqual(["Issuer", "Signature", "Status"]);
  });

  it("logs a verified LogoutRequest with its ID, its SP and no errors", async () => {
    const client = await sp("https://dv.example/slo");
    await supertest(makelaar.app)
      .post("/broker/slo/1.13")
      .type("form")
      .send({ SAMLRequest: Buffer.from(logoutRequest(client)).toString("base64") });
    expect(makelaar.state.requests.at(-1)).toMatchObject({
      kind: "LogoutRequest",
      id: "_logout1",
      sp: client.entityID,
      binding: "post",
      errors: [],
      notes: [],
    });
  });

  it("refuses a SAMLRequest that is not well-formed XML, naming it", async () => {
    const answer = await supertest(makelaar.app)
      .post("/broker/slo/1.13")
      .type("form")
      .send({ SAMLRequest: Buffer.from("<uitloggen>").toString("base64") });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("The SAMLRequest is not well-formed XML");
  });

  it("answers by Redirect to a Redirect SingleLogoutService: a deflated LogoutResponse, RelayState and SigAlg signed by the makelaar", async () => {
    const client = await sp("https://dv.example/slo", "redirect");
    const answer = await supertest(makelaar.app)
      .post("/broker/slo/1.13")
      .type("form")
      .send({
        SAMLRequest: Buffer.from(logoutRequest(client)).toString("base64"),
        RelayState: "uit en thuis",
      });
    expect(answer.status).toBe(303);
    const location = answer.headers.location as string;
    expect(location.startsWith("https://dv.example/slo?SAMLResponse=")).toBe(true);
    const [signedQuery, signature] = location.slice(location.indexOf("?") + 1).split("&Signature=");
    const query = new URLSearchParams(signedQuery);
    expect([...query.keys()]).toEqual(["SAMLResponse", "RelayState", "SigAlg"]);
    expect(query.get("RelayState")).toBe("uit en thuis");
    expect(query.get("SigAlg")).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    const xml = inflateRawSync(Buffer.from(query.get("SAMLResponse")!, "base64")).toString();
    expect(xml).toContain('InResponseTo="_logout1"');
    expect(xml).toContain('Destination="https://dv.example/slo"');
    expect(xml).toContain("urn:oasis:names:tc:SAML:2.0:status:Success");
    const verifies = createVerify("RSA-SHA256")
      .update(signedQuery!)
      .verify(makelaar.signingKeys.certificatePem, decodeURIComponent(signature!), "base64");
    expect(verifies).toBe(true);
  });

  it("leaves RelayState out of a Redirect answer when the request had none, and keeps the URL's own query", async () => {
    const client = await sp("https://dv.example/slo?tenant=7", "redirect");
    const answer = await supertest(makelaar.app)
      .post("/broker/slo/1.13")
      .type("form")
      .send({ SAMLRequest: Buffer.from(logoutRequest(client)).toString("base64") });
    const location = answer.headers.location as string;
    expect(location.startsWith("https://dv.example/slo?tenant=7&SAMLResponse=")).toBe(true);
    const query = new URLSearchParams(location.slice(location.indexOf("?") + 1));
    expect([...query.keys()]).toEqual(["tenant", "SAMLResponse", "SigAlg", "Signature"]);
  });

  it("answers by Redirect on a page when the SP registered no SingleLogoutService", async () => {
    const client = await sp();
    const query = `SAMLRequest=${encodeURIComponent(deflateRawSync(logoutRequest(client, false)).toString("base64"))}&SigAlg=${encodeURIComponent("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")}`;
    const { createSign } = await import("node:crypto");
    const signature = createSign("RSA-SHA256")
      .update(query)
      .sign(client.keys.signing.privateKeyPem, "base64");
    const answer = await supertest(makelaar.app).get(
      `/broker/slo/1.13?${query}&Signature=${encodeURIComponent(signature)}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("U bent uitgelogd");
    expect(makelaar.state.requests.at(-1)).toMatchObject({
      kind: "LogoutRequest",
      binding: "redirect",
      errors: [],
    });
  });

  it("refuses an unsigned LogoutRequest", async () => {
    const client = await sp("https://dv.example/slo");
    const answer = await supertest(makelaar.app)
      .post("/broker/slo/1.13")
      .type("form")
      .send({ SAMLRequest: Buffer.from(logoutRequest(client, false)).toString("base64") });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("The LogoutRequest is not signed.");
  });

  it("refuses a signed LogoutRequest meant for another endpoint (Destination)", async () => {
    const client = await sp("https://dv.example/slo");
    const request = logoutRequest(client, true, { destination: `${BASE_URL}/broker/sso/1.13` });
    const answer = await supertest(makelaar.app)
      .post("/broker/slo/1.13")
      .type("form")
      .send({ SAMLRequest: Buffer.from(request).toString("base64") });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(
      `Destination &quot;${BASE_URL}/broker/sso/1.13&quot; is not this makelaar&#39;s SLO URL`,
    );
    expect(makelaar.state.requests.at(-1)?.errors).toHaveLength(1);
  });

  it("refuses a signed LogoutRequest issued more than five minutes ago (IssueInstant)", async () => {
    const client = await sp("https://dv.example/slo");
    const old = new Date(makelaar.protocolNow().getTime() - 6 * 60_000).toISOString();
    const answer = await supertest(makelaar.app)
      .post("/broker/slo/1.13")
      .type("form")
      .send({
        SAMLRequest: Buffer.from(logoutRequest(client, true, { issueInstant: old })).toString(
          "base64",
        ),
      });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("The request has expired");
  });
});
