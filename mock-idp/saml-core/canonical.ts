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

/**
 * Signs `canonicalXml` (an element in exc-c14n form whose root has ID `id`)
 * with an enveloped RSA-SHA256 signature placed right after the root's
 * saml:Issuer (the root's first child), with the certificate's KeyName.
 */
export function signCanonical(canonicalXml: string, id: string, key: SigningKey): string {
  const digest = createHash("sha256").update(canonicalXml, "utf8").digest("base64");
  const signedInfoBody =
    `<ds:CanonicalizationMethod Algorithm="${ALGORITHMS.excC14n}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${ALGORITHMS.rsaSha256}"></ds:SignatureMethod>` +
    `<ds:Reference URI="#${c14nAttribute(id)}"><ds:Transforms>` +
    `<ds:Transform Algorithm="${ALGORITHMS.enveloped}"></ds:Transform>` +
    `<ds:Transform Algorithm="${ALGORITHMS.excC14n}"></ds:Transform></ds:Transforms>` +
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
    `<ds:KeyInfo><ds:KeyName>${key.fingerprintSha256}</ds:KeyName></ds:KeyInfo></ds:Signature>`;
  const issuerEnd = canonicalXml.indexOf("</saml:Issuer>");
  if (issuerEnd < 0) throw new Error("signCanonical: the element has no saml:Issuer");
  const at = issuerEnd + "</saml:Issuer>".length;
  return canonicalXml.slice(0, at) + signature + canonicalXml.slice(at);
}
