// The SP library's checks on a makelaar's answer, one rule per test: each
// answer is written here by hand and signed with the makelaar's TEST key, so a
// test can break exactly one thing (the audience, a signature, a time, the
// recipient) and see the SP refuse it, and a check that is switched off fails
// a test.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { levelToUrn } from "../../eherkenning/index.ts";
import { testKeyPair, type TestKeyPair } from "../saml-core/keys.ts";
import { encryptedData } from "../saml-core/encryption.ts";
import { makelaarMetadataXml } from "../makelaar/saml/metadata.ts";
import { signRoot, type SigningKey } from "../saml-core/signature.ts";
import { SP_ENTITY_ID, SP_SERVICES, testMakelaar } from "../makelaar/saml/test-support.ts";
import { NS, STATUS_PREFIX, instant } from "../saml-core/xml.ts";
import {
  createServiceProvider,
  ServiceProviderError,
  UnsolicitedResponseError,
  type ServiceProvider,
  type ServiceProviderOptions,
} from "./index.ts";

const NOW = new Date("2026-02-02T10:00:00Z");
const ACS = "https://dv.example/acs";
const SKEW_MS = 60_000;
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

const KVK = "urn:etoegang:1.9:EntityConcernedID:KvKnr";
const PSEUDO = "urn:etoegang:1.9:EntityConcernedID:Pseudo";
const LEGAL = "urn:etoegang:core:LegalSubjectID";
const ACTING = "urn:etoegang:core:ActingSubjectID";

let makelaarKey: SigningKey;
let otherKey: SigningKey;
let spEncryption: TestKeyPair;
let makelaarMetadata: string;

beforeAll(async () => {
  const makelaar = await testMakelaar();
  makelaarKey = makelaar.signingKeys;
  makelaarMetadata = makelaarMetadataXml(makelaar);
  // Any other TEST key stands for a forger without the makelaar's key.
  otherKey = await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" });
  spEncryption = await testKeyPair("sp-encryption", {
    commonName: "eh-overstap test SP encryption",
  });
});

/** The SP, having sent the AuthnRequest "_request" that every answer here answers. */
async function serviceProvider(
  options: Partial<ServiceProviderOptions> = {},
): Promise<ServiceProvider> {
  const sp = await createServiceProvider({
    entityID: SP_ENTITY_ID,
    acsUrl: ACS,
    acsBinding: "post",
    services: SP_SERVICES,
    keys: {
      signing: await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" }),
      encryption: spEncryption,
    },
    // Given a metadata URL, the SP fetches the metadata instead.
    ...(options.makelaarMetadataUrl === undefined ? { makelaarMetadata } : {}),
    clock: () => NOW,
    ...options,
  });
  sp.authnRequest({
    serviceIndex: 1,
    binding: "post",
    destination: "https://makelaar.test/broker/sso/1.13",
    id: "_request",
    sign: false,
  });
  return sp;
}

interface AnswerParts {
  audience?: string;
  /** null leaves the attribute out. */
  recipient?: string | null;
  notBefore?: Date;
  notOnOrAfter?: Date;
  confirmationNotOnOrAfter?: Date;
  classRef?: string;
  /** Extra or replacing saml:Attribute elements. */
  attributes?: string;
  legal?: string | null;
  acting?: string | null;
  /** The key that signs the Assertion; null leaves it unsigned. */
  assertionKey?: SigningKey | null;
  /** The key that signs the Response; null leaves it unsigned. */
  responseKey?: SigningKey | null;
  /** null leaves the Destination out. */
  destination?: string | null;
  assertions?: number;
  /** Replaces the Status element. */
  status?: string;
  /** Changes the Assertion after it is signed. */
  tamper?: (assertion: string) => string;
  /** Changes the Assertion before it is signed (a makelaar that wrote it so). */
  edit?: (assertion: string) => string;
  /** More XML after the Assertions in the Response. */
  responseExtra?: string;
  /** Changes the Response before it is signed. */
  responseEdit?: (response: string) => string;
}

const nameId = (qualifier: string, value: string) =>
  `<saml:NameID xmlns:saml="${NS.saml}" NameQualifier="${qualifier}">${value}</saml:NameID>`;

function attributeXml(name: string, valueXml: string): string {
  return `<saml:Attribute Name="${name}"><saml:AttributeValue>${valueXml}</saml:AttributeValue></saml:Attribute>`;
}

function assertionXml(p: AnswerParts, n: number): string {
  const id = `_assertion${n}`;
  const notOnOrAfter = instant(p.notOnOrAfter ?? minutes(5));
  const recipient = p.recipient === null ? "" : ` Recipient="${p.recipient ?? ACS}"`;
  const legal =
    p.legal === null
      ? ""
      : attributeXml(
          LEGAL,
          p.legal ??
            `<saml:EncryptedID>${encryptedData(nameId(KVK, "90000001"), spEncryption.certificateBase64)}</saml:EncryptedID>`,
        );
  const acting =
    p.acting === null ? "" : attributeXml(ACTING, p.acting ?? nameId(PSEUDO, "pseudo-eh3"));
  const xml =
    `<saml:Assertion xmlns:saml="${NS.saml}" ID="${id}" IssueInstant="${instant(NOW)}" Version="2.0">` +
    `<saml:Issuer>urn:etoegang:HM:00000003999999999000:entities:9999</saml:Issuer>` +
    `<saml:Subject><saml:NameID>${id}-subject</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="_request"${recipient} NotOnOrAfter="${instant(p.confirmationNotOnOrAfter ?? minutes(5))}"></saml:SubjectConfirmationData></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${instant(p.notBefore ?? NOW)}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${p.audience ?? SP_ENTITY_ID}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${instant(NOW)}"><saml:AuthnContext><saml:AuthnContextClassRef>${p.classRef ?? levelToUrn("EH3")}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>` +
    attributeXml("urn:etoegang:core:ServiceID", "urn:etoegang:DV:00000099000000000010:services:1") +
    attributeXml("urn:etoegang:core:ServiceUUID", "0f2c1d52-5a4b-4c1e-9d7e-6b1b2b8d2a11") +
    legal +
    acting +
    (p.attributes ?? "") +
    `</saml:AttributeStatement></saml:Assertion>`;
  const key = p.assertionKey === undefined ? makelaarKey : p.assertionKey;
  const written = p.edit ? p.edit(xml) : xml;
  const signed = key ? signRoot(written, key, { placement: "after-issuer" }) : written;
  return p.tamper ? p.tamper(signed) : signed;
}

/** A samlp:Response as a makelaar would POST it, base64 like the SAMLResponse field. */
function answer(p: AnswerParts = {}): string {
  const assertions = Array.from({ length: p.assertions ?? 1 }, (_, n) => assertionXml(p, n));
  const destination = p.destination === null ? "" : ` Destination="${p.destination ?? ACS}"`;
  const status =
    p.status ??
    `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}Success"></samlp:StatusCode></samlp:Status>`;
  const xml =
    `<samlp:Response xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}"${destination} ID="_response" InResponseTo="_request" IssueInstant="${instant(NOW)}" Version="2.0">` +
    `<saml:Issuer>urn:etoegang:HM:00000003999999999000:entities:9999</saml:Issuer>` +
    status +
    assertions.join("") +
    (p.responseExtra ?? "") +
    `</samlp:Response>`;
  const key = p.responseKey === undefined ? makelaarKey : p.responseKey;
  const written = p.responseEdit ? p.responseEdit(xml) : xml;
  const signed = key ? signRoot(written, key, { placement: "after-issuer" }) : written;
  return Buffer.from(signed, "utf8").toString("base64");
}

async function read(p: AnswerParts = {}, options: Partial<ServiceProviderOptions> = {}) {
  return (await serviceProvider(options)).readPostResponse(answer(p));
}

describe("the SP library reads a well-formed answer", () => {
  it("logs in with the level, the service and both subjects of a correct answer", async () => {
    const sent = answer({
      attributes: attributeXml(
        "urn:etoegang:1.11:attribute-represented:CompanyName",
        "Stichting Testschool",
      ),
    });
    const result = await (await serviceProvider()).readPostResponse(sent);
    expect(result).toMatchObject({
      ok: true,
      level: "EH3",
      serviceID: "urn:etoegang:DV:00000099000000000010:services:1",
      serviceUUID: "0f2c1d52-5a4b-4c1e-9d7e-6b1b2b8d2a11",
      legalSubject: { type: "KvKnr", value: "90000001", encrypted: true },
      actingSubject: { type: "Pseudo", value: "pseudo-eh3", encrypted: false },
      inResponseTo: "_request",
      responseXml: Buffer.from(sent, "base64").toString("utf8"),
    });
    if (!result.ok) throw new Error("not ok");
    expect(result.attributes).toEqual({
      "urn:etoegang:core:ServiceID": "urn:etoegang:DV:00000099000000000010:services:1",
      "urn:etoegang:core:ServiceUUID": "0f2c1d52-5a4b-4c1e-9d7e-6b1b2b8d2a11",
      [LEGAL]: "KvKnr:90000001",
      [ACTING]: "Pseudo:pseudo-eh3",
      "urn:etoegang:1.11:attribute-represented:CompanyName": "Stichting Testschool",
    });
  });

  it("accepts an answer without a Destination (the binding then names no ACS)", async () => {
    expect((await read({ destination: null })).ok).toBe(true);
  });

  it("keeps an attribute without a Name under the empty name rather than failing", async () => {
    const result = await read({
      attributes: `<saml:Attribute><saml:AttributeValue>naamloos</saml:AttributeValue></saml:Attribute>`,
    });
    if (!result.ok) throw new Error("not ok");
    expect(result.attributeValues[""]).toEqual(["naamloos"]);
  });

  it("skips an attribute without a value rather than failing", async () => {
    const result = await read({
      attributes: `<saml:Attribute Name="urn:example:empty"></saml:Attribute>`,
    });
    if (!result.ok) throw new Error("not ok");
    expect(result.attributes).not.toHaveProperty("urn:example:empty");
  });
});

describe("the SP library refuses an answer not meant for it", () => {
  it("refuses an Assertion for another audience, naming that audience", async () => {
    await expect(
      read({ audience: "urn:etoegang:DV:00000099000000000010:entities:9002" }),
    ).rejects.toThrow(
      "The Assertion is for audience urn:etoegang:DV:00000099000000000010:entities:9002, not for us.",
    );
  });

  it("names every audience of an Assertion that is not for us", async () => {
    const two = (assertion: string) =>
      assertion.replace(
        /<saml:Audience>[^<]*<\/saml:Audience>/,
        "<saml:Audience>urn:a</saml:Audience><saml:Audience>urn:b</saml:Audience>",
      );
    await expect(read({ edit: two })).rejects.toThrow(
      "The Assertion is for audience urn:a, urn:b, not for us.",
    );
  });

  it("refuses a Response whose Destination is another ACS", async () => {
    await expect(read({ destination: "https://elders.example/acs" })).rejects.toThrow(
      "The Response's Destination https://elders.example/acs is not our ACS.",
    );
  });

  it("refuses a SubjectConfirmation whose Recipient is another ACS", async () => {
    await expect(read({ recipient: "https://elders.example/acs" })).rejects.toThrow(
      "The SubjectConfirmation's Recipient is not our ACS.",
    );
  });

  it("refuses a SubjectConfirmation without a Recipient", async () => {
    await expect(read({ recipient: null })).rejects.toThrow(
      "The SubjectConfirmation's Recipient is not our ACS.",
    );
  });
});

describe("the SP library trusts only what the makelaar signed", () => {
  it("refuses a signed Response whose Assertion is not signed", async () => {
    await expect(read({ assertionKey: null })).rejects.toThrow("The Assertion is not signed.");
  });

  it("refuses a signed Response whose Assertion is signed with another key", async () => {
    await expect(read({ assertionKey: otherKey })).rejects.toThrow(
      "The Assertion: the signature does not verify",
    );
  });

  it("refuses a POSTed Response that is not signed, though its Assertion is", async () => {
    await expect(read({ responseKey: null })).rejects.toThrow("The Response is not signed.");
  });

  it("refuses a POSTed Response signed with another key", async () => {
    await expect(read({ responseKey: otherKey })).rejects.toThrow(
      "The Response: the signature does not verify",
    );
  });

  it("refuses an Assertion changed after the makelaar signed it, even when the Response is signed over it", async () => {
    await expect(read({ tamper: (a) => a.replace("pseudo-eh3", "pseudo-eh4") })).rejects.toThrow(
      "The Assertion: the signature does not verify",
    );
  });

  it("checks signatures the same way with the direct verifier", async () => {
    expect((await read({}, { verifier: "direct" })).ok).toBe(true);
    await expect(read({ assertionKey: otherKey }, { verifier: "direct" })).rejects.toThrow(
      "The Assertion: the signature does not verify",
    );
  });
});

describe("the SP library refuses an answer outside its time window", () => {
  it("refuses an Assertion whose NotBefore lies more than the clock skew ahead", async () => {
    const notBefore = new Date(NOW.getTime() + SKEW_MS + 1000);
    await expect(read({ notBefore })).rejects.toThrow(
      `The Assertion is not valid yet (NotBefore ${instant(notBefore)}).`,
    );
  });

  it("accepts an Assertion whose NotBefore lies exactly the clock skew ahead", async () => {
    expect((await read({ notBefore: new Date(NOW.getTime() + SKEW_MS) })).ok).toBe(true);
  });

  it("refuses an Assertion whose NotOnOrAfter plus the clock skew is now", async () => {
    const notOnOrAfter = new Date(NOW.getTime() - SKEW_MS);
    await expect(read({ notOnOrAfter })).rejects.toThrow(
      `The Assertion has expired (NotOnOrAfter ${instant(notOnOrAfter)}).`,
    );
  });

  it("accepts an Assertion whose NotOnOrAfter plus the clock skew is just after now", async () => {
    expect((await read({ notOnOrAfter: new Date(NOW.getTime() - SKEW_MS + 1000) })).ok).toBe(true);
  });

  it("refuses a SubjectConfirmation that has expired, though the Conditions have not", async () => {
    const confirmationNotOnOrAfter = minutes(-2);
    await expect(read({ confirmationNotOnOrAfter })).rejects.toThrow(
      `The SubjectConfirmation has expired (NotOnOrAfter ${instant(confirmationNotOnOrAfter)}).`,
    );
  });

  it("uses the configured clock skew", async () => {
    const notBefore = minutes(3);
    expect((await read({ notBefore }, { clockSkewMs: 5 * 60_000 })).ok).toBe(true);
    await expect(read({ notBefore }, { clockSkewMs: 0 })).rejects.toThrow("is not valid yet");
  });
});

describe("the SP library refuses an answer it cannot read fully", () => {
  it("refuses a successful Response with two Assertions", async () => {
    await expect(read({ assertions: 2 })).rejects.toThrow(
      "A successful Response must hold exactly one Assertion.",
    );
  });

  it("refuses a successful Response without an Assertion", async () => {
    await expect(read({ assertions: 0 })).rejects.toThrow(
      "A successful Response must hold exactly one Assertion.",
    );
  });

  it("refuses an unknown AuthnContextClassRef, naming it", async () => {
    await expect(read({ classRef: "urn:example:level:9" })).rejects.toThrow(
      "Unknown AuthnContextClassRef urn:example:level:9.",
    );
  });

  it("refuses an Assertion without a LegalSubjectID", async () => {
    await expect(read({ legal: null })).rejects.toThrow(
      "The Assertion lacks LegalSubjectID or ActingSubjectID.",
    );
  });

  it("refuses an Assertion without an ActingSubjectID", async () => {
    await expect(read({ acting: null })).rejects.toThrow(
      "The Assertion lacks LegalSubjectID or ActingSubjectID.",
    );
  });

  it("refuses an EncryptedID when the SP has no encryption key", async () => {
    await expect(
      read({}, { keys: { signing: otherKey as TestKeyPair, encryption: null } }),
    ).rejects.toThrow("Got an EncryptedID but this SP has no encryption key.");
  });

  it("refuses an EncryptedID without EncryptedData, as a ServiceProviderError", async () => {
    const refusal = read({ legal: "<saml:EncryptedID></saml:EncryptedID>" });
    await expect(refusal).rejects.toThrow("EncryptedID without xenc:EncryptedData.");
    await expect(refusal).rejects.toBeInstanceOf(ServiceProviderError);
  });

  it("refuses an EncryptedID that does not hold a NameID", async () => {
    const notANameId = encryptedData(
      `<saml:Issuer xmlns:saml="${NS.saml}">x</saml:Issuer>`,
      spEncryption.certificateBase64,
    );
    await expect(
      read({ legal: `<saml:EncryptedID>${notANameId}</saml:EncryptedID>` }),
    ).rejects.toThrow("The EncryptedID did not hold a saml:NameID.");
  });

  it("names the decrypted NameID when what an EncryptedID holds is not XML", async () => {
    const broken = encryptedData(
      `<saml:NameID xmlns:saml="${NS.saml}">`,
      spEncryption.certificateBase64,
    );
    await expect(read({ legal: `<saml:EncryptedID>${broken}</saml:EncryptedID>` })).rejects.toThrow(
      /^The decrypted NameID is not well-formed XML/,
    );
  });

  it("refuses a SAMLResponse that is not a samlp:Response", async () => {
    const sp = await serviceProvider();
    const xml = `<samlp:LogoutResponse xmlns:samlp="${NS.samlp}" ID="_x" Version="2.0"></samlp:LogoutResponse>`;
    await expect(sp.readPostResponse(Buffer.from(xml).toString("base64"))).rejects.toThrow(
      "The SAMLResponse is not a samlp:Response.",
    );
  });
});

describe("the SP library reports a makelaar's refusal", () => {
  it("returns the status, second-level status and message of a refusal", async () => {
    const status =
      `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}Responder"><samlp:StatusCode Value="${STATUS_PREFIX}NoAuthnContext"></samlp:StatusCode></samlp:StatusCode>` +
      `<samlp:StatusMessage>Niveau te laag</samlp:StatusMessage></samlp:Status>`;
    expect(await read({ status, assertions: 0 })).toEqual({
      ok: false,
      status: `${STATUS_PREFIX}Responder`,
      subStatus: `${STATUS_PREFIX}NoAuthnContext`,
      message: "Niveau te laag",
      inResponseTo: "_request",
    });
  });

  it("leaves out the second-level status when the refusal has none", async () => {
    const status = `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}Requester"></samlp:StatusCode></samlp:Status>`;
    const result = await read({ status, assertions: 0 });
    expect(result).toEqual({
      ok: false,
      status: `${STATUS_PREFIX}Requester`,
      message: "",
      inResponseTo: "_request",
    });
    // toEqual passes an undefined property; the result must not have one at all.
    expect(result).not.toHaveProperty("subStatus");
  });

  it("gives an empty second-level status when its StatusCode has no Value", async () => {
    const status = `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}Responder"><samlp:StatusCode></samlp:StatusCode></samlp:StatusCode></samlp:Status>`;
    expect(await read({ status, assertions: 0 })).toMatchObject({ ok: false, subStatus: "" });
  });

  it("still checks the signature of a refusal", async () => {
    const status = `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}Requester"></samlp:StatusCode></samlp:Status>`;
    await expect(read({ status, assertions: 0, responseKey: otherKey })).rejects.toThrow(
      "The Response: the signature does not verify",
    );
  });
});

describe("the SP library reads what a makelaar may leave out", () => {
  it("checks Recipient and times only when the Assertion carries SubjectConfirmationData and Conditions times", async () => {
    const result = await read({
      recipient: "https://elders.example/acs",
      notOnOrAfter: minutes(-10),
      confirmationNotOnOrAfter: minutes(-10),
      // The Audience stays where the SP reads it (Conditions/AudienceRestriction); the times go.
      edit: (a) =>
        a
          .replace(/<saml:SubjectConfirmationData[^>]*><\/saml:SubjectConfirmationData>/, "")
          .replace(/<saml:Conditions[^>]*>/, "<saml:Conditions>"),
    });
    expect(result.ok).toBe(true);
  });

  it("gives an empty ServiceID and ServiceUUID when the Assertion names none", async () => {
    const result = await read({
      edit: (a) =>
        a.replace(
          /<saml:Attribute Name="urn:etoegang:core:Service(ID|UUID)">.*?<\/saml:Attribute>/g,
          "",
        ),
    });
    expect(result).toMatchObject({ ok: true, serviceID: "", serviceUUID: "" });
  });

  it("reads a NameID without NameQualifier as an identifier of no type", async () => {
    const result = await read({ acting: `<saml:NameID>pseudo-x</saml:NameID>` });
    expect(result).toMatchObject({
      ok: true,
      actingSubject: { type: "", value: "pseudo-x", encrypted: false },
    });
  });

  it("refuses a successful Response that also holds an EncryptedAssertion", async () => {
    await expect(
      read({ responseExtra: "<saml:EncryptedAssertion></saml:EncryptedAssertion>" }),
    ).rejects.toThrow("A successful Response must hold exactly one Assertion.");
  });

  it("names the audience as (none) when the Assertion has no Conditions", async () => {
    await expect(
      read({ edit: (a) => a.replace(/<saml:Conditions[^>]*>.*<\/saml:Conditions>/, "") }),
    ).rejects.toThrow("The Assertion is for audience (none), not for us.");
  });

  it("checks the first SubjectConfirmationData, also when an earlier SubjectConfirmation has none", async () => {
    const bare = `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"></saml:SubjectConfirmation>`;
    await expect(
      read({
        recipient: "https://elders.example/acs",
        edit: (a) => a.replace("<saml:SubjectConfirmation ", `${bare}<saml:SubjectConfirmation `),
      }),
    ).rejects.toThrow("The SubjectConfirmation's Recipient is not our ACS.");
  });

  it("reads the level from the first AuthnContext that has a ClassRef", async () => {
    const result = await read({
      edit: (a) =>
        a.replace(
          "<saml:AuthnContext>",
          "<saml:AuthnContext><saml:AuthnContextDeclRef>urn:x</saml:AuthnContextDeclRef></saml:AuthnContext><saml:AuthnContext>",
        ),
    });
    expect(result).toMatchObject({ ok: true, level: "EH3" });
  });

  it("takes as LegalSubjectID the first value that holds an identifier, skipping plain text", async () => {
    const result = await read({
      edit: (a) =>
        a.replace(
          `<saml:Attribute Name="${LEGAL}"><saml:AttributeValue>`,
          `<saml:Attribute Name="${LEGAL}"><saml:AttributeValue>geen identifier</saml:AttributeValue><saml:AttributeValue>`,
        ),
    });
    expect(result).toMatchObject({
      ok: true,
      legalSubject: { type: "KvKnr", value: "90000001", encrypted: true },
    });
  });

  it("reports a SAMLResponse that is not XML as such, naming the SAMLResponse", async () => {
    const sp = await serviceProvider();
    await expect(
      sp.readPostResponse(Buffer.from("<samlp:Response").toString("base64")),
    ).rejects.toThrow(/^The SAMLResponse has the text "<samlp:Response"/);
  });

  it("reports a Response without a Status as a refusal with an empty status", async () => {
    expect(await read({ status: "", assertions: 0 })).toEqual({
      ok: false,
      status: "",
      message: "",
      inResponseTo: "_request",
    });
  });
});

describe("the SP library accepts an answer only to a request it waits for, once", () => {
  it("refuses the same POSTed Response a second time (a replay)", async () => {
    const sp = await serviceProvider();
    const sent = answer();
    expect((await sp.readPostResponse(sent)).ok).toBe(true);
    await expect(sp.readPostResponse(sent)).rejects.toThrow(
      "The Response answers request _request, which this session did not send or which was answered already (a replayed or planted answer).",
    );
  });

  it("refuses a correctly signed Response to a request it never sent (unsolicited)", async () => {
    const sp = await createServiceProvider({
      entityID: SP_ENTITY_ID,
      acsUrl: ACS,
      acsBinding: "post",
      services: SP_SERVICES,
      keys: { signing: otherKey as TestKeyPair, encryption: spEncryption },
      makelaarMetadata,
      clock: () => NOW,
    });
    const refusal = sp.readPostResponse(answer());
    await expect(refusal).rejects.toBeInstanceOf(UnsolicitedResponseError);
    await expect(refusal).rejects.toHaveProperty("name", "UnsolicitedResponseError");
    await expect(refusal).rejects.toMatchObject({ inResponseTo: "_request" });
  });

  it("refuses a Response to a request another browser session sent (login CSRF)", async () => {
    const sp = await serviceProvider();
    sp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: "https://makelaar.test/broker/sso/1.13",
      id: "_attackers",
      session: "attacker-browser",
      sign: false,
    });
    const planted = answer({
      edit: (a) => a.replace('InResponseTo="_request"', 'InResponseTo="_attackers"'),
      responseEdit: (r) => r.replace('InResponseTo="_request"', 'InResponseTo="_attackers"'),
    });
    await expect(sp.readPostResponse(planted, { session: "victim-browser" })).rejects.toThrow(
      "The Response answers request _attackers, which this session did not send",
    );
    // The request stays outstanding for the browser that sent it.
    expect((await sp.readPostResponse(planted, { session: "attacker-browser" })).ok).toBe(true);
  });

  it("refuses a Response without InResponseTo, saying it answers no request", async () => {
    const unsolicited = answer({
      responseEdit: (r) => r.replace(' InResponseTo="_request"', ""),
    });
    await expect((await serviceProvider()).readPostResponse(unsolicited)).rejects.toThrow(
      "The Response answers no request (it has no InResponseTo): an unsolicited answer is not accepted.",
    );
  });

  it("refuses an Assertion whose SubjectConfirmation answers another request than its Response", async () => {
    const mixed = answer({
      edit: (a) => a.replace('InResponseTo="_request"', 'InResponseTo="_other"'),
    });
    await expect((await serviceProvider()).readPostResponse(mixed)).rejects.toThrow(
      "The SubjectConfirmation answers _other, not the Response's request _request.",
    );
  });

  it("keeps the request waiting when a forged answer to it is refused", async () => {
    const sp = await serviceProvider();
    await expect(sp.readPostResponse(answer({ responseKey: otherKey }))).rejects.toThrow(
      "The Response: the signature does not verify",
    );
    expect((await sp.readPostResponse(answer())).ok).toBe(true);
  });

  it("still takes a bare fetch as its second argument, as before sessions", async () => {
    const sp = await serviceProvider();
    expect((await sp.readPostResponse(answer(), fetch)).ok).toBe(true);
  });
});

describe("the SP library fetches the makelaar metadata for a POSTed answer", () => {
  const METADATA_URL = "https://makelaar.test/metadata";
  /** A fetch that serves the makelaar metadata and counts what it was asked. */
  function metadataFetch() {
    const urls: string[] = [];
    const fetcher = (async (input: string | URL | Request) => {
      urls.push(String(input));
      return new Response(makelaarMetadata);
    }) as typeof fetch;
    return { fetcher, urls };
  }

  it("with the fetch it is given, in the options or bare", async () => {
    for (const given of ["options", "bare"] as const) {
      const sp = await serviceProvider({
        makelaarMetadataUrl: METADATA_URL,
      });
      const { fetcher, urls } = metadataFetch();
      const read = given === "bare" ? fetcher : { fetch: fetcher };
      expect((await sp.readPostResponse(answer(), read)).ok).toBe(true);
      expect(urls).toEqual([METADATA_URL]);
    }
  });

  it("with the global fetch when it is given none", async () => {
    const server = createServer((_request, response) => {
      response.setHeader("content-type", "application/samlmetadata+xml");
      response.end(makelaarMetadata);
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    try {
      const { port } = server.address() as AddressInfo;
      const sp = await serviceProvider({
        makelaarMetadataUrl: `http://127.0.0.1:${port}/metadata`,
      });
      expect((await sp.readPostResponse(answer())).ok).toBe(true);
    } finally {
      server.close();
    }
  });
});
