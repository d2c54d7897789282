// Interoperability with pysaml2 (Debian's python3-pysaml2 7.0.1), a SAML
// library we did not write that speaks the Artifact binding as real
// eHerkenning DVs do: its metadata, its signed AuthnRequest by Redirect, and
// its signed ArtifactResolve over SOAP with its own TLS client certificate
// (mutual TLS). The Python side is pysaml2-dv.py beside this file, driven by
// JSON; the findings are in docs/makelaar.md ("A DV on pysaml2").
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entityId } from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES, inventedOin } from "../../../eherkenning/fixtures/catalogue.ts";
import { testKeyPair, type TestKeyPair } from "../../saml-core/keys.ts";
import { startServer, type RunningMakelaar } from "../server.ts";
import { parseServiceProviderMetadata, registerServiceProvider } from "./sp-registration.ts";
import { PERSONS, SCHOOL, testWorld } from "./test-support.ts";

const SCRIPT = fileURLToPath(new URL("./pysaml2-dv.py", import.meta.url));
// Debian's interpreter, where python3-pysaml2 lives (not a pyenv shim on PATH).
const PYTHON = "/usr/bin/python3";
const PYSAML2_SP = entityId("DV", inventedOin(10), 9004);
const ACS = "https://pysaml2.example/saml/acs";

interface Refusal {
  readonly ok: false;
  readonly stage: string;
  readonly error: string;
}
interface NameIdRead {
  readonly ok: true;
  readonly format: string;
  readonly nameQualifier: string;
  readonly value: string;
}
interface Resolved {
  readonly ok: true;
  readonly inResponseTo: string;
  /** The Subject's NameID (the value is a fresh transient one). */
  readonly nameId: { readonly format: string; readonly nameQualifier: string };
  readonly issuer: string;
  readonly level: string;
  readonly authenticatingAuthorities: string[];
  readonly ava: Record<string, string[]>;
  readonly adviceAssertions: number;
  readonly identifiers: {
    readonly attribute: string;
    readonly library: NameIdRead | Refusal;
    readonly dv: NameIdRead | Refusal;
  }[];
}
type Resolution = (Resolved | Refusal) & { readonly library?: { ok: true } | Refusal };

/**
 * The pysaml2 DV as one Python process (importing pysaml2 takes seconds):
 * a JSON command a line in, a JSON answer a line out, one at a time.
 */
class PythonDv {
  private readonly child: ChildProcessWithoutNullStreams;
  private stdout = "";
  private stderr = "";
  private waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  private ended: Error | undefined;

  constructor() {
    this.child = spawn(PYTHON, [SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.on("data", (chunk: Buffer) => {
      this.stdout += chunk.toString("utf8");
      let newline: number;
      while ((newline = this.stdout.indexOf("\n")) >= 0) {
        const line = this.stdout.slice(0, newline);
        this.stdout = this.stdout.slice(newline + 1);
        this.waiting.shift()?.resolve(line);
      }
    });
    // pysaml2 prints xmlsec1's complaints; keep the end for a crash report.
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-20_000);
    });
    this.child.on("error", (error: NodeJS.ErrnoException) =>
      this.end(
        error.code === "ENOENT"
          ? new Error(`${PYTHON} is missing: the pysaml2 interop test needs Debian's python3`)
          : error,
      ),
    );
    this.child.on("close", (code) =>
      this.end(
        this.stderr.includes("No module named 'saml2'")
          ? new Error(
              "python3-pysaml2 is not installed: the pysaml2 interop test needs it (apt-get install python3-pysaml2, or run .ci/run)",
            )
          : new Error(`pysaml2-dv.py ended (exit ${code}):\n${this.stderr}`),
      ),
    );
  }

  private end(error: Error): void {
    this.ended ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.ended);
  }

  /** One command; a crash in the script (not a refusal by pysaml2) fails with its traceback. */
  async call<T>(input: object): Promise<T> {
    if (this.ended) throw this.ended;
    const line = new Promise<string>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.child.stdin.write(`${JSON.stringify(input)}\n`);
    const answer = JSON.parse(await line) as T & { crash?: string };
    if (answer.crash) throw new Error(`pysaml2-dv.py crashed:\n${answer.crash}`);
    return answer;
  }

  stop(): void {
    this.child.stdin.end();
  }
}

let dv: PythonDv;
const pysaml2 = <T>(input: object) => dv.call<T>(input);

const pair = (keys: TestKeyPair) => ({ key: keys.privateKeyPem, cert: keys.certificatePem });

let signing: TestKeyPair;
let encryption: TestKeyPair;
let stranger: TestKeyPair;
let spMetadataXml: string;
/** Advice left out, ds:X509Data accepted: what pysaml2 7.0.1 can read (see the docs). */
let running: RunningMakelaar;
/** Advice on (the network's shape), ds:X509Data accepted. */
let withAdvice: RunningMakelaar;
/** As the makelaar starts by default: ds:X509Data in a message signature refused. */
let strict: RunningMakelaar;

beforeAll(async () => {
  dv = new PythonDv();
  const { pysaml2: version } = await pysaml2<{ pysaml2: string }>({ command: "version" });
  expect(version, "the test is written against Debian bookworm's pysaml2").toMatch(/^7\./);
  signing = await testKeyPair("pysaml2-signing", {
    commonName: "eh-overstap test pysaml2 DV signing",
  });
  encryption = await testKeyPair("pysaml2-encryption", {
    commonName: "eh-overstap test pysaml2 DV encryption",
  });
  stranger = await testKeyPair("pysaml2-tls-stranger", {
    commonName: "eh-overstap test TLS client not in the pysaml2 DV's metadata",
  });
  ({ metadataXml: spMetadataXml } = await pysaml2<{ metadataXml: string }>({
    command: "metadata",
    ...spSettings(),
  }));
  const options = { world: testWorld(), mutualTls: true } as const;
  [running, withAdvice, strict] = await Promise.all([
    startServer({ ...options, advice: false, allowX509DataInMessages: true }),
    startServer({ ...options, allowX509DataInMessages: true }),
    startServer(options),
  ]);
  for (const makelaar of [running, withAdvice, strict]) {
    registerServiceProvider(makelaar.makelaar.state, spMetadataXml);
  }
}, 60_000);

afterAll(async () => {
  dv?.stop();
  await Promise.all([running, withAdvice, strict].map((m) => m?.stop()));
});

/** What the DV's pysaml2 configuration is made from. */
function spSettings() {
  return {
    entityID: PYSAML2_SP,
    acsUrl: ACS,
    serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
    serviceName: "Mijn DUO (pysaml2 DV)",
    keys: { signing: pair(signing), encryption: pair(encryption) },
  };
}

/** The DV's settings for one makelaar: its metadata (signature pinned) and its TLS. */
function dvFor(makelaar: RunningMakelaar, tls: object = {}) {
  return {
    ...spSettings(),
    makelaar: {
      metadataUrl: `${makelaar.url}/broker/metadata/1.13`,
      certificatePem: makelaar.makelaar.signingKeys.certificatePem,
    },
    tls: { verify: true, caPem: makelaar.mutualTls!.serverCertificatePem, ...tls },
  };
}

/**
 * pysaml2 sends its AuthnRequest by Redirect; the makelaar logs in the
 * auto-login person and sends the browser to the ACS with an artifact.
 */
async function login(makelaar: RunningMakelaar, relayState = "terug-naar-dv") {
  makelaar.makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
  const { requestId, url } = await pysaml2<{ requestId: string; url: string }>({
    command: "authn",
    ...dvFor(makelaar),
    relayState,
    requestedLevel: "urn:etoegang:core:assurance-class:loa3",
  });
  const answer = await fetch(url, { redirect: "manual" });
  expect(answer.status, await answer.clone().text()).toBe(303);
  const location = new URL(answer.headers.get("location")!);
  return {
    requestId,
    requestUrl: new URL(url),
    location,
    samlArt: location.searchParams.get("SAMLart")!,
  };
}

async function resolve(
  makelaar: RunningMakelaar,
  samlArt: string,
  requestId: string,
  tls: object = {},
): Promise<Resolution> {
  return pysaml2<Resolution>({
    command: "resolve",
    ...dvFor(makelaar, tls),
    artifact: samlArt,
    outstanding: { [requestId]: "/na-inloggen" },
  });
}

const arsLogs = (makelaar: RunningMakelaar) =>
  makelaar.makelaar.state.requests.filter((r) => r.kind === "ArtifactResolve");
const lastArsLog = (makelaar: RunningMakelaar) => arsLogs(makelaar).at(-1);

describe("a DV built on pysaml2 7.0.1 (Artifact binding, mutual TLS)", () => {
  it("writes SP metadata the makelaar registers: signed, an Artifact ACS, the ServiceID requested, an encryption certificate", () => {
    const metadata = parseServiceProviderMetadata(spMetadataXml);
    expect(metadata).toMatchObject({
      entityID: PYSAML2_SP,
      signed: true,
      signingCertificates: [signing.certificateBase64],
      encryptionCertificates: [encryption.certificateBase64],
      assertionConsumerServices: [{ url: ACS, binding: "artifact" }],
    });
    expect([...metadata.services]).toEqual([[1, FIXTURE_SERVICES.mijnDuo.serviceID]]);
  });

  it("refuses the makelaar's metadata when its signature is not by the pinned certificate", async () => {
    const settings = dvFor(running);
    const result = await pysaml2<Refusal>({
      command: "authn",
      ...settings,
      makelaar: { ...settings.makelaar, certificatePem: stranger.certificatePem },
      requestedLevel: "urn:etoegang:core:assurance-class:loa3",
    });
    expect(result).toMatchObject({
      ok: false,
      stage: "metadata",
      error: expect.stringMatching(
        /^SignatureError: .*EntitiesDescriptor.*signature verification failed/s,
      ),
    });
  });

  it("sends an AuthnRequest by Redirect, signed in the query with RSA-SHA256, that the makelaar answers with an artifact and the RelayState unchanged", async () => {
    const { requestId, requestUrl, location } = await login(running, "rs-pysaml2");
    expect(requestUrl.searchParams.get("SigAlg")).toBe(
      "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    );
    expect(requestUrl.searchParams.get("Signature")).toBeTruthy();
    expect(`${location.origin}${location.pathname}`).toBe(ACS);
    expect(location.searchParams.get("RelayState")).toBe("rs-pysaml2");
    const logged = running.makelaar.state.requests.filter((r) => r.kind === "AuthnRequest").at(-1);
    expect(logged).toMatchObject({
      id: requestId,
      sp: PYSAML2_SP,
      binding: "redirect",
      serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
      requestedLevel: "EH3",
      errors: [],
    });
  });

  it("resolves the artifact over mutual TLS with its signing certificate and accepts the answer: subject, level, ServiceID, ServiceUUID", async () => {
    const { requestId, samlArt } = await login(running);
    const result = await resolve(running, samlArt, requestId);
    expect(result, JSON.stringify(result)).toMatchObject({
      ok: true,
      inResponseTo: requestId,
      nameId: {
        format: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
        nameQualifier: running.makelaar.adviceParties.ad.entityID,
      },
      issuer: running.makelaar.entityID,
      level: "urn:etoegang:core:assurance-class:loa3",
      authenticatingAuthorities: [running.makelaar.adviceParties.ad.entityID],
      adviceAssertions: 0,
    });
    if (!result.ok) return;
    expect(result.ava["urn:etoegang:core:ServiceID"]).toEqual([FIXTURE_SERVICES.mijnDuo.serviceID]);
    expect(result.ava["urn:etoegang:core:ServiceUUID"]).toEqual([
      FIXTURE_SERVICES.mijnDuo.instanceUUID,
    ]);
    expect(lastArsLog(running)?.notes).toContain(
      `mutual TLS: client certificate SHA-256 ${signing.fingerprintSha256} from the metadata of ${PYSAML2_SP}`,
    );
  });

  it("drops every eHerkenning attribute from ava unless allow_unknown_attributes is set (its maps know no urn:etoegang names)", async () => {
    const { requestId, samlArt } = await login(running);
    const result = await pysaml2<Resolution>({
      command: "resolve",
      ...dvFor(running),
      allowUnknownAttributes: false,
      artifact: samlArt,
      outstanding: { [requestId]: "/na-inloggen" },
    });
    expect(result).toMatchObject({ ok: true, level: "urn:etoegang:core:assurance-class:loa3" });
    if (result.ok) expect(result.ava).toEqual({});
  });

  it("decrypts no EncryptedID of the network layout itself, and every one once the DV puts its EncryptedKey into the data's KeyInfo", async () => {
    const { requestId, samlArt } = await login(running);
    const result = await resolve(running, samlArt, requestId);
    if (!result.ok) throw new Error(JSON.stringify(result));
    // pysaml2 leaves an EncryptedID in an AttributeValue as it is: no text.
    expect(result.ava["urn:etoegang:core:LegalSubjectID"]).toEqual(["", ""]);
    expect(result.identifiers.map((id) => id.attribute)).toEqual([
      "urn:etoegang:core:LegalSubjectID",
      "urn:etoegang:core:LegalSubjectID",
      "urn:etoegang:core:ActingSubjectID",
    ]);
    for (const id of result.identifiers) {
      expect(id.library).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^DecryptError: No key was able to decrypt the ciphertext/),
      });
    }
    const persistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    expect(result.identifiers.map((id) => id.dv)).toEqual([
      {
        ok: true,
        format: persistent,
        nameQualifier: "urn:etoegang:1.9:EntityConcernedID:KvKnr",
        value: SCHOOL.kvk,
      },
      {
        ok: true,
        format: persistent,
        nameQualifier: "urn:etoegang:1.9:EntityConcernedID:RSIN",
        value: SCHOOL.rsin,
      },
      {
        ok: true,
        format: persistent,
        nameQualifier: "urn:etoegang:1.13:EntityConcernedID:Pseudo",
        value: PERSONS.eh3.pseudo,
      },
    ]);
  });

  it('refuses the answer in its own parse_artifact_resolve_response: it re-serialises the ArtifactResponse and loses the xs prefix of xsi:type="xs:string"', async () => {
    const { requestId, samlArt } = await login(running);
    const result = await resolve(running, samlArt, requestId);
    expect(result.ok).toBe(true);
    expect(result.library).toEqual({
      ok: false,
      stage: "parse_artifact_resolve_response",
      error:
        "SignatureError: Signature verification failed. Invalid document format. (\"global xs:simpleType/xs:complexType 'xs:string' not found\")",
    });
  });
});

describe("pysaml2 refuses what it must", () => {
  const inject = (fault: object) =>
    fetch(`${running.url}/__admin/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fault),
    }).then((answer) => expect(answer.status).toBe(201));

  it("artifact-already-resolved: the signed ArtifactResponse holds no Response, so no login", async () => {
    await inject({ kind: "artifact-already-resolved", sp: PYSAML2_SP });
    const { requestId, samlArt } = await login(running);
    const result = await resolve(running, samlArt, requestId);
    expect(result).toMatchObject({
      ok: false,
      stage: "ArtifactResponse",
      error:
        "ValueError: the ArtifactResponse holds no Response: the artifact is unknown or was resolved already",
    });
    // pysaml2's own path fails on the signature of this (valid) empty message:
    // it checks the signature over its re-serialised copy, whose prefixes differ.
    expect(result.library).toEqual({
      ok: false,
      stage: "parse_artifact_resolve_response",
      error: "SignatureError: Failed to verify signature",
    });
  });

  const faults: readonly [string, RegExp][] = [
    ["broken-signature", /^SignatureError: Failed to verify signature$/],
    ["unsigned-assertion", /^SignatureError: Signature missing for assertion$/],
    ["expired", /^ResponseLifetimeExceed: Can't use response, too old/],
    ["not-yet-valid", /^ToEarly: Can't use response yet/],
    ["wrong-audience", /^Exception: AudienceRestrictions conditions not satisfied!/],
    ["wrong-in-response-to", /^UnsolicitedResponse: Unsolicited response: _never-sent-/],
    ["wrong-recipient", /^VerificationError: No valid recipient$/],
    // pysaml2 logs this one and returns the response without an assertion.
    [
      "wrong-destination",
      /^ValueError: pysaml2 returned the response without a verified assertion$/,
    ],
  ];
  for (const [kind, refusal] of faults) {
    it(`${kind}: parse_authn_request_response refuses the resolved answer`, async () => {
      await inject({ kind, sp: PYSAML2_SP });
      const { requestId, samlArt } = await login(running);
      expect(await resolve(running, samlArt, requestId)).toMatchObject({
        ok: false,
        stage: "parse_authn_request_response",
        error: expect.stringMatching(refusal),
      });
    });
  }

  it("replayed-assertion: the earlier login's answer is unsolicited once its request was answered", async () => {
    const first = await login(running);
    expect(await resolve(running, first.samlArt, first.requestId)).toMatchObject({ ok: true });
    await inject({ kind: "replayed-assertion", sp: PYSAML2_SP });
    const { requestId, samlArt } = await login(running);
    expect(await resolve(running, samlArt, requestId)).toMatchObject({
      ok: false,
      stage: "parse_authn_request_response",
      error: `UnsolicitedResponse: Unsolicited response: ${first.requestId}`,
    });
  });

  it("wrong-recipient is accepted when the DV passes no conv_info: pysaml2 then skips the Recipient check", async () => {
    await inject({ kind: "wrong-recipient", sp: PYSAML2_SP });
    const { requestId, samlArt } = await login(running);
    const result = await pysaml2<Resolution>({
      command: "resolve",
      ...dvFor(running),
      checkRecipient: false,
      artifact: samlArt,
      outstanding: { [requestId]: "/na-inloggen" },
    });
    expect(result).toMatchObject({ ok: true, inResponseTo: requestId });
  });

  it("ars-down: artifact2message raises on the ARS's HTTP 503, and the artifact stays unresolved", async () => {
    await inject({ kind: "ars-down", sp: PYSAML2_SP });
    const { requestId, samlArt } = await login(running);
    expect(await resolve(running, samlArt, requestId)).toMatchObject({
      ok: false,
      stage: "artifact2message",
      error: expect.stringMatching(/^HTTPError: 503:.*artifact resolution service is unavailable/),
    });
    expect(lastArsLog(running)?.errors).toEqual(["ars-down (fault injected): answered 503"]);
    // The rightful retry still logs in.
    expect(await resolve(running, samlArt, requestId)).toMatchObject({ ok: true });
  });

  it("with pysaml2's default verify_ssl_cert (false) it presents no client certificate, and the ARS answers 403", async () => {
    const { requestId, samlArt } = await login(running);
    expect(await resolve(running, samlArt, requestId, { verify: false })).toMatchObject({
      ok: false,
      stage: "artifact2message",
      error: expect.stringMatching(/^HTTPError: 403:.*No TLS client certificate was presented/),
    });
    expect(lastArsLog(running)?.errors[0]).toMatch(/^No TLS client certificate was presented/);
  });

  it("a TLS client certificate that is not in the DV's metadata gets 403, naming it", async () => {
    const { requestId, samlArt } = await login(running);
    const result = await resolve(running, samlArt, requestId, {
      clientCertificate: pair(stranger),
    });
    expect(result).toMatchObject({
      ok: false,
      stage: "artifact2message",
      error: expect.stringContaining(
        `HTTPError: 403:b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>The TLS client certificate (SHA-256 ${stranger.fingerprintSha256}`,
      ),
    });
  });

  it("refuses a makelaar whose TLS server certificate it does not trust, before sending anything", async () => {
    const { requestId, samlArt } = await login(running);
    const resolvesBefore = arsLogs(running).length;
    const result = await resolve(running, samlArt, requestId, {
      caPem: stranger.certificatePem,
    });
    expect(result).toMatchObject({
      ok: false,
      stage: "artifact2message",
      error: expect.stringMatching(/^ConnectionError: .*CERTIFICATE_VERIFY_FAILED/),
    });
    expect(arsLogs(running)).toHaveLength(resolvesBefore);
  });
});

describe("what pysaml2 7.0.1 cannot do against a makelaar as the network runs it", () => {
  it("its ArtifactResolve always carries its certificate as ds:X509Data, which the makelaar refuses by default", async () => {
    const { requestId, samlArt } = await login(strict);
    expect(await resolve(strict, samlArt, requestId)).toMatchObject({
      ok: false,
      stage: "artifact2message",
      error: expect.stringMatching(
        /^HTTPError: 400:.*signature carries a ds:X509Data in its KeyInfo/,
      ),
    });
  });

  it("with the AD's and MR's assertions in Advice it refuses the HM's assertion: its schema check does not know the MR's XACMLAuthzDecisionStatementType", async () => {
    const { requestId, samlArt } = await login(withAdvice);
    expect(await resolve(withAdvice, samlArt, requestId)).toMatchObject({
      ok: false,
      stage: "parse_authn_request_response",
      error:
        "SignatureError: Signature verification failed. Invalid document format. (\"global xs:simpleType/xs:complexType 'xacml-saml:XACMLAuthzDecisionStatementType' not found\")",
    });
  });
});
