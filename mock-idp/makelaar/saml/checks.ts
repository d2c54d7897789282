// One function per AuthnRequest check. Each throws SamlError naming the cause.
// Checks in the first group fail before we may trust the ACS: their errors
// become a 4xx page (RequestRefused). The rest are answered to the SP.
import { inflateRawSync } from "node:zlib";
import type { Document, Element } from "@xmldom/xmldom";
import {
  levelFromUrn,
  requiredLevel,
  serviceRef,
  type CatalogueService,
  type Level,
  type Refusal,
  type RefusalReason,
} from "../../../eherkenning/index.ts";
import { SamlError } from "../errors.ts";
import type { WorldState } from "../../world/state.ts";
import type { MakelaarState } from "../state.ts";
import {
  ALGORITHMS,
  SignatureError,
  verifyDetached,
  verifyEnveloped,
} from "../../saml-core/signature.ts";
import {
  MAX_ENTITY_ID_CHARACTERS,
  findServiceProvider,
  type AssertionConsumerService,
  type ServiceProviderMetadata,
} from "./sp-registration.ts";
import {
  BINDINGS,
  MAX_MESSAGE_BYTES,
  NS,
  XmlError,
  attribute,
  childElement,
  childElements,
  excerpt,
  is,
  parseXml,
  textOf,
} from "../../saml-core/xml.ts";

/** A request refused with a page: we cannot (yet) trust where to send an answer. */
export class RequestRefused extends SamlError {
  constructor(message: string, httpStatus = 400) {
    super("Requester", "RequestUnsupported", message, httpStatus);
  }
}

const requester = (message: string) => new SamlError("Requester", "RequestUnsupported", message);

/** An AuthnRequest may be at most this old... */
export const REQUEST_MAX_AGE_MS = 5 * 60_000;
/** ...and at most this far in the future (clock skew). */
export const REQUEST_MAX_FUTURE_MS = 60_000;
export const RELAY_STATE_MAX_BYTES = 80;
/**
 * The longest message ID we take. SAML asks 128 to 160 random bits; real IDs
 * are 33 to 45 characters (node-saml, Shibboleth, Keycloak, ADFS). Every ID
 * is echoed as InResponseTo and logged, so a long one is refused before
 * anything about the request is stored.
 */
export const MAX_ID_BYTES = 128;

export function decodeBase64(value: string, what: string): Buffer {
  const compact = value.replace(/\s+/g, "");
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw new RequestRefused(`${what} is not valid base64.`);
  }
  return Buffer.from(compact, "base64");
}

export function inflate(deflated: Buffer, what: string): string {
  try {
    return inflateRawSync(deflated, { maxOutputLength: MAX_MESSAGE_BYTES }).toString("utf8");
  } catch {
    throw new RequestRefused(
      `${what} could not be inflated: it is not DEFLATE data, or it inflates to more than ${MAX_MESSAGE_BYTES / 1024} KB.`,
    );
  }
}

export function parseMessage(xml: string, what: string): Document {
  try {
    return parseXml(xml, what);
  } catch (error) {
    if (error instanceof XmlError) throw new RequestRefused(error.message);
    throw error;
  }
}

export function requireRoot(doc: Document, localName: string): Element {
  return requireMessage(doc.documentElement!, localName);
}

/** The element is a samlp message of this kind, SAML 2.0, with an ID. */
export function requireMessage(root: Element, localName: string): Element {
  if (!is(root, NS.samlp, localName)) {
    throw new RequestRefused(
      `The message is <${excerpt(root.tagName, 60)}>, not a samlp:${localName}.`,
    );
  }
  if (attribute(root, "Version") !== "2.0") {
    throw new RequestRefused(
      `The samlp:${localName} has Version "${excerpt(attribute(root, "Version") ?? "", 20)}", not 2.0.`,
    );
  }
  const id = attribute(root, "ID");
  if (!id) throw new RequestRefused(`The samlp:${localName} has no ID.`);
  const idBytes = Buffer.byteLength(id, "utf8");
  if (idBytes > MAX_ID_BYTES) {
    throw new RequestRefused(
      `The samlp:${localName}'s ID is ${idBytes} bytes; at most ${MAX_ID_BYTES} are accepted (SAML IDs are short: 128 to 160 random bits).`,
    );
  }
  return root;
}

export function identifyServiceProvider(
  state: MakelaarState,
  message: Element,
): ServiceProviderMetadata {
  const issuer = textOf(childElement(message, NS.saml, "Issuer"));
  if (!issuer)
    throw new RequestRefused("The message has no saml:Issuer, so the sender is unknown.");
  if (issuer.length > MAX_ENTITY_ID_CHARACTERS) {
    throw new RequestRefused(
      `The saml:Issuer is ${issuer.length} characters; an entityID has at most ${MAX_ENTITY_ID_CHARACTERS}.`,
    );
  }
  let sp: ServiceProviderMetadata | undefined;
  try {
    sp = findServiceProvider(state, issuer);
  } catch (error) {
    throw new RequestRefused(
      `The registered metadata of ${excerpt(issuer)} is unusable: ${(error as Error).message}`,
    );
  }
  if (!sp)
    throw new RequestRefused(
      `The service provider ${excerpt(issuer)} is not registered at this makelaar.`,
    );
  return sp;
}

/**
 * Messages name the signing key, they do not carry it: the verifier's key
 * comes from the sender's metadata only, and a ds:X509Data in a message's
 * KeyInfo is refused (the brief's reading of the afsprakenstelsel's digital
 * signature rules; metadata, not messages, carry certificates). With
 * `allowX509Data` (a makelaar option) it is accepted and still never used.
 */
export function checkKeyInfo(message: Element, allowX509Data: boolean): void {
  if (allowX509Data) return;
  const signature = childElement(message, NS.ds, "Signature");
  const keyInfo = signature && childElement(signature, NS.ds, "KeyInfo");
  if (keyInfo && childElement(keyInfo, NS.ds, "X509Data")) {
    throw new RequestRefused(
      `The ${message.localName}'s signature carries a ds:X509Data in its KeyInfo. ` +
        "eHerkenning messages name their key with a ds:KeyName (or carry no KeyInfo); " +
        "certificates belong in the metadata, which is the only place this makelaar takes keys from.",
    );
  }
}

export function verifyPostSignature(
  xml: string,
  doc: Document,
  message: Element,
  sp: ServiceProviderMetadata,
  options: { readonly allowX509Data?: boolean } = {},
): void {
  checkKeyInfo(message, options.allowX509Data === true);
  try {
    verifyEnveloped(xml, doc, message, sp.signingCertificates, `The ${message.localName}`);
  } catch (error) {
    if (error instanceof SignatureError) throw new RequestRefused(error.message);
    throw error;
  }
}

/** The raw (still URL-encoded) query parameters, as the Redirect binding signs them. */
export function rawQuery(originalUrl: string): Map<string, string> {
  const query = originalUrl.includes("?") ? originalUrl.slice(originalUrl.indexOf("?") + 1) : "";
  const params = new Map<string, string>();
  for (const pair of query.split("&")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && !params.has(pair.slice(0, eq))) params.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return params;
}

export function decodeQueryValue(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    throw new RequestRefused(`${what} is not validly URL-encoded.`);
  }
}

export function verifyRedirectSignature(
  params: Map<string, string>,
  kind: "SAMLRequest" | "SAMLResponse",
  sp: ServiceProviderMetadata,
): void {
  const sigAlg = params.get("SigAlg");
  const signature = params.get("Signature");
  if (sigAlg === undefined || signature === undefined) {
    throw new RequestRefused("The request is not signed (no SigAlg and Signature in the query).");
  }
  if (decodeQueryValue(sigAlg, "SigAlg") !== ALGORITHMS.rsaSha256) {
    throw new RequestRefused(
      `SigAlg ${excerpt(decodeQueryValue(sigAlg, "SigAlg"))} is not RSA-SHA256.`,
    );
  }
  const relayState = params.get("RelayState");
  const octets =
    `${kind}=${params.get(kind) ?? ""}` +
    (relayState !== undefined ? `&RelayState=${relayState}` : "") +
    `&SigAlg=${sigAlg}`;
  const signatureBytes = decodeBase64(decodeQueryValue(signature, "Signature"), "Signature");
  let verified: boolean;
  try {
    verified = verifyDetached(octets, signatureBytes.toString("base64"), sp.signingCertificates);
  } catch (error) {
    if (error instanceof SignatureError) throw new RequestRefused(error.message);
    throw error;
  }
  if (!verified) {
    throw new RequestRefused(
      "The request's signature does not verify with the certificates in the SP's metadata.",
    );
  }
}

export function checkRelayState(relayState: string | undefined): void {
  if (relayState !== undefined && Buffer.byteLength(relayState, "utf8") > RELAY_STATE_MAX_BYTES) {
    throw new RequestRefused(
      `RelayState is ${Buffer.byteLength(relayState, "utf8")} bytes; at most ${RELAY_STATE_MAX_BYTES} are allowed.`,
    );
  }
}

export function chooseAssertionConsumerService(
  request: Element,
  sp: ServiceProviderMetadata,
): AssertionConsumerService {
  const index = attribute(request, "AssertionConsumerServiceIndex");
  const url = attribute(request, "AssertionConsumerServiceURL");
  const protocolBinding = attribute(request, "ProtocolBinding");
  // SAML core 3.4.1: AssertionConsumerServiceIndex is mutually exclusive
  // with AssertionConsumerServiceURL and ProtocolBinding.
  if (index !== undefined && url !== undefined) {
    throw new RequestRefused(
      "The request names both AssertionConsumerServiceIndex and AssertionConsumerServiceURL; SAML core 3.4.1 makes them mutually exclusive.",
    );
  }
  if (index !== undefined && protocolBinding !== undefined) {
    throw new RequestRefused(
      "The request names both AssertionConsumerServiceIndex and ProtocolBinding; SAML core 3.4.1 makes them mutually exclusive (the index already fixes the binding).",
    );
  }
  if (index !== undefined) {
    const found = sp.assertionConsumerServices.find((acs) => String(acs.index) === index);
    if (!found) {
      throw new RequestRefused(
        `AssertionConsumerServiceIndex ${excerpt(index, 20)} is not registered in the metadata of ${sp.entityID}.`,
      );
    }
    return found;
  }
  if (url !== undefined) {
    const binding =
      protocolBinding === undefined
        ? undefined
        : protocolBinding === BINDINGS.artifact
          ? "artifact"
          : protocolBinding === BINDINGS.post
            ? "post"
            : "unsupported";
    if (binding === "unsupported") {
      throw new RequestRefused(
        `ProtocolBinding ${excerpt(protocolBinding ?? "")} is not Artifact or POST.`,
      );
    }
    const found = sp.assertionConsumerServices.find(
      (acs) => acs.url === url && (binding === undefined || acs.binding === binding),
    );
    if (!found) {
      throw new RequestRefused(
        `AssertionConsumerServiceURL ${excerpt(url)}${protocolBinding ? ` with ${protocolBinding}` : ""} is not registered in the metadata of ${sp.entityID}.`,
      );
    }
    return found;
  }
  const fallback =
    sp.assertionConsumerServices.find((acs) => acs.isDefault) ?? sp.assertionConsumerServices[0];
  if (!fallback) throw new RequestRefused(`${sp.entityID} has no AssertionConsumerService.`);
  return fallback;
}

// From here on, the ACS is trusted and failures are answered to the SP.

export function checkDestination(message: Element, expected: string, endpoint = "SSO"): void {
  const destination = attribute(message, "Destination");
  if (destination !== expected) {
    throw requester(
      `Destination "${excerpt(destination ?? "(absent)")}" is not this makelaar's ${endpoint} URL ${expected}.`,
    );
  }
}

export function checkIssueInstant(message: Element, now: Date): void {
  const issueInstant = attribute(message, "IssueInstant") ?? "";
  const at = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(issueInstant)
    ? Date.parse(issueInstant)
    : NaN;
  if (Number.isNaN(at)) {
    throw requester(`IssueInstant "${excerpt(issueInstant, 40)}" is not an xsd:dateTime.`);
  }
  const age = now.getTime() - at;
  if (age > REQUEST_MAX_AGE_MS) {
    throw requester(
      `The request has expired: IssueInstant ${issueInstant} is more than ${REQUEST_MAX_AGE_MS / 60_000} minutes before the makelaar's time ${now.toISOString()}.`,
    );
  }
  if (-age > REQUEST_MAX_FUTURE_MS) {
    throw requester(
      `IssueInstant ${issueInstant} is more than ${REQUEST_MAX_FUTURE_MS / 1000} seconds after the makelaar's time ${now.toISOString()}.`,
    );
  }
}

/** Remembers the ID; throws when it was seen before (within the replay window). */
export function checkReplay(state: MakelaarState, id: string, now: Date): void {
  const nowMs = now.getTime();
  if (state.seenRequestIds.has(id, nowMs)) {
    throw requester(`The request ID ${id} was already used: a replayed request is refused.`);
  }
  state.seenRequestIds.set(id, true, nowMs);
}

export function selectService(
  world: WorldState,
  request: Element,
  sp: ServiceProviderMetadata,
): { serviceID: string; service: CatalogueService } {
  const indexText = attribute(request, "AttributeConsumingServiceIndex");
  if (indexText === undefined) {
    throw requester("The request has no AttributeConsumingServiceIndex, so no service is chosen.");
  }
  const serviceID = /^\d{1,5}$/.test(indexText) ? sp.services.get(Number(indexText)) : undefined;
  if (!serviceID) {
    throw requester(
      `AttributeConsumingServiceIndex ${excerpt(indexText, 20)} names no service in the metadata of ${sp.entityID}.`,
    );
  }
  const service = world.catalogue.byServiceID(serviceID);
  if (!service) {
    throw requester(`The service ${serviceID} is not in the dienstencatalogus.`);
  }
  return { serviceID, service };
}

/** The level asked in RequestedAuthnContext (Comparison minimum), undefined when none. */
export function readRequestedLevel(request: Element): Level | undefined {
  const context = childElement(request, NS.samlp, "RequestedAuthnContext");
  if (!context) return undefined;
  const comparison = attribute(context, "Comparison") ?? "exact";
  if (comparison !== "minimum" && comparison !== "exact") {
    throw requester(
      `RequestedAuthnContext Comparison "${excerpt(comparison, 20)}" is not supported; use minimum.`,
    );
  }
  const refs = childElements(context, NS.saml, "AuthnContextClassRef").map(textOf);
  if (refs.length === 0) throw requester("RequestedAuthnContext names no AuthnContextClassRef.");
  const levels = refs.map((ref) => {
    const level = levelFromUrn(ref);
    if (!level) {
      throw requester(`AuthnContextClassRef ${excerpt(ref)} is not an eHerkenning level.`);
    }
    return level;
  });
  return levels[0];
}

/** A request may ask below the catalogue level, never above (shared rule). */
export function checkRequestedLevel(
  world: WorldState,
  service: CatalogueService,
  requestedLevel: Level | undefined,
): void {
  const requirement = requiredLevel(
    serviceRef(service),
    requestedLevel,
    world.transitions,
    world.now(),
  );
  if (!requirement.ok) throw new RuleRefusal(requirement);
}

/** A request the overstap rules refuse (too high a level, EH1 after its retirement), with the rule's reason. */
export class RuleRefusal extends SamlError {
  readonly reason: RefusalReason;
  constructor(refusal: Refusal) {
    super(refusal.status, refusal.subStatus, refusal.message.en);
    this.reason = refusal.reason;
  }
}

/**
 * What a request carries that the makelaar reads but does not act on, for the
 * request log: samlp:Extensions (e.g. esp:RequestedAttributes, which the
 * catalogue already decides) and samlp:Scoping (an IDPList: the makelaar
 * offers all its leveranciers anyway). Both are accepted, as real DVs send them.
 */
export function ignoredParts(request: Element): string[] {
  const notes: string[] = [];
  const extensions = childElement(request, NS.samlp, "Extensions");
  if (extensions) {
    const names: string[] = [];
    for (let node = extensions.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 1) names.push((node as Element).tagName);
    }
    notes.push(
      `ignored samlp:Extensions (${names.join(", ") || "empty"}): the catalogue decides the attributes`,
    );
  }
  const scoping = childElement(request, NS.samlp, "Scoping");
  if (scoping) {
    const providers = childElements(
      childElement(scoping, NS.samlp, "IDPList") ?? scoping,
      NS.samlp,
      "IDPEntry",
    ).map((entry) => attribute(entry, "ProviderID") ?? "");
    notes.push(
      `ignored samlp:Scoping${providers.length ? ` (IDPList: ${providers.join(", ")})` : ""}: every leverancier is offered`,
    );
  }
  return notes;
}
