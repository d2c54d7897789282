// The HM metadata in the network's shape (afsprakenstelsel "Metadata for
// participants"; the iWelcome 1.13 metadata in django-digid-eherkenning's
// tests), read as a DOM so each rule is checked on the element it names.
import type { Element } from "@xmldom/xmldom";
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import {
  IDENTIFIER_TYPES,
  METADATA_EXTENSION_NS,
  metadataName,
} from "../../../eherkenning/index.ts";
import type { Makelaar } from "../makelaar.ts";
import {
  BINDINGS,
  NS,
  attribute,
  childElement,
  childElements,
  parseXml,
  textOf,
} from "../../saml-core/xml.ts";
import { makelaarSigningCertificates } from "../../sp/makelaar-trust.ts";
import { BASE_URL, testMakelaar } from "./test-support.ts";

let makelaar: Makelaar;
let root: Element;
let entity: Element;
let idp: Element;

beforeAll(async () => {
  makelaar = await testMakelaar();
  const answer = await supertest(makelaar.app).get("/broker/metadata/1.13");
  expect(answer.status).toBe(200);
  expect(answer.headers["content-type"]).toContain("application/samlmetadata+xml");
  root = parseXml(answer.text, "the HM metadata").documentElement!;
  entity = childElement(root, NS.md, "EntityDescriptor")!;
  idp = childElement(entity, NS.md, "IDPSSODescriptor")!;
});

describe("the HM metadata", () => {
  it("is one signed EntitiesDescriptor named urn:etoegang:1.13:<T>:<n>", () => {
    expect(root.namespaceURI).toBe(NS.md);
    expect(root.localName).toBe("EntitiesDescriptor");
    expect(attribute(root, "Name")).toBe(metadataName("T", 1));
    expect(attribute(root, "Name")).toMatch(/^urn:etoegang:1\.13:[PT]:\d+$/);
    const first = root.firstChild as Element;
    expect(first.namespaceURI).toBe(NS.ds);
    expect(first.localName).toBe("Signature");
    expect(childElements(root, NS.md, "EntityDescriptor")).toHaveLength(1);
  });

  it("gives the HM's EntityDescriptor its entityID and the 1.13 version attribute", () => {
    expect(attribute(entity, "entityID")).toBe(makelaar.entityID);
    expect(entity.getAttributeNS(METADATA_EXTENSION_NS, "version")).toBe("1.13");
  });

  it("signs with KeyInfo holding X509Data only (the makelaar's certificate)", () => {
    const keyInfo = childElement(childElement(root, NS.ds, "Signature")!, NS.ds, "KeyInfo")!;
    const children = childElements(keyInfo, NS.ds, "X509Data");
    expect(children).toHaveLength(1);
    expect(keyInfo.childNodes.length).toBe(1);
    expect(textOf(childElement(children[0]!, NS.ds, "X509Certificate"))).toBe(
      makelaar.signingKeys.certificateBase64,
    );
  });

  it("lists the identifier NameIDFormats and never transient", () => {
    const formats = childElements(idp, NS.md, "NameIDFormat").map((f) => textOf(f));
    expect(formats).toEqual(
      expect.arrayContaining([
        IDENTIFIER_TYPES.kvk,
        IDENTIFIER_TYPES.rsin,
        IDENTIFIER_TYPES.pseudo,
      ]),
    );
    expect(formats.filter((f) => f.endsWith(":transient"))).toEqual([]);
  });

  it("offers the SOAP ArtifactResolutionService at index 0 and 1", () => {
    const ars = childElements(idp, NS.md, "ArtifactResolutionService");
    expect(ars.map((a) => attribute(a, "index")).sort()).toEqual(["0", "1"]);
    for (const a of ars) {
      expect(attribute(a, "Binding")).toBe(BINDINGS.soap);
      expect(attribute(a, "Location")).toBe(`${BASE_URL}/broker/ars/1.13`);
    }
  });

  it("names a signing key by KeyName and certificate, and asks signed AuthnRequests", () => {
    expect(attribute(idp, "WantAuthnRequestsSigned")).toBe("true");
    const keyInfo = childElement(childElement(idp, NS.md, "KeyDescriptor")!, NS.ds, "KeyInfo")!;
    expect(textOf(childElement(keyInfo, NS.ds, "KeyName"))).toBe(
      makelaar.signingKeys.fingerprintSha256,
    );
  });

  it("carries an administrative contact with email and telephone", () => {
    const contact = childElement(entity, NS.md, "ContactPerson")!;
    expect(attribute(contact, "contactType")).toBe("administrative");
    expect(textOf(childElement(contact, NS.md, "EmailAddress"))).toMatch(/^mailto:/);
    expect(textOf(childElement(contact, NS.md, "TelephoneNumber"))).not.toBe("");
  });

  it("is read by our SP library, which verifies it and finds the signing certificate", async () => {
    const answer = await supertest(makelaar.app).get("/broker/metadata/1.13");
    expect(makelaarSigningCertificates(answer.text)).toEqual([
      makelaar.signingKeys.certificateBase64,
    ]);
    const tampered = answer.text.replace("Mock makelaar (testomgeving)", "Andere makelaar");
    expect(() => makelaarSigningCertificates(tampered)).toThrow(/signature/i);
  });
});
