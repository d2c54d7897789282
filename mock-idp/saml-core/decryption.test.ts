import { DOMParser, type Element } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import {
  decryptEncryptedId,
  encryptedId,
  type DecryptionIdentity,
  type EncryptionRecipient,
} from "./encryption.ts";
import { testKeyPair, type TestKeyPair } from "./keys.ts";
import { NS } from "./xml.ts";

const US = "urn:etoegang:DV:00000099000000000010:entities:9001";
const OTHER = "urn:etoegang:MR:00000099000000000001:entities:9001";
const NAME_ID = `<saml:NameID xmlns:saml="${NS.saml}" Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" NameQualifier="urn:etoegang:1.9:EntityConcernedID:KvKnr">90000001</saml:NameID>`;

let ours: TestKeyPair;
let theirs: TestKeyPair;
let identity: DecryptionIdentity;
let us: EncryptionRecipient;
let other: EncryptionRecipient;

beforeAll(async () => {
  ours = await testKeyPair("sp-encryption", { commonName: "eh-overstap test SP encryption" });
  theirs = await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" });
  identity = { entityID: US, certificate: ours.certificateBase64, privateKey: ours.privateKeyPem };
  us = { entityID: US, certificate: ours.certificateBase64 };
  other = { entityID: OTHER, certificate: theirs.certificateBase64 };
});

function parse(encryptedIdXml: string): Element {
  const xml = `<saml:AttributeValue xmlns:saml="${NS.saml}">${encryptedIdXml}</saml:AttributeValue>`;
  return new DOMParser().parseFromString(xml, "text/xml").documentElement!.firstChild as Element;
}

describe("decrypting an EncryptedID", () => {
  it("reads the network layout: the EncryptedKey beside the data, found by CarriedKeyName", async () => {
    expect(await decryptEncryptedId(parse(encryptedId(NAME_ID, [us])), identity)).toBe(NAME_ID);
  });

  it("reads the nested layout: the EncryptedKey inside the data's KeyInfo", async () => {
    expect(await decryptEncryptedId(parse(encryptedId(NAME_ID, [us], "nested")), identity)).toBe(
      NAME_ID,
    );
  });

  it("chooses our EncryptedKey by Recipient when there are several, whatever their order", async () => {
    for (const recipients of [
      [other, us],
      [us, other],
    ]) {
      expect(await decryptEncryptedId(parse(encryptedId(NAME_ID, recipients)), identity)).toBe(
        NAME_ID,
      );
    }
  });

  it("chooses by KeyName too: a key for our entityID under another certificate's name is not ours", async () => {
    const wrongName = { ...us, keyName: "0000000000000000000000000000000000000000" };
    await expect(
      decryptEncryptedId(parse(encryptedId(NAME_ID, [wrongName])), identity),
    ).rejects.toThrow(/No EncryptedKey in the EncryptedID is for us/);
    // Our certificate's SHA-256 (as our metadata names it) is accepted as well as its SHA-1.
    const sha256Name = { ...us, keyName: ours.fingerprintSha256.toUpperCase() };
    expect(await decryptEncryptedId(parse(encryptedId(NAME_ID, [sha256Name])), identity)).toBe(
      NAME_ID,
    );
  });

  it("says whom the keys are for when none is for us", async () => {
    await expect(
      decryptEncryptedId(parse(encryptedId(NAME_ID, [other])), identity),
    ).rejects.toThrow(`the ones that match the data are for: ${OTHER}`);
  });

  it("follows a RetrievalMethod to the EncryptedKey it names", async () => {
    const network = encryptedId(NAME_ID, [other, us]);
    const keyIds = [...network.matchAll(/<xenc:EncryptedKey [^>]*Id="([^"]+)"/g)].map((m) => m[1]);
    const retrieval = network.replace(
      /<ds:KeyName>[^<]*<\/ds:KeyName><\/ds:KeyInfo><xenc:CipherData>/,
      `<ds:RetrievalMethod Type="http://www.w3.org/2001/04/xmlenc#EncryptedKey" URI="#${keyIds[1]}"></ds:RetrievalMethod></ds:KeyInfo><xenc:CipherData>`,
    );
    expect(retrieval).toContain("RetrievalMethod");
    expect(await decryptEncryptedId(parse(retrieval), identity)).toBe(NAME_ID);
  });
});
