// Interoperability with SAML code we did not write: a service provider built
// with @node-saml/node-saml (POST binding); an artifact client that verifies
// with xml-crypto and decrypts with xml-encryption directly; and Debian's
// xmlsec1, which verifies every signature (HM, AD, MR, ArtifactResponse,
// metadata, catalogue) and decrypts every EncryptedID in the network layout.
import { SAML } from "@node-saml/node-saml";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { SignedXml } from "xml-crypto";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import type { Makelaar } from "../makelaar.ts";
import { testKeyPair, type TestKeyPair } from "../../saml-core/keys.ts";
import { serviceProviderMetadataXml } from "../../sp/metadata.ts";
import { makelaarMetadataXml } from "./metadata.ts";
import { registerServiceProvider } from "./sp-registration.ts";
import {
  decryptWithXmlEncryption,
  encryptedIds,
  nestedForRecipient,
  xmlsec1Decrypt,
  xmlsec1Verify,
} from "./interop-support.ts";
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

describe("an SP built with @node-saml/node-saml (POST binding)", () => {
  it("logs in, validates both signatures and reads the level and the eHerkenning attributes", async () => {
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const saml = nodeSaml();
    const { profile } = await saml.validatePostResponseAsync({
      SAMLResponse: await postLogin(saml),
    });
    expect(profile?.issuer).toBe(makelaar.entityID);
    expect(profile?.["urn:etoegang:core:ServiceID"]).toBe(FIXTURE_SERVICES.mijnDuo.serviceID);
    expect(profile?.["urn:etoegang:core:ServiceUUID"]).toBe(FIXTURE_SERVICES.mijnDuo.instanceUUID);
    const assertionXml = profile!.getAssertionXml!();
    expect(assertionXml).toContain(
      "<saml:AuthnContextClassRef>urn:etoegang:core:assurance-class:loa3</saml:AuthnContextClassRef>",
    );
    // The identifiers in the network layout: our EncryptedKey chosen by
    // Recipient and CarriedKeyName, then xml-encryption decrypts.
    const ids = await Promise.all(
      encryptedIds(assertionXml, { outsideAdvice: true }).map((id) =>
        decryptWithXmlEncryption(nestedForRecipient(id, NODE_SAML_SP)!, encryption.privateKeyPem),
      ),
    );
    expect(ids).toHaveLength(3);
    expect(ids[0]).toContain('NameQualifier="urn:etoegang:1.9:EntityConcernedID:KvKnr"');
    expect(ids[0]).toContain(`>${SCHOOL.kvk}</saml:NameID>`);
    expect(ids[1]).toContain('NameQualifier="urn:etoegang:1.9:EntityConcernedID:RSIN"');
    expect(ids[1]).toContain(`>${SCHOOL.rsin}</saml:NameID>`);
    expect(ids[2]).toContain('NameQualifier="urn:etoegang:1.13:EntityConcernedID:Pseudo"');
    expect(ids[2]).toContain(`>${PERSONS.eh3.pseudo}</saml:NameID>`);
    for (const id of ids) {
      expect(id).toContain('Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"');
    }
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
    const pems: Record<string, string> = {
      [makelaar.entityID]: `-----BEGIN CERTIFICATE-----\n${certificate}\n-----END CERTIFICATE-----`,
      [makelaar.adviceParties.ad.entityID]: makelaar.adviceParties.ad.keys.certificatePem,
      [makelaar.adviceParties.mr.entityID]: makelaar.adviceParties.mr.keys.certificatePem,
    };
    const signatures = doc.getElementsByTagNameNS(
      "http://www.w3.org/2000/09/xmldsig#",
      "Signature",
    );
    // ArtifactResponse, the HM's assertion, and the AD's and MR's in its Advice.
    expect(signatures.length).toBe(4);
    for (let i = 0; i < signatures.length; i++) {
      const signed = signatures.item(i)!.parentNode as unknown as globalThis.Element;
      const issuer = signed.getElementsByTagNameNS(
        "urn:oasis:names:tc:SAML:2.0:assertion",
        "Issuer",
      )[0]!.textContent!;
      const verifier = new SignedXml({ publicCert: pems[issuer]!, getCertFromKeyInfo: () => null });
      verifier.loadSignature(signatures.item(i) as unknown as Node);
      expect(verifier.checkSignature(xml)).toBe(true);
    }
    // Every EncryptedID that has an EncryptedKey for us decrypts: the outer
    // assertion's three and the MR's three; the AD's is for the MR only.
    const ours = encryptedIds(xml)
      .map((id) => nestedForRecipient(id, sp.entityID))
      .filter((data): data is string => data !== undefined);
    expect(ours).toHaveLength(6);
    const plain = await Promise.all(
      ours.map((data) => decryptWithXmlEncryption(data, sp.keys.encryption!.privateKeyPem)),
    );
    expect(plain.filter((p) => p.includes(`>${SCHOOL.kvk}</saml:NameID>`))).toHaveLength(2);
    expect(xml).toContain("urn:etoegang:core:assurance-class:loa4");
    expect(xml).toContain("<saml:Advice>");
    expect(new XMLSerializer().serializeToString(doc)).toContain("XACMLAuthzDecisionStatementType");
  });
});

describe("xmlsec1 (Debian's xmlsec, the engine of python3-saml and others)", () => {
  /** A full artifact login: the SOAP envelope with the ArtifactResponse, as the SP received it. */
  async function artifactAnswer(): Promise<string> {
    const { appFetch, testServiceProvider } = await import("./test-support.ts");
    const sp = await testServiceProvider(makelaar);
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const message = sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination: SSO_URL });
    const url = new URL(message.url!);
    const redirect = await supertest(makelaar.app).get(url.pathname + url.search);
    const samlArt = new URL(redirect.headers.location as string).searchParams.get("SAMLart")!;
    const result = await sp.resolveArtifact(samlArt, {
      arsUrl: `${SSO_URL.replace("/sso/", "/ars/")}`,
      fetch: appFetch(makelaar.app),
    });
    if (!result.ok) throw new Error(result.message);
    return result.responseXml;
  }

  function certificateOf(issuer: string): string {
    const { ad, mr } = makelaar.adviceParties;
    if (issuer === ad.entityID) return ad.keys.certificatePem;
    if (issuer === mr.entityID) return mr.keys.certificatePem;
    if (issuer === makelaar.entityID) return makelaar.signingKeys.certificatePem;
    throw new Error(`no certificate for ${issuer}`);
  }

  it("verifies every signature of an artifact answer: ArtifactResponse, HM, AD and MR", async () => {
    const xml = await artifactAnswer();
    const signers = [
      ["ArtifactResponse", makelaar.entityID],
      ["Assertion", makelaar.entityID],
      ["Advice/*[local-name()='Assertion'][1]", makelaar.adviceParties.ad.entityID],
      ["Advice/*[local-name()='Assertion'][2]", makelaar.adviceParties.mr.entityID],
    ] as const;
    const xpath = (element: string) =>
      element.startsWith("Advice")
        ? `//*[local-name()='${element.split("/")[0]}']/${element.split("/")[1]}/*[local-name()='Signature']`
        : `//*[local-name()='${element}' and not(parent::*[local-name()='Advice'])]/*[local-name()='Signature']`;
    for (const [element, issuer] of signers) {
      const run = await xmlsec1Verify(xml, xpath(element), certificateOf(issuer));
      expect(run.code, `${element}: ${run.stderr}`).toBe(0);
      expect(run.stderr).toContain("SignedInfo References (ok/all): 1/1");
    }
  });

  it("refuses a signature over a changed element (the AD's level raised)", async () => {
    const xml = await artifactAnswer();
    const changed = xml.replace(
      /(<saml:Issuer>urn:etoegang:AD:[^<]*<\/saml:Issuer>[\s\S]*?assurance-class:)loa3/,
      "$1loa4",
    );
    expect(changed).not.toBe(xml);
    const run = await xmlsec1Verify(
      changed,
      "//*[local-name()='Advice']/*[local-name()='Assertion'][1]/*[local-name()='Signature']",
      makelaar.adviceParties.ad.keys.certificatePem,
    );
    expect(run.code).not.toBe(0);
  });

  it("decrypts every EncryptedID in the network layout, each with its recipient's key", async () => {
    const xml = await artifactAnswer();
    const spKey = (
      await testKeyPair("sp-encryption", { commonName: "eh-overstap test SP encryption" })
    ).privateKeyPem;
    const { mr } = makelaar.adviceParties;
    const ids = encryptedIds(xml);
    // Outer assertion: KvK, RSIN, pseudonym; AD: pseudonym (for the MR); MR: pseudonym, KvK, RSIN.
    expect(ids).toHaveLength(7);
    const plain: string[] = [];
    for (const id of ids) {
      const forDv = nestedForRecipient(id, "urn:etoegang:DV:00000099000000000010:entities:9001");
      const data = forDv ?? nestedForRecipient(id, mr.entityID);
      expect(data, "every EncryptedID has a key for the DV or the MR").toBeDefined();
      plain.push(await xmlsec1Decrypt(data!, forDv ? spKey : mr.keys.privateKeyPem));
    }
    for (const nameId of plain) {
      expect(nameId).toContain('Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"');
    }
    expect(plain.filter((p) => p.includes(`>${SCHOOL.kvk}</saml:NameID>`))).toHaveLength(2);
    expect(plain.filter((p) => p.includes(`>${SCHOOL.rsin}</saml:NameID>`))).toHaveLength(2);
    expect(plain.filter((p) => p.includes(`>${PERSONS.eh3.pseudo}</saml:NameID>`))).toHaveLength(3);
  });
});

describe("xmlsec1 on what the makelaar publishes", () => {
  const rootSignature = "/*/*[local-name()='Signature']";

  it("verifies the metadata's signature with the certificate in its own X509Data", async () => {
    const xml = (await supertest(makelaar.app).get("/broker/metadata/1.13")).text;
    const run = await xmlsec1Verify(xml, rootSignature, makelaar.signingKeys.certificatePem);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("SignedInfo References (ok/all): 1/1");
    const changed = xml.replace("Mock makelaar (testomgeving)", "Andere makelaar");
    expect(changed).not.toBe(xml);
    expect(
      (await xmlsec1Verify(changed, rootSignature, makelaar.signingKeys.certificatePem)).code,
    ).not.toBe(0);
  });

  it("verifies the catalogue's signature, and refuses it once a level is raised", async () => {
    const xml = (await supertest(makelaar.app).get("/broker/catalogue/1.13/servicecatalog.xml"))
      .text;
    const run = await xmlsec1Verify(xml, rootSignature, makelaar.signingKeys.certificatePem);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("SignedInfo References (ok/all): 1/1");
    const changed = xml.replace("assurance-class:loa3<", "assurance-class:loa4<");
    expect(changed).not.toBe(xml);
    expect(
      (await xmlsec1Verify(changed, rootSignature, makelaar.signingKeys.certificatePem)).code,
    ).not.toBe(0);
  });
});
