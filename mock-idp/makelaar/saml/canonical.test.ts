// The makelaar signs the XML it builds without re-canonicalising it, so its
// builders must write exactly what exclusive c14n produces. These tests hold
// every builder to xml-crypto's ExclusiveCanonicalization, with awkward
// characters in every place data goes.
import { DOMParser } from "@xmldom/xmldom";
import { beforeEach, describe, expect, it } from "vitest";
import { ExclusiveCanonicalization, SignedXml } from "xml-crypto";
import type { Makelaar } from "../makelaar.ts";
import { decideFor, failure, type AuthnRequestContext } from "../flow.ts";
import { INCLUSIVE_PREFIXES, buildResponse } from "./answer.ts";
import { c14nAttribute, c14nText, signCanonical } from "../../saml-core/canonical.ts";
import { SCHOOL, SP_ENTITY_ID, testMakelaar, testServiceProvider, person } from "./test-support.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";

/** exc-c14n with the InclusiveNamespaces our answers' signatures name (none for plain elements). */
function c14n(xml: string, prefixes: readonly string[] = INCLUSIVE_PREFIXES): string {
  const root = new DOMParser().parseFromString(xml, "text/xml").documentElement!;
  return new ExclusiveCanonicalization().process(root as unknown as Element, {
    inclusiveNamespacesPrefixList: [...prefixes],
  });
}

/** Every signature verifies, each with the certificate of the party whose Issuer it signs. */
function verifies(xml: string, makelaar: Makelaar): boolean {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const signatures = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature");
  const { ad, mr } = makelaar.adviceParties;
  const certificates: Record<string, string> = {
    [makelaar.entityID]: makelaar.signingKeys.certificatePem,
    [ad.entityID]: ad.keys.certificatePem,
    [mr.entityID]: mr.keys.certificatePem,
  };
  let all = signatures.length > 0;
  for (let i = 0; i < signatures.length; i++) {
    const signed = signatures.item(i)!.parentNode as unknown as Element;
    const issuer = signed.getElementsByTagNameNS(
      "urn:oasis:names:tc:SAML:2.0:assertion",
      "Issuer",
    )[0]!.textContent!;
    const verifier = new SignedXml({
      publicCert: certificates[issuer] ?? makelaar.signingKeys.certificatePem,
      getCertFromKeyInfo: () => null,
    });
    verifier.loadSignature(signatures.item(i) as unknown as Node);
    all &&= verifier.checkSignature(xml);
  }
  return all;
}

const AWKWARD = `a&b<c>d"e'f\tg\nh\ri`;

let makelaar: Makelaar;
let context: AuthnRequestContext;
beforeEach(async () => {
  makelaar = await testMakelaar();
  await testServiceProvider(makelaar);
  const service = makelaar.world.catalogue.byServiceID(FIXTURE_SERVICES.mijnDuo.serviceID)!;
  makelaar.world.organisations = [{ ...SCHOOL, name: `Stichting ${AWKWARD}` }];
  makelaar.world.persons = [person("raar", "EH3", [{ scope: { kind: "all" }, level: "EH3" }])].map(
    (p) => ({ ...p, pseudo: AWKWARD }),
  );
  context = {
    id: `_id${AWKWARD}`,
    spEntityID: SP_ENTITY_ID,
    serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
    service,
    acs: { url: `https://dv.example/acs?x=1&y='2'>`, binding: "post", index: 0 },
    binding: "post",
    forceAuthn: true,
  };
});

describe("canonical builders", () => {
  it("escape text and attributes exactly as exc-c14n does", () => {
    const xml = `<a b="${c14nAttribute(AWKWARD)}">${c14nText(AWKWARD)}</a>`;
    expect(c14n(xml, [])).toBe(xml);
  });

  it("write a signed POST Response (with a signed assertion) that is its own canonical form", async () => {
    const outcome = decideFor(makelaar.world, context, "raar", SCHOOL.kvk);
    expect(outcome.ok).toBe(true);
    const xml = await buildResponse(makelaar, context, outcome, { signResponse: true });
    expect(c14n(xml)).toBe(xml);
    expect(xml).toContain("<saml:Advice>");
    expect(verifies(xml, makelaar)).toBe(true);
  });

  it("embed the AD and MR assertions so each is still its own canonical form below the HM's", async () => {
    const outcome = decideFor(makelaar.world, context, "raar", SCHOOL.kvk);
    const xml = await buildResponse(makelaar, context, outcome, { signResponse: true });
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const advice = doc.getElementsByTagNameNS(
      "urn:oasis:names:tc:SAML:2.0:assertion",
      "Advice",
    )[0]!;
    const [ad, mr] = Array.from(
      advice.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion"),
    );
    // Canonicalised in place (the HM's declarations in scope), with each one's own PrefixList.
    const inPlace = (element: unknown, prefixes: string[]) =>
      new ExclusiveCanonicalization().process(element as Element, {
        inclusiveNamespacesPrefixList: prefixes,
        ancestorNamespaces: [
          { prefix: "saml", namespaceURI: "urn:oasis:names:tc:SAML:2.0:assertion" },
          { prefix: "xacml-saml", namespaceURI: "urn:oasis:xacml:2.0:saml:assertion:schema:os" },
          { prefix: "xs", namespaceURI: "http://www.w3.org/2001/XMLSchema" },
        ],
      });
    expect(inPlace(ad, ["xs"])).toContain('xmlns:xs="http://www.w3.org/2001/XMLSchema"');
    expect(inPlace(mr, ["xacml-saml"])).toContain(
      'xmlns:xacml-saml="urn:oasis:xacml:2.0:saml:assertion:schema:os"',
    );
  });

  it("write a failure Response whose StatusMessage survives any characters", async () => {
    const outcome = failure("Responder", "AuthnFailed", AWKWARD, AWKWARD);
    const xml = await buildResponse(makelaar, context, outcome, { signResponse: true });
    expect(c14n(xml)).toBe(xml);
    expect(verifies(xml, makelaar)).toBe(true);
  });

  it("sign with a signature xml-crypto verifies, and a changed byte breaks it", () => {
    // No InclusiveNamespaces here: an element without xs or xacml-saml.
    const xml = `<samlp:X xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_s"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">me</saml:Issuer><samlp:Y>1</samlp:Y></samlp:X>`;
    const signed = signCanonical(xml, "_s", makelaar.signingKeys);
    expect(verifies(signed, makelaar)).toBe(true);
    expect(verifies(signed.replace("<samlp:Y>1<", "<samlp:Y>2<"), makelaar)).toBe(false);
  });
});
