// Trust in the makelaar's metadata: its own signature proves integrity only;
// a pinned certificate fingerprint proves it came from the makelaar.
import { beforeAll, describe, expect, it } from "vitest";
import { createMakelaar, type Makelaar } from "../makelaar/app.ts";
import { ENDPOINTS } from "../makelaar/endpoints.ts";
import { testKeyPair } from "../saml-core/keys.ts";
import { makelaarMetadataXml } from "../makelaar/saml/metadata.ts";
import { registerServiceProvider } from "../makelaar/saml/sp-registration.ts";
import {
  BASE_URL,
  PERSONS,
  SCHOOL,
  SP_ENTITY_ID,
  SP_SERVICES,
  SSO_URL,
  appFetch,
  sendRequest,
  testMakelaar,
  testWorld,
} from "../makelaar/saml/test-support.ts";
import { createServiceProvider, makelaarSigningCertificates } from "./index.ts";

let makelaar: Makelaar;
/** Same base URL, metadata signed with another key: what a spoofed metadata URL would serve. */
let impostor: Makelaar;
beforeAll(async () => {
  makelaar = await testMakelaar();
  impostor = await createMakelaar({
    baseUrl: BASE_URL,
    world: testWorld(),
    signingKeys: await testKeyPair("sp-encryption", {
      commonName: "eh-overstap test SP encryption",
    }),
  });
});

const pin = () => makelaar.signingKeys.fingerprintSha256;

describe("makelaarSigningCertificates", () => {
  it("accepts self-signed metadata without a pin: the signature proves integrity, not origin", () => {
    expect(makelaarSigningCertificates(makelaarMetadataXml(impostor))).toEqual([
      impostor.signingKeys.certificateBase64,
    ]);
  });

  it("accepts metadata signed with the pinned certificate, written in any case and with colons", () => {
    const colons = pin()
      .toUpperCase()
      .replace(/(..)(?=.)/g, "$1:");
    expect(makelaarSigningCertificates(makelaarMetadataXml(makelaar), colons)).toEqual([
      makelaar.signingKeys.certificateBase64,
    ]);
  });

  it("refuses metadata without the pinned certificate, naming the fingerprint", () => {
    expect(() => makelaarSigningCertificates(makelaarMetadataXml(impostor), pin())).toThrow(
      `The makelaar metadata has no signing certificate with the pinned SHA-256 ${pin()}.`,
    );
  });
});

describe("createServiceProvider with makelaarCertificateSha256", () => {
  async function loginWithFetchedMetadata(from: Makelaar, pinned: string) {
    const sp = await createServiceProvider({
      entityID: SP_ENTITY_ID,
      acsUrl: "https://dv.example/acs",
      acsBinding: "artifact",
      services: SP_SERVICES,
      makelaarMetadataUrl: `${BASE_URL}${ENDPOINTS.metadata}`,
      makelaarCertificateSha256: pinned,
      clock: () => makelaar.world.now(),
    });
    registerServiceProvider(makelaar.state, sp.metadataXml);
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const answer = await sendRequest(
      makelaar.app,
      sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination: SSO_URL }),
    );
    const samlArt = new URL(answer.headers.location as string).searchParams.get("SAMLart")!;
    // The metadata is fetched from `from`, the artifact resolved at the makelaar.
    const fetchBoth: typeof fetch = (input, init) =>
      String(input).endsWith(ENDPOINTS.metadata)
        ? appFetch(from.app)(input, init)
        : appFetch(makelaar.app)(input, init);
    return sp.resolveArtifact(samlArt, {
      arsUrl: `${BASE_URL}${ENDPOINTS.ars}`,
      fetch: fetchBoth,
    });
  }

  it("logs in when the fetched metadata is signed with the pinned certificate", async () => {
    expect((await loginWithFetchedMetadata(makelaar, pin())).ok).toBe(true);
  });

  it("refuses fetched metadata signed by another key, though it verifies against itself", async () => {
    await expect(loginWithFetchedMetadata(impostor, pin())).rejects.toThrow(
      `The makelaar metadata has no signing certificate with the pinned SHA-256 ${pin()}.`,
    );
  });
});
