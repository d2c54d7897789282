// The makelaar's AuthnRequest checks called one by one, each with the input
// that just passes and the input that just fails, so the boundary of every
// rule is pinned. Until the ACS is trusted a failure is a page
// (RequestRefused); from then on it is a SAML answer to the SP (a plain
// SamlError Requester/RequestUnsupported).
import { createSign } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import type { Element } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { testKeyPair, type TestKeyPair } from "../../saml-core/keys.ts";
import { ALGORITHMS } from "../../saml-core/signature.ts";
import { BINDINGS, MAX_MESSAGE_BYTES, NS, parseXml } from "../../saml-core/xml.ts";
import type { ServiceProvider } from "../../sp/index.ts";
import { SamlError } from "../errors.ts";
import type { Makelaar } from "../makelaar.ts";
import { MAX_REPLAY_IDS, REPLAY_WINDOW_MS, ReplayIds } from "../replay-ids.ts";
import {
  MAX_ID_BYTES,
  REQUEST_MAX_AGE_MS,
  REQUEST_MAX_FUTURE_MS,
  RequestRefused,
  checkDestination,
  checkIssueInstant,
  checkRelayState,
  checkReplay,
  checkRequestedLevel,
  chooseAssertionConsumerService,
  decodeBase64,
  decodeQueryValue,
  identifyServiceProvider,
  ignoredParts,
  inflate,
  parseMessage,
  rawQuery,
  readRequestedLevel,
  requireMessage,
  requireRoot,
  selectService,
  verifyPostSignature,
  verifyRedirectSignature,
} from "./checks.ts";
import { MAX_ENTITY_ID_CHARACTERS, type ServiceProviderMetadata } from "./sp-registration.ts";
import {
  SP_ENTITY_ID,
  SP_SERVICES,
  SSO_URL,
  ecTestKeyPair,
  testMakelaar,
  testServiceProvider,
} from "./test-support.ts";

const NOW = new Date("2026-03-02T09:00:00Z");

function element(xml: string): Element {
  return parseXml(xml, "test XML").documentElement!;
}

/** An AuthnRequest root with these attributes (and optional children). */
function request(attributes: string, children = ""): Element {
  return element(
    `<samlp:AuthnRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ${attributes}>${children}</samlp:AuthnRequest>`,
  );
}

function spWith(
  acs: ServiceProviderMetadata["assertionConsumerServices"],
): ServiceProviderMetadata {
  return {
    entityID: SP_ENTITY_ID,
    signingCertificates: [],
    encryptionCertificates: [],
    assertionConsumerServices: acs,
    services: new Map(SP_SERVICES.map((s) => [s.index, s.serviceID])),
  };
}

const ARTIFACT_ACS = {
  index: 0,
  url: "https://dv.example/acs",
  binding: "artifact",
  isDefault: false,
} as const;
const POST_ACS = {
  index: 1,
  url: "https://dv.example/acs",
  binding: "post",
  isDefault: true,
} as const;
const OTHER_ACS = {
  index: 2,
  url: "https://dv.example/other",
  binding: "post",
  isDefault: false,
} as const;

/** Runs `check` and returns what it threw. */
function thrown(check: () => unknown): SamlError {
  try {
    check();
  } catch (error) {
    if (error instanceof SamlError) return error;
    throw error;
  }
  throw new Error("expected the check to refuse");
}

/** Refused with a page: the ACS is not trusted yet. */
function refusedWithPage(check: () => unknown, message: string | RegExp): void {
  const error = thrown(check);
  expect(error).toBeInstanceOf(RequestRefused);
  expect(error.httpStatus).toBe(400);
  expect(error.status).toBe("Requester");
  expect(error.subStatus).toBe("RequestUnsupported");
  expect(error.message).toMatch(message);
}

/** Answered to the SP: a SamlError that is not a page-only refusal. */
function answeredToSp(check: () => unknown, message: string | RegExp): void {
  const error = thrown(check);
  expect(error).not.toBeInstanceOf(RequestRefused);
  expect(error.status).toBe("Requester");
  expect(error.subStatus).toBe("RequestUnsupported");
  expect(error.message).toMatch(message);
}

describe("decoding a message", () => {
  it("reads base64 with line breaks in it", () => {
    expect(decodeBase64("aGVs\nbG8=", "SAMLRequest").toString()).toBe("hello");
  });

  it.each([
    ["empty", ""],
    ["white space only", " \n "],
    ["a length not a multiple of 4", "aGVsbG8"],
    ["a character outside base64", "aGVs*G8="],
    ["padding in the middle", "aG=sbG8="],
    ["more than two padding characters", "aGVsb==="],
  ])("refuses %s as base64, naming the field", (_what, value) => {
    refusedWithPage(() => decodeBase64(value, "SAMLRequest"), "SAMLRequest is not valid base64.");
  });

  it("inflates DEFLATE data", () => {
    expect(inflate(deflateRawSync(Buffer.from("<x/>")), "SAMLRequest")).toBe("<x/>");
  });

  it("refuses data that is not DEFLATE, and data that inflates past the message limit", () => {
    const message = `SAMLRequest could not be inflated: it is not DEFLATE data, or it inflates to more than ${MAX_MESSAGE_BYTES / 1024} KB.`;
    refusedWithPage(() => inflate(Buffer.from("not deflated"), "SAMLRequest"), message);
    const bomb = deflateRawSync(Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20));
    refusedWithPage(() => inflate(bomb, "SAMLRequest"), message);
    expect(inflate(deflateRawSync(Buffer.alloc(MAX_MESSAGE_BYTES, 0x20)), "x")).toHaveLength(
      MAX_MESSAGE_BYTES,
    );
  });

  it("turns an XML parse error into a page naming the message", () => {
    refusedWithPage(() => parseMessage("<a><b></a>", "The SAMLRequest"), /The SAMLRequest/);
    expect(parseMessage("<a/>", "The SAMLRequest").documentElement?.localName).toBe("a");
  });
});

describe("the message element", () => {
  const root = (name: string, ns: string, attributes: string) =>
    element(`<p:${name} xmlns:p="${ns}" ${attributes}/>`);

  it("accepts a SAML 2.0 samlp message of the expected kind with an ID", () => {
    const message = root("AuthnRequest", NS.samlp, 'Version="2.0" ID="_a"');
    expect(requireMessage(message, "AuthnRequest")).toBe(message);
    const doc = parseXml(`<p:AuthnRequest xmlns:p="${NS.samlp}" Version="2.0" ID="_a"/>`, "x");
    expect(requireRoot(doc, "AuthnRequest")).toBe(doc.documentElement);
  });

  it("refuses another kind of message, naming it", () => {
    refusedWithPage(
      () =>
        requireMessage(root("LogoutRequest", NS.samlp, 'Version="2.0" ID="_a"'), "AuthnRequest"),
      "The message is <p:LogoutRequest>, not a samlp:AuthnRequest.",
    );
  });

  it("refuses the right name in another namespace", () => {
    refusedWithPage(
      () => requireMessage(root("AuthnRequest", NS.saml, 'Version="2.0" ID="_a"'), "AuthnRequest"),
      "not a samlp:AuthnRequest",
    );
  });

  it("refuses a Version other than 2.0, and a missing Version", () => {
    refusedWithPage(
      () => requireMessage(root("AuthnRequest", NS.samlp, 'Version="1.1" ID="_a"'), "AuthnRequest"),
      'The samlp:AuthnRequest has Version "1.1", not 2.0.',
    );
    refusedWithPage(
      () => requireMessage(root("AuthnRequest", NS.samlp, 'ID="_a"'), "AuthnRequest"),
      'The samlp:AuthnRequest has Version "", not 2.0.',
    );
  });

  it(`accepts an ID of ${MAX_ID_BYTES} bytes and refuses a longer one, counting UTF-8 bytes`, () => {
    const withId = (id: string) => root("AuthnRequest", NS.samlp, `Version="2.0" ID="${id}"`);
    // "é" is two bytes in UTF-8: 64 of them are 128 bytes, 65 are 130.
    for (const id of ["_".padEnd(MAX_ID_BYTES, "a"), "é".repeat(MAX_ID_BYTES / 2)]) {
      expect(() => requireMessage(withId(id), "AuthnRequest")).not.toThrow();
    }
    refusedWithPage(
      () => requireMessage(withId("_".padEnd(MAX_ID_BYTES + 1, "a")), "AuthnRequest"),
      `The samlp:AuthnRequest's ID is ${MAX_ID_BYTES + 1} bytes; at most ${MAX_ID_BYTES} are accepted (SAML IDs are short: 128 to 160 random bits).`,
    );
    refusedWithPage(
      () => requireMessage(withId("é".repeat(MAX_ID_BYTES / 2 + 1)), "AuthnRequest"),
      `The samlp:AuthnRequest's ID is ${MAX_ID_BYTES + 2} bytes;`,
    );
  });

  it("refuses a message without an ID, and with an empty one", () => {
    for (const id of ["", 'ID=""']) {
      refusedWithPage(
        () => requireMessage(root("AuthnRequest", NS.samlp, `Version="2.0" ${id}`), "AuthnRequest"),
        "The samlp:AuthnRequest has no ID.",
      );
    }
  });
});

describe("who sent it", () => {
  let makelaar: Makelaar;
  beforeAll(async () => {
    makelaar = await testMakelaar();
    await testServiceProvider(makelaar);
  });

  it("finds the registered SP named by the Issuer", () => {
    const sp = identifyServiceProvider(
      makelaar.state,
      request("", `<saml:Issuer>${SP_ENTITY_ID}</saml:Issuer>`),
    );
    expect(sp.entityID).toBe(SP_ENTITY_ID);
  });

  it("refuses a message without an Issuer", () => {
    refusedWithPage(
      () => identifyServiceProvider(makelaar.state, request("")),
      "The message has no saml:Issuer, so the sender is unknown.",
    );
  });

  it("refuses an SP whose registered metadata cannot be read, naming the SP and the fault", () => {
    makelaar.state.serviceProviders.push({ entityID: "urn:example:broken", metadataXml: "<nope" });
    refusedWithPage(
      () =>
        identifyServiceProvider(
          makelaar.state,
          request("", "<saml:Issuer>urn:example:broken</saml:Issuer>"),
        ),
      /^The registered metadata of urn:example:broken is unusable: ./,
    );
  });

  it(`refuses an Issuer longer than an entityID may be (${MAX_ENTITY_ID_CHARACTERS} characters) before looking it up`, () => {
    const issuer = (length: number) =>
      request("", `<saml:Issuer>${"urn:".padEnd(length, "x")}</saml:Issuer>`);
    refusedWithPage(
      () => identifyServiceProvider(makelaar.state, issuer(MAX_ENTITY_ID_CHARACTERS)),
      /^The service provider urn:x+…\(1024 characters\) is not registered at this makelaar\.$/,
    );
    refusedWithPage(
      () => identifyServiceProvider(makelaar.state, issuer(MAX_ENTITY_ID_CHARACTERS + 1)),
      `The saml:Issuer is ${MAX_ENTITY_ID_CHARACTERS + 1} characters; an entityID has at most ${MAX_ENTITY_ID_CHARACTERS}.`,
    );
  });

  it("refuses an Issuer that is not registered, naming it", () => {
    refusedWithPage(
      () =>
        identifyServiceProvider(
          makelaar.state,
          request("", "<saml:Issuer>urn:example:stranger</saml:Issuer>"),
        ),
      "The service provider urn:example:stranger is not registered at this makelaar.",
    );
  });
});

describe("the signature of a request", () => {
  let signing: TestKeyPair;
  let other: TestKeyPair;
  let sp: ServiceProvider;
  let metadata: ServiceProviderMetadata;
  beforeAll(async () => {
    signing = await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" });
    other = await testKeyPair("sp-encryption", { commonName: "eh-overstap test SP encryption" });
    const makelaar = await testMakelaar();
    sp = await testServiceProvider(makelaar);
    metadata = { ...spWith([ARTIFACT_ACS]), signingCertificates: [signing.certificateBase64] };
  });

  /** A POSTed AuthnRequest, signed with a KeyName unless told otherwise. */
  function posted(options: { sign?: boolean; keyInfo?: "x509" | "none" } = {}) {
    const message = sp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO_URL,
      ...options,
    });
    const doc = parseXml(message.xml, "x");
    return { xml: message.xml, doc, root: doc.documentElement! };
  }

  it("accepts a POSTed request signed with a key from the SP's metadata", () => {
    const { xml, doc, root } = posted();
    expect(() => verifyPostSignature(xml, doc, root, metadata)).not.toThrow();
  });

  it("refuses a POSTed request that is not signed, or signed by a key the metadata lacks", () => {
    const unsigned = posted({ sign: false });
    refusedWithPage(
      () => verifyPostSignature(unsigned.xml, unsigned.doc, unsigned.root, metadata),
      "The AuthnRequest is not signed.",
    );
    const signed = posted();
    const stranger = { ...metadata, signingCertificates: [other.certificateBase64] };
    refusedWithPage(
      () => verifyPostSignature(signed.xml, signed.doc, signed.root, stranger),
      /^The AuthnRequest: the signature does not verify/,
    );
  });

  it("refuses a POSTed request whose signature carries a certificate (ds:X509Data), naming the message", () => {
    const { xml, doc, root } = posted({ keyInfo: "x509" });
    refusedWithPage(
      () => verifyPostSignature(xml, doc, root, metadata),
      /^The AuthnRequest's signature carries a ds:X509Data in its KeyInfo\. eHerkenning messages name their key with a ds:KeyName \(or carry no KeyInfo\); certificates belong in the metadata/,
    );
    refusedWithPage(
      () => verifyPostSignature(xml, doc, root, metadata, { allowX509Data: false }),
      /ds:X509Data/,
    );
  });

  it("accepts a signature without KeyInfo, and one with ds:X509Data when allowed, keys still from the metadata", () => {
    const bare = posted({ keyInfo: "none" });
    expect(bare.xml).not.toContain("KeyInfo");
    expect(() => verifyPostSignature(bare.xml, bare.doc, bare.root, metadata)).not.toThrow();
    const { xml, doc, root } = posted({ keyInfo: "x509" });
    expect(() =>
      verifyPostSignature(xml, doc, root, metadata, { allowX509Data: true }),
    ).not.toThrow();
    // The certificate in the message is never used: a metadata without the key refuses.
    const stranger = { ...metadata, signingCertificates: [other.certificateBase64] };
    refusedWithPage(
      () => verifyPostSignature(xml, doc, root, stranger, { allowX509Data: true }),
      /^The AuthnRequest: the signature does not verify/,
    );
  });

  it("refuses a Redirect request from an SP whose metadata holds only a key that is not RSA, as a page", async () => {
    const ec = await ecTestKeyPair();
    refusedWithPage(
      () =>
        verifyRedirectSignature(redirected(), "SAMLRequest", {
          ...metadata,
          signingCertificates: [ec.certificateBase64],
        }),
      "The request: the sender's signing key is EC, not RSA; an rsa-sha256 signature is checked with RSA keys only.",
    );
  });

  function redirected(relayState?: string) {
    const message = sp.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: SSO_URL,
      ...(relayState !== undefined ? { relayState } : {}),
    });
    return rawQuery(new URL(message.url!).pathname + new URL(message.url!).search);
  }

  it("accepts a Redirect request whose query signature verifies, with and without RelayState", () => {
    expect(() => verifyRedirectSignature(redirected(), "SAMLRequest", metadata)).not.toThrow();
    expect(() =>
      verifyRedirectSignature(redirected("terug naar/start"), "SAMLRequest", metadata),
    ).not.toThrow();
  });

  it("refuses a Redirect request without SigAlg or without Signature", () => {
    for (const drop of ["SigAlg", "Signature"]) {
      const params = redirected();
      params.delete(drop);
      refusedWithPage(
        () => verifyRedirectSignature(params, "SAMLRequest", metadata),
        "The request is not signed (no SigAlg and Signature in the query).",
      );
    }
  });

  it("refuses a SigAlg other than RSA-SHA256, naming it", () => {
    const params = redirected();
    params.set("SigAlg", encodeURIComponent("http://www.w3.org/2000/09/xmldsig#rsa-sha1"));
    refusedWithPage(
      () => verifyRedirectSignature(params, "SAMLRequest", metadata),
      "SigAlg http://www.w3.org/2000/09/xmldsig#rsa-sha1 is not RSA-SHA256.",
    );
  });

  it("refuses a Redirect request whose RelayState or message was changed after signing", () => {
    const relay = redirected("start");
    relay.set("RelayState", "elders");
    const message = redirected();
    message.set("SAMLRequest", redirected("x").get("SAMLRequest")!.replace(/.$/, "A"));
    const dropped = redirected("start");
    dropped.delete("RelayState");
    for (const params of [relay, message, dropped]) {
      refusedWithPage(
        () => verifyRedirectSignature(params, "SAMLRequest", metadata),
        "The request's signature does not verify with the certificates in the SP's metadata.",
      );
    }
  });

  it("refuses a SigAlg or Signature that is not validly URL-encoded, or a Signature that is not base64, naming it", () => {
    const badSigAlg = redirected();
    badSigAlg.set("SigAlg", "%E0%A4%A");
    refusedWithPage(
      () => verifyRedirectSignature(badSigAlg, "SAMLRequest", metadata),
      "SigAlg is not validly URL-encoded.",
    );
    const badSignature = redirected();
    badSignature.set("Signature", "%E0%A4%A");
    refusedWithPage(
      () => verifyRedirectSignature(badSignature, "SAMLRequest", metadata),
      "Signature is not validly URL-encoded.",
    );
    const notBase64 = redirected();
    notBase64.set("Signature", "not*base64");
    refusedWithPage(
      () => verifyRedirectSignature(notBase64, "SAMLRequest", metadata),
      "Signature is not valid base64.",
    );
  });

  it("signs an absent message parameter as empty, exactly as the octets came", () => {
    const sigAlg = encodeURIComponent(ALGORITHMS.rsaSha256);
    const octets = `SAMLRequest=&SigAlg=${sigAlg}`;
    const signature = createSign("RSA-SHA256").update(octets).sign(signing.privateKeyPem);
    const params = new Map([
      ["SigAlg", sigAlg],
      ["Signature", encodeURIComponent(signature.toString("base64"))],
    ]);
    expect(() => verifyRedirectSignature(params, "SAMLRequest", metadata)).not.toThrow();
  });

  it("checks the signature over the kind of message it names", () => {
    const params = redirected();
    params.set("SAMLResponse", params.get("SAMLRequest")!);
    params.delete("SAMLRequest");
    expect(() => verifyRedirectSignature(params, "SAMLResponse", metadata)).toThrow(
      "does not verify",
    );
    expect(() =>
      verifyRedirectSignature(redirected(), "SAMLRequest", {
        ...metadata,
        signingCertificates: [other.certificateBase64],
      }),
    ).toThrow("does not verify");
  });
});

describe("the query string", () => {
  it("keeps each value as sent (still URL-encoded), the first of a repeated name", () => {
    const params = rawQuery("/sso?SAMLRequest=a%2Bb&RelayState=x+y&SAMLRequest=second");
    expect([...params]).toEqual([
      ["SAMLRequest", "a%2Bb"],
      ["RelayState", "x+y"],
    ]);
  });

  it("ignores pairs without a name or without '=', and a URL without a query", () => {
    expect([...rawQuery("/sso?=x&flag&a=1")]).toEqual([["a", "1"]]);
    expect(rawQuery("/sso").size).toBe(0);
    expect([...rawQuery("/sso?a=b=c")]).toEqual([["a", "b=c"]]);
    expect(rawQuery("/sso/a=b").size).toBe(0);
  });

  it("decodes a value, '+' as a space", () => {
    expect(decodeQueryValue("a+b%2Bc", "RelayState")).toBe("a b+c");
  });

  it("refuses a value with a broken %-escape, naming the field", () => {
    refusedWithPage(
      () => decodeQueryValue("%E0%A4%A", "RelayState"),
      "RelayState is not validly URL-encoded.",
    );
  });
});

describe("RelayState", () => {
  it("allows 80 bytes and none at all, refuses 81, counting UTF-8 bytes", () => {
    expect(() => checkRelayState(undefined)).not.toThrow();
    expect(() => checkRelayState("x".repeat(80))).not.toThrow();
    refusedWithPage(
      () => checkRelayState("x".repeat(81)),
      "RelayState is 81 bytes; at most 80 are allowed.",
    );
    refusedWithPage(() => checkRelayState("é".repeat(41)), "RelayState is 82 bytes");
  });
});

describe("choosing the AssertionConsumerService", () => {
  const sp = spWith([ARTIFACT_ACS, POST_ACS, OTHER_ACS]);

  it("refuses a request naming both an index and a URL", () => {
    refusedWithPage(
      () =>
        chooseAssertionConsumerService(
          request(
            'AssertionConsumerServiceIndex="0" AssertionConsumerServiceURL="https://dv.example/acs"',
          ),
          sp,
        ),
      "The request names both AssertionConsumerServiceIndex and AssertionConsumerServiceURL; SAML core 3.4.1 makes them mutually exclusive.",
    );
  });

  it("refuses a request naming both an index and a ProtocolBinding, citing SAML core", () => {
    refusedWithPage(
      () =>
        chooseAssertionConsumerService(
          request(`AssertionConsumerServiceIndex="0" ProtocolBinding="${BINDINGS.artifact}"`),
          sp,
        ),
      "The request names both AssertionConsumerServiceIndex and ProtocolBinding; SAML core 3.4.1 makes them mutually exclusive",
    );
  });

  it("takes the ACS with the named index", () => {
    expect(chooseAssertionConsumerService(request('AssertionConsumerServiceIndex="2"'), sp)).toBe(
      OTHER_ACS,
    );
  });

  it("refuses an index the metadata does not register", () => {
    refusedWithPage(
      () => chooseAssertionConsumerService(request('AssertionConsumerServiceIndex="7"'), sp),
      `AssertionConsumerServiceIndex 7 is not registered in the metadata of ${SP_ENTITY_ID}.`,
    );
  });

  it("takes the ACS with the named URL and binding", () => {
    const byUrl = (binding: string) =>
      chooseAssertionConsumerService(
        request(
          `AssertionConsumerServiceURL="https://dv.example/acs" ProtocolBinding="${binding}"`,
        ),
        sp,
      );
    expect(byUrl(BINDINGS.artifact)).toBe(ARTIFACT_ACS);
    expect(byUrl(BINDINGS.post)).toBe(POST_ACS);
  });

  it("takes the first ACS with the URL when no ProtocolBinding is named", () => {
    expect(
      chooseAssertionConsumerService(
        request('AssertionConsumerServiceURL="https://dv.example/other"'),
        sp,
      ),
    ).toBe(OTHER_ACS);
  });

  it("refuses a binding other than Artifact or POST, naming it", () => {
    refusedWithPage(
      () =>
        chooseAssertionConsumerService(
          request(
            `AssertionConsumerServiceURL="https://dv.example/acs" ProtocolBinding="${BINDINGS.redirect}"`,
          ),
          sp,
        ),
      `ProtocolBinding ${BINDINGS.redirect} is not Artifact or POST.`,
    );
  });

  it("refuses a URL not registered, or registered with another binding", () => {
    refusedWithPage(
      () =>
        chooseAssertionConsumerService(
          request('AssertionConsumerServiceURL="https://elders.example/acs"'),
          sp,
        ),
      `AssertionConsumerServiceURL https://elders.example/acs is not registered in the metadata of ${SP_ENTITY_ID}.`,
    );
    refusedWithPage(
      () =>
        chooseAssertionConsumerService(
          request(
            `AssertionConsumerServiceURL="https://dv.example/other" ProtocolBinding="${BINDINGS.artifact}"`,
          ),
          sp,
        ),
      `AssertionConsumerServiceURL https://dv.example/other with ${BINDINGS.artifact} is not registered in the metadata of ${SP_ENTITY_ID}.`,
    );
  });

  it("without index or URL takes the default ACS, else the first", () => {
    expect(chooseAssertionConsumerService(request(""), sp)).toBe(POST_ACS);
    expect(chooseAssertionConsumerService(request(""), spWith([OTHER_ACS, ARTIFACT_ACS]))).toBe(
      OTHER_ACS,
    );
  });

  it("refuses when the SP registers no ACS at all", () => {
    refusedWithPage(
      () => chooseAssertionConsumerService(request(""), spWith([])),
      `${SP_ENTITY_ID} has no AssertionConsumerService.`,
    );
  });
});

describe("checks answered to the SP", () => {
  it("accepts the makelaar's own endpoint as Destination and refuses another, naming both", () => {
    expect(() => checkDestination(request(`Destination="${SSO_URL}"`), SSO_URL)).not.toThrow();
    answeredToSp(
      () => checkDestination(request('Destination="https://elders.example/sso"'), SSO_URL),
      `Destination "https://elders.example/sso" is not this makelaar's SSO URL ${SSO_URL}.`,
    );
    answeredToSp(
      () => checkDestination(request(""), SSO_URL, "SLO"),
      `Destination "(absent)" is not this makelaar's SLO URL ${SSO_URL}.`,
    );
  });

  const at = (ms: number) => `IssueInstant="${new Date(NOW.getTime() + ms).toISOString()}"`;

  it(`accepts a request up to ${REQUEST_MAX_AGE_MS / 60_000} minutes old and refuses an older one`, () => {
    expect(() => checkIssueInstant(request(at(-REQUEST_MAX_AGE_MS)), NOW)).not.toThrow();
    answeredToSp(
      () => checkIssueInstant(request(at(-REQUEST_MAX_AGE_MS - 1)), NOW),
      `The request has expired: IssueInstant ${new Date(NOW.getTime() - REQUEST_MAX_AGE_MS - 1).toISOString()} is more than 5 minutes before the makelaar's time ${NOW.toISOString()}.`,
    );
  });

  it(`accepts a request up to ${REQUEST_MAX_FUTURE_MS / 1000} seconds ahead and refuses one further ahead`, () => {
    expect(() => checkIssueInstant(request(at(REQUEST_MAX_FUTURE_MS)), NOW)).not.toThrow();
    answeredToSp(
      () => checkIssueInstant(request(at(REQUEST_MAX_FUTURE_MS + 1)), NOW),
      `IssueInstant ${new Date(NOW.getTime() + REQUEST_MAX_FUTURE_MS + 1).toISOString()} is more than 60 seconds after the makelaar's time ${NOW.toISOString()}.`,
    );
  });

  it("reads IssueInstant with or without fractions, in Z or with an offset", () => {
    for (const instant of [
      "2026-03-02T09:00:00Z",
      "2026-03-02T10:00:00+01:00",
      "2026-03-02T08:59:30.123Z",
    ]) {
      expect(() => checkIssueInstant(request(`IssueInstant="${instant}"`), NOW)).not.toThrow();
    }
  });

  it.each([
    ["absent", "", ""],
    ["a date only", 'IssueInstant="2026-03-02"', "2026-03-02"],
    ["without a time zone", 'IssueInstant="2026-03-02T09:00:00"', "2026-03-02T09:00:00"],
    ["text around it", 'IssueInstant="x2026-03-02T09:00:00Zx"', "x2026-03-02T09:00:00Zx"],
    ["an expanded year", 'IssueInstant="+002026-03-02T09:00:00Z"', "+002026-03-02T09:00:00Z"],
    ["an impossible date", 'IssueInstant="2026-13-45T09:00:00Z"', "2026-13-45T09:00:00Z"],
  ])("refuses an IssueInstant that is %s", (_what, attributes, shown) => {
    answeredToSp(
      () => checkIssueInstant(request(attributes), NOW),
      `IssueInstant "${shown}" is not an xsd:dateTime.`,
    );
  });

  it("refuses a request ID seen before, and takes a new one", async () => {
    const makelaar = await testMakelaar();
    checkReplay(makelaar.state, "_one", NOW);
    checkReplay(makelaar.state, "_two", NOW);
    answeredToSp(
      () => checkReplay(makelaar.state, "_one", NOW),
      "The request ID _one was already used: a replayed request is refused.",
    );
  });
});

describe("the replay window's refusal when full", () => {
  it("names a window that is not whole minutes in seconds", () => {
    const ids = new ReplayIds(1, 90_000);
    ids.set("_a", true, 0);
    expect(ids.size).toBe(1);
    expect(() => ids.set("_b", true, 0)).toThrow(
      "The makelaar is busy: it holds 1 request IDs from the last 90 seconds to refuse replays, and takes new requests again when those expire.",
    );
    ids.clear();
    expect(ids.size).toBe(0);
    expect(ids.has("_a", 0)).toBe(false);
  });

  it("keeps 100,000 IDs for 6 minutes by default", () => {
    expect(MAX_REPLAY_IDS).toBe(100_000);
    expect(REPLAY_WINDOW_MS).toBe(6 * 60_000);
    const ids = new ReplayIds();
    ids.set("_a", true, 0);
    expect(ids.has("_a", REPLAY_WINDOW_MS - 1)).toBe(true);
  });
});

describe("the service asked for", () => {
  let makelaar: Makelaar;
  beforeAll(async () => {
    makelaar = await testMakelaar();
  });
  const sp = spWith([POST_ACS]);

  it("takes the service the AttributeConsumingServiceIndex names in the SP's metadata", () => {
    const { serviceID, service } = selectService(
      makelaar.world,
      request('AttributeConsumingServiceIndex="1"'),
      sp,
    );
    expect(serviceID).toBe(FIXTURE_SERVICES.mijnDuo.serviceID);
    expect(service.serviceUUID).toBe(FIXTURE_SERVICES.mijnDuo.serviceUUID);
  });

  it("reads an AttributeConsumingServiceIndex of up to five digits", () => {
    const wide = { ...sp, services: new Map([[12345, FIXTURE_SERVICES.mijnDuo.serviceID]]) };
    expect(
      selectService(makelaar.world, request('AttributeConsumingServiceIndex="12345"'), wide)
        .serviceID,
    ).toBe(FIXTURE_SERVICES.mijnDuo.serviceID);
  });

  it("refuses a request without an AttributeConsumingServiceIndex", () => {
    answeredToSp(
      () => selectService(makelaar.world, request(""), sp),
      "The request has no AttributeConsumingServiceIndex, so no service is chosen.",
    );
  });

  it.each(["5", "x1", "1.0", "123456", ""])(
    "refuses AttributeConsumingServiceIndex %j that names no service",
    (index) => {
      answeredToSp(
        () =>
          selectService(makelaar.world, request(`AttributeConsumingServiceIndex="${index}"`), sp),
        `AttributeConsumingServiceIndex ${index} names no service in the metadata of ${SP_ENTITY_ID}.`,
      );
    },
  );

  it("refuses a service the dienstencatalogus does not list", () => {
    answeredToSp(
      () => selectService(makelaar.world, request('AttributeConsumingServiceIndex="9"'), sp),
      `The service ${SP_SERVICES[3]!.serviceID} is not in the dienstencatalogus.`,
    );
  });

  const context = (comparison: string, refs: string[]) =>
    request(
      "",
      `<samlp:RequestedAuthnContext${comparison}>${refs.map((r) => `<saml:AuthnContextClassRef>${r}</saml:AuthnContextClassRef>`).join("")}</samlp:RequestedAuthnContext>`,
    );
  const urn = (n: string) => `urn:etoegang:core:assurance-class:loa${n}`;

  it("reads no level when the request has no RequestedAuthnContext", () => {
    expect(readRequestedLevel(request(""))).toBeUndefined();
  });

  it("reads the first level of a minimum or exact (the default) comparison", () => {
    expect(readRequestedLevel(context(' Comparison="minimum"', [urn("3"), urn("4")]))).toBe("EH3");
    expect(readRequestedLevel(context(' Comparison="exact"', [urn("2plus")]))).toBe("EH2+");
    expect(readRequestedLevel(context("", [urn("4")]))).toBe("EH4");
  });

  it("refuses a comparison other than minimum or exact, naming it", () => {
    answeredToSp(
      () => readRequestedLevel(context(' Comparison="better"', [urn("3")])),
      'RequestedAuthnContext Comparison "better" is not supported; use minimum.',
    );
  });

  it("refuses a RequestedAuthnContext without a level, or with an unknown one", () => {
    answeredToSp(
      () => readRequestedLevel(context("", [])),
      "RequestedAuthnContext names no AuthnContextClassRef.",
    );
    answeredToSp(
      () => readRequestedLevel(context("", [urn("3"), "urn:example:loa9"])),
      "AuthnContextClassRef urn:example:loa9 is not an eHerkenning level.",
    );
  });

  it("lets a request ask below the catalogue level, never above", () => {
    const service = makelaar.world.catalogue.byServiceID(FIXTURE_SERVICES.mijnDuo.serviceID)!;
    expect(() => checkRequestedLevel(makelaar.world, service, undefined)).not.toThrow();
    expect(() => checkRequestedLevel(makelaar.world, service, "EH2+")).not.toThrow();
    const error = thrown(() => checkRequestedLevel(makelaar.world, service, "EH4"));
    expect(error.status).toBe("Requester");
    expect(error.message).toBe(
      "The request asks for EH4, above the catalogue level EH3 of this service.",
    );
  });
});

describe("what a request carries that the makelaar does not act on", () => {
  it("notes nothing for a request without Extensions or Scoping", () => {
    expect(ignoredParts(request('ID="_a"', "<saml:Issuer>urn:dv</saml:Issuer>"))).toEqual([]);
  });

  it("notes samlp:Extensions with the names of their elements, or as empty", () => {
    const named = request(
      "",
      `<samlp:Extensions> <esp:RequestedAttributes xmlns:esp="urn:esp"/><!-- note --><x:Other xmlns:x="urn:x"/></samlp:Extensions>`,
    );
    expect(ignoredParts(named)).toEqual([
      "ignored samlp:Extensions (esp:RequestedAttributes, x:Other): the catalogue decides the attributes",
    ]);
    expect(ignoredParts(request("", "<samlp:Extensions> </samlp:Extensions>"))).toEqual([
      "ignored samlp:Extensions (empty): the catalogue decides the attributes",
    ]);
  });

  it("notes samlp:Scoping with the ProviderIDs of its IDPList, or without a list", () => {
    const scoped = request(
      "",
      `<samlp:Scoping><samlp:IDPList><samlp:IDPEntry ProviderID="urn:a"/><samlp:IDPEntry/><samlp:IDPEntry ProviderID="urn:b"/></samlp:IDPList></samlp:Scoping>`,
    );
    expect(ignoredParts(scoped)).toEqual([
      "ignored samlp:Scoping (IDPList: urn:a, , urn:b): every leverancier is offered",
    ]);
    expect(ignoredParts(request("", `<samlp:Scoping ProxyCount="0"/>`))).toEqual([
      "ignored samlp:Scoping: every leverancier is offered",
    ]);
  });

  it("notes both, Extensions first", () => {
    const both = request(
      "",
      `<samlp:Extensions><e/></samlp:Extensions><samlp:Scoping><samlp:IDPList><samlp:IDPEntry ProviderID="urn:a"/></samlp:IDPList></samlp:Scoping>`,
    );
    expect(ignoredParts(both)).toEqual([
      "ignored samlp:Extensions (e): the catalogue decides the attributes",
      "ignored samlp:Scoping (IDPList: urn:a): every leverancier is offered",
    ]);
  });
});
