// Fast signing for the messages the makelaar builds itself on every login
// (assertions, Responses, ArtifactResponses). The builders write XML that is
// already in exclusive canonical form (namespaces declared where exc-c14n
// renders them, attributes in c14n order, no self-closing tags, c14n
// escaping), so the digest is taken over the string itself: no parse, no
// XPath, no second serialisation. The tests check every builder's output
// against xml-crypto's own ExclusiveCanonicalization, and every signature
// is verified with xml-crypto and node-saml.
import { createHash, createPrivateKey, sign, type KeyObject } from "node:crypto";
import { ALGORITHMS, type SigningKey } from "./signature.ts";
import { NS } from "./xml.ts";

/** Text content as exc-c14n writes it. */
export function c14nText(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#xD;");
}

/** An attribute value as exc-c14n writes it (">" and "'" stay as they are). */
export function c14nAttribute(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#x9;")
    .replace(/\n/g, "&#xA;")
    .replace(/\r/g, "&#xD;");
}

const privateKeys = new WeakMap<SigningKey, KeyObject>();
function privateKeyOf(key: SigningKey): KeyObject {
  let keyObject = privateKeys.get(key);
  if (!keyObject) {
    keyObject = createPrivateKey(key.privateKeyPem);
    privateKeys.set(key, keyObject);
  }
  return keyObject;
}

/** Options for signCanonical. */
export interface CanonicalSignOptions {
  /**
   * Prefixes for the exc-c14n transform's InclusiveNamespaces PrefixList:
   * namespaces declared on the signed element but used only inside attribute
   * values (xsi:type="xs:string", xsi:type="xacml-saml:..."), which exclusive
   * c14n would otherwise leave out. Real brokers sign with "xacml-saml" (and
   * "xs") in this list. The element must declare them on its root.
   */
  readonly inclusivePrefixes?: readonly string[];
  /** The KeyName in the signature's KeyInfo; the certificate's SHA-256 by default. */
  readonly keyName?: string;
}

/**
 * Signs `canonicalXml` (an element in exc-c14n form whose root has ID `id`)
 * with an enveloped RSA-SHA256 signature placed right after the root's
 * saml:Issuer (the root's first child), with a KeyName in its KeyInfo.
 */
export function signCanonical(
  canonicalXml: string,
  id: string,
  key: SigningKey,
  options: CanonicalSignOptions = {},
): string {
  const digest = createHash("sha256").update(canonicalXml, "utf8").digest("base64");
  const prefixes = options.inclusivePrefixes ?? [];
  const c14nTransform =
    prefixes.length === 0
      ? `<ds:Transform Algorithm="${ALGORITHMS.excC14n}"></ds:Transform>`
      : `<ds:Transform Algorithm="${ALGORITHMS.excC14n}"><ec:InclusiveNamespaces xmlns:ec="${ALGORITHMS.excC14n}" PrefixList="${c14nAttribute(prefixes.join(" "))}"></ec:InclusiveNamespaces></ds:Transform>`;
  const signedInfoBody =
    `<ds:CanonicalizationMethod Algorithm="${ALGORITHMS.excC14n}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${ALGORITHMS.rsaSha256}"></ds:SignatureMethod>` +
    `<ds:Reference URI="#${c14nAttribute(id)}"><ds:Transforms>` +
    `<ds:Transform Algorithm="${ALGORITHMS.enveloped}"></ds:Transform>` +
    c14nTransform +
    `</ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${ALGORITHMS.sha256}"></ds:DigestMethod>` +
    `<ds:DigestValue>${digest}</ds:DigestValue></ds:Reference>`;
  // Canonical SignedInfo on its own declares ds; inside Signature it inherits it.
  const signatureValue = sign(
    "sha256",
    Buffer.from(`<ds:SignedInfo xmlns:ds="${NS.ds}">${signedInfoBody}</ds:SignedInfo>`, "utf8"),
    privateKeyOf(key),
  ).toString("base64");
  const signature =
    `<ds:Signature xmlns:ds="${NS.ds}"><ds:SignedInfo>${signedInfoBody}</ds:SignedInfo>` +
    `<ds:SignatureValue>${signatureValue}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:KeyName>${c14nText(options.keyName ?? key.fingerprintSha256)}</ds:KeyName></ds:KeyInfo></ds:Signature>`;
  const issuerEnd = canonicalXml.indexOf("</saml:Issuer>");
  if (issuerEnd < 0) throw new Error("signCanonical: the element has no saml:Issuer");
  const at = issuerEnd + "</saml:Issuer>".length;
  return canonicalXml.slice(0, at) + signature + canonicalXml.slice(at);
}

/** Where the root's start tag ends; '>' inside a quoted attribute value is skipped. */
function rootStartTagEnd(canonicalXml: string): number {
  let quoted = false;
  for (let i = 0; i < canonicalXml.length; i++) {
    const c = canonicalXml.charCodeAt(i);
    if (c === 34 /* " */) quoted = !quoted;
    else if (c === 62 /* > */ && !quoted) return i + 1;
  }
  throw new Error("embedCanonical: the element has no complete start tag");
}

/**
 * `canonicalXml` (an element in exc-c14n form, signed or not) as exc-c14n
 * writes it below ancestors that already rendered `rendered` (prefix to
 * namespace URI): a declaration an output ancestor made with the same URI is
 * left out. This places a signed element inside another signed element; the
 * inner signature still verifies, because the declaration stays in scope.
 */
export function embedCanonical(
  canonicalXml: string,
  rendered: Readonly<Record<string, string>>,
): string {
  const end = rootStartTagEnd(canonicalXml);
  let startTag = canonicalXml.slice(0, end);
  for (const [prefix, uri] of Object.entries(rendered)) {
    startTag = startTag.replace(` xmlns:${prefix}="${c14nAttribute(uri)}"`, "");
  }
  return startTag + canonicalXml.slice(end);
}
