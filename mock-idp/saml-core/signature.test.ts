// Our fast verifier (xml-crypto's canonicaliser, node:crypto for the rest)
// must never accept what xml-crypto's own SignedXml rejects. Checked on valid
// messages of every shape we accept, and on thousands of one-character
// mutations of them.
import { XMLSerializer } from "@xmldom/xmldom";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { SignedXml } from "xml-crypto";
import { testKeyPair, type TestKeyPair } from "./keys.ts";
import {
  ALGORITHMS,
  SignatureError,
  verifyEnveloped,
  verifyEnvelopedWithXmlCrypto,
} from "./signature.ts";
import { NS, XmlError, childElement, parseXml } from "./xml.ts";
import { createServiceProvider } from "../sp/index.ts";
import { SP_SERVICES } from "../makelaar/saml/test-support.ts";

let keys: TestKeyPair;
const messages: { name: string; xml: string; target: "root" | "soap-body" }[] = [];

function signedWithPrefixList(key: TestKeyPair): string {
  const xml = `<samlp:AuthnRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="_p" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>urn:x</saml:Issuer><samlp:Extensions><a xmlns="urn:a" t="xs:string">1</a></samlp:Extensions></samlp:AuthnRequest>`;
  const signer = new SignedXml({
    privateKey: key.privateKeyPem,
    signatureAlgorithm: ALGORITHMS.rsaSha256,
    canonicalizationAlgorithm: ALGORITHMS.excC14n,
    inclusiveNamespacesPrefixList: ["xs"],
  });
  signer.addReference({
    xpath: "/*",
    transforms: [ALGORITHMS.enveloped, ALGORITHMS.excC14n],
    digestAlgorithm: ALGORITHMS.sha256,
    inclusiveNamespacesPrefixList: ["xs"],
  });
  signer.computeSignature(xml, {
    prefix: "ds",
    location: { reference: "/*/*[local-name()='Issuer']", action: "after" },
  });
  return signer.getSignedXml();
}

beforeAll(async () => {
  keys = await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" });
  const sp = await createServiceProvider({
    entityID: "urn:etoegang:DV:00000099000000000010:entities:9001",
    acsUrl: "https://dv.example/acs",
    acsBinding: "artifact",
    services: SP_SERVICES,
    keys: { signing: keys, encryption: null },
  });
  for (const keyInfo of ["key-name", "x509", "none"] as const) {
    const message = sp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: "http://makelaar.test/broker/sso/1.13",
      relayState: "r",
      keyInfo,
    });
    if (message)
      messages.push({ name: `AuthnRequest (${keyInfo})`, xml: message.xml, target: "root" });
  }
  messages.push({
    name: "InclusiveNamespaces PrefixList",
    xml: signedWithPrefixList(keys),
    target: "root",
  });
  const inner = signedWithPrefixList(keys).replace(/^<samlp:AuthnRequest /, "<samlp:AuthnRequest ");
  messages.push({
    name: "inside a SOAP body",
    xml: `<s:Envelope xmlns:s="${NS.soap}" xmlns:xs="http://www.w3.org/2001/XMLSchema"><s:Body>${inner}</s:Body></s:Envelope>`,
    target: "soap-body",
  });
  // The listed prefix declared only by the envelope: exc-c14n takes it from there.
  const bare = inner.replace(' xmlns:xs="http://www.w3.org/2001/XMLSchema"', "");
  messages.push({
    name: "InclusiveNamespaces prefix declared by the envelope only",
    xml: `<s:Envelope xmlns:s="${NS.soap}" xmlns:xs="http://www.w3.org/2001/XMLSchema"><s:Body>${bare}</s:Body></s:Envelope>`,
    target: "soap-body",
  });
});

/** Whether each verifier accepts; undefined when the text is no longer XML. */
function verdicts(xml: string, target: "root" | "soap-body") {
  let doc;
  try {
    doc = parseXml(xml, "message");
  } catch (error) {
    if (error instanceof XmlError) return undefined;
    throw error;
  }
  const root = doc.documentElement!;
  const element =
    target === "root"
      ? root
      : childElement(childElement(root, NS.soap, "Body") ?? root, NS.samlp, "AuthnRequest");
  if (!element) return undefined;
  const outcome = (check: typeof verifyEnveloped) => {
    try {
      check(xml, doc, element, [keys.certificateBase64], "message");
      return true;
    } catch (error) {
      // A verifier may refuse; it must never fail in another way (that would be a 500).
      if (error instanceof SignatureError) return false;
      throw error;
    }
  };
  return { ours: outcome(verifyEnveloped), xmlCrypto: outcome(verifyEnvelopedWithXmlCrypto) };
}

describe("the direct verifier", () => {
  it("accepts every valid shape that xml-crypto accepts", () => {
    expect(messages.length).toBe(6);
    for (const message of messages) {
      expect(verdicts(message.xml, message.target), message.name).toEqual({
        ours: true,
        xmlCrypto: true,
      });
    }
  });

  it("leaves the document as it was: the Signature and the namespaces it declares for a moment go back", () => {
    const serializer = new XMLSerializer();
    for (const message of messages) {
      const doc = parseXml(message.xml, "message");
      const root = doc.documentElement!;
      const element =
        message.target === "root"
          ? root
          : childElement(childElement(root, NS.soap, "Body")!, NS.samlp, "AuthnRequest")!;
      const before = serializer.serializeToString(doc);
      verifyEnveloped(message.xml, doc, element, [keys.certificateBase64], "message");
      expect(serializer.serializeToString(doc), message.name).toBe(before);
      // And the same document verifies again.
      verifyEnveloped(message.xml, doc, element, [keys.certificateBase64], "message");
    }
  });

  it("never accepts a one-character mutation that xml-crypto rejects", () => {
    let rejectedByBoth = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: messages.length - 1 }),
        fc.nat(),
        fc.constantFrom("x", "0", " ", "A", "=", ">", "/"),
        (which, position, replacement) => {
          const message = messages[which]!;
          const at = position % message.xml.length;
          const mutated = message.xml.slice(0, at) + replacement + message.xml.slice(at + 1);
          const result = verdicts(mutated, message.target);
          if (!result) return;
          if (result.ours) expect(result.xmlCrypto, `${message.name} at ${at}`).toBe(true);
          if (!result.ours && !result.xmlCrypto) rejectedByBoth++;
        },
      ),
      { numRuns: 2000 },
    );
    expect(rejectedByBoth).toBeGreaterThan(100);
    // 2000 xml-crypto verifications take about 20 s on the shared 2-core machine.
  }, 90_000);
});
