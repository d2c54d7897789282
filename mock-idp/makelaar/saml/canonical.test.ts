// The makelaar signs the XML it builds without re-canonicalising it, so its
// builders must write exactly what exclusive c14n produces. These tests hold
// every builder to xml-crypto's ExclusiveCanonicalization, with awkward
// characters in every place data goes.
import { DOMParser } from "@xmldom/xmldom";
import { beforeEach, describe, expect, it } from "vitest";
import { ExclusiveCanonicalization, SignedXml } from "xml-crypto";
import type { Makelaar } from "../makelaar.ts";
import { decideFor, failure, type AuthnRequestContext } from "../flow.ts";
import { buildResponse } from "./answer.ts";
import { c14nAttribute, c14nText, signCanonical } from "../../saml-core/canonical.ts";
import { SCHOOL, SP_ENTITY_ID, testMakelaar, testServiceProvider, person } from "./test-support.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";

function c14n(xml: string): string {
  const root = new DOMParser().parseFromString(xml, "text/xml").documentElement!;
  return new ExclusiveCanonicalization().process(root as unknown as Element, {});
}

function verifies(xml: string, makelaar: Makelaar): boolean {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const signatures = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature");
  let all = signatures.length > 0;
  for (let i = 0; i < signatures.length; i++) {
    const verifier = new SignedXml({
      publicCert: makelaar.signingKeys.certificatePem,
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
    expect(c14n(xml)).toBe(xml);
  });

  it("write a signed POST Response (with a signed assertion) that is its own canonical form", async () => {
    const outcome = decideFor(makelaar.world, context, "raar", SCHOOL.kvk);
    expect(outcome.ok).toBe(true);
    const xml = await buildResponse(makelaar, context, outcome, { signResponse: true });
    expect(c14n(xml)).toBe(xml);
    expect(verifies(xml, makelaar)).toBe(true);
  });

  it("write a failure Response whose StatusMessage survives any characters", async () => {
    const outcome = failure("Responder", "AuthnFailed", AWKWARD, AWKWARD);
    const xml = await buildResponse(makelaar, context, outcome, { signResponse: true });
    expect(c14n(xml)).toBe(xml);
    expect(verifies(xml, makelaar)).toBe(true);
  });

  it("sign with a signature xml-crypto verifies, and a changed byte breaks it", () => {
    const xml = `<samlp:X xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_s"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">me</saml:Issuer><samlp:Y>1</samlp:Y></samlp:X>`;
    const signed = signCanonical(xml, "_s", makelaar.signingKeys);
    expect(verifies(signed, makelaar)).toBe(true);
    expect(verifies(signed.replace("<samlp:Y>1<", "<samlp:Y>2<"), makelaar)).toBe(false);
  });
});
