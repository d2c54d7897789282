// Code under test talks to "https://makelaar.test" with plain fetch; msw
// routes those calls into an in-process makelaar app. No port is opened.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { testKeyPair } from "../../saml-core/keys.ts";
import { registerServiceProvider } from "../saml/sp-registration.ts";
import { PERSONS, SCHOOL, SP_SERVICES, testWorld } from "../saml/test-support.ts";
import { createServiceProvider } from "../../sp/index.ts";
import { createMswMakelaar } from "./handlers.ts";

const { makelaar, handlers } = await createMswMakelaar({ world: testWorld() });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("msw handlers for the makelaar", () => {
  it("serve the real signed metadata", async () => {
    const answer = await fetch("https://makelaar.test/broker/metadata/1.13");
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain(`entityID="${makelaar.entityID}"`);
  });

  it("carry a whole artifact login of an SP that only knows the makelaar's URLs", async () => {
    // The SP fetches the makelaar metadata itself (through msw) to trust its key.
    const sp = await createServiceProvider({
      entityID: "urn:etoegang:DV:00000099000000000010:entities:9003",
      acsUrl: "https://sp.test/acs",
      acsBinding: "artifact",
      services: SP_SERVICES,
      keys: {
        signing: await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" }),
        encryption: await testKeyPair("sp-encryption", {
          commonName: "eh-overstap test SP encryption",
        }),
      },
      makelaarMetadataUrl: "https://makelaar.test/broker/metadata/1.13",
    });
    registerServiceProvider(makelaar.state, sp.metadataXml);
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };

    const request = sp.authnRequest({
      serviceIndex: 1,
      binding: "redirect",
      destination: "https://makelaar.test/broker/sso/1.13",
      relayState: "state-1",
    });
    const redirect = await fetch(request.url!, { redirect: "manual" });
    expect(redirect.status).toBe(303);
    const location = new URL(redirect.headers.get("location")!);
    expect(location.searchParams.get("RelayState")).toBe("state-1");
    const result = await sp.resolveArtifact(location.searchParams.get("SAMLart")!, {
      arsUrl: "https://makelaar.test/broker/ars/1.13",
    });
    expect(result).toMatchObject({
      ok: true,
      level: "EH3",
      serviceID: FIXTURE_SERVICES.mijnDuo.serviceID,
      legalSubject: { type: "KvKnr", value: SCHOOL.kvk },
    });
    expect(makelaar.state.requests.map((r) => r.kind)).toEqual(["AuthnRequest", "ArtifactResolve"]);
  });

  it("pass the makelaar's refusals through as they are", async () => {
    const answer = await fetch("https://makelaar.test/broker/sso/1.13?SAMLRequest=%%%");
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("SAMLRequest is not validly URL-encoded.");
  });
});
