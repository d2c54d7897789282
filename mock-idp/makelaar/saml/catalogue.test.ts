// The catalogue the makelaar publishes (afsprakenstelsel "Service catalog";
// the shapes django-digid-eherkenning generates): Version with environment and
// sequence, a real IssueInstant, a ServiceCertificate per instance of a
// registered SP, signed.
import supertest from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import {
  catalogueVersion,
  entityId,
  parseCatalogue,
  TEST_ENTITY_INDEX,
} from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES, inventedOin } from "../../../eherkenning/fixtures/catalogue.ts";
import type { Makelaar } from "../makelaar.ts";
import { testKeyPair } from "../../saml-core/keys.ts";
import { serviceProviderMetadataXml } from "../../sp/metadata.ts";
import { registerServiceProvider } from "./sp-registration.ts";
import { SP_SERVICES, testMakelaar, testServiceProvider } from "./test-support.ts";

const PATH = "/broker/catalogue/1.13/servicecatalog.xml";

let makelaar: Makelaar;

beforeEach(async () => {
  makelaar = await testMakelaar();
});

async function catalogue(): Promise<string> {
  const answer = await supertest(makelaar.app).get(PATH);
  expect(answer.status).toBe(200);
  expect(answer.headers["content-type"]).toContain("application/xml");
  return answer.text;
}

function instanceOf(xml: string, serviceID: string) {
  const instance = parseCatalogue(xml)
    .providers.flatMap((p) => p.instances)
    .find((i) => i.serviceID === serviceID);
  expect(instance, serviceID).toBeDefined();
  return instance!;
}

describe("the published catalogue", () => {
  it("is served at the path the CLI banner advertises, signed as the root's first child", async () => {
    const xml = await catalogue();
    expect(xml).toMatch(/<esc:ServiceCatalogue [^>]*><ds:Signature[ >]/);
    const id = /<esc:ServiceCatalogue [^>]*\bID="([^"]+)"/.exec(xml)?.[1];
    expect(xml).toContain(`<ds:Reference URI="#${id}">`);
  });

  it("has a Version urn:etoegang:1.13:service-catalogue:T:<n> and the IssueInstant of its making", async () => {
    const before = Date.now();
    const xml = await catalogue();
    const parsed = parseCatalogue(xml);
    expect(parsed.version).toBe(catalogueVersion("T", 1));
    const issued = Date.parse(parsed.issueInstant!);
    expect(issued).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(issued).toBeLessThanOrEqual(Date.now());
  });

  it("gives each instance of a registered SP its encryption certificate, with a SHA-256 KeyName", async () => {
    const sp = await testServiceProvider(makelaar);
    const certificate = sp.keys.encryption!.certificateBase64;
    const xml = await catalogue();
    for (const { serviceID } of SP_SERVICES.filter((s) => s.index <= 3)) {
      expect(instanceOf(xml, serviceID).serviceCertificates).toEqual([certificate]);
    }
    expect(xml).toContain(
      `<md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:KeyName>${sp.keys.encryption!.fingerprintSha256}</ds:KeyName>`,
    );
    // An instance no registered SP offers has no certificate to publish.
    expect(instanceOf(xml, FIXTURE_SERVICES.rioPortaal.serviceID).serviceCertificates).toEqual([]);
  });

  it("publishes the next version when the content changes, and the same document while it does not", async () => {
    const first = await catalogue();
    expect(await catalogue()).toBe(first);
    const other = await testKeyPair("catalogue-second-sp", { commonName: "eh-overstap test SP 2" });
    registerServiceProvider(
      makelaar.state,
      serviceProviderMetadataXml({
        entityID: entityId("DV", inventedOin(11), TEST_ENTITY_INDEX),
        acsUrl: "https://tweede.example/acs",
        acsBinding: "artifact",
        services: [{ index: 1, serviceID: FIXTURE_SERVICES.rioPortaal.serviceID, name: "RIO" }],
        signing: other,
        encryption: other,
      }),
    );
    const second = await catalogue();
    expect(parseCatalogue(second).version).toBe(catalogueVersion("T", 2));
    expect(instanceOf(second, FIXTURE_SERVICES.rioPortaal.serviceID).serviceCertificates).toEqual([
      other.certificateBase64,
    ]);
  });
});
