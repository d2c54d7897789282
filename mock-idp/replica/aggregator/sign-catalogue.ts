// Signs the dienstencatalogus as the aggregator publishes it: enveloped,
// exclusive c14n, SHA-256 digest, RSA-SHA256, the Signature as the root's
// first child and its Reference pointing at the root's ID.
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import type { TestKeyPair } from "../../saml-core/keys.ts";

const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

export function signCatalogue(xml: string, keys: TestKeyPair): string {
  const document = new DOMParser().parseFromString(xml, "text/xml");
  const root = document.documentElement;
  if (!root || root.localName !== "ServiceCatalogue") {
    throw new Error(
      `signCatalogue: the root element must be ServiceCatalogue, got ${root?.localName ?? "none"}`,
    );
  }
  if (!root.getAttribute("ID")) {
    throw new Error("signCatalogue: the ServiceCatalogue has no ID attribute to refer to");
  }
  const signer = new SignedXml({
    privateKey: keys.privateKeyPem,
    publicCert: keys.certificatePem,
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: RSA_SHA256,
  });
  signer.addReference({
    xpath: "/*",
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: SHA256,
  });
  signer.computeSignature(xml, {
    prefix: "ds",
    location: { reference: "/*", action: "prepend" },
  });
  return signer.getSignedXml();
}

/** Signs once per catalogue text: the feed is asked often, the catalogue changes rarely. */
export function cachedSigner(keys: TestKeyPair): (xml: string) => string {
  let lastXml: string | undefined;
  let lastSigned = "";
  return (xml) => {
    if (xml !== lastXml) {
      lastSigned = signCatalogue(xml, keys);
      lastXml = xml;
    }
    return lastSigned;
  };
}
