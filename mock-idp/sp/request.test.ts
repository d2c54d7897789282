// What the SP library sends and how it learns whom to trust: its metadata, its
// AuthnRequests in both bindings, its ArtifactResolve and the checks on the
// ArtifactResponse, and where it takes the makelaar's certificates from. The
// makelaar's own readers and checks judge what the SP writes, so both sides
// are held to one reading.
import { inflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { levelToUrn } from "../../eherkenning/index.ts";
import type { Makelaar } from "../makelaar/makelaar.ts";
import {
  rawQuery,
  requireMessage,
  verifyPostSignature,
  verifyRedirectSignature,
} from "../makelaar/saml/checks.ts";
import { makelaarMetadataXml } from "../makelaar/saml/metadata.ts";
import { parseServiceProviderMetadata } from "../makelaar/saml/sp-registration.ts";
import { SP_ENTITY_ID, SP_SERVICES, testMakelaar } from "../makelaar/saml/test-support.ts";
import { testKeyPair, type TestKeyPair } from "../saml-core/keys.ts";
import { signRoot } from "../saml-core/signature.ts";
import {
  BINDINGS,
  NS,
  STATUS_PREFIX,
  attribute,
  childElement,
  parseXml,
} from "../saml-core/xml.ts";
import {
  ServiceProviderError,
  createServiceProvider,
  makelaarSigningCertificates,
  serviceProviderMetadataXml,
  type ServiceProvider,
  type ServiceProviderOptions,
} from "./index.ts";

const ACS = "https://dv.example/acs";
const SSO = "https://makelaar.example/sso";
const ARS = "https://makelaar.example/ars";

let makelaar: Makelaar;
let signing: TestKeyPair;
let encryption: TestKeyPair;
let metadata: string;

beforeAll(async () => {
  makelaar = await testMakelaar();
  metadata = makelaarMetadataXml(makelaar);
  signing = await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" });
  encryption = await testKeyPair("sp-encryption", { commonName: "eh-overstap test SP encryption" });
});

function sp(options: Partial<ServiceProviderOptions> = {}): Promise<ServiceProvider> {
  return createServiceProvider({
    entityID: SP_ENTITY_ID,
    acsUrl: ACS,
    acsBinding: "artifact",
    services: SP_SERVICES,
    keys: { signing, encryption },
    makelaarMetadata: metadata,
    clock: () => new Date("2026-02-02T10:00:00Z"),
    ...options,
  });
}

/** The SP, having sent the AuthnRequest "_req" that the inner Responses below answer. */
async function spAwaiting(): Promise<ServiceProvider> {
  const s = await sp();
  s.authnRequest({ serviceIndex: 1, binding: "redirect", destination: ARS, id: "_req" });
  return s;
}

describe("the SP's metadata", () => {
  it("is signed and tells the makelaar its ACS, binding, keys, logout URL and services", async () => {
    const read = parseServiceProviderMetadata(
      (await sp({ acsBinding: "post", singleLogoutUrl: "https://dv.example/slo" })).metadataXml,
    );
    expect(read.signed).toBe(true);
    expect(read.entityID).toBe(SP_ENTITY_ID);
    expect(read.signingCertificates).toEqual([signing.certificateBase64]);
    expect(read.encryptionCertificates).toEqual([encryption.certificateBase64]);
    expect(read.assertionConsumerServices).toEqual([
      { index: 0, url: ACS, binding: "post", isDefault: true },
    ]);
    expect(read.singleLogoutServices).toEqual([{ url: "https://dv.example/slo", binding: "post" }]);
    expect([...read.services]).toEqual(SP_SERVICES.map((s) => [s.index, s.serviceID]));
  });

  it("publishes the Artifact binding, no encryption key and no logout URL when not given", async () => {
    const read = parseServiceProviderMetadata(
      (await sp({ keys: { signing, encryption: null } })).metadataXml,
      // The makelaar refuses such an SP without the test-only opt-in.
      { allowPlainIdentifiers: true },
    );
    expect(read.assertionConsumerServices[0]!.binding).toBe("artifact");
    expect(read.encryptionCertificates).toEqual([]);
    expect(read.singleLogoutServices ?? []).toEqual([]);
  });

  it("is written in the shape eHerkenning metadata has", () => {
    const xml = serviceProviderMetadataXml({
      entityID: "urn:e",
      acsUrl: "https://dv.example/acs",
      acsBinding: "post",
      services: [{ index: 1, serviceID: "urn:s:1", name: "Dienst" }],
      signing,
      encryption,
      singleLogoutUrl: "https://dv.example/slo",
      signed: false,
    }).replace(/ ID="[^"]+"/, ' ID="_id"');
    const key = (use: string, k: TestKeyPair) =>
      `<md:KeyDescriptor use="${use}"><ds:KeyInfo xmlns:ds="${NS.ds}"><ds:KeyName>${k.fingerprintSha256}</ds:KeyName>` +
      `<ds:X509Data><ds:X509Certificate>${k.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
    expect(xml).toBe(
      `<md:EntityDescriptor xmlns:md="${NS.md}" ID="_id" entityID="urn:e">` +
        `<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
        key("signing", signing) +
        key("encryption", encryption) +
        `<md:SingleLogoutService Binding="${BINDINGS.post}" Location="https://dv.example/slo"/>` +
        `<md:AssertionConsumerService index="0" isDefault="true" Binding="${BINDINGS.post}" Location="https://dv.example/acs"/>` +
        `<md:AttributeConsumingService index="1"><md:ServiceName xml:lang="nl">Dienst</md:ServiceName>` +
        `<md:RequestedAttribute Name="urn:s:1" isRequired="false"/></md:AttributeConsumingService>` +
        `</md:SPSSODescriptor></md:EntityDescriptor>`,
    );
  });

  it("can be written unsigned, and escapes names", () => {
    const xml = serviceProviderMetadataXml({
      entityID: SP_ENTITY_ID,
      acsUrl: ACS,
      acsBinding: "artifact",
      services: [
        { index: 1, serviceID: SP_SERVICES[0]!.serviceID, name: "A & <B>" },
        { index: 2, serviceID: SP_SERVICES[1]!.serviceID, name: "C" },
      ],
      signing,
      signed: false,
    });
    expect(xml).not.toContain("Signature");
    expect(xml).toContain("A &amp; &lt;B&gt;");
    expect(xml).toContain('AuthnRequestsSigned="true" WantAssertionsSigned="true"');
    expect(parseServiceProviderMetadata(xml, { allowPlainIdentifiers: true }).signed).toBeFalsy();
    // Without an encryption key or a logout URL their elements are left out,
    // and nothing but elements stands in their place or between the services.
    const descriptor = childElement(parseXml(xml, "x").documentElement!, NS.md, "SPSSODescriptor")!;
    expect(Array.from(descriptor.childNodes).map((n) => n.nodeName)).toEqual([
      "md:KeyDescriptor",
      "md:AssertionConsumerService",
      "md:AttributeConsumingService",
      "md:AttributeConsumingService",
    ]);
  });
});

describe("the SP's AuthnRequest", () => {
  const spMetadata = (s: ServiceProvider) => parseServiceProviderMetadata(s.metadataXml);

  it("carries Extensions after the Issuer and Scoping last when asked, and neither otherwise", async () => {
    const s = await sp();
    const asked = s.authnRequest({
      serviceIndex: 3,
      binding: "redirect",
      destination: SSO,
      requestedLevel: "EH3",
      extensions: "<x:e xmlns:x='urn:x'/>",
      scoping: "<samlp:IDPList/>",
    });
    expect(asked.xml).toContain(
      "</saml:Issuer><samlp:Extensions><x:e xmlns:x='urn:x'/></samlp:Extensions><samlp:RequestedAuthnContext",
    );
    expect(asked.xml).toContain(
      "</samlp:RequestedAuthnContext><samlp:Scoping><samlp:IDPList/></samlp:Scoping></samlp:AuthnRequest>",
    );
    const plain = s.authnRequest({ serviceIndex: 3, binding: "redirect", destination: SSO });
    expect(plain.xml).toMatch(/<\/saml:Issuer><\/samlp:AuthnRequest>$/);
  });

  it("over POST is a signed samlp:AuthnRequest the makelaar's checks accept", async () => {
    const s = await sp();
    const message = s.authnRequest({
      serviceIndex: 3,
      binding: "post",
      destination: SSO,
      relayState: "terug",
      requestedLevel: "EH2+",
      id: "_fixed",
    });
    expect(message.id).toBe("_fixed");
    expect(message.form).toEqual({
      action: SSO,
      fields: {
        SAMLRequest: Buffer.from(message.xml, "utf8").toString("base64"),
        RelayState: "terug",
      },
    });
    const doc = parseXml(message.xml, "x");
    const root = requireMessage(doc.documentElement!, "AuthnRequest");
    expect(() => verifyPostSignature(message.xml, doc, root, spMetadata(s))).not.toThrow();
    expect(attribute(root, "ID")).toBe("_fixed");
    expect(attribute(root, "Destination")).toBe(SSO);
    expect(attribute(root, "ForceAuthn")).toBe("true");
    expect(attribute(root, "AttributeConsumingServiceIndex")).toBe("3");
    expect(attribute(root, "AssertionConsumerServiceIndex")).toBe("0");
    expect(attribute(root, "IssueInstant")).toBe("2026-02-02T10:00:00Z");
    const context = childElement(root, NS.samlp, "RequestedAuthnContext")!;
    expect(attribute(context, "Comparison")).toBe("minimum");
    expect(message.xml).toContain(`>${levelToUrn("EH2+")}</saml:AuthnContextClassRef>`);
    expect(message.xml).toContain(`<saml:Issuer>${SP_ENTITY_ID}</saml:Issuer>`);
  });

  it("over POST without RelayState or level leaves both out", async () => {
    const message = (await sp()).authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO,
    });
    expect(message.form!.fields).not.toHaveProperty("RelayState");
    expect(message.xml).not.toContain("RequestedAuthnContext");
  });

  it("can name its ACS by URL with the binding of its metadata", async () => {
    for (const acsBinding of ["artifact", "post"] as const) {
      const message = (await sp({ acsBinding })).authnRequest({
        serviceIndex: 1,
        binding: "post",
        destination: SSO,
        acsBy: "url",
      });
      const root = parseXml(message.xml, "x").documentElement!;
      expect(attribute(root, "AssertionConsumerServiceURL")).toBe(ACS);
      expect(attribute(root, "ProtocolBinding")).toBe(BINDINGS[acsBinding]);
      expect(attribute(root, "AssertionConsumerServiceIndex")).toBeUndefined();
    }
  });

  it("over Redirect is deflated into the query, signed over SAMLRequest, RelayState and SigAlg", async () => {
    const s = await sp();
    const message = s.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: SSO,
      relayState: "a b&c",
    });
    const url = new URL(message.url!);
    expect(`${url.origin}${url.pathname}`).toBe(SSO);
    const params = rawQuery(url.pathname + url.search);
    expect([...params.keys()]).toEqual(["SAMLRequest", "RelayState", "SigAlg", "Signature"]);
    expect(url.searchParams.get("RelayState")).toBe("a b&c");
    const xml = inflateRawSync(
      Buffer.from(url.searchParams.get("SAMLRequest")!, "base64"),
    ).toString();
    expect(xml).toBe(message.xml);
    expect(xml).not.toContain("Signature");
    expect(() => verifyRedirectSignature(params, "SAMLRequest", spMetadata(s))).not.toThrow();
  });

  it("over Redirect adds its query to a destination that has one already", async () => {
    const message = (await sp()).authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: `${SSO}?tenant=1`,
    });
    expect(message.url).toMatch(/^https:\/\/makelaar\.example\/sso\?tenant=1&SAMLRequest=/);
    expect(message.url).not.toContain("RelayState");
  });

  it("unsigned when asked: no Signature in either binding", async () => {
    const s = await sp();
    const post = s.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO,
      sign: false,
    });
    expect(post.xml).not.toContain("Signature");
    const redirect = s.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: SSO,
      sign: false,
    });
    expect(redirect.url).not.toContain("Signature=");
    expect(redirect.url).not.toContain("SigAlg=");
  });

  it("puts the certificate, the key name or no KeyInfo in the signature, as asked", async () => {
    const s = await sp();
    const post = (keyInfo?: "x509" | "key-name" | "none") =>
      s.authnRequest({
        serviceIndex: 1,
        binding: "post",
        destination: SSO,
        ...(keyInfo ? { keyInfo } : {}),
      }).xml;
    expect(post()).toContain(`<ds:KeyName>${signing.fingerprintSha256}</ds:KeyName>`);
    expect(post("x509")).toContain(
      `<ds:X509Certificate>${signing.certificateBase64}</ds:X509Certificate>`,
    );
    // Without KeyInfo the signature holds its SignedInfo and SignatureValue, nothing else.
    const bare = parseXml(post("none"), "x").documentElement!;
    const signature = childElement(bare, NS.ds, "Signature")!;
    expect(Array.from(signature.childNodes).map((n) => n.nodeName)).toEqual([
      "ds:SignedInfo",
      "ds:SignatureValue",
    ]);
  });

  it("uses the given IssueInstant and ACS URL overrides", async () => {
    const message = (await sp()).authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO,
      acsBy: "url",
      acsUrl: "https://dv.example/other",
      issueInstant: new Date("2020-01-01T00:00:00Z"),
    });
    const root = parseXml(message.xml, "x").documentElement!;
    expect(attribute(root, "IssueInstant")).toBe("2020-01-01T00:00:00Z");
    expect(attribute(root, "AssertionConsumerServiceURL")).toBe("https://dv.example/other");
  });
});

/** A fetch that records what it was asked and answers with `answer`, given the request body. */
function fakeFetch(answer: (request: string) => Response) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetcher = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), ...(init ? { init } : {}) });
    return answer(typeof init?.body === "string" ? init.body : "");
  }) as typeof fetch;
  return { fetcher, calls };
}

/**
 * A SOAP envelope with an ArtifactResponse holding `inner`, signed by `key`,
 * answering the ArtifactResolve in `request` (the SP checks InResponseTo).
 */
function artifactResponse(
  request: string,
  inner: string,
  status = "Success",
  key = makelaar.signingKeys,
  edit: (xml: string) => string = (xml) => xml,
): string {
  const resolveId = / ID="([^"]+)"/.exec(request)?.[1] ?? "_x";
  const xml = edit(
    `<samlp:ArtifactResponse xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="_ar" InResponseTo="${resolveId}" IssueInstant="2026-02-02T10:00:00Z" Version="2.0">` +
      `<saml:Issuer>${makelaar.entityID}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}${status}"></samlp:StatusCode></samlp:Status>` +
      inner +
      `</samlp:ArtifactResponse>`,
  );
  return `<soapenv:Envelope xmlns:soapenv="${NS.soap}"><soapenv:Body>${signRoot(xml, key, { placement: "after-issuer" })}</soapenv:Body></soapenv:Envelope>`;
}

describe("resolving an artifact", () => {
  it("POSTs a signed ArtifactResolve for the artifact to the ARS over SOAP", async () => {
    const { fetcher, calls } = fakeFetch((request) => new Response(artifactResponse(request, "")));
    await (await sp()).resolveArtifact("AAQAAart", { arsUrl: ARS, fetch: fetcher });
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0]!;
    expect(url).toBe(ARS);
    expect(init?.method).toBe("POST");
    expect(init?.headers).toEqual({
      "content-type": "text/xml; charset=utf-8",
      soapaction: "http://www.oasis-open.org/committees/security",
    });
    const body = String(init?.body);
    const envelope = parseXml(body, "x").documentElement!;
    expect(envelope.localName).toBe("Envelope");
    expect(body).toContain(`Destination="${ARS}"`);
    expect(body).toContain("<samlp:Artifact>AAQAAart</samlp:Artifact>");
    expect(body).toContain(`>${SP_ENTITY_ID}</saml:Issuer>`);
    expect(body).toContain("<ds:SignatureValue>");
  });

  it("sends the content type it is given", async () => {
    const { fetcher, calls } = fakeFetch((request) => new Response(artifactResponse(request, "")));
    await (
      await sp()
    ).resolveArtifact("a", { arsUrl: ARS, fetch: fetcher, contentType: "application/soap+xml" });
    expect((calls[0]!.init?.headers as Record<string, string>)["content-type"]).toBe(
      "application/soap+xml",
    );
  });

  it("reports an empty ArtifactResponse as an unknown, expired or used artifact", async () => {
    const { fetcher } = fakeFetch((request) => new Response(artifactResponse(request, "")));
    expect(await (await sp()).resolveArtifact("a", { arsUrl: ARS, fetch: fetcher })).toEqual({
      ok: false,
      status: "",
      message: "The artifact is unknown, expired or already resolved (empty ArtifactResponse).",
    });
  });

  it("refuses an HTTP error, quoting the status and the start of the body", async () => {
    const { fetcher } = fakeFetch(() => new Response("x".repeat(400), { status: 500 }));
    await expect(
      (await sp()).resolveArtifact("a", { arsUrl: ARS, fetch: fetcher }),
    ).rejects.toThrow(`ArtifactResolve gave HTTP 500: ${"x".repeat(300)}`);
    const error = await (
      await sp()
    )
      .resolveArtifact("a", { arsUrl: ARS, fetch: fetcher })
      .catch((e: Error) => e);
    expect((error as Error).message).toHaveLength(`ArtifactResolve gave HTTP 500: `.length + 300);
  });

  it("refuses an answer that is not XML, naming the ArtifactResponse envelope", async () => {
    const { fetcher } = fakeFetch(() => new Response("<soapenv:Envelope"));
    await expect(
      (await sp()).resolveArtifact("a", { arsUrl: ARS, fetch: fetcher }),
    ).rejects.toThrow(/^The ArtifactResponse envelope has the text "<soapenv:Envelope"/);
  });

  it("refuses an answer without an ArtifactResponse in a SOAP body", async () => {
    const inner = artifactResponse("", "").replace(
      /^<soapenv:Envelope[^>]*><soapenv:Body>|<\/soapenv:Body><\/soapenv:Envelope>$/g,
      "",
    );
    for (const xml of [
      `<soapenv:Envelope xmlns:soapenv="${NS.soap}"><soapenv:Body></soapenv:Body></soapenv:Envelope>`,
      `<soapenv:Envelope xmlns:soapenv="${NS.soap}"></soapenv:Envelope>`,
      `<x:Envelope xmlns:x="urn:not-soap"><x:Body>${inner}</x:Body></x:Envelope>`,
      `<x:Wrapper xmlns:x="urn:not-soap" xmlns:soapenv="${NS.soap}"><soapenv:Body>${inner}</soapenv:Body></x:Wrapper>`,
    ]) {
      const { fetcher } = fakeFetch(() => new Response(xml));
      await expect(
        (await sp()).resolveArtifact("a", { arsUrl: ARS, fetch: fetcher }),
      ).rejects.toThrow("No samlp:ArtifactResponse in the SOAP body.");
    }
  });

  it("refuses a signed ArtifactResponse that answers another ArtifactResolve (an earlier one put in its place)", async () => {
    let earlier = "";
    const { fetcher } = fakeFetch((request) => {
      earlier ||= artifactResponse(request, "");
      return new Response(earlier);
    });
    const s = await sp();
    await s.resolveArtifact("first", { arsUrl: ARS, fetch: fetcher });
    const earlierId = /InResponseTo="([^"]+)"/.exec(earlier)?.[1];
    await expect(s.resolveArtifact("second", { arsUrl: ARS, fetch: fetcher })).rejects.toThrow(
      new RegExp(
        `^The ArtifactResponse answers ${earlierId}, not our ArtifactResolve _[0-9a-f]+\\.$`,
      ),
    );
  });

  it("refuses a signed ArtifactResponse without InResponseTo", async () => {
    const { fetcher } = fakeFetch(
      () => new Response(artifactResponse("", "").replace(' InResponseTo="_x"', "")),
    );
    // Removed before signing: the signature holds, the InResponseTo check must refuse.
    const unsigned = (xml: string) => xml.replace(' InResponseTo="_x"', "");
    const { fetcher: signedWithout } = fakeFetch(
      () => new Response(artifactResponse("", "", "Success", makelaar.signingKeys, unsigned)),
    );
    await expect(
      (await sp()).resolveArtifact("a", { arsUrl: ARS, fetch: fetcher }),
    ).rejects.toThrow("The ArtifactResponse: the signature does not verify");
    await expect(
      (await sp()).resolveArtifact("a", { arsUrl: ARS, fetch: signedWithout }),
    ).rejects.toThrow("The ArtifactResponse answers (no InResponseTo), not our ArtifactResolve _");
  });

  it("refuses an ArtifactResponse not signed by the makelaar", async () => {
    const { fetcher } = fakeFetch(
      (request) => new Response(artifactResponse(request, "", "Success", signing)),
    );
    await expect(
      (await sp()).resolveArtifact("a", { arsUrl: ARS, fetch: fetcher }),
    ).rejects.toThrow("The ArtifactResponse: the signature does not verify");
  });

  it("refuses an ArtifactResponse whose status is not Success, naming it", async () => {
    const { fetcher } = fakeFetch(
      (request) => new Response(artifactResponse(request, "", "Requester")),
    );
    await expect(
      (await sp()).resolveArtifact("a", { arsUrl: ARS, fetch: fetcher }),
    ).rejects.toThrow(`The ArtifactResponse's status is ${STATUS_PREFIX}Requester.`);
  });

  it("reads the Response inside, covered by the ArtifactResponse's signature", async () => {
    const refusal =
      `<samlp:Response Destination="${ACS}" ID="_r" InResponseTo="_req" IssueInstant="2026-02-02T10:00:00Z" Version="2.0">` +
      `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}Responder"></samlp:StatusCode><samlp:StatusMessage>nee</samlp:StatusMessage></samlp:Status></samlp:Response>`;
    const { fetcher } = fakeFetch((request) => new Response(artifactResponse(request, refusal)));
    expect(
      await (await spAwaiting()).resolveArtifact("a", { arsUrl: ARS, fetch: fetcher }),
    ).toEqual({
      ok: false,
      status: `${STATUS_PREFIX}Responder`,
      message: "nee",
      inResponseTo: "_req",
    });
  });
});

describe("a Response inside an ArtifactResponse", () => {
  const inner = (key?: TestKeyPair) => {
    const xml =
      `<samlp:Response xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" Destination="${ACS}" ID="_inner" InResponseTo="_req" IssueInstant="2026-02-02T10:00:00Z" Version="2.0">` +
      `<saml:Issuer>${makelaar.entityID}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}Responder"></samlp:StatusCode></samlp:Status></samlp:Response>`;
    return key ? signRoot(xml, key, { placement: "after-issuer" }) : xml;
  };

  it("needs no signature of its own: the ArtifactResponse's covers it", async () => {
    const { fetcher } = fakeFetch((request) => new Response(artifactResponse(request, inner())));
    expect(
      await (await spAwaiting()).resolveArtifact("a", { arsUrl: ARS, fetch: fetcher }),
    ).toMatchObject({
      ok: false,
      status: `${STATUS_PREFIX}Responder`,
    });
  });

  it("is refused when it carries a signature that does not verify", async () => {
    const { fetcher } = fakeFetch(
      (request) => new Response(artifactResponse(request, inner(signing))),
    );
    await expect(
      (await sp()).resolveArtifact("a", { arsUrl: ARS, fetch: fetcher }),
    ).rejects.toThrow("The Response: the signature does not verify");
  });
});

describe("whom the SP trusts", () => {
  it("reads only the makelaar's signing certificates, not its encryption ones", () => {
    const encryptionKey = `<md:KeyDescriptor use="encryption"><ds:KeyInfo xmlns:ds="${NS.ds}"><ds:X509Data><ds:X509Certificate>${encryption.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
    const withEncryption = signRoot(
      metadata
        .replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, "")
        .replace(/(<md:KeyDescriptor use="signing">)/, `${encryptionKey}$1`),
      makelaar.signingKeys,
      { placement: "first-child" },
    );
    expect(withEncryption).toContain(encryption.certificateBase64);
    expect(makelaarSigningCertificates(withEncryption)).toEqual([
      makelaar.signingKeys.certificateBase64,
    ]);
  });

  it.each([
    [
      "is neither an EntitiesDescriptor nor an EntityDescriptor",
      `<md:SPSSODescriptor xmlns:md="${NS.md}"/>`,
      "The makelaar metadata is not an md:EntitiesDescriptor or md:EntityDescriptor.",
    ],
    [
      "has no IDPSSODescriptor",
      `<md:EntityDescriptor xmlns:md="${NS.md}" entityID="x"/>`,
      "The makelaar metadata has no IDPSSODescriptor.",
    ],
    [
      "has only an encryption key",
      `<md:EntityDescriptor xmlns:md="${NS.md}" entityID="x"><md:IDPSSODescriptor><md:KeyDescriptor use="encryption"><ds:KeyInfo xmlns:ds="${NS.ds}"><ds:X509Data><ds:X509Certificate>MIIB</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor></md:IDPSSODescriptor></md:EntityDescriptor>`,
      "The makelaar metadata has no signing certificate.",
    ],
  ])("refuses makelaar metadata that %s", (_what, xml, message) => {
    expect(() => makelaarSigningCertificates(xml)).toThrow(message);
  });

  it("reads a certificate written across lines, and refuses metadata whose signature fails or that is not XML", () => {
    const wrapped = makelaar.signingKeys.certificateBase64.replace(/(.{64})/g, "$1\n  ");
    const lined = signRoot(
      metadata
        .replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, "")
        .replace(makelaar.signingKeys.certificateBase64, wrapped),
      makelaar.signingKeys,
      { placement: "first-child" },
    );
    expect(lined).toContain(wrapped);
    expect(makelaarSigningCertificates(lined)).toEqual([makelaar.signingKeys.certificateBase64]);
    expect(() =>
      makelaarSigningCertificates(metadata.replace(/entityID="/, 'entityID="x')),
    ).toThrow("The makelaar metadata: the signature does not verify");
    expect(() => makelaarSigningCertificates("<md:EntityDescriptor")).toThrow(
      /The makelaar metadata/,
    );
  });

  it("finds the makelaar among other entities of an EntitiesDescriptor by its IDPSSODescriptor", () => {
    const dv = `<md:EntityDescriptor entityID="urn:dv"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>`;
    const network = signRoot(
      metadata
        .replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, "")
        .replace(/(<md:EntityDescriptor )/, `${dv}$1`),
      makelaar.signingKeys,
      { placement: "first-child" },
    );
    expect(network.indexOf("urn:dv")).toBeLessThan(network.indexOf("IDPSSODescriptor"));
    expect(makelaarSigningCertificates(network)).toEqual([makelaar.signingKeys.certificateBase64]);
  });

  it("reads metadata as files are published: a comment before the root, and larger than a SAML message", () => {
    // Outside the signed root, so the signature still holds; 300 KB is more
    // than a SAML message may be (256 KB) and less than metadata may (1 MB).
    const comment = `<!-- ${"published by the makelaar ".repeat(12_000)}-->\n`;
    const file = metadata.replace(/^(<\?xml[^>]*\?>)?/, `$1${comment}`);
    expect(Buffer.byteLength(file)).toBeGreaterThan(300 * 1024);
    expect(makelaarSigningCertificates(file)).toEqual([makelaar.signingKeys.certificateBase64]);
  });

  it("refuses metadata over 1 MB, naming it", () => {
    const huge = metadata.replace(/^(<\?xml[^>]*\?>)?/, `$1<!-- ${"x".repeat(1024 * 1024)} -->`);
    expect(() => makelaarSigningCertificates(huge)).toThrow(
      "The makelaar metadata is larger than 1024 KB.",
    );
  });

  it("throws ServiceProviderError for what it refuses", async () => {
    const error = await Promise.resolve()
      .then(() => makelaarSigningCertificates(`<x/>`))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceProviderError);
    expect((error as Error).name).toBe("ServiceProviderError");
  });

  it("fetches the makelaar's metadata once, when first needed", async () => {
    const { fetcher, calls } = fakeFetch(() => new Response(metadata));
    const s = await createServiceProvider({
      entityID: SP_ENTITY_ID,
      acsUrl: ACS,
      acsBinding: "post",
      services: SP_SERVICES,
      keys: { signing, encryption },
      makelaarMetadataUrl: "https://makelaar.example/metadata",
    });
    const answer = (request: string) => new Response(artifactResponse(request, ""));
    const both = (async (input: string | URL | Request, init?: RequestInit) =>
      String(input).endsWith("/metadata")
        ? fetcher(input, init)
        : answer(String(init?.body))) as typeof fetch;
    await s.resolveArtifact("a", { arsUrl: ARS, fetch: both });
    await s.resolveArtifact("b", { arsUrl: ARS, fetch: both });
    expect(calls.map((c) => c.url)).toEqual(["https://makelaar.example/metadata"]);
  });

  it("refuses to resolve without metadata or a metadata URL, and names a failed fetch", async () => {
    const none = await createServiceProvider({
      entityID: SP_ENTITY_ID,
      acsUrl: ACS,
      acsBinding: "post",
      services: SP_SERVICES,
      keys: { signing, encryption },
    });
    const { fetcher } = fakeFetch((request) => new Response(artifactResponse(request, "")));
    await expect(none.resolveArtifact("a", { arsUrl: ARS, fetch: fetcher })).rejects.toThrow(
      "No makelaar metadata given and no makelaarMetadataUrl.",
    );
    const failing = await createServiceProvider({
      entityID: SP_ENTITY_ID,
      acsUrl: ACS,
      acsBinding: "post",
      services: SP_SERVICES,
      keys: { signing, encryption },
      makelaarMetadataUrl: "https://makelaar.example/metadata",
    });
    const notFound = fakeFetch(() => new Response("gone", { status: 404 }));
    await expect(
      failing.resolveArtifact("a", { arsUrl: ARS, fetch: notFound.fetcher }),
    ).rejects.toThrow(
      "Fetching the makelaar metadata from https://makelaar.example/metadata gave HTTP 404.",
    );
  });

  it("trusts metadata given later through useMakelaarMetadata", async () => {
    const impostorKeys = signing;
    const s = await sp();
    const { fetcher } = fakeFetch(
      (request) => new Response(artifactResponse(request, "", "Success", impostorKeys)),
    );
    await expect(s.resolveArtifact("a", { arsUrl: ARS, fetch: fetcher })).rejects.toThrow(
      "does not verify",
    );
    // Metadata signed with the SP's own TEST key stands for another makelaar's.
    const other = signRoot(
      metadata
        .replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, "")
        .replaceAll(makelaar.signingKeys.certificateBase64, impostorKeys.certificateBase64),
      impostorKeys,
      { placement: "first-child" },
    );
    s.useMakelaarMetadata(other);
    expect(await s.resolveArtifact("a", { arsUrl: ARS, fetch: fetcher })).toMatchObject({
      ok: false,
      status: "",
    });
  });

  it("exposes what a caller needs to register it", async () => {
    const s = await sp();
    expect(s.entityID).toBe(SP_ENTITY_ID);
    expect(s.acsUrl).toBe(ACS);
    expect(s.keys.signing).toBe(signing);
  });
});
