// Fault injection, checked by SAML code that must refuse what the makelaar
// breaks: @node-saml/node-saml with its default time checks (HTTP-POST), and
// our SP library for what only the Artifact binding has.
import { SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import supertest from "supertest";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testKeyPair, type TestKeyPair } from "../saml-core/keys.ts";
import { serviceProviderMetadataXml } from "../sp/metadata.ts";
import type { Makelaar } from "./makelaar.ts";
import { registerServiceProvider } from "./saml/sp-registration.ts";
import {
  PERSONS,
  SCHOOL,
  SP_ENTITY_ID,
  SP_SERVICES,
  SSO_URL,
  appFetch,
  sendRequest,
  testMakelaar,
  testServiceProvider,
} from "./saml/test-support.ts";
import type { ServiceProvider } from "../sp/index.ts";

const NODE_SAML_SP = "urn:etoegang:DV:00000099000000000010:entities:9003";
const CALLBACK = "https://node-saml.example/saml/acs";

let makelaar: Makelaar;
let signing: TestKeyPair;
let artifactSp: ServiceProvider;

beforeAll(async () => {
  makelaar = await testMakelaar();
  signing = await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" });
  const encryption = await testKeyPair("sp-encryption", {
    commonName: "eh-overstap test SP encryption",
  });
  registerServiceProvider(
    makelaar.state,
    serviceProviderMetadataXml({
      entityID: NODE_SAML_SP,
      acsUrl: CALLBACK,
      acsBinding: "post",
      services: SP_SERVICES,
      signing,
      encryption,
    }),
  );
  artifactSp = await testServiceProvider(makelaar);
});

beforeEach(() => {
  makelaar.state.faults.clear();
  makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
});

/** node-saml as a service configures it: default time checks, InResponseTo checked. */
function nodeSaml(): SAML {
  return new SAML({
    entryPoint: SSO_URL,
    issuer: NODE_SAML_SP,
    audience: NODE_SAML_SP,
    callbackUrl: CALLBACK,
    idpCert: makelaar.signingKeys.certificatePem,
    privateKey: signing.privateKeyPem,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "sha256",
    identifierFormat: null,
    attributeConsumingServiceIndex: "1",
    disableRequestedAuthnContext: true,
    validateInResponseTo: ValidateInResponseTo.always,
  });
}

async function postLogin(saml: SAML): Promise<string> {
  const message = (await saml.getAuthorizeMessageAsync("", undefined, {})) as {
    SAMLRequest: string;
  };
  const answer = await supertest(makelaar.app)
    .post("/broker/sso/1.13")
    .type("form")
    .send({ SAMLRequest: message.SAMLRequest });
  const field = /name="SAMLResponse" value="([^"]+)"/.exec(answer.text);
  if (!field) throw new Error(`no SAMLResponse in: ${answer.text.slice(0, 300)}`);
  return field[1]!;
}

const inject = (fault: object) =>
  supertest(makelaar.app).post("/__admin/faults").send(fault).expect(201);

const lastAnswer = () => makelaar.state.answers.at(-1);

describe("every fault that breaks the message makes node-saml refuse the answer", () => {
  const cases: readonly [object, RegExp][] = [
    [{ kind: "expired" }, /No valid subject confirmation/],
    [{ kind: "not-yet-valid" }, /SAML assertion not yet valid/],
    [{ kind: "wrong-audience" }, /SAML assertion audience mismatch/],
    [{ kind: "wrong-in-response-to" }, /InResponseTo is not valid/],
    [{ kind: "unsigned-assertion" }, /Invalid signature/],
    [{ kind: "broken-signature" }, /Invalid signature/],
    [
      { kind: "status", status: "Responder", subStatus: "AuthnFailed", message: "Storing" },
      /Responder error: Storing/,
    ],
    [
      { kind: "status", status: "Requester", message: "Het verzoek is niet goed" },
      /Requester error: Het verzoek is niet goed/,
    ],
  ];
  for (const [fault, refusal] of cases) {
    it(`${JSON.stringify(fault)}: ${refusal.source}`, async () => {
      await inject(fault);
      const saml = nodeSaml();
      await expect(
        saml.validatePostResponseAsync({ SAMLResponse: await postLogin(saml) }),
      ).rejects.toThrow(refusal);
      expect(lastAnswer()).toMatchObject({ fault: (fault as { kind: string }).kind });
    });
  }

  it("a chosen Responder/NoPassive: node-saml logs nobody in (no profile)", async () => {
    await inject({ kind: "status", status: "Responder", subStatus: "NoPassive", message: "Stil" });
    const saml = nodeSaml();
    await expect(
      saml.validatePostResponseAsync({ SAMLResponse: await postLogin(saml) }),
    ).resolves.toEqual({ profile: null, loggedOut: false });
  });

  it("a replayed answer: node-saml has used up its InResponseTo", async () => {
    const saml = nodeSaml();
    await saml.validatePostResponseAsync({ SAMLResponse: await postLogin(saml) });
    await inject({ kind: "replayed-assertion" });
    await expect(
      saml.validatePostResponseAsync({ SAMLResponse: await postLogin(saml) }),
    ).rejects.toThrow(/InResponseTo is not valid/);
  });

  it("without a fault the same node-saml logs in (so each refusal above is the fault's)", async () => {
    const saml = nodeSaml();
    const { profile } = await saml.validatePostResponseAsync({
      SAMLResponse: await postLogin(saml),
    });
    expect(profile?.issuer).toBe(makelaar.entityID);
  });
});

describe("Destination and Recipient: node-saml 5.1 does not check them, so a service must", () => {
  for (const kind of ["wrong-destination", "wrong-recipient"] as const) {
    it(`${kind}: node-saml accepts the answer, whose ${kind === "wrong-destination" ? "Destination" : "Recipient"} is elsewhere`, async () => {
      await inject({ kind });
      const saml = nodeSaml();
      const samlResponse = await postLogin(saml);
      const xml = Buffer.from(samlResponse, "base64").toString("utf8");
      await expect(
        saml.validatePostResponseAsync({ SAMLResponse: samlResponse }),
      ).resolves.toMatchObject({ profile: { issuer: makelaar.entityID } });
      const attribute = kind === "wrong-destination" ? "Destination" : "Recipient";
      expect(xml).toContain(`${attribute}="https://elders.example/saml/acs"`);
      expect(xml).not.toContain(`${attribute}="${CALLBACK}"`);
    });
  }

  it("our SP library refuses both", async () => {
    for (const [kind, refusal] of [
      ["wrong-destination", /Destination .* is not our ACS/],
      ["wrong-recipient", /Recipient is not our ACS/],
    ] as const) {
      await inject({ kind, sp: SP_ENTITY_ID });
      const message = artifactSp.authnRequest({
        serviceIndex: 1,
        binding: "redirect",
        destination: SSO_URL,
      });
      const redirect = await sendRequest(makelaar.app, message);
      const samlArt = new URL(redirect.headers.location as string).searchParams.get("SAMLart")!;
      await expect(
        artifactSp.resolveArtifact(samlArt, {
          arsUrl: `${new URL(SSO_URL).origin}/broker/ars/1.13`,
          fetch: appFetch(makelaar.app),
        }),
      ).rejects.toThrow(refusal);
    }
  });
});

describe("faults of the Artifact binding, with our SP library", () => {
  const login = async () => {
    const message = artifactSp.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: SSO_URL,
    });
    const redirect = await sendRequest(makelaar.app, message);
    const samlArt = new URL(redirect.headers.location as string).searchParams.get("SAMLart")!;
    const resolve = () =>
      artifactSp.resolveArtifact(samlArt, {
        arsUrl: `${new URL(SSO_URL).origin}/broker/ars/1.13`,
        fetch: appFetch(makelaar.app),
      });
    return { message, resolve };
  };

  it("artifact-already-resolved: the ArtifactResponse is empty", async () => {
    await inject({ kind: "artifact-already-resolved" });
    const result = await (await login()).resolve();
    expect(result).toMatchObject({ ok: false, message: /already resolved/ });
  });

  it("ars-down: resolving the artifact gets HTTP 503, and the artifact stays unresolved", async () => {
    await inject({ kind: "ars-down" });
    const { resolve } = await login();
    await expect(resolve()).rejects.toThrow(/HTTP 503/);
    expect(makelaar.state.requests.at(-1)?.errors).toEqual([
      "ars-down (fault injected): answered 503",
    ]);
  });

  it("replayed-assertion: our SP library refuses the previous login's answer, whose request was answered already", async () => {
    const first = await login();
    expect(await first.resolve()).toMatchObject({ ok: true, inResponseTo: first.message.id });
    await inject({ kind: "replayed-assertion" });
    const second = await login();
    await expect(second.resolve()).rejects.toThrow(
      `The Response answers request ${first.message.id}, which this session did not send or which was answered already`,
    );
  });

  it("expired: our SP library refuses the resolved assertion", async () => {
    await inject({ kind: "expired" });
    await expect((await login()).resolve()).rejects.toThrow(/has expired/);
  });

  it("slow: the browser gets the answer only after the delay", async () => {
    await inject({ kind: "slow", delayMs: 300 });
    const started = Date.now();
    await login();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});

describe("the fault queue (POST, GET, DELETE /__admin/faults)", () => {
  it("breaks the next `count` answers only, then answers as always", async () => {
    await inject({ kind: "wrong-audience", count: 2 });
    const saml = nodeSaml();
    for (let i = 0; i < 2; i++) {
      await expect(
        saml.validatePostResponseAsync({ SAMLResponse: await postLogin(saml) }),
      ).rejects.toThrow(/audience mismatch/);
    }
    await expect(
      saml.validatePostResponseAsync({ SAMLResponse: await postLogin(saml) }),
    ).resolves.toBeDefined();
  });

  it("with `sp` it waits for an answer to that SP and leaves the others alone", async () => {
    await inject({ kind: "wrong-audience", sp: SP_ENTITY_ID });
    const saml = nodeSaml();
    await expect(
      saml.validatePostResponseAsync({ SAMLResponse: await postLogin(saml) }),
    ).resolves.toBeDefined();
    const listed = await supertest(makelaar.app).get("/__admin/faults").expect(200);
    expect(listed.body).toEqual([
      { id: expect.any(Number), fault: { kind: "wrong-audience", sp: SP_ENTITY_ID }, remaining: 1 },
    ]);
    await supertest(makelaar.app).delete("/__admin/faults").expect(204);
    expect(makelaar.state.faults.list()).toEqual([]);
  });

  it("reset clears waiting faults", async () => {
    await inject({ kind: "expired" });
    await supertest(makelaar.app).post("/__admin/reset").send({}).expect(200);
    expect(makelaar.state.faults.list()).toEqual([]);
    await testServiceProviderBack();
  });

  it("refuses a body that names no fault, or a bad one, naming the field", async () => {
    const unknown = await supertest(makelaar.app)
      .post("/__admin/faults")
      .send({ kind: "late" })
      .expect(400);
    expect((unknown.body as { error: string }).error).toMatch(
      /^kind: expected "kind": one of expired, /,
    );
    const slow = await supertest(makelaar.app)
      .post("/__admin/faults")
      .send({ kind: "slow", delayMs: 3_600_000 })
      .expect(400);
    expect((slow.body as { error: string }).error).toMatch(/^delayMs: expected at most 60000 ms/);
    const sp = await supertest(makelaar.app)
      .post("/__admin/faults")
      .send({ kind: "expired", sp: "urn:nobody" })
      .expect(400);
    expect((sp.body as { error: string }).error).toMatch(
      /^sp: no service provider with entityID "urn:nobody"/,
    );
  });
});

/** The reset above removed the SPs registered by hand; register them again. */
async function testServiceProviderBack(): Promise<void> {
  registerServiceProvider(
    makelaar.state,
    serviceProviderMetadataXml({
      entityID: NODE_SAML_SP,
      acsUrl: CALLBACK,
      acsBinding: "post",
      services: SP_SERVICES,
      signing,
      encryption: await testKeyPair("sp-encryption", {
        commonName: "eh-overstap test SP encryption",
      }),
    }),
  );
  artifactSp = await testServiceProvider(makelaar);
}
