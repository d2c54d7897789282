// The attacks of issue 14 that an independent suite found to work, one test
// per case, each titled by the rule that now holds. The attacker is a
// registered SP (it can sign whatever it likes), a web page the tester
// visits, or a message in transit. Case 2 (the SP library's replay cache and
// InResponseTo checks) is tested beside the library, in mock-idp/sp/ and the
// replicas' tests; docs/testing.md lists the test for every case.
import { createSign } from "node:crypto";
import supertest from "supertest";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testKeyPair, type TestKeyPair } from "../../saml-core/keys.ts";
import {
  SignatureError,
  signRoot,
  verifyDetached,
  verifyEnveloped,
} from "../../saml-core/signature.ts";
import { NS, parseXml } from "../../saml-core/xml.ts";
import type { ServiceProvider } from "../../sp/index.ts";
import { serviceProviderMetadataXml } from "../../sp/metadata.ts";
import { BadRequestError } from "../errors.ts";
import { createAdminClient } from "../admin/client.ts";
import { createMakelaar } from "../app.ts";
import type { Makelaar } from "../makelaar.ts";
import { registerServiceProvider } from "./sp-registration.ts";
import {
  BASE_URL,
  PERSONS,
  SCHOOL,
  SP_ENTITY_ID,
  SP_SERVICES,
  SSO_URL,
  appFetch,
  ecTestKeyPair,
  testMakelaar,
  testServiceProvider,
  testWorld,
} from "./test-support.ts";

/** A TEST key pair on the P-256 curve. */
let ecKeys: TestKeyPair;
beforeAll(async () => {
  ecKeys = await ecTestKeyPair();
});

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

describe("case 4: keys that are not RSA", () => {
  it("refuses SP metadata with an EC key, for signing or for encryption, at registration, naming the key", async () => {
    const rsa = await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" });
    const metadata = (signing: TestKeyPair, encryption: TestKeyPair) =>
      serviceProviderMetadataXml({
        entityID: SP_ENTITY_ID,
        acsUrl: "https://dv.example/acs",
        acsBinding: "artifact",
        services: SP_SERVICES,
        signing,
        encryption,
        signed: false,
      });
    const refusal = (xml: string) => {
      try {
        registerServiceProvider(makelaar.state, xml);
      } catch (error) {
        expect(error).toBeInstanceOf(BadRequestError);
        return (error as Error).message;
      }
      return "registered";
    };
    const key = "(CN=EC SP - TEST KEY - eh-overstap) has an EC key (prime256v1)";
    expect(refusal(metadata(rsa, ecKeys))).toBe(
      `SP metadata of ${SP_ENTITY_ID}: encryption certificate 1 ${key}; eHerkenning asks RSA keys of at least 2048 bits.`,
    );
    expect(refusal(metadata(ecKeys, rsa))).toBe(
      `SP metadata of ${SP_ENTITY_ID}: signing certificate 1 ${key}; eHerkenning asks RSA keys of at least 2048 bits.`,
    );
    // The SP registered in beforeEach (RSA keys) is still the one that counts, and logs in.
    expect(refusal(metadata(rsa, rsa))).toBe("registered");
  });

  it("checks the key type against rsa-sha256 on every verification: an ECDSA signature labelled rsa-sha256 fails", () => {
    // node:crypto signs with the key it is given: with an EC key, "RSA-SHA256" makes ECDSA.
    const unsigned = sp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO_URL,
      sign: false,
    }).xml;
    const signed = signRoot(unsigned, ecKeys, { placement: "after-issuer" });
    expect(signed).toContain('Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"');
    const doc = parseXml(signed, "The AuthnRequest");
    expect(() =>
      verifyEnveloped(
        signed,
        doc,
        doc.documentElement!,
        [ecKeys.certificateBase64],
        "The AuthnRequest",
      ),
    ).toThrow(
      new SignatureError(
        "The AuthnRequest: the sender's signing key is EC, not RSA; an rsa-sha256 signature is checked with RSA keys only.",
      ),
    );
    const octets =
      "SAMLRequest=x&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256";
    const detached = createSign("RSA-SHA256").update(octets).sign(ecKeys.privateKeyPem, "base64");
    expect(() => verifyDetached(octets, detached, [ecKeys.certificateBase64])).toThrow(
      /the sender's signing key is EC, not RSA/,
    );
    // With an RSA certificate beside it, the EC one is simply not used.
    expect(
      verifyDetached(octets, detached, [
        sp.keys.signing.certificateBase64,
        ecKeys.certificateBase64,
      ]),
    ).toBe(false);
  });
});

describe("case 1: one registered SP cannot fill the makelaar's memory", () => {
  it("refuses a request ID over 128 bytes with Requester/RequestUnsupported before anything is stored", async () => {
    // Before issue 14 a 256 KB ID was copied, escaped, into the stored answer: 3.4 MB an artifact.
    const id = `_${"a".repeat(120_000)}`;
    const message = sp.authnRequest({ serviceIndex: 1, binding: "post", destination: SSO_URL, id });
    const answer = await supertest(makelaar.app)
      .post("/broker/sso/1.13")
      .type("form")
      .send(message.form!.fields);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(
      "The samlp:AuthnRequest&#39;s ID is 120001 bytes; at most 128 are accepted",
    );
    const { state } = makelaar;
    expect([state.artifacts.size, state.seenRequestIds.size, state.logins.size]).toEqual([0, 0, 0]);
    expect(state.answers).toHaveLength(0);
    expect(state.requests).toHaveLength(1);
    expect(state.requests[0]!.id).toBeUndefined();
    expect(state.logBytes.requests).toBeLessThan(1000);
    // 128 bytes is still fine.
    const longest = `_${"b".repeat(127)}`;
    const ok = sp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: SSO_URL,
      id: longest,
    });
    const accepted = await supertest(makelaar.app)
      .post("/broker/sso/1.13")
      .type("form")
      .send(ok.form!.fields);
    expect(accepted.status).toBe(303);
    // One answer: about 28 KB with the AD's and MR's assertions in its Advice.
    expect(state.artifacts.bytes).toBeLessThan(40_000);
  });

  it("refuses an Issuer over 1024 characters (an entityID's maximum) without repeating it", async () => {
    const issuer = `urn:${"i".repeat(100_000)}`;
    const xml = signedRequest((x) => x.replace(/<saml:Issuer>[^<]*</, `<saml:Issuer>${issuer}<`));
    const answer = await postSso(xml);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(
      "The saml:Issuer is 100004 characters; an entityID has at most 1024.",
    );
    expect(answer.text.length).toBeLessThan(5000);
  });
});

describe("case 5: refused requests cannot amplify memory through the request log", () => {
  it("keeps an excerpt of what a refused request brought: 50 requests of 200 KB add kilobytes, not megabytes", async () => {
    for (let i = 0; i < 50; i++) {
      // Unsigned and from an unknown SP, with the longest values a refusal repeats.
      const xml =
        `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${i}" Version="2.0">` +
        `<saml:Issuer>urn:unknown:${"u".repeat(1000)}</saml:Issuer><samlp:Extensions>${"x".repeat(200_000)}</samlp:Extensions></samlp:AuthnRequest>`;
      expect((await postSso(xml)).status).toBe(400);
    }
    const { state } = makelaar;
    expect(state.requests).toHaveLength(50);
    expect(state.logBytes.requests).toBeLessThan(50 * 400);
    const log = await supertest(makelaar.app).get("/__admin/requests");
    expect(log.status).toBe(200);
    expect(log.text.length).toBeLessThan(50 * 400);
    expect(log.body[0].errors[0]).toMatch(
      /^The service provider urn:unknown:u+…\(1012 characters\) is not registered/,
    );
  });
});

describe("case 7: SLO and HEAD", () => {
  it("refuses an SLO RelayState over 80 bytes, as SSO does", async () => {
    const xml =
      `<samlp:LogoutRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="_logout" Version="2.0" IssueInstant="${makelaar.protocolNow().toISOString()}" Destination="${BASE_URL}/broker/slo/1.13">` +
      `<saml:Issuer>${sp.entityID}</saml:Issuer><saml:NameID>_someone</saml:NameID></samlp:LogoutRequest>`;
    const send = (relayState: string) =>
      supertest(makelaar.app)
        .post("/broker/slo/1.13")
        .type("form")
        .send({
          SAMLRequest: b64(signRoot(xml, sp.keys.signing, { placement: "after-issuer" })),
          RelayState: relayState,
        });
    const refused = await send("r".repeat(81));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("RelayState is 81 bytes; at most 80 are allowed.");
    expect((await send("r".repeat(80))).status).toBe(200);
  });

  it("answers HEAD on the SSO endpoint without touching state: the GET after it still logs in", async () => {
    const url = new URL(
      sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination: SSO_URL }).url!,
    );
    const path = url.pathname + url.search;
    const head = await supertest(makelaar.app).head(path);
    expect(head.status).toBe(200);
    const { state } = makelaar;
    expect([state.seenRequestIds.size, state.artifacts.size, state.requests.length]).toEqual([
      0, 0, 0,
    ]);
    const get = await supertest(makelaar.app).get(path);
    expect(get.status).toBe(303);
    expect(get.headers.location).toMatch(/^https:\/\/dv\.example\/acs\?SAMLart=/);
    expect(await supertest(makelaar.app).head("/broker/slo/1.13?SAMLRequest=x")).toMatchObject({
      status: 200,
    });
    expect(state.requests).toHaveLength(1);
  });
});

describe("case 3: a web page the tester visits cannot drive the admin API", () => {
  /** A login, so there is state a reset would clear. */
  async function someState(): Promise<void> {
    const message = sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination: SSO_URL });
    const url = new URL(message.url!);
    expect((await supertest(makelaar.app).get(url.pathname + url.search)).status).toBe(303);
    expect(makelaar.state.requests).toHaveLength(1);
  }

  it("accepts only application/json bodies: a CORS-simple POST (form, text/plain, no type) is refused with 415 and changes nothing", async () => {
    await someState();
    const api = supertest(makelaar.app);
    for (const call of [
      api.post("/__admin/reset").type("form").send("a=b"),
      api.post("/__admin/reset").set("content-type", "text/plain").send("x"),
      api.post("/__admin/reset"),
      api.post("/__admin/machtigingen").set("content-type", "multipart/form-data; boundary=x"),
    ]) {
      const answer = await call;
      expect(answer.status).toBe(415);
      expect(answer.body.error).toMatch(/^body: expected Content-Type application\/json, got /);
    }
    expect(makelaar.state.requests).toHaveLength(1);
    expect((await api.post("/__admin/reset").send({})).status).toBe(200);
    expect(makelaar.state.requests).toHaveLength(0);
  });

  it("refuses cross-origin calls, by Origin or Sec-Fetch-Site, and answers its own origin", async () => {
    await someState();
    const api = supertest(makelaar.app);
    const fromPage = await api
      .post("/__admin/reset")
      .set("origin", "https://evil.example")
      .send({});
    expect(fromPage.status).toBe(403);
    expect(fromPage.body.error).toContain(
      "a call from another origin (https://evil.example) is refused",
    );
    const marked = await api.get("/__admin/requests").set("sec-fetch-site", "cross-site");
    expect(marked.status).toBe(403);
    expect((await api.get("/__admin/requests").set("origin", "null")).status).toBe(403);
    expect(makelaar.state.requests).toHaveLength(1);
    const own = await api
      .get("/__admin/requests")
      .set("host", "makelaar.test")
      .set("origin", "http://makelaar.test")
      .set("sec-fetch-site", "same-origin");
    expect(own.status).toBe(200);
    expect((await api.get("/__admin/clock").set("sec-fetch-site", "none")).status).toBe(200);
  });

  it("refuses a Host it does not serve (DNS rebinding), and takes its own names, IP addresses and localhost", async () => {
    const api = supertest(makelaar.app);
    const rebound = await api
      .put("/__admin/auto-login")
      .set("host", "rebind.evil.example:7444")
      .send({ user: PERSONS.eh3.id, kvk: SCHOOL.kvk });
    expect(rebound.status).toBe(403);
    expect(rebound.body.error).toContain(
      'Host "rebind.evil.example" is not a name this makelaar serves',
    );
    for (const host of [
      "makelaar.test",
      "MAKELAAR.test:80",
      "localhost:7444",
      "127.0.0.1",
      "[::1]:7444",
      "10.0.0.5:7444",
    ]) {
      expect((await api.get("/__admin/clock").set("host", host)).status, host).toBe(200);
    }
  });

  it("with a token, wants it on every admin call, and the kit's admin client sends it", async () => {
    const token = "a-test-token-for-the-admin-api";
    const guarded = await createMakelaar({
      baseUrl: BASE_URL,
      world: testWorld(),
      signingKeys: makelaar.signingKeys,
      admin: { token },
    });
    const api = supertest(guarded.app);
    expect((await api.get("/__admin/requests")).status).toBe(401);
    expect((await api.get("/__admin/requests").set("authorization", "Bearer nope")).status).toBe(
      401,
    );
    expect(
      (await api.get("/__admin/requests").set("authorization", `Bearer ${token}`)).status,
    ).toBe(200);
    const client = createAdminClient(BASE_URL, { fetch: appFetch(guarded.app), token });
    expect((await client.reset()).reset).toBe(true);
    await expect(
      createAdminClient(BASE_URL, { fetch: appFetch(guarded.app) }).clock(),
    ).rejects.toThrow(/401/);
  });
});
