// The attacks of issue 14 that an independent suite found to work, one test
// per case, each titled by the rule that now holds. The attacker is a
// registered SP (it can sign whatever it likes), a web page the tester
// visits, or a message in transit.
import supertest from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import { signRoot } from "../../saml-core/signature.ts";
import type { ServiceProvider } from "../../sp/index.ts";
import type { Makelaar } from "../makelaar.ts";
import { PERSONS, SCHOOL, SSO_URL, testMakelaar, testServiceProvider } from "./test-support.ts";

let makelaar: Makelaar;
let sp: ServiceProvider;
beforeEach(async () => {
  makelaar = await testMakelaar();
  sp = await testServiceProvider(makelaar);
  makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
});

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const postSso = (xml: string, relayState?: string) =>
  supertest(makelaar.app)
    .post("/broker/sso/1.13")
    .type("form")
    .send({
      SAMLRequest: b64(xml),
      ...(relayState !== undefined ? { RelayState: relayState } : {}),
    });

/** A POST AuthnRequest signed by the registered SP, after `edit` changed its XML. */
function signedRequest(edit: (xml: string) => string = (xml) => xml): string {
  const unsigned = sp.authnRequest({
    serviceIndex: 1,
    binding: "post",
    destination: SSO_URL,
    sign: false,
  }).xml;
  return signRoot(edit(unsigned), sp.keys.signing, { placement: "after-issuer" });
}

describe("case 6: XML that is not XML is refused, even when its signature verifies", () => {
  // Each rewrite leaves the tree xmldom builds, and so the signature, as it
  // was: before issue 14 the makelaar accepted all of them.
  it.each([
    [
      "an attribute without a value",
      (xml: string) =>
        xml.replace("<samlp:AuthnRequest ", '<samlp:AuthnRequest Consent="Consent" '),
      (signed: string) => signed.replace('Consent="Consent"', "Consent"),
      "an attribute has no value (Consent)",
    ],
    [
      "an unquoted attribute value",
      (xml: string) => xml,
      (signed: string) => signed.replace('Version="2.0"', "Version=2.0"),
      "an attribute value is not in quotes",
    ],
    [
      "attributes without space between them",
      (xml: string) => xml,
      (signed: string) => signed.replace(' Version="2.0"', 'Version="2.0"'),
      "attributes are not separated by white space",
    ],
    [
      "a CDATA section",
      (xml: string) => xml,
      (signed: string) =>
        signed.replace(
          /<saml:Issuer>([^<]*)<\/saml:Issuer>/,
          "<saml:Issuer><![CDATA[$1]]></saml:Issuer>",
        ),
      "CDATA section in &lt;saml:Issuer&gt;",
    ],
    [
      "a byte-order mark after the root",
      (xml: string) => xml,
      (signed: string) => `${signed}\uFEFF`,
      "a byte-order mark (U+FEFF) after its root element",
    ],
  ])(
    "refuses a signed AuthnRequest with %s, saying what is wrong",
    async (_, before, after, reason) => {
      const answer = await postSso(after(signedRequest(before)));
      expect(answer.status).toBe(400);
      expect(answer.text).toContain(reason);
      expect(makelaar.state.answers).toHaveLength(0);
    },
  );

  it("accepts the same requests written as XML (the rewrites above are all that is refused)", async () => {
    const answer = await postSso(
      signedRequest((xml) =>
        xml.replace("<samlp:AuthnRequest ", '<samlp:AuthnRequest Consent="Consent" '),
      ),
    );
    expect(answer.status).toBe(303);
  });

  it("refuses surrogate and out-of-range character references, which came back as U+FFFD in InResponseTo", async () => {
    for (const reference of ["&#xD800;", "&#x110000;", "&#56320;"]) {
      // Signed over the lone surrogate itself, then written as a reference: the signature verifies.
      const signed = signedRequest((xml) => xml.replace(/ ID="_/, ' ID="_\uD800')).replaceAll(
        "\uD800",
        reference,
      );
      const answer = await postSso(signed);
      expect(answer.status).toBe(400);
      expect(answer.text).toContain(
        `has the character reference ${reference.replace("&", "&amp;")}, which names no character XML allows`,
      );
    }
    expect(makelaar.state.answers).toHaveLength(0);
  });
});
