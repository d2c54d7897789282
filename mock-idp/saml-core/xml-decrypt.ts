// xml-encryption's decrypt, as a promise. A module of its own that
// encryption.ts imports only when something is decrypted (the SP library):
// the makelaar only encrypts, so its start never loads xml-encryption. The
// static import here keeps the package's named exports when the bin is
// bundled (a bundled CommonJS package reached by import() offers only a
// default export).
import type { KeyObject } from "node:crypto";
import { decrypt } from "xml-encryption";

/** `key` is a PEM or a parsed private KeyObject (node:crypto accepts either). */
export function decryptWithXmlEncryption(
  encryptedXml: string,
  key: string | KeyObject,
): Promise<string> {
  return new Promise((resolve, reject) =>
    decrypt(encryptedXml, { key: key as string }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}
