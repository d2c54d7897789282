// XML signatures as eHerkenning wants them: enveloped, exclusive c14n,
// SHA-256, RSA-SHA256. Verification trusts only certificates the caller got
// from the sender's metadata, never a key carried in the message, and refuses
// the shapes signature wrapping needs: a Signature that is not a direct child
// of the element it signs, a Reference to anything but that element, an ID
// that occurs twice.
import {
  createHash,
  createPublicKey,
  createVerify,
  timingSafeEqual,
  verify,
  type KeyObject,
} from "node:crypto";
import type { Document, Element, Node } from "@xmldom/xmldom";
import {
  ExclusiveCanonicalization,
  ExclusiveCanonicalizationWithComments,
  SignedXml,
} from "xml-crypto";
import { NS, attribute, childElement, childElements, textOf } from "./xml.ts";

export const ALGORITHMS = Object.freeze({
  rsaSha256: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  sha256: "http://www.w3.org/2001/04/xmlenc#sha256",
  excC14n: "http://www.w3.org/2001/10/xml-exc-c14n#",
  excC14nWithComments: "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
  enveloped: "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
});

export class SignatureError extends Error {
  override readonly name = "SignatureError";
}

export interface SigningKey {
  readonly privateKeyPem: string;
  readonly certificateBase64: string;
  readonly fingerprintSha256: string;
}

export interface SignOptions {
  /** Where the Signature goes: after the Issuer (SAML messages) or first child (metadata). */
  readonly placement: "after-issuer" | "first-child";
  /** KeyInfo content: KeyName (eHerkenning's habit) or X509Data. */
  readonly keyInfo?: "key-name" | "x509";
}

/**
 * Signs the root element of `xml` (which must carry an ID attribute) and
 * returns the document with the Signature in place.
 */
export function signRoot(xml: string, key: SigningKey, options: SignOptions): string {
  const signer = new SignedXml({
    privateKey: key.privateKeyPem,
    signatureAlgorithm: ALGORITHMS.rsaSha256,
    canonicalizationAlgorithm: ALGORITHMS.excC14n,
    getKeyInfoContent: ({ prefix } = {}) => {
      const p = prefix ? `${prefix}:` : "";
      return options.keyInfo === "x509"
        ? `<${p}X509Data><${p}X509Certificate>${key.certificateBase64}</${p}X509Certificate></${p}X509Data>`
        : `<${p}KeyName>${key.fingerprintSha256}</${p}KeyName>`;
    },
  });
  signer.addReference({
    xpath: "/*",
    transforms: [ALGORITHMS.enveloped, ALGORITHMS.excC14n],
    digestAlgorithm: ALGORITHMS.sha256,
  });
  const location =
    options.placement === "first-child"
      ? { reference: "/*", action: "prepend" as const }
      : { reference: "/*/*[local-name()='Issuer']", action: "after" as const };
  signer.computeSignature(xml, { prefix: "ds", location });
  return signer.getSignedXml();
}

const ALLOWED_TRANSFORMS = new Set<string>([
  ALGORITHMS.enveloped,
  ALGORITHMS.excC14n,
  ALGORITHMS.excC14nWithComments,
]);

function certificatePem(base64: string): string {
  const lines = base64.replace(/\s+/g, "").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/** Throws SignatureError unless the Signature's algorithms and Reference are the ones we accept. */
function checkSignatureShape(signature: Element, id: string, what: string): void {
  const signedInfo = childElement(signature, NS.ds, "SignedInfo");
  if (!signedInfo) throw new SignatureError(`${what}: the Signature has no SignedInfo.`);
  const c14nMethod = childElement(signedInfo, NS.ds, "CanonicalizationMethod");
  const c14n = c14nMethod && attribute(c14nMethod, "Algorithm");
  if (c14n !== ALGORITHMS.excC14n && c14n !== ALGORITHMS.excC14nWithComments) {
    throw new SignatureError(
      `${what}: canonicalization ${c14n ?? "(none)"} is not exclusive c14n.`,
    );
  }
  const method = childElement(signedInfo, NS.ds, "SignatureMethod");
  const algorithm = method ? attribute(method, "Algorithm") : undefined;
  if (algorithm !== ALGORITHMS.rsaSha256) {
    throw new SignatureError(
      `${what}: signature algorithm ${algorithm ?? "(none)"} is not RSA-SHA256.`,
    );
  }
  const references = childElements(signedInfo, NS.ds, "Reference");
  if (references.length !== 1) {
    throw new SignatureError(`${what}: the Signature must have exactly one Reference.`);
  }
  const reference = references[0]!;
  if (attribute(reference, "URI") !== `#${id}`) {
    throw new SignatureError(
      `${what}: the Signature's Reference points to "${attribute(reference, "URI") ?? ""}", not to the signed element #${id}.`,
    );
  }
  const transforms = childElement(reference, NS.ds, "Transforms");
  for (const transform of transforms ? childElements(transforms, NS.ds, "Transform") : []) {
    const name = attribute(transform, "Algorithm") ?? "";
    if (!ALLOWED_TRANSFORMS.has(name)) {
      throw new SignatureError(`${what}: transform ${name} is not allowed.`);
    }
  }
  const digest = childElement(reference, NS.ds, "DigestMethod");
  if ((digest && attribute(digest, "Algorithm")) !== ALGORITHMS.sha256) {
    throw new SignatureError(`${what}: the digest is not SHA-256.`);
  }
}

/** Elements carrying this ID anywhere in the document (a plain walk; no live lists). */
function countIds(doc: Document, id: string): number {
  let count = 0;
  const stack: Node[] = doc.documentElement ? [doc.documentElement] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType !== 1) continue;
    if ((node as Element).getAttribute("ID") === id) count++;
    for (let child = node.firstChild; child; child = child.nextSibling) stack.push(child);
  }
  return count;
}

/** The structural checks both verifiers share; returns the one Signature. */
function signatureOf(doc: Document, target: Element, what: string): Element {
  const signatures = childElements(target, NS.ds, "Signature");
  if (signatures.length === 0) throw new SignatureError(`${what} is not signed.`);
  if (signatures.length > 1) throw new SignatureError(`${what} has more than one Signature.`);
  const id = attribute(target, "ID");
  if (!id) throw new SignatureError(`${what} has no ID, so its signature cannot refer to it.`);
  if (countIds(doc, id) !== 1) {
    throw new SignatureError(`${what}: the ID ${id} occurs more than once (signature wrapping).`);
  }
  const signature = signatures[0]!;
  checkSignatureShape(signature, id, what);
  return signature;
}

function doesNotVerify(what: string): SignatureError {
  return new SignatureError(
    `${what}: the signature does not verify with the certificates in the sender's metadata.`,
  );
}

/** Namespace declarations in scope from the ancestors (for InclusiveNamespaces). */
function ancestorNamespaces(element: Element): { prefix: string; namespaceURI: string }[] {
  const found = new Map<string, string>();
  for (let node = element.parentNode; node && node.nodeType === 1; node = node.parentNode) {
    const attributes = (node as Element).attributes;
    for (let i = 0; i < attributes.length; i++) {
      const attr = attributes.item(i);
      const prefix = attr?.prefix === "xmlns" ? (attr.localName ?? "") : "";
      if (prefix && !found.has(prefix)) found.set(prefix, attr?.value ?? "");
    }
  }
  return [...found].map(([prefix, namespaceURI]) => ({ prefix, namespaceURI }));
}

const XMLNS = "http://www.w3.org/2000/xmlns/";

/**
 * `element`, in place, in exclusive canonical form. With an InclusiveNamespaces
 * list, xml-crypto declares the listed prefixes that are in scope from the
 * ancestors on the element itself; those declarations are put back as they
 * were afterwards, so the document is left unchanged (far cheaper than
 * canonicalising a deep copy of a 30 KB assertion on every login).
 */
function canonical(element: Element, algorithm: string, prefixList: string[]): string {
  const c14n =
    algorithm === ALGORITHMS.excC14nWithComments
      ? new ExclusiveCanonicalizationWithComments()
      : new ExclusiveCanonicalization();
  const before = prefixList.map((prefix) => ({
    prefix,
    value: element.getAttributeNodeNS(XMLNS, prefix)?.value,
  }));
  try {
    // xmldom's Element is the DOM Element xml-crypto walks at run time; only the type packages differ.
    return c14n.process(element as unknown as globalThis.Element, {
      inclusiveNamespacesPrefixList: prefixList,
      ancestorNamespaces: prefixList.length ? ancestorNamespaces(element) : [],
    });
  } finally {
    for (const { prefix, value } of before) {
      const now = element.getAttributeNodeNS(XMLNS, prefix)?.value;
      if (now === value) continue;
      if (value === undefined) element.removeAttributeNS(XMLNS, prefix);
      else element.setAttributeNS(XMLNS, `xmlns:${prefix}`, value);
    }
  }
}

function prefixListOf(element: Element | undefined): string[] {
  const inclusive = element?.getElementsByTagNameNS(ALGORITHMS.excC14n, "InclusiveNamespaces")[0];
  return (inclusive?.getAttribute("PrefixList") ?? "").split(/\s+/).filter(Boolean);
}

/**
 * Verifies the enveloped signature of `target` (an element of `doc`) against
 * the given base64 certificates; throws SignatureError naming `what` and the
 * reason. The Reference must point at `target` itself, so the content checked
 * is the content read. Canonicalisation is xml-crypto's; the digest and RSA
 * check use node:crypto with cached keys (this runs on every login).
 */
export function verifyEnveloped(
  _xml: string,
  doc: Document,
  target: Element,
  certificates: readonly string[],
  what: string,
): void {
  const signature = signatureOf(doc, target, what);
  if (certificates.length === 0) {
    throw new SignatureError(`${what}: the sender's metadata has no signing certificate.`);
  }
  const signedInfo = childElement(signature, NS.ds, "SignedInfo")!;
  const reference = childElement(signedInfo, NS.ds, "Reference")!;
  const transforms = childElements(
    childElement(reference, NS.ds, "Transforms") ?? reference,
    NS.ds,
    "Transform",
  );
  const c14nTransform = transforms.find((t) => attribute(t, "Algorithm") !== ALGORITHMS.enveloped);
  const expectedDigest = Buffer.from(
    textOf(childElement(reference, NS.ds, "DigestValue")),
    "base64",
  );
  const signatureValue = Buffer.from(
    textOf(childElement(signature, NS.ds, "SignatureValue")),
    "base64",
  );

  // The enveloped-signature transform: the target without this Signature. The
  // Signature is taken out for the moment of canonicalisation and put back
  // (cheaper than a deep copy).
  const transformAlgorithm =
    attribute(c14nTransform ?? signedInfo, "Algorithm") ?? ALGORITHMS.excC14n;
  const next = signature.nextSibling;
  target.removeChild(signature);
  let canonicalTarget: string;
  try {
    canonicalTarget = canonical(target, transformAlgorithm, prefixListOf(c14nTransform));
  } finally {
    target.insertBefore(signature, next);
  }
  const digest = createHash("sha256").update(canonicalTarget, "utf8").digest();
  if (digest.length !== expectedDigest.length || !timingSafeEqual(digest, expectedDigest)) {
    throw doesNotVerify(what);
  }
  const c14nMethod = childElement(signedInfo, NS.ds, "CanonicalizationMethod")!;
  const signedInfoPrefixes = prefixListOf(c14nMethod);
  const signedInfoCanonical = canonical(
    signedInfo,
    attribute(c14nMethod, "Algorithm") ?? ALGORITHMS.excC14n,
    signedInfoPrefixes,
  );
  const verified = rsaKeysFor(certificates, what).some((key) => {
    try {
      return verify("sha256", Buffer.from(signedInfoCanonical, "utf8"), key, signatureValue);
    } catch {
      return false;
    }
  });
  if (!verified) throw doesNotVerify(what);
}

/**
 * The same check done entirely by xml-crypto's SignedXml (slower: it
 * re-parses and searches the document). The sp/ library uses this, so our
 * answers are proven against a verifier we did not write.
 */
export function verifyEnvelopedWithXmlCrypto(
  xml: string,
  doc: Document,
  target: Element,
  certificates: readonly string[],
  what: string,
): void {
  const signature = signatureOf(doc, target, what);
  if (certificates.length === 0) {
    throw new SignatureError(`${what}: the sender's metadata has no signing certificate.`);
  }
  rsaKeysFor(certificates, what);
  for (const certificate of certificates.filter(
    (c) => publicKeyOf(c).asymmetricKeyType === "rsa",
  )) {
    const verifier = new SignedXml({
      publicCert: certificatePem(certificate),
      // Never take the key from the message: only the metadata's certificates count.
      getCertFromKeyInfo: () => null,
    });
    // xmldom's Node is the DOM Node xml-crypto expects at run time; only the type packages differ.
    verifier.loadSignature(signature as unknown as globalThis.Node);
    try {
      if (verifier.checkSignature(xml)) return;
    } catch {
      // Not this certificate (or a broken digest): try the next, then fail below.
    }
  }
  throw doesNotVerify(what);
}

const keyCache = new Map<string, KeyObject>();

function publicKeyOf(certificate: string): KeyObject {
  let key = keyCache.get(certificate);
  if (!key) {
    key = createPublicKey(certificatePem(certificate));
    if (keyCache.size > 1000) keyCache.clear();
    keyCache.set(certificate, key);
  }
  return key;
}

/**
 * The RSA keys among the certificates: the only ones that may check an
 * rsa-sha256 signature. node:crypto verifies with whatever key it is given,
 * so an EC key would check an ECDSA signature labelled rsa-sha256. Throws
 * SignatureError when there is none; an unreadable certificate is skipped.
 */
function rsaKeysFor(certificates: readonly string[], what: string): KeyObject[] {
  const keys: KeyObject[] = [];
  const others = new Set<string>();
  for (const certificate of certificates) {
    let key: KeyObject;
    try {
      key = publicKeyOf(certificate);
    } catch {
      continue;
    }
    if (key.asymmetricKeyType === "rsa") keys.push(key);
    else others.add(key.asymmetricKeyType ?? "unknown");
  }
  if (keys.length === 0 && others.size > 0) {
    throw new SignatureError(
      `${what}: the sender's signing key is ${[...others].join(", ").toUpperCase()}, not RSA; an rsa-sha256 signature is checked with RSA keys only.`,
    );
  }
  return keys;
}

/**
 * Verifies an RSA-SHA256 signature over `octets` (Redirect binding) with any
 * of the certificates' RSA keys; throws SignatureError naming `what` when
 * none of them is RSA.
 */
export function verifyDetached(
  octets: string,
  signatureBase64: string,
  certificates: readonly string[],
  what = "The request",
): boolean {
  const signature = Buffer.from(signatureBase64, "base64");
  return rsaKeysFor(certificates, what).some((key) => {
    try {
      return createVerify("RSA-SHA256").update(octets).verify(key, signature);
    } catch {
      return false;
    }
  });
}

export { certificatePem };
