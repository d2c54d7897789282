// Helpers for the interop tests: they read the makelaar's answers the way
// DVs built on other libraries do, with code we did not write doing the
// cryptography (xml-crypto, xml-encryption, xmlsec1).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser, XMLSerializer, type Element } from "@xmldom/xmldom";
import { decrypt } from "xml-encryption";
import { CATALOGUE_NS } from "../../../eherkenning/index.ts";

const XENC = "http://www.w3.org/2001/04/xmlenc#";
const DS = "http://www.w3.org/2000/09/xmldsig#";

function children(parent: Element, ns: string, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.namespaceURI === ns && element.localName === name) found.push(element);
    }
  }
  return found;
}

/**
 * The EncryptedData of a network-layout EncryptedID, with the EncryptedKey
 * for `recipient` moved into its KeyInfo: what python3-saml's eHerkenning
 * fork does before handing the data to xmlsec (the key chosen by the
 * CarriedKeyName that matches the data's KeyName, and by Recipient).
 * Undefined when no EncryptedKey is for `recipient`.
 */
export function nestedForRecipient(encryptedId: Element, recipient: string): string | undefined {
  const copy = encryptedId.cloneNode(true) as Element;
  const data = children(copy, XENC, "EncryptedData")[0];
  const keyInfo = data && children(data, DS, "KeyInfo")[0];
  const keyName = keyInfo && children(keyInfo, DS, "KeyName")[0];
  if (!data || !keyInfo || !keyName) throw new Error("not an EncryptedID in the network layout");
  const key = children(copy, XENC, "EncryptedKey").find(
    (k) =>
      k.getAttribute("Recipient") === recipient &&
      children(k, XENC, "CarriedKeyName")[0]?.textContent === keyName.textContent,
  );
  if (!key) return undefined;
  keyInfo.appendChild(key);
  return new XMLSerializer().serializeToString(data);
}

/** Every saml:EncryptedID in the document, in document order; `outsideAdvice` skips those in saml:Advice. */
export function encryptedIds(xml: string, options: { outsideAdvice?: boolean } = {}): Element[] {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const all = Array.from(
    doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "EncryptedID"),
  );
  if (!options.outsideAdvice) return all;
  return all.filter((id) => {
    for (let node = id.parentNode; node; node = node.parentNode) {
      if ((node as Element).localName === "Advice") return false;
    }
    return true;
  });
}

/** xml-encryption's decryption of an EncryptedData that holds its EncryptedKey. */
export function decryptWithXmlEncryption(
  encryptedDataXml: string,
  keyPem: string,
): Promise<string> {
  return new Promise((resolve, reject) =>
    decrypt(encryptedDataXml, { key: keyPem }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs Debian's xmlsec1 (installed by .ci/run); a missing binary fails loudly. */
export function xmlsec1(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile("xmlsec1", [...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === "ENOENT") {
        reject(
          new Error(
            "xmlsec1 is not installed: the interop tests need it (apt-get install xmlsec1, or run .ci/run)",
          ),
        );
        return;
      }
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function withFiles<T>(
  files: Record<string, string>,
  use: (path: (name: string) => string) => Promise<T>,
): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), "eh-xmlsec1-"));
  try {
    for (const [name, content] of Object.entries(files)) {
      await writeFile(join(directory, name), content);
    }
    return await use((name) => join(directory, name));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * Verifies, with xmlsec1, the one signature that `signatureXPath` selects in
 * `xml`, against `certificatePem` only. ID attributes of SAML messages,
 * assertions and metadata are registered so References resolve.
 */
export function xmlsec1Verify(xml: string, signatureXPath: string, certificatePem: string) {
  return withFiles({ "doc.xml": xml, "cert.pem": certificatePem }, (path) =>
    xmlsec1([
      "--verify",
      "--pubkey-cert-pem",
      path("cert.pem"),
      "--id-attr:ID",
      "urn:oasis:names:tc:SAML:2.0:protocol:Response",
      "--id-attr:ID",
      "urn:oasis:names:tc:SAML:2.0:protocol:ArtifactResponse",
      "--id-attr:ID",
      "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
      "--id-attr:ID",
      "urn:oasis:names:tc:SAML:2.0:metadata:EntitiesDescriptor",
      "--id-attr:ID",
      `${CATALOGUE_NS}:ServiceCatalogue`,
      "--node-xpath",
      signatureXPath,
      path("doc.xml"),
    ]),
  );
}

/** Decrypts, with xmlsec1 and `keyPem`, an EncryptedData that holds its EncryptedKey. */
export async function xmlsec1Decrypt(encryptedDataXml: string, keyPem: string): Promise<string> {
  const run = await withFiles({ "data.xml": encryptedDataXml, "key.pem": keyPem }, (path) =>
    xmlsec1(["--decrypt", "--privkey-pem", path("key.pem"), path("data.xml")]),
  );
  if (run.code !== 0) throw new Error(`xmlsec1 --decrypt failed: ${run.stderr}`);
  return run.stdout;
}
