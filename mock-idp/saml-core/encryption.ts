// EncryptedIDs: a NameID encrypted to one or more recipients' encryption
// certificates, RSA-OAEP (MGF1/SHA-1) key transport and AES-256-GCM content
// (the byte layout xml-encryption and xmlsec1 read: IV, ciphertext, tag).
// Written with node:crypto in exclusive canonical form, so an assertion that
// holds them can be signed without a re-parse (see canonical.ts).
//
// Two layouts:
// - "network" (the default): the layout of the eHerkenning network
//   (afsprakenstelsel "SAML encryption", "Identificerende kenmerken"): inside
//   saml:EncryptedID the xenc:EncryptedData, whose KeyInfo names the content
//   key with a ds:KeyName, and beside it one xenc:EncryptedKey per recipient
//   with Recipient = the recipient's entityID, a KeyInfo/KeyName naming the
//   recipient's certificate, a ReferenceList pointing at the data and a
//   CarriedKeyName equal to the data's KeyName.
// - "nested": the EncryptedKey inside the EncryptedData's KeyInfo, the shape
//   generic SAML libraries (xml-encryption, node-saml) write; one recipient.
//
// Decryption (decryptEncryptedId, for the SP library) reads both layouts:
// it finds the EncryptedKey meant for the reader (by CarriedKeyName or
// RetrievalMethod, then Recipient and KeyName, as "SAML encryption" asks when
// there are several), puts it in a copy of the data's KeyInfo (python3-saml's
// eHerkenning fork does the same) and lets xml-encryption decrypt.
import {
  constants,
  createCipheriv,
  createHash,
  createPublicKey,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from "node:crypto";
import { XMLSerializer, type Element } from "@xmldom/xmldom";
import { c14nAttribute, c14nText } from "./canonical.ts";
import { certificatePem } from "./signature.ts";
import { NS, attribute, childElement, childElements, newId, textOf } from "./xml.ts";

export const ENCRYPTION = Object.freeze({
  aes256gcm: "http://www.w3.org/2009/xmlenc11#aes256-gcm",
  aes256cbc: "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
  aes128cbc: "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
  aes128gcm: "http://www.w3.org/2009/xmlenc11#aes128-gcm",
  rsaOaepMgf1p: "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
  sha1: "http://www.w3.org/2000/09/xmldsig#sha1",
  element: "http://www.w3.org/2001/04/xmlenc#Element",
  encryptedKeyType: "http://www.w3.org/2001/04/xmlenc#EncryptedKey",
});

export type EncryptedIdLayout = "network" | "nested";
export const ENCRYPTED_ID_LAYOUTS: readonly EncryptedIdLayout[] = ["network", "nested"];

/** Whom an EncryptedID is for. */
export interface EncryptionRecipient {
  /** The recipient's entityID, written as the EncryptedKey's Recipient. */
  readonly entityID: string;
  /** Its encryption certificate, base64 DER. */
  readonly certificate: string;
  /** The KeyName for that certificate; defaults to its hex SHA-1 fingerprint. */
  readonly keyName?: string;
}

/** The hex SHA-1 fingerprint of a base64 DER certificate (the KeyName real brokers write). */
export function certificateSha1(certificate: string): string {
  return createHash("sha1").update(Buffer.from(certificate, "base64")).digest("hex");
}

const keys = new Map<string, KeyObject>();
function keyOf(certificate: string): KeyObject {
  let key = keys.get(certificate);
  if (!key) {
    key = createPublicKey(certificatePem(certificate));
    if (keys.size > 1000) keys.clear();
    keys.set(certificate, key);
  }
  return key;
}

const names = new Map<string, string>();
function keyNameOf(recipient: EncryptionRecipient): string {
  if (recipient.keyName !== undefined) return recipient.keyName;
  let name = names.get(recipient.certificate);
  if (!name) {
    name = certificateSha1(recipient.certificate);
    if (names.size > 1000) names.clear();
    names.set(recipient.certificate, name);
  }
  return name;
}

function encryptContent(plainXml: string): { contentKey: Buffer; cipherValue: string } {
  const contentKey = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", contentKey, iv);
  const content = Buffer.concat([
    iv,
    cipher.update(plainXml, "utf8"),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return { contentKey, cipherValue: content.toString("base64") };
}

function wrap(contentKey: Buffer, certificate: string): string {
  return publicEncrypt(
    { key: keyOf(certificate), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
    contentKey,
  ).toString("base64");
}

const KEY_TRANSPORT =
  `<xenc:EncryptionMethod Algorithm="${ENCRYPTION.rsaOaepMgf1p}">` +
  `<ds:DigestMethod xmlns:ds="${NS.ds}" Algorithm="${ENCRYPTION.sha1}"></ds:DigestMethod></xenc:EncryptionMethod>`;

/**
 * saml:EncryptedID holding `plainXml` (a saml:NameID that declares its own
 * namespaces), readable by every recipient; canonical, for a parent that
 * already declares the saml prefix.
 */
export function encryptedId(
  plainXml: string,
  recipients: readonly EncryptionRecipient[],
  layout: EncryptedIdLayout = "network",
): string {
  if (recipients.length === 0) throw new Error("encryptedId: no recipient");
  const { contentKey, cipherValue } = encryptContent(plainXml);
  const cipherData = `<xenc:CipherData><xenc:CipherValue>${cipherValue}</xenc:CipherValue></xenc:CipherData>`;
  if (layout === "nested") {
    const recipient = recipients[0]!;
    return (
      `<saml:EncryptedID><xenc:EncryptedData xmlns:xenc="${NS.xenc}" Type="${ENCRYPTION.element}">` +
      `<xenc:EncryptionMethod Algorithm="${ENCRYPTION.aes256gcm}"></xenc:EncryptionMethod>` +
      `<ds:KeyInfo xmlns:ds="${NS.ds}"><xenc:EncryptedKey${recipient.entityID ? ` Recipient="${c14nAttribute(recipient.entityID)}"` : ""}>` +
      KEY_TRANSPORT.replace(` xmlns:ds="${NS.ds}"`, "") +
      `<xenc:CipherData><xenc:CipherValue>${wrap(contentKey, recipient.certificate)}</xenc:CipherValue></xenc:CipherData>` +
      `</xenc:EncryptedKey></ds:KeyInfo>${cipherData}</xenc:EncryptedData></saml:EncryptedID>`
    );
  }
  const dataId = newId();
  const carriedKeyName = c14nText(newId());
  let xml =
    `<saml:EncryptedID><xenc:EncryptedData xmlns:xenc="${NS.xenc}" Id="${dataId}" Type="${ENCRYPTION.element}">` +
    `<xenc:EncryptionMethod Algorithm="${ENCRYPTION.aes256gcm}"></xenc:EncryptionMethod>` +
    `<ds:KeyInfo xmlns:ds="${NS.ds}"><ds:KeyName>${carriedKeyName}</ds:KeyName></ds:KeyInfo>` +
    `${cipherData}</xenc:EncryptedData>`;
  for (const recipient of recipients) {
    xml +=
      `<xenc:EncryptedKey xmlns:xenc="${NS.xenc}" Id="${newId()}" Recipient="${c14nAttribute(recipient.entityID)}">` +
      KEY_TRANSPORT +
      `<ds:KeyInfo xmlns:ds="${NS.ds}"><ds:KeyName>${c14nText(keyNameOf(recipient))}</ds:KeyName></ds:KeyInfo>` +
      `<xenc:CipherData><xenc:CipherValue>${wrap(contentKey, recipient.certificate)}</xenc:CipherValue></xenc:CipherData>` +
      `<xenc:ReferenceList><xenc:DataReference URI="#${dataId}"></xenc:DataReference></xenc:ReferenceList>` +
      `<xenc:CarriedKeyName>${carriedKeyName}</xenc:CarriedKeyName></xenc:EncryptedKey>`;
  }
  return `${xml}</saml:EncryptedID>`;
}

/**
 * xenc:EncryptedData with the EncryptedKey nested in its KeyInfo, for one
 * certificate and no named recipient: the shape generic libraries write.
 */
export function encryptedData(plainXml: string, certificate: string): string {
  const id = encryptedId(plainXml, [{ entityID: "", certificate }], "nested");
  return id.slice("<saml:EncryptedID>".length, -"</saml:EncryptedID>".length);
}

// ---- Decryption ----

export interface DecryptionIdentity {
  /** Our entityID: the Recipient of our EncryptedKeys. */
  readonly entityID: string;
  /** Our encryption certificate, base64 DER. */
  readonly certificate: string;
  /** The private key (PEM, or a KeyObject node:crypto accepts). */
  readonly privateKey: string | KeyObject;
}

export class DecryptionError extends Error {
  override readonly name = "DecryptionError";
}

const serializer = new XMLSerializer();

/** The names our certificate may go by in a KeyName: hex SHA-1 or SHA-256, any case. */
export function certificateKeyNames(certificate: string): Set<string> {
  const der = Buffer.from(certificate, "base64");
  return new Set([
    createHash("sha1").update(der).digest("hex"),
    createHash("sha256").update(der).digest("hex"),
  ]);
}

function keyNameIn(element: Element): string | undefined {
  const keyInfo = childElement(element, NS.ds, "KeyInfo");
  const keyName = keyInfo && childElement(keyInfo, NS.ds, "KeyName");
  return keyName ? textOf(keyName).replace(/:/g, "").toLowerCase() : undefined;
}

/** The EncryptedKey in `encryptedId` that we can open, or a DecryptionError saying why none. */
export function chooseEncryptedKey(
  encryptedId: Element,
  data: Element,
  identity: DecryptionIdentity,
  ourKeyNames: ReadonlySet<string>,
): Element {
  const dataKeyInfo = childElement(data, NS.ds, "KeyInfo");
  const nested = dataKeyInfo && childElement(dataKeyInfo, NS.xenc, "EncryptedKey");
  if (nested) return nested;
  let candidates = childElements(encryptedId, NS.xenc, "EncryptedKey");
  if (candidates.length === 0) {
    throw new DecryptionError(
      "The EncryptedID has no xenc:EncryptedKey, neither in the EncryptedData's KeyInfo nor beside it.",
    );
  }
  const carried = dataKeyInfo && childElement(dataKeyInfo, NS.ds, "KeyName");
  const retrieval = dataKeyInfo && childElement(dataKeyInfo, NS.ds, "RetrievalMethod");
  if (carried) {
    const name = textOf(carried);
    candidates = candidates.filter(
      (key) => textOf(childElement(key, NS.xenc, "CarriedKeyName")) === name,
    );
  } else if (retrieval) {
    const uri = attribute(retrieval, "URI") ?? "";
    candidates = candidates.filter((key) => `#${attribute(key, "Id") ?? ""}` === uri);
  }
  const ours = candidates.filter((key) => {
    const recipient = attribute(key, "Recipient");
    if (recipient !== undefined && recipient !== identity.entityID) return false;
    const name = keyNameIn(key);
    return name === undefined || ourKeyNames.has(name);
  });
  const chosen = ours[0];
  if (!chosen) {
    const recipients = candidates.map((key) => attribute(key, "Recipient") ?? "(none)").join(", ");
    throw new DecryptionError(
      `No EncryptedKey in the EncryptedID is for us (${identity.entityID}, our certificate's KeyName); ` +
        `the ones that match the data are for: ${recipients || "nobody"}.`,
    );
  }
  return chosen;
}

/**
 * Decrypts an xenc:EncryptedData (serialised) that holds its EncryptedKey,
 * with xml-encryption. `key` is a PEM or a parsed private KeyObject
 * (node:crypto accepts either; a KeyObject spares parsing the PEM per identifier).
 */
export async function decryptXml(encryptedXml: string, key: string | KeyObject): Promise<string> {
  const { decryptWithXmlEncryption } = await import("./xml-decrypt.ts");
  return decryptWithXmlEncryption(encryptedXml, key);
}

/** The plaintext XML inside a saml:EncryptedID (either layout). */
export async function decryptEncryptedId(
  encryptedId: Element,
  identity: DecryptionIdentity,
  ourKeyNames: ReadonlySet<string> = certificateKeyNames(identity.certificate),
): Promise<string> {
  const data = childElement(encryptedId, NS.xenc, "EncryptedData");
  if (!data) throw new DecryptionError("EncryptedID without xenc:EncryptedData.");
  const key = chooseEncryptedKey(encryptedId, data, identity, ourKeyNames);
  const copy = data.cloneNode(true) as Element;
  let keyInfo = childElement(copy, NS.ds, "KeyInfo");
  if (!keyInfo) {
    keyInfo = copy.ownerDocument!.createElementNS(NS.ds, "ds:KeyInfo");
    const method = childElement(copy, NS.xenc, "EncryptionMethod");
    copy.insertBefore(keyInfo, method ? method.nextSibling : copy.firstChild);
  }
  if (!childElement(keyInfo, NS.xenc, "EncryptedKey")) {
    while (keyInfo.firstChild) keyInfo.removeChild(keyInfo.firstChild);
    keyInfo.appendChild(key.cloneNode(true));
  }
  try {
    return await decryptXml(serializer.serializeToString(copy), identity.privateKey);
  } catch (error) {
    throw new DecryptionError(
      `The EncryptedID could not be decrypted with our key: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
