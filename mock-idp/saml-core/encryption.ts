// EncryptedID content: the NameID encrypted to the SP's encryption
// certificate, RSA-OAEP (MGF1/SHA-1) key transport and AES-256-GCM content,
// the same algorithms and byte layout as xml-encryption (IV, ciphertext, tag).
// Written here with node:crypto so the XML comes out in exclusive canonical
// form and the assertion can be signed without a re-parse; SPs decrypt it
// with xml-encryption (decryptXml below, which the sp/ library uses; the
// interop tests too).
import {
  constants,
  createCipheriv,
  createPublicKey,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from "node:crypto";
import { decrypt } from "xml-encryption";
import { certificatePem } from "./signature.ts";
import { NS } from "./xml.ts";

export const ENCRYPTION = Object.freeze({
  aes256gcm: "http://www.w3.org/2009/xmlenc11#aes256-gcm",
  rsaOaepMgf1p: "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
  sha1: "http://www.w3.org/2000/09/xmldsig#sha1",
  element: "http://www.w3.org/2001/04/xmlenc#Element",
});

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

/** xenc:EncryptedData of `plainXml` for the holder of `certificate` (base64 DER), canonical. */
export function encryptedData(plainXml: string, certificate: string): string {
  const contentKey = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", contentKey, iv);
  const content = Buffer.concat([
    iv,
    cipher.update(plainXml, "utf8"),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  const wrappedKey = publicEncrypt(
    { key: keyOf(certificate), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
    contentKey,
  );
  return (
    `<xenc:EncryptedData xmlns:xenc="${NS.xenc}" Type="${ENCRYPTION.element}">` +
    `<xenc:EncryptionMethod Algorithm="${ENCRYPTION.aes256gcm}"></xenc:EncryptionMethod>` +
    `<ds:KeyInfo xmlns:ds="${NS.ds}"><xenc:EncryptedKey>` +
    `<xenc:EncryptionMethod Algorithm="${ENCRYPTION.rsaOaepMgf1p}"><ds:DigestMethod Algorithm="${ENCRYPTION.sha1}"></ds:DigestMethod></xenc:EncryptionMethod>` +
    `<xenc:CipherData><xenc:CipherValue>${wrappedKey.toString("base64")}</xenc:CipherValue></xenc:CipherData>` +
    `</xenc:EncryptedKey></ds:KeyInfo>` +
    `<xenc:CipherData><xenc:CipherValue>${content.toString("base64")}</xenc:CipherValue></xenc:CipherData>` +
    `</xenc:EncryptedData>`
  );
}

/**
 * Decrypts an xenc:EncryptedData (serialised) with xml-encryption. `key` is a
 * PEM or a parsed private KeyObject (node:crypto accepts either; a KeyObject
 * spares parsing the PEM per identifier).
 */
export function decryptXml(encryptedXml: string, key: string | KeyObject): Promise<string> {
  return new Promise((resolve, reject) =>
    decrypt(encryptedXml, { key: key as string }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}
