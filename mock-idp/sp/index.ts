// A small eHerkenning service provider (dienstverlener) for our replica SPs,
// the e2e kit and tests: it publishes signed SP metadata, sends signed
// AuthnRequests (Redirect or POST), resolves artifacts over SOAP and reads
// POSTed Responses. It verifies every signature against the makelaar's
// metadata (xml-crypto) and decrypts the EncryptedIDs with its own TEST key
// (xml-encryption).
import { createHash, createPrivateKey, createSign } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { XMLSerializer, type Document, type Element } from "@xmldom/xmldom";
import { decrypt } from "xml-encryption";
import { ATTRIBUTE_NAMES, levelFromUrn, levelToUrn, type Level } from "../../eherkenning/index.ts";
import { testKeyPair, type TestKeyPair } from "../saml-core/keys.ts";
import {
  ALGORITHMS,
  signRoot,
  verifyEnveloped as verifyDirect,
  verifyEnvelopedWithXmlCrypto,
} from "../saml-core/signature.ts";
import { c14nAttribute, c14nText, signCanonical } from "../saml-core/canonical.ts";
import {
  BINDINGS,
  NS,
  STATUS_PREFIX,
  attribute,
  childElement,
  childElements,
  descendant,
  escapeXml,
  instant,
  is,
  newId,
  parseXml,
  textOf,
} from "../saml-core/xml.ts";
import { serviceProviderMetadataXml, type SpService } from "./metadata.ts";

export { serviceProviderMetadataXml, type SpService } from "./metadata.ts";

export interface ServiceProviderKeys {
  readonly signing: TestKeyPair;
  /** null publishes no encryption certificate. */
  readonly encryption: TestKeyPair | null;
}

export interface ServiceProviderOptions {
  readonly entityID: string;
  readonly acsUrl: string;
  readonly acsBinding: "artifact" | "post";
  readonly services: readonly SpService[];
  /** Where the makelaar sends LogoutResponses (HTTP-POST). */
  readonly singleLogoutUrl?: string;
  /** TEST keys; generated (and cached) via mock-idp/saml-core/keys.ts when absent. */
  readonly keys?: ServiceProviderKeys;
  /** The makelaar's metadata XML; else fetched from makelaarMetadataUrl when first needed. */
  readonly makelaarMetadata?: string;
  readonly makelaarMetadataUrl?: string;
  /**
   * Hex SHA-256 of the makelaar's signing certificate (DER, as its KeyName
   * gives it). When set, makelaar metadata (given, fetched or replaced) is
   * accepted only when signed with that certificate. Without it, metadata
   * fetched from a URL is trusted on its own word: its signature is checked
   * against its own certificates, which proves integrity, not origin.
   */
  readonly makelaarCertificateSha256?: string;
  /** The clock for time checks; pass the makelaar's simulated clock when it is moved. */
  readonly clock?: () => Date;
  /**
   * How signatures are checked: "xml-crypto" (the default) runs xml-crypto's
   * SignedXml; "direct" uses xml-crypto's canonicaliser with node:crypto, as
   * the makelaar does (much faster; the benchmark uses it so the client does
   * not hide the server's latency).
   */
  readonly verifier?: "xml-crypto" | "direct";
  /** Allowed clock difference for NotBefore/NotOnOrAfter, ms (default 60 s). */
  readonly clockSkewMs?: number;
}

export interface AuthnRequestOptions {
  readonly serviceIndex: number;
  readonly requestedLevel?: Level;
  readonly relayState?: string;
  readonly binding: "redirect" | "post";
  /** The makelaar's SSO URL, e.g. http://127.0.0.1:1234/broker/sso/1.13 */
  readonly destination: string;
  /** Name the ACS by index (default) or by URL plus ProtocolBinding. */
  readonly acsBy?: "index" | "url";
  /** Overrides for tests of the makelaar's checks. */
  readonly id?: string;
  readonly issueInstant?: Date;
  readonly acsUrl?: string;
  readonly sign?: boolean;
  readonly keyInfo?: "key-name" | "x509" | "none";
}

export interface AuthnRequestMessage {
  readonly id: string;
  readonly xml: string;
  /** Redirect binding: the URL to send the browser to. */
  readonly url?: string;
  /** POST binding: the form to submit. */
  readonly form?: {
    readonly action: string;
    readonly fields: { readonly SAMLRequest: string; readonly RelayState?: string };
  };
}

export interface Subject {
  /** The NameQualifier's last part: KvKnr, RSIN, Pseudo. */
  readonly type: string;
  readonly value: string;
  /** Whether it came as an EncryptedID. */
  readonly encrypted: boolean;
}

export type LoginResult =
  | {
      readonly ok: true;
      readonly level: Level;
      readonly serviceID: string;
      readonly serviceUUID: string;
      readonly legalSubject: Subject;
      readonly actingSubject: Subject;
      /** Every attribute by name; identifiers as "<type>:<value>". */
      readonly attributes: Readonly<Record<string, string>>;
      readonly inResponseTo: string;
      readonly responseXml: string;
    }
  | {
      readonly ok: false;
      /** Top-level status code URN. */
      readonly status: string;
      /** Second-level status code URN, when present. */
      readonly subStatus?: string;
      readonly message: string;
      readonly inResponseTo?: string;
    };

export class ServiceProviderError extends Error {
  override readonly name = "ServiceProviderError";
}

type Fetch = typeof fetch;

const serializer = new XMLSerializer();

function decryptXml(xml: string, key: string): Promise<string> {
  return new Promise((resolve, reject) =>
    decrypt(xml, { key }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

/**
 * The makelaar's signing certificates from its signed metadata. The signature
 * is checked against the metadata's own certificates, which proves the
 * document is intact, not who wrote it; `pinnedSha256` (hex SHA-256 of a
 * certificate's DER) adds the trust: the signature must verify with the
 * certificate of that fingerprint.
 */
export function makelaarSigningCertificates(metadataXml: string, pinnedSha256?: string): string[] {
  const doc = parseXml(metadataXml, "The makelaar metadata", {
    maxBytes: 1024 * 1024,
    kind: "document",
  });
  const root = doc.documentElement!;
  if (!is(root, NS.md, "EntityDescriptor")) {
    throw new ServiceProviderError("The makelaar metadata is not an md:EntityDescriptor.");
  }
  const idp = childElement(root, NS.md, "IDPSSODescriptor");
  if (!idp) throw new ServiceProviderError("The makelaar metadata has no IDPSSODescriptor.");
  const certificates = childElements(idp, NS.md, "KeyDescriptor")
    .filter((k) => attribute(k, "use") !== "encryption")
    .flatMap((k) =>
      Array.from(k.getElementsByTagNameNS(NS.ds, "X509Certificate")).map((c) =>
        textOf(c).replace(/\s+/g, ""),
      ),
    );
  if (certificates.length === 0) {
    throw new ServiceProviderError("The makelaar metadata has no signing certificate.");
  }
  let trusted = certificates;
  if (pinnedSha256 !== undefined) {
    const pin = pinnedSha256.replace(/:/g, "").toLowerCase();
    trusted = certificates.filter(
      (c) => createHash("sha256").update(Buffer.from(c, "base64")).digest("hex") === pin,
    );
    if (trusted.length === 0) {
      throw new ServiceProviderError(
        `The makelaar metadata has no signing certificate with the pinned SHA-256 ${pin}.`,
      );
    }
  }
  verifyEnvelopedWithXmlCrypto(metadataXml, doc, root, trusted, "The makelaar metadata");
  return certificates;
}

function statusOf(response: Element): { top: string; sub?: string; message: string } {
  const status = childElement(response, NS.samlp, "Status");
  const code = status && childElement(status, NS.samlp, "StatusCode");
  const sub = code && childElement(code, NS.samlp, "StatusCode");
  return {
    top: (code && attribute(code, "Value")) ?? "",
    ...(sub ? { sub: attribute(sub, "Value") ?? "" } : {}),
    message: textOf(status && childElement(status, NS.samlp, "StatusMessage")),
  };
}

export async function createServiceProvider(options: ServiceProviderOptions) {
  const keys: ServiceProviderKeys = options.keys ?? {
    signing: await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" }),
    encryption: await testKeyPair("sp-encryption", {
      commonName: "eh-overstap test SP encryption",
    }),
  };
  const metadataXml = serviceProviderMetadataXml({
    entityID: options.entityID,
    acsUrl: options.acsUrl,
    acsBinding: options.acsBinding,
    services: options.services,
    signing: keys.signing,
    encryption: keys.encryption ?? undefined,
    singleLogoutUrl: options.singleLogoutUrl,
  });
  const signingKey = createPrivateKey(keys.signing.privateKeyPem);
  const decryptionKey = keys.encryption
    ? createPrivateKey(keys.encryption.privateKeyPem)
    : undefined;
  const clock = options.clock ?? (() => new Date());
  const verifyEnveloped =
    options.verifier === "direct" ? verifyDirect : verifyEnvelopedWithXmlCrypto;
  const skew = options.clockSkewMs ?? 60_000;
  let makelaarCertificates: string[] | undefined = options.makelaarMetadata
    ? makelaarSigningCertificates(options.makelaarMetadata, options.makelaarCertificateSha256)
    : undefined;

  async function certificates(fetcher: Fetch): Promise<string[]> {
    if (makelaarCertificates) return makelaarCertificates;
    if (!options.makelaarMetadataUrl) {
      throw new ServiceProviderError("No makelaar metadata given and no makelaarMetadataUrl.");
    }
    const answer = await fetcher(options.makelaarMetadataUrl);
    if (!answer.ok) {
      throw new ServiceProviderError(
        `Fetching the makelaar metadata from ${options.makelaarMetadataUrl} gave HTTP ${answer.status}.`,
      );
    }
    makelaarCertificates = makelaarSigningCertificates(
      await answer.text(),
      options.makelaarCertificateSha256,
    );
    return makelaarCertificates;
  }

  function authnRequestXml(request: AuthnRequestOptions, id: string): string {
    const acs =
      request.acsBy === "url"
        ? `AssertionConsumerServiceURL="${escapeXml(request.acsUrl ?? options.acsUrl)}" ProtocolBinding="${options.acsBinding === "post" ? BINDINGS.post : BINDINGS.artifact}"`
        : `AssertionConsumerServiceIndex="0"`;
    const requested = request.requestedLevel
      ? `<samlp:RequestedAuthnContext Comparison="minimum"><saml:AuthnContextClassRef>${levelToUrn(request.requestedLevel)}</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>`
      : "";
    const xml =
      `<samlp:AuthnRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${escapeXml(id)}" Version="2.0" IssueInstant="${instant(request.issueInstant ?? clock())}" Destination="${escapeXml(request.destination)}" ForceAuthn="true" ${acs} AttributeConsumingServiceIndex="${request.serviceIndex}">` +
      `<saml:Issuer>${escapeXml(options.entityID)}</saml:Issuer>${requested}</samlp:AuthnRequest>`;
    if (request.sign === false || request.binding === "redirect") return xml;
    const signed = signRoot(xml, keys.signing, {
      placement: "after-issuer",
      keyInfo: request.keyInfo === "x509" ? "x509" : "key-name",
    });
    return request.keyInfo === "none"
      ? signed.replace(/<ds:KeyInfo>.*?<\/ds:KeyInfo>/s, "")
      : signed;
  }

  function authnRequest(request: AuthnRequestOptions): AuthnRequestMessage {
    const id = request.id ?? newId();
    const xml = authnRequestXml(request, id);
    if (request.binding === "post") {
      return {
        id,
        xml,
        form: {
          action: request.destination,
          fields: {
            SAMLRequest: Buffer.from(xml, "utf8").toString("base64"),
            ...(request.relayState !== undefined ? { RelayState: request.relayState } : {}),
          },
        },
      };
    }
    let query = `SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.from(xml, "utf8")).toString("base64"))}`;
    if (request.relayState !== undefined) {
      query += `&RelayState=${encodeURIComponent(request.relayState)}`;
    }
    if (request.sign !== false) {
      query += `&SigAlg=${encodeURIComponent(ALGORITHMS.rsaSha256)}`;
      const signature = createSign("RSA-SHA256").update(query).sign(signingKey);
      query += `&Signature=${encodeURIComponent(signature.toString("base64"))}`;
    }
    const separator = request.destination.includes("?") ? "&" : "?";
    return { id, xml, url: `${request.destination}${separator}${query}` };
  }

  async function identifierOf(value: Element): Promise<Subject | undefined> {
    const encrypted = childElement(value, NS.saml, "EncryptedID");
    let nameId = childElement(value, NS.saml, "NameID");
    if (encrypted) {
      if (!keys.encryption) {
        throw new ServiceProviderError("Got an EncryptedID but this SP has no encryption key.");
      }
      const data = childElement(encrypted, NS.xenc, "EncryptedData");
      if (!data) throw new ServiceProviderError("EncryptedID without xenc:EncryptedData.");
      const plain = await decryptXml(
        serializer.serializeToString(data),
        // A parsed KeyObject (node:crypto accepts it) spares parsing the PEM per identifier.
        decryptionKey as unknown as string,
      );
      nameId = parseXml(plain, "The decrypted NameID").documentElement ?? undefined;
      if (!nameId || !is(nameId, NS.saml, "NameID")) {
        throw new ServiceProviderError("The EncryptedID did not hold a saml:NameID.");
      }
    }
    if (!nameId) return undefined;
    const qualifier = attribute(nameId, "NameQualifier") ?? "";
    return {
      type: qualifier.split(":").pop() ?? qualifier,
      value: textOf(nameId),
      encrypted: encrypted !== undefined,
    };
  }

  function checkTimes(element: Element | undefined, what: string): void {
    if (!element) return;
    const now = clock().getTime();
    const notBefore = attribute(element, "NotBefore");
    const notOnOrAfter = attribute(element, "NotOnOrAfter");
    if (notBefore && Date.parse(notBefore) - skew > now) {
      throw new ServiceProviderError(`${what} is not valid yet (NotBefore ${notBefore}).`);
    }
    if (notOnOrAfter && Date.parse(notOnOrAfter) + skew <= now) {
      throw new ServiceProviderError(`${what} has expired (NotOnOrAfter ${notOnOrAfter}).`);
    }
  }

  /** Reads a samlp:Response whose signatures the caller has not checked yet. */
  async function readResponse(
    xml: string,
    doc: Document,
    response: Element,
    certs: readonly string[],
    responseSignatureRequired: boolean,
  ): Promise<LoginResult> {
    if (responseSignatureRequired || childElement(response, NS.ds, "Signature")) {
      verifyEnveloped(xml, doc, response, certs, "The Response");
    }
    const inResponseTo = attribute(response, "InResponseTo") ?? "";
    const destination = attribute(response, "Destination");
    if (destination !== undefined && destination !== options.acsUrl) {
      throw new ServiceProviderError(`The Response's Destination ${destination} is not our ACS.`);
    }
    const status = statusOf(response);
    if (status.top !== `${STATUS_PREFIX}Success`) {
      return {
        ok: false,
        status: status.top,
        ...(status.sub !== undefined ? { subStatus: status.sub } : {}),
        message: status.message,
        inResponseTo,
      };
    }
    const assertions = childElements(response, NS.saml, "Assertion");
    if (assertions.length !== 1 || descendant(response, NS.saml, "EncryptedAssertion")) {
      throw new ServiceProviderError("A successful Response must hold exactly one Assertion.");
    }
    const assertion = assertions[0]!;
    verifyEnveloped(xml, doc, assertion, certs, "The Assertion");
    const audience = textOf(descendant(assertion, NS.saml, "Audience"));
    if (audience !== options.entityID) {
      throw new ServiceProviderError(`The Assertion is for audience ${audience}, not for us.`);
    }
    const confirmation = descendant(assertion, NS.saml, "SubjectConfirmationData");
    if (confirmation && attribute(confirmation, "Recipient") !== options.acsUrl) {
      throw new ServiceProviderError("The SubjectConfirmation's Recipient is not our ACS.");
    }
    checkTimes(childElement(assertion, NS.saml, "Conditions"), "The Assertion");
    checkTimes(confirmation, "The SubjectConfirmation");
    const classRef = textOf(descendant(assertion, NS.saml, "AuthnContextClassRef"));
    const level = levelFromUrn(classRef);
    if (!level) throw new ServiceProviderError(`Unknown AuthnContextClassRef ${classRef}.`);
    const attributes: Record<string, string> = {};
    const subjects: Record<string, Subject> = {};
    const statement = childElement(assertion, NS.saml, "AttributeStatement");
    for (const attr of statement ? childElements(statement, NS.saml, "Attribute") : []) {
      const name = attribute(attr, "Name") ?? "";
      const value = childElement(attr, NS.saml, "AttributeValue");
      if (!value) continue;
      const subject = await identifierOf(value);
      if (subject) {
        subjects[name] = subject;
        attributes[name] = `${subject.type}:${subject.value}`;
      } else {
        attributes[name] = textOf(value);
      }
    }
    const legalSubject = subjects[ATTRIBUTE_NAMES.legalSubjectID];
    const actingSubject = subjects[ATTRIBUTE_NAMES.actingSubjectID];
    if (!legalSubject || !actingSubject) {
      throw new ServiceProviderError("The Assertion lacks LegalSubjectID or ActingSubjectID.");
    }
    return {
      ok: true,
      level,
      serviceID: attributes[ATTRIBUTE_NAMES.serviceID] ?? "",
      serviceUUID: attributes[ATTRIBUTE_NAMES.serviceUUID] ?? "",
      legalSubject,
      actingSubject,
      attributes,
      inResponseTo,
      responseXml: xml,
    };
  }

  /** Reads the SAMLResponse form field of an HTTP-POST answer. */
  async function readPostResponse(
    samlResponse: string,
    fetcher: Fetch = fetch,
  ): Promise<LoginResult> {
    const xml = Buffer.from(samlResponse, "base64").toString("utf8");
    const doc = parseXml(xml, "The SAMLResponse");
    const root = doc.documentElement!;
    if (!is(root, NS.samlp, "Response")) {
      throw new ServiceProviderError("The SAMLResponse is not a samlp:Response.");
    }
    return readResponse(xml, doc, root, await certificates(fetcher), true);
  }

  function artifactResolveXml(samlArt: string, arsUrl: string): string {
    // Written in canonical form and signed directly (see saml/canonical.ts).
    const id = newId();
    const xml =
      `<samlp:ArtifactResolve xmlns:samlp="${NS.samlp}" Destination="${c14nAttribute(arsUrl)}" ID="${id}" IssueInstant="${instant(clock())}" Version="2.0">` +
      `<saml:Issuer xmlns:saml="${NS.saml}">${c14nText(options.entityID)}</saml:Issuer>` +
      `<samlp:Artifact>${c14nText(samlArt)}</samlp:Artifact></samlp:ArtifactResolve>`;
    const signed = signCanonical(xml, id, keys.signing);
    return `<soapenv:Envelope xmlns:soapenv="${NS.soap}"><soapenv:Body>${signed}</soapenv:Body></soapenv:Envelope>`;
  }

  /** Resolves a SAMLart over SOAP and reads the Response inside. */
  async function resolveArtifact(
    samlArt: string,
    resolve: {
      readonly arsUrl: string;
      readonly fetch?: Fetch;
      readonly contentType?: string;
    },
  ): Promise<LoginResult> {
    const fetcher = resolve.fetch ?? fetch;
    const certs = await certificates(fetcher);
    const answer = await fetcher(resolve.arsUrl, {
      method: "POST",
      headers: {
        "content-type": resolve.contentType ?? "text/xml; charset=utf-8",
        soapaction: "http://www.oasis-open.org/committees/security",
      },
      body: artifactResolveXml(samlArt, resolve.arsUrl),
    });
    const xml = await answer.text();
    if (!answer.ok) {
      throw new ServiceProviderError(
        `ArtifactResolve gave HTTP ${answer.status}: ${xml.slice(0, 300)}`,
      );
    }
    const doc = parseXml(xml, "The ArtifactResponse envelope");
    const envelope = doc.documentElement!;
    const body = is(envelope, NS.soap, "Envelope")
      ? childElement(envelope, NS.soap, "Body")
      : undefined;
    const artifactResponse = body && childElement(body, NS.samlp, "ArtifactResponse");
    if (!artifactResponse)
      throw new ServiceProviderError("No samlp:ArtifactResponse in the SOAP body.");
    verifyEnveloped(xml, doc, artifactResponse, certs, "The ArtifactResponse");
    const status = statusOf(artifactResponse);
    if (status.top !== `${STATUS_PREFIX}Success`) {
      throw new ServiceProviderError(`The ArtifactResponse's status is ${status.top}.`);
    }
    const response = childElement(artifactResponse, NS.samlp, "Response");
    if (!response) {
      return {
        ok: false,
        status: "",
        message: "The artifact is unknown, expired or already resolved (empty ArtifactResponse).",
      };
    }
    // The ArtifactResponse's signature covers the inner Response.
    return readResponse(xml, doc, response, certs, false);
  }

  return {
    entityID: options.entityID,
    acsUrl: options.acsUrl,
    metadataXml,
    keys,
    authnRequest,
    resolveArtifact,
    readPostResponse,
    /** Use this makelaar metadata from now on (verified). */
    useMakelaarMetadata(xml: string): void {
      makelaarCertificates = makelaarSigningCertificates(xml, options.makelaarCertificateSha256);
    },
  };
}

export type ServiceProvider = Awaited<ReturnType<typeof createServiceProvider>>;
