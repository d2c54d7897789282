// Reads a dienstverlener's SAML metadata: its signing and encryption
// certificates, its AssertionConsumerServices and, per AttributeConsumingService
// index, the ServiceID it names. Parsed once per registration and cached, so a
// request never reparses metadata.
import { X509Certificate, type KeyObject } from "node:crypto";
import type { Document, Element } from "@xmldom/xmldom";
import { isServiceId, SERVICE_ID_FORM } from "../../../eherkenning/index.ts";
import { BadRequestError } from "../errors.ts";
import type { MakelaarState } from "../state.ts";
import type { RegisteredServiceProvider } from "../../world/model.ts";
import { SignatureError, verifyEnveloped } from "../../saml-core/signature.ts";
import {
  BINDINGS,
  NS,
  XmlError,
  attribute,
  childElement,
  childElements,
  descendant,
  excerpt,
  is,
  parseXml,
  textOf,
} from "../../saml-core/xml.ts";

export interface AssertionConsumerService {
  readonly index: number;
  readonly url: string;
  readonly binding: "artifact" | "post";
  readonly isDefault: boolean;
}

export interface ServiceProviderMetadata {
  readonly entityID: string;
  /** Base64 DER certificates for signature verification. */
  readonly signingCertificates: readonly string[];
  /** Base64 DER certificates to encrypt identifiers to; empty only when plain identifiers are allowed. */
  readonly encryptionCertificates: readonly string[];
  /** The KeyName the metadata gives an encryption certificate, by certificate. */
  readonly encryptionKeyNames?: ReadonlyMap<string, string>;
  readonly assertionConsumerServices: readonly AssertionConsumerService[];
  /** AttributeConsumingService index to ServiceID. */
  readonly services: ReadonlyMap<number, string>;
  /** Where LogoutResponses go; may be empty. */
  readonly singleLogoutServices?: readonly {
    readonly url: string;
    readonly binding: "post" | "redirect";
  }[];
  /** Whether the metadata carried a signature (it then verified). */
  readonly signed?: boolean;
}

const MAX_METADATA_BYTES = 1024 * 1024;

function keyNameOf(keyDescriptor: Element): string | undefined {
  const keyInfo = childElement(keyDescriptor, NS.ds, "KeyInfo");
  const keyName = keyInfo && childElement(keyInfo, NS.ds, "KeyName");
  return keyName ? textOf(keyName) || undefined : undefined;
}

function certificatesOf(keyDescriptor: Element): string[] {
  const keyInfo = childElement(keyDescriptor, NS.ds, "KeyInfo");
  if (!keyInfo) return [];
  return childElements(keyInfo, NS.ds, "X509Data").flatMap((data) =>
    childElements(data, NS.ds, "X509Certificate").map((c) => textOf(c).replace(/\s+/g, "")),
  );
}

/** SAML metadata's entityIDType: at most 1024 characters. */
export const MAX_ENTITY_ID_CHARACTERS = 1024;
/** An endpoint URL (ACS, SLO) at most; every answer repeats it. */
export const MAX_URL_CHARACTERS = 2048;

/** eHerkenning asks RSA keys of at least 2048 bits, for signing and for encryption. */
export const MIN_RSA_KEY_BITS = 2048;
/** A certificate's base64 at most; an RSA-16384 certificate needs about 3,000. */
export const MAX_CERTIFICATE_CHARACTERS = 16_384;

function keyName(key: KeyObject): string {
  const type = key.asymmetricKeyType;
  if (type === "ec")
    return `an EC key (${key.asymmetricKeyDetails?.namedCurve ?? "unknown curve"})`;
  if (type === "rsa-pss") return "an RSA-PSS key";
  return type ? `an ${type.toUpperCase()} key` : "a key of unknown type";
}

/** The certificate holds an RSA key of at least MIN_RSA_KEY_BITS; else BadRequestError naming it. */
function checkKey(base64: string, where: string): void {
  if (base64.length > MAX_CERTIFICATE_CHARACTERS) {
    throw new BadRequestError(
      `${where} is ${base64.length} characters of base64; at most ${MAX_CERTIFICATE_CHARACTERS} are accepted.`,
    );
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(base64, "base64"));
  } catch {
    throw new BadRequestError(`${where} is not a DER X.509 certificate in base64.`);
  }
  const key = certificate.publicKey;
  const subject = certificate.subject.replace(/\n/g, ", ");
  if (key.asymmetricKeyType !== "rsa") {
    throw new BadRequestError(
      `${where} (${subject}) has ${keyName(key)}; eHerkenning asks RSA keys of at least ${MIN_RSA_KEY_BITS} bits.`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_KEY_BITS) {
    throw new BadRequestError(
      `${where} (${subject}) has an RSA key of ${bits} bits; eHerkenning asks at least ${MIN_RSA_KEY_BITS}.`,
    );
  }
}

function acsOf(element: Element, where: string): AssertionConsumerService | undefined {
  const bindingUri = attribute(element, "Binding");
  const binding =
    bindingUri === BINDINGS.artifact ? "artifact" : bindingUri === BINDINGS.post ? "post" : null;
  if (!binding) return undefined; // Other bindings cannot receive our answer; skip them.
  const url = attribute(element, "Location") ?? "";
  if (url.length > MAX_URL_CHARACTERS) {
    throw new BadRequestError(
      `${where}: Location is ${url.length} characters; at most ${MAX_URL_CHARACTERS} are accepted.`,
    );
  }
  if (!/^https?:\/\/[^\s]+$/.test(url)) {
    throw new BadRequestError(`${where}: Location "${excerpt(url)}" is not an http(s) URL.`);
  }
  const indexText = attribute(element, "index") ?? "";
  if (!/^\d{1,5}$/.test(indexText)) {
    throw new BadRequestError(`${where}: index "${indexText}" is not a number.`);
  }
  return {
    index: Number(indexText),
    url,
    binding,
    isDefault: attribute(element, "isDefault") === "true",
  };
}

export interface ParseOptions {
  /** Accept an SP without an encryption certificate (its identifiers then go as plain NameIDs). */
  readonly allowPlainIdentifiers?: boolean;
}

/** Parses SP metadata; throws BadRequestError naming what is wrong. */
export function parseServiceProviderMetadata(
  xml: string,
  options: ParseOptions = {},
): ServiceProviderMetadata {
  const { doc, root, entityID } = readEntityDescriptor(xml);
  const where = `SP metadata of ${entityID}`;
  const sp = childElement(root, NS.md, "SPSSODescriptor");
  if (!sp) throw new BadRequestError(`${where}: there is no md:SPSSODescriptor.`);
  const keys = readKeys(sp, where, options);
  const assertionConsumerServices = readAssertionConsumerServices(sp, where);
  const services = readAttributeConsumingServices(sp, where);
  const signed = checkMetadataSignature(xml, doc, root, keys.signingCertificates, where);
  const singleLogoutServices = readSingleLogoutServices(sp, where);
  return {
    entityID,
    singleLogoutServices,
    signingCertificates: keys.signingCertificates,
    encryptionCertificates: keys.encryptionCertificates,
    encryptionKeyNames: keys.encryptionKeyNames,
    assertionConsumerServices,
    services,
    signed,
  };
}

/** The metadata document, its md:EntityDescriptor root and the entityID it names. */
function readEntityDescriptor(xml: string): { doc: Document; root: Element; entityID: string } {
  let doc;
  try {
    doc = parseXml(xml, "The SP metadata", { maxBytes: MAX_METADATA_BYTES, kind: "document" });
  } catch (error) {
    if (error instanceof XmlError) throw new BadRequestError(error.message);
    throw error;
  }
  const root = doc.documentElement!;
  if (!is(root, NS.md, "EntityDescriptor")) {
    throw new BadRequestError(
      `The SP metadata's root is <${root.tagName}>, not an md:EntityDescriptor (${NS.md}).`,
    );
  }
  const entityID = attribute(root, "entityID") ?? "";
  if (!entityID) throw new BadRequestError("The SP metadata's EntityDescriptor has no entityID.");
  if (entityID.length > MAX_ENTITY_ID_CHARACTERS) {
    throw new BadRequestError(
      `The SP metadata's entityID is ${entityID.length} characters; an entityID has at most ${MAX_ENTITY_ID_CHARACTERS} (SAML metadata, entityIDType).`,
    );
  }
  return { doc, root, entityID };
}

/**
 * The SP's signing and encryption certificates (a KeyDescriptor without `use`
 * serves both), each an RSA key of at least MIN_RSA_KEY_BITS; at least one
 * signing certificate, and one encryption certificate unless plain
 * identifiers are allowed.
 */
function readKeys(
  sp: Element,
  where: string,
  options: ParseOptions,
): Pick<
  Required<ServiceProviderMetadata>,
  "signingCertificates" | "encryptionCertificates" | "encryptionKeyNames"
> {
  const signingCertificates: string[] = [];
  const encryptionCertificates: string[] = [];
  const encryptionKeyNames = new Map<string, string>();
  for (const keyDescriptor of childElements(sp, NS.md, "KeyDescriptor")) {
    const use = attribute(keyDescriptor, "use");
    const certificates = certificatesOf(keyDescriptor);
    if (use !== "encryption") signingCertificates.push(...certificates);
    if (use !== "signing") {
      encryptionCertificates.push(...certificates);
      const keyName = keyNameOf(keyDescriptor);
      if (keyName !== undefined) for (const c of certificates) encryptionKeyNames.set(c, keyName);
    }
  }
  signingCertificates.forEach((c, i) => checkKey(c, `${where}: signing certificate ${i + 1}`));
  encryptionCertificates.forEach((c, i) =>
    checkKey(c, `${where}: encryption certificate ${i + 1}`),
  );
  if (signingCertificates.length === 0) {
    throw new BadRequestError(
      `${where}: no signing certificate (md:KeyDescriptor use="signing" or without use, with ds:X509Certificate).`,
    );
  }
  // The network encrypts every identifier (afsprakenstelsel "Identificerende
  // kenmerken"), so an SP the makelaar cannot encrypt to is refused here,
  // not answered with plain NameIDs a real makelaar would never send.
  if (encryptionCertificates.length === 0 && options.allowPlainIdentifiers !== true) {
    throw new BadRequestError(
      `${where}: no encryption certificate (md:KeyDescriptor use="encryption" or without use, with ds:X509Certificate). ` +
        "eHerkenning sends every identifier (KvK number, RSIN, pseudonym) as an EncryptedID to the DV's encryption certificate, " +
        "so an SP without one cannot log in. Add one, or register the SP with allowPlainIdentifiers (test only: a real makelaar never sends plain identifiers).",
    );
  }
  return { signingCertificates, encryptionCertificates, encryptionKeyNames };
}

/** The ACSs with a binding we can answer by (Artifact, POST); at least one. */
function readAssertionConsumerServices(sp: Element, where: string): AssertionConsumerService[] {
  const assertionConsumerServices = childElements(sp, NS.md, "AssertionConsumerService")
    .map((element, i) => acsOf(element, `${where}, AssertionConsumerService ${i + 1}`))
    .filter((acs): acs is AssertionConsumerService => acs !== undefined);
  if (assertionConsumerServices.length === 0) {
    throw new BadRequestError(
      `${where}: no md:AssertionConsumerService with the HTTP-Artifact or HTTP-POST binding.`,
    );
  }
  return assertionConsumerServices;
}

/** AttributeConsumingService index to the ServiceID its RequestedAttributes name. */
function readAttributeConsumingServices(sp: Element, where: string): Map<number, string> {
  const services = new Map<number, string>();
  for (const acs of childElements(sp, NS.md, "AttributeConsumingService")) {
    const index = attribute(acs, "index") ?? "";
    const serviceID = childElements(acs, NS.md, "RequestedAttribute")
      .map((attr) => attribute(attr, "Name") ?? "")
      .find(isServiceId);
    if (!/^\d{1,5}$/.test(index)) {
      throw new BadRequestError(
        `${where}: AttributeConsumingService index "${index}" is not a number.`,
      );
    }
    if (!serviceID) {
      throw new BadRequestError(
        `${where}: AttributeConsumingService ${index} has no md:RequestedAttribute named by a ServiceID (${SERVICE_ID_FORM}).`,
      );
    }
    services.set(Number(index), serviceID);
  }
  return services;
}

/**
 * Signed metadata is checked against its own KeyDescriptors: that proves the
 * document is intact, not who wrote it. Trust comes from registration (the
 * world file or the admin API), never from the signature. Returns whether it
 * was signed.
 */
function checkMetadataSignature(
  xml: string,
  doc: Document,
  root: Element,
  signingCertificates: readonly string[],
  where: string,
): boolean {
  const signed = childElement(root, NS.ds, "Signature") !== undefined;
  if (signed) {
    try {
      verifyEnveloped(xml, doc, root, signingCertificates, `${where}`);
    } catch (error) {
      if (error instanceof SignatureError) throw new BadRequestError(error.message);
      throw error;
    }
  }
  // A signature anywhere else is not one we checked; refuse rather than mislead.
  if (!signed && descendant(root, NS.ds, "SignatureValue")) {
    throw new BadRequestError(`${where}: a Signature is present, but not on the EntityDescriptor.`);
  }
  return signed;
}

/** Where LogoutResponses go: the SLO endpoints with the POST or Redirect binding and an http(s) URL. */
function readSingleLogoutServices(
  sp: Element,
  where: string,
): NonNullable<ServiceProviderMetadata["singleLogoutServices"]> {
  return childElements(sp, NS.md, "SingleLogoutService").flatMap((slo) => {
    const bindingUri = attribute(slo, "Binding");
    const url = attribute(slo, "ResponseLocation") ?? attribute(slo, "Location") ?? "";
    if (url.length > MAX_URL_CHARACTERS) {
      throw new BadRequestError(
        `${where}: a SingleLogoutService URL is ${url.length} characters; at most ${MAX_URL_CHARACTERS} are accepted.`,
      );
    }
    const binding: "post" | "redirect" | null =
      bindingUri === BINDINGS.post ? "post" : bindingUri === BINDINGS.redirect ? "redirect" : null;
    return binding && /^https?:\/\//.test(url) ? [{ url, binding }] : [];
  });
}

const parsed = new WeakMap<RegisteredServiceProvider, ServiceProviderMetadata>();

/** The registered SP's parsed metadata, parsed on first use and cached. */
export function metadataOf(registered: RegisteredServiceProvider): ServiceProviderMetadata {
  let metadata = parsed.get(registered);
  if (!metadata) {
    metadata = parseServiceProviderMetadata(registered.metadataXml, {
      allowPlainIdentifiers: registered.allowPlainIdentifiers === true,
    });
    parsed.set(registered, metadata);
  }
  return metadata;
}

/** The SP registered under this entityID, with its metadata, or undefined. */
export function findServiceProvider(
  state: MakelaarState,
  entityID: string,
): ServiceProviderMetadata | undefined {
  const registered = state.serviceProviders.find((sp) => sp.entityID === entityID);
  return registered ? metadataOf(registered) : undefined;
}

/** Registers an SP with the makelaar, replacing one with the same entityID, and returns it. */
export function registerServiceProvider(
  state: MakelaarState,
  xml: string,
  options: ParseOptions = {},
): RegisteredServiceProvider {
  const metadata = parseServiceProviderMetadata(xml, options);
  const registered: RegisteredServiceProvider = {
    entityID: metadata.entityID,
    metadataXml: xml,
    ...(options.allowPlainIdentifiers === true ? { allowPlainIdentifiers: true } : {}),
  };
  parsed.set(registered, metadata);
  state.serviceProviders = [
    ...state.serviceProviders.filter((sp) => sp.entityID !== metadata.entityID),
    registered,
  ];
  return registered;
}
