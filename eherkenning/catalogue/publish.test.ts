import { describe, expect, it } from "vitest";
import { FIXTURE_CATALOGUE, FIXTURE_SERVICES } from "../fixtures/catalogue.ts";
import { parseCatalogue } from "./parse.ts";
import { publishCatalogue } from "./publish.ts";
import { writeCatalogue } from "./write.ts";

const publication = {
  id: "_published",
  environment: "P" as const,
  sequence: 42,
  issueInstant: "2026-12-03T12:00:00Z",
  certificatesByServiceID: new Map([
    [FIXTURE_SERVICES.mijnDuo.serviceID, ["Q0VSVA==", "Q0VSVA=="]],
  ]),
};

describe("publishCatalogue", () => {
  it("sets ID, IssueInstant and a Version with environment and sequence", () => {
    const published = publishCatalogue(FIXTURE_CATALOGUE, publication);
    expect(published.id).toBe("_published");
    expect(published.issueInstant).toBe("2026-12-03T12:00:00Z");
    expect(published.version).toBe("urn:etoegang:1.13:service-catalogue:P:42");
  });

  it("adds each ServiceID's certificates to its instance once, and nothing to the others", () => {
    const instances = publishCatalogue(FIXTURE_CATALOGUE, publication).providers.flatMap(
      (p) => p.instances,
    );
    const withCertificates = instances.filter((i) => i.serviceCertificates.length > 0);
    expect(withCertificates.map((i) => [i.serviceID, i.serviceCertificates])).toEqual([
      [FIXTURE_SERVICES.mijnDuo.serviceID, ["Q0VSVA=="]],
    ]);
  });

  it("round-trips through the writer (with a KeyName) and the parser", () => {
    const xml = writeCatalogue(publishCatalogue(FIXTURE_CATALOGUE, publication), {
      certificateKeyName: (c) => `name-of-${c}`,
    });
    expect(xml).toContain(
      '<md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:KeyName>name-of-Q0VSVA==</ds:KeyName><ds:X509Data>',
    );
    const parsed = parseCatalogue(xml);
    expect(parsed.version).toBe("urn:etoegang:1.13:service-catalogue:P:42");
    const duo = parsed.providers
      .flatMap((p) => p.instances)
      .find((i) => i.serviceID === FIXTURE_SERVICES.mijnDuo.serviceID);
    expect(duo?.serviceCertificates).toEqual(["Q0VSVA=="]);
  });
});
