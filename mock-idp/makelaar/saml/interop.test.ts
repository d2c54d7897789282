// Interoperability with SAML code we did not write: a service provider built
// with @node-saml/node-saml (POST binding), and an artifact resolver that
// verifies with xml-crypto and decrypts with xml-encryption directly.
import { SAML } from "@node-saml/node-saml";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { SignedXml } from "xml-crypto";
import { decrypt } from "xml-encryption";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import type { Makelaar } from "../makelaar.ts";
import { testKeyPair, type TestKeyPair } from "../../saml-core/keys.ts";
import { serviceProviderMetadataXml } from "../../sp/metadata.ts";
import { makelaarMetadataXml } from "./metadata.ts";
import { registerServiceProvider } from "./sp-registration.ts";
import { PERSONS, SCHOOL, SP_SERVICES, SSO_URL, testMakelaar } from "./test-support.ts";

const NODE_SAML_SP = "urn:etoegang:DV:00000099000000000010:entities:9002";
const CALLBACK = "https://node-saml.example/login/callback";

let makelaar: Makelaar;
let signing: TestKeyPair;
let encryption: TestKeyPair;

beforeAll(async () => {
  makelaar = await testMakelaar();
  signing = await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" });
  encryption = await testKeyPair("sp-encryption", { commonName: "eh-overstap test SP encryption" });
  registerServiceProvider(
    makelaar.state,
    serviceProviderMetadataXml({
      entityID: NODE_SAML_SP,
      acsUrl: CALLBACK,
      acsBinding: "post",
      services: SP_SERVICES,
      signing,
      encryption,
    }),
  );
});

function nodeSaml(): SAML {
  return new SAML({
    entryPoint: SSO_URL,
    issuer: NODE_SAML_SP,
    audience: NODE_SAML_SP,
    callbackUrl: CALLBACK,
    idpCert: makelaar.signingKeys.certificatePem,
    privateKey: signing.privateKeyPem,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "sha256",
    authnRequestBinding: "HTTP-POST",
    identifierFormat: null,
    attributeConsumingServiceIndex: "1",
    forceAuthn: true,
    racComparison: "minimum",
    authnContext: ["urn:etoegang:core:assurance-class:loa2plus"],
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
  });
}

/** node-saml's AuthnRequest posted as its form would; returns the SAMLResponse field. */
async function postLogin(saml: SAML): Promise<string> {
  const message = (await saml.getAuthorizeMessageAsync("van-node-saml", undefined, {})) as {
    SAMLRequest: string;
    RelayState: string;
  };
  const answer = await supertest(makelaar.app)
    .post("/broker/sso/1.13")
    .type("form")
    .send({ SAMLRequest: message.SAMLRequest, RelayState: message.RelayState });
  expect(answer.status).toBe(200);
  expect(answer.headers["cache-control"]).toBe("no-cache, no-store");
  expect(answer.text).toContain(`action="${CALLBACK}"`);
  expect(answer.text).toContain('name="RelayState" value="van-node-saml"');
  const field = /name="SAMLResponse" value="([^"]+)"/.exec(answer.text);
  return field![1]!;
}

function decryptId(xml: string): Promise<string> {
  return new Promise((resolve, reject) =>
    decrypt(xml, { key: encryption.privateKeyPem }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

describe("an SP built with @node-saml/node-saml (POST binding)", () => {
  it("logs in, validates both signatures and reads the level and the eHerkenning attributes", async () => {
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const saml = nodeSaml();
    const { profile } = await saml.validatePostResponseAsync({
      SAMLResponse: await postLogin(saml),
    });
    expect(profile?.issuer).toBe(makelaar.entityID);
    expect(profile?.["urn:etoegang:core:ServiceID"]).toBe(FIXTURE_SERVICES.mijnDuo.serviceID);
    expect(profile?.["urn:etoegang:core:ServiceUUID"]).toBe(FIXTURE_SERVICES.mijnDuo.serviceUUID);
    const assertionXml = profile!.getAssertionXml!();
    expect(assertionXml).toContain(
      "<saml:AuthnContextClassRef>urn:etoegang:core:assurance-class:loa3</saml:AuthnContextClassRef>",
    );
    const encrypted = /<xenc:EncryptedData[\s\S]*?<\/xenc:EncryptedData>/g;
    const ids = await Promise.all(
      [...assertionXml.matchAll(encrypted)].map((m) => decryptId(m[0])),
    );
    expect(ids).toHaveLength(2);
    expect(ids[0]).toContain('NameQualifier="urn:etoegang:1.9:EntityConcernedID:KvKnr"');
    expect(ids[0]).toContain(`>${SCHOOL.kvk}</saml:NameID>`);
    expect(ids[1]).toContain('NameQualifier="urn:etoegang:1.9:EntityConcernedID:Pseudo"');
    expect(ids[1]).toContain(`>${PERSONS.eh3.pseudo}</saml:NameID>`);
  });

  it("logs in by the Redirect binding too (node-saml signs the query)", async () => {
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const saml = new SAML({ ...nodeSaml().options, authnRequestBinding: "HTTP-Redirect" });
    const url = new URL(await saml.getAuthorizeUrlAsync("via-redirect", undefined, {}));
    expect(url.searchParams.get("SigAlg")).toBe(
      "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    );
    const answer = await supertest(makelaar.app).get(url.pathname + url.search);
    expect(answer.status).toBe(200);
    const field = /name="SAMLResponse" value="([^"]+)"/.exec(answer.text);
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: field![1]! });
    expect(profile?.["urn:etoegang:core:ServiceID"]).toBe(FIXTURE_SERVICES.mijnDuo.serviceID);
  });

  it("receives a refusal as a status error carrying our StatusMessage", async () => {
    makelaar.state.autoLogin = { personId: PERSONS.noMachtiging.id, kvk: SCHOOL.kvk };
    const saml = nodeSaml();
    const samlResponse = await postLogin(saml);
    await expect(saml.validatePostResponseAsync({ SAMLResponse: samlResponse })).rejects.toThrow(
      /Responder.*no machtiging/s,
    );
  });

  it("logs in with the business clock in 2021: node-saml's own time checks see real time", async () => {
    makelaar.world.setNow(new Date("2021-06-30T12:00:00+02:00"));
    try {
      makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
      const saml = nodeSaml();
      const { profile } = await saml.validatePostResponseAsync({
        SAMLResponse: await postLogin(saml),
      });
      expect(profile?.["urn:etoegang:core:ServiceID"]).toBe(FIXTURE_SERVICES.mijnDuo.serviceID);
    } finally {
      makelaar.world.useRealTime();
    }
  });

  it("with protocol time shifted to 2021 too, node-saml refuses the answer as expired", async () => {
    makelaar.world.setNow(new Date("2021-06-30T12:00:00+02:00"));
    makelaar.state.protocolTimeShifted = true;
    try {
      makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
      // node-saml stamps its request with real time, which the shifted makelaar
      // finds 5 years ahead: the request is refused before any assertion.
      const saml = nodeSaml();
      await expect(
        saml.validatePostResponseAsync({ SAMLResponse: await postLogin(saml) }),
      ).rejects.toThrow(
        /Requester.*IssueInstant .* is more than 60 seconds after the makelaar's time/s,
      );
    } finally {
      makelaar.world.useRealTime();
      makelaar.state.protocolTimeShifted = false;
    }
  });

  it("rejects our answer when it trusts another makelaar certificate", async () => {
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const other = await testKeyPair("interop-other", { commonName: "eh-overstap other makelaar" });
    const saml = new SAML({ ...nodeSaml().options, idpCert: other.certificatePem });
    await expect(
      saml.validatePostResponseAsync({ SAMLResponse: await postLogin(saml) }),
    ).rejects.toThrow(/signature/i);
  });
});

describe("the Artifact flow checked with xml-crypto and xml-encryption directly", () => {
  it("resolves a signed ArtifactResponse whose assertion verifies and whose EncryptedIDs decrypt", async () => {
    const { testServiceProvider } = await import("./test-support.ts");
    const sp = await testServiceProvider(makelaar);
    makelaar.state.autoLogin = { personId: PERSONS.everything.id, kvk: SCHOOL.kvk };
    const message = sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination: SSO_URL });
    const redirect = await supertest(makelaar.app).get(
      new URL(message.url!).pathname + new URL(message.url!).search,
    );
    const samlArt = new URL(redirect.headers.location as string).searchParams.get("SAMLart")!;
    // Build the ArtifactResolve by hand, signed with xml-crypto.
    const resolve =
      `<samlp:ArtifactResolve xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="${new Date().toISOString()}">` +
      `<saml:Issuer>${sp.entityID}</saml:Issuer><samlp:Artifact>${samlArt}</samlp:Artifact></samlp:ArtifactResolve>`;
    const signer = new SignedXml({
      privateKey: sp.keys.signing.privateKeyPem,
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    });
    signer.addReference({
      xpath: "/*",
      transforms: [
        "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
        "http://www.w3.org/2001/10/xml-exc-c14n#",
      ],
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    });
    signer.computeSignature(resolve, {
      prefix: "ds",
      location: { reference: "/*/*[local-name()='Issuer']", action: "after" },
    });
    const envelope = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${signer.getSignedXml()}</s:Body></s:Envelope>`;
    const answer = await supertest(makelaar.app)
      .post("/broker/ars/1.13")
      .set("content-type", "application/soap+xml")
      .send(envelope);
    expect(answer.status).toBe(200);

    const xml = answer.text;
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const certificate = makelaarMetadataXml(makelaar).match(
      /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/,
    )![1]!;
    const pem = `-----BEGIN CERTIFICATE-----\n${certificate}\n-----END CERTIFICATE-----`;
    const signatures = doc.getElementsByTagNameNS(
      "http://www.w3.org/2000/09/xmldsig#",
      "Signature",
    );
    expect(signatures.length).toBe(2); // ArtifactResponse and Assertion
    for (let i = 0; i < signatures.length; i++) {
      const verifier = new SignedXml({ publicCert: pem, getCertFromKeyInfo: () => null });
      verifier.loadSignature(signatures.item(i) as unknown as Node);
      expect(verifier.checkSignature(xml)).toBe(true);
    }
    const encrypted = doc.getElementsByTagNameNS(
      "http://www.w3.org/2001/04/xmlenc#",
      "EncryptedData",
    );
    expect(encrypted.length).toBe(2);
    const legal = await decryptId(new XMLSerializer().serializeToString(encrypted.item(0)!));
    expect(legal).toContain(`>${SCHOOL.kvk}</saml:NameID>`);
    expect(xml).toContain("urn:etoegang:core:assurance-class:loa4");
    expect(xml).not.toContain("<saml:Advice");
  });
});
