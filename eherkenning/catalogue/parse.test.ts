import { describe, expect, it } from "vitest";
import { FIXTURE_CATALOGUE, FIXTURE_SERVICES } from "../fixtures/catalogue.ts";
import { CatalogueError } from "./errors.ts";
import { indexCatalogue } from "./lookup.ts";
import { parseCatalogue } from "./parse.ts";
import { writeCatalogue } from "./write.ts";

// An older (1.11) catalogue with unqualified attributes, another prefix, two
// languages, a Signature to skip and the instance before the definition.
const OLD_STYLE = `<?xml version="1.0"?>
<sc:ServiceCatalogue xmlns:sc="urn:etoegang:1.11:service-catalog"
    xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="_x" Version="urn:etoegang:1.11:53">
  <ds:Signature><ds:SignedInfo><ds:Reference URI="#_x"/></ds:SignedInfo>
    <ds:KeyInfo><ds:X509Data><ds:X509Certificate>SIGNERCERT</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
  </ds:Signature>
  <sc:ServiceProvider IsPublic="true">
    <sc:ServiceProviderID>00000099000000000042</sc:ServiceProviderID>
    <sc:OrganizationDisplayName xml:lang="en">Test municipality</sc:OrganizationDisplayName>
    <sc:OrganizationDisplayName xml:lang="nl">Testgemeente</sc:OrganizationDisplayName>
    <sc:ServiceInstance IsPublic="true">
      <sc:ServiceID>urn:etoegang:DV:00000099000000000042:services:7</sc:ServiceID>
      <sc:ServiceUUID>inst-1</sc:ServiceUUID>
      <sc:InstanceOfService>def-1</sc:InstanceOfService>
      <sc:HerkenningsmakelaarId>00000099000000000001</sc:HerkenningsmakelaarId>
      <sc:ServiceCertificate><md:KeyDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" use="encryption">
        <ds:KeyInfo><ds:X509Data><ds:X509Certificate>
          MIIB
          AAAA
        </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor></sc:ServiceCertificate>
    </sc:ServiceInstance>
    <sc:ServiceDefinition IsPublic="false">
      <sc:ServiceUUID>def-1</sc:ServiceUUID>
      <sc:ServiceName xml:lang="en">Waste report</sc:ServiceName>
      <sc:ServiceName xml:lang="nl">Afval &amp; melding</sc:ServiceName>
      <sc:ServiceDescription xml:lang="nl"><![CDATA[<b>niet</b> vet]]></sc:ServiceDescription>
      <saml:AuthnContextClassRef>urn:etoegang:core:assurance-class:loa2plus</saml:AuthnContextClassRef>
      <sc:HerkenningsmakelaarId>00000099000000000001</sc:HerkenningsmakelaarId>
      <sc:EntityConcernedTypesAllowed setNumber="1">urn:etoegang:1.9:EntityConcernedID:KvKnr</sc:EntityConcernedTypesAllowed>
    </sc:ServiceDefinition>
  </sc:ServiceProvider>
</sc:ServiceCatalogue>`;

const wrap = (
  definition: string,
) => `<esc:ServiceCatalogue xmlns:esc="urn:etoegang:1.13:service-catalog"
  xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">
  <esc:ServiceProvider esc:IsPublic="true">
    <esc:ServiceProviderID>00000099000000000042</esc:ServiceProviderID>
    <esc:OrganizationDisplayName xml:lang="nl">X</esc:OrganizationDisplayName>
    <esc:ServiceDefinition esc:IsPublic="true">
${definition}
    </esc:ServiceDefinition>
  </esc:ServiceProvider>
</esc:ServiceCatalogue>`;

function errorOf(run: () => unknown): CatalogueError {
  try {
    run();
  } catch (error) {
    if (error instanceof CatalogueError) return error;
    throw error;
  }
  throw new Error("expected a CatalogueError");
}

describe("parseCatalogue", () => {
  it("reads a 1.11 catalogue with unqualified attributes and joins instance to definition", () => {
    const catalogue = parseCatalogue(OLD_STYLE);
    expect(catalogue.version).toBe("urn:etoegang:1.11:53");
    const [provider] = catalogue.providers;
    expect(provider?.oin).toBe("00000099000000000042");
    expect(provider?.displayNames).toHaveLength(2);
    const definition = provider?.definitions[0];
    expect(definition?.level).toBe("EH2+");
    expect(definition?.isPublic).toBe(false);
    expect(definition?.names).toEqual([
      { lang: "en", value: "Waste report" },
      { lang: "nl", value: "Afval & melding" },
    ]);
    expect(definition?.descriptions[0]?.value).toBe("<b>niet</b> vet");
    expect(definition?.entityConcernedTypesAllowed).toEqual([
      { type: "urn:etoegang:1.9:EntityConcernedID:KvKnr", setNumber: "1" },
    ]);
    expect(provider?.instances[0]?.serviceCertificates).toEqual(["MIIBAAAA"]);

    const index = indexCatalogue(catalogue);
    const service = index.byServiceID("urn:etoegang:DV:00000099000000000042:services:7");
    expect(service?.service).toBe("Afval & melding");
    expect(service?.provider).toBe("Testgemeente");
    expect(service?.level).toBe("EH2+");
  });

  it("reads what a catalogue leaves out as its defaults: public, no ID or version, isRequired unset, Dutch text, no SSO", () => {
    const catalogue =
      parseCatalogue(`<esc:ServiceCatalogue xmlns:esc="urn:etoegang:1.13:service-catalog"
  xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">
  <esc:ServiceProvider>
    <esc:ServiceProviderID>00000099000000000042</esc:ServiceProviderID>
    <esc:OrganizationDisplayName esc:note="x">X</esc:OrganizationDisplayName>
    <esc:ServiceDefinition>
      <esc:ServiceUUID>def-1</esc:ServiceUUID>
      <esc:ServiceName>Naam</esc:ServiceName>
      <saml2:AuthnContextClassRef>urn:etoegang:core:assurance-class:loa3</saml2:AuthnContextClassRef>
      <esc:RequestedAttribute Name="urn:etoegang:1.9:attribute:x"></esc:RequestedAttribute>
    </esc:ServiceDefinition>
    <esc:ServiceInstance>
      <esc:ServiceID>urn:etoegang:DV:00000099000000000042:services:1</esc:ServiceID>
      <esc:ServiceUUID>inst-1</esc:ServiceUUID>
      <esc:InstanceOfService>def-1</esc:InstanceOfService>
      <esc:SSOSupport>misschien</esc:SSOSupport>
    </esc:ServiceInstance>
  </esc:ServiceProvider>
</esc:ServiceCatalogue>`);
    for (const absent of ["id", "issueInstant", "version"]) {
      expect(catalogue).not.toHaveProperty(absent);
    }
    const provider = catalogue.providers[0]!;
    expect(provider.isPublic).toBe(true);
    expect(provider.displayNames).toEqual([{ lang: "nl", value: "X" }]);
    const definition = provider.definitions[0]!;
    expect(definition.isPublic).toBe(true);
    expect(definition.requestedAttributes).toEqual([
      { name: "urn:etoegang:1.9:attribute:x", purposeStatements: [] },
    ]);
    expect(definition.requestedAttributes[0]).not.toHaveProperty("isRequired");
    expect(definition.entityConcernedTypesAllowed).toEqual([]);
    const instance = provider.instances[0]!;
    expect(instance.isPublic).toBe(true);
    expect(instance.ssoSupport).toBe(false);
  });

  it("does not take the catalogue's own signature certificate as a service certificate", () => {
    const instance = parseCatalogue(OLD_STYLE).providers[0]?.instances[0];
    expect(instance?.serviceCertificates).not.toContain("SIGNERCERT");
  });

  it("round-trips the fixture catalogue through the writer", () => {
    const xml = writeCatalogue(FIXTURE_CATALOGUE);
    expect(parseCatalogue(xml)).toEqual(FIXTURE_CATALOGUE);
  });

  it("escapes markup in names when writing and restores it when reading", () => {
    const hostile = structuredClone(FIXTURE_CATALOGUE);
    const provider = hostile.providers[0]!;
    const definition = provider.definitions[0]!;
    (definition.names as { lang: string; value: string }[])[0] = {
      lang: "nl",
      value: `<img src=x onerror="alert(1)"> & 'co'`,
    };
    const xml = writeCatalogue(hostile);
    expect(xml).not.toContain("<img");
    expect(parseCatalogue(xml).providers[0]?.definitions[0]?.names[0]?.value).toBe(
      `<img src=x onerror="alert(1)"> & 'co'`,
    );
  });

  it("refuses text that is not XML", () => {
    expect(errorOf(() => parseCatalogue("this is not xml")).message).toMatch(
      /not (well-formed )?XML/,
    );
    expect(errorOf(() => parseCatalogue('{"json": true}')).message).toMatch(/XML/);
    expect(errorOf(() => parseCatalogue("")).message).toBe("the catalogue is empty");
  });

  it("refuses broken XML and names the line", () => {
    const error = errorOf(() => parseCatalogue(wrap("<esc:ServiceUUID>a</esc:ServiceName>")));
    expect(error.message).toMatch(/not well-formed XML: .*7/);
  });

  it("refuses a wrong root element and names it", () => {
    const error = errorOf(() =>
      parseCatalogue("<md:EntityDescriptor xmlns:md='urn:oasis:names:tc:SAML:2.0:metadata'/>"),
    );
    expect(error.message).toContain("wrong root element <md:EntityDescriptor>");
    expect(errorOf(() => parseCatalogue("<ServiceCatalogue/>")).message).toContain(
      "wrong root element",
    );
  });

  it("refuses a service definition without a level, naming the service and line", () => {
    const error = errorOf(() =>
      parseCatalogue(
        wrap(
          "<esc:ServiceUUID>abc</esc:ServiceUUID><esc:ServiceName xml:lang='nl'>A</esc:ServiceName>",
        ),
      ),
    );
    expect(error.message).toBe(
      "line 6: ServiceDefinition abc has no AuthnContextClassRef (the required level)",
    );
  });

  it("refuses an unknown level URN and quotes it", () => {
    const error = errorOf(() =>
      parseCatalogue(
        wrap(
          "<esc:ServiceUUID>abc</esc:ServiceUUID><esc:ServiceName>A</esc:ServiceName>\n" +
            "<saml2:AuthnContextClassRef>urn:etoegang:core:assurance-class:loa9</saml2:AuthnContextClassRef>",
        ),
      ),
    );
    expect(error.message).toBe(
      'line 8: unknown level URN "urn:etoegang:core:assurance-class:loa9" (AuthnContextClassRef)',
    );
  });

  it("refuses a DOCTYPE, so entity expansion never starts", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>
      <esc:ServiceCatalogue xmlns:esc="urn:etoegang:1.13:service-catalog">&lol2;</esc:ServiceCatalogue>`;
    expect(errorOf(() => parseCatalogue(bomb)).message).toContain("DOCTYPE is not allowed");
  });

  it("refuses a 50 MB file before parsing it", () => {
    const big = "<a>" + "x".repeat(50 * 1024 * 1024) + "</a>";
    const started = performance.now();
    const error = errorOf(() => parseCatalogue(big));
    expect(error.message).toBe("the catalogue is 50.0 MB, more than the 32.0 MB limit");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("finds the fixture's services by ServiceID, UUID and name", () => {
    const index = indexCatalogue(parseCatalogue(writeCatalogue(FIXTURE_CATALOGUE)));
    const duo = index.byServiceID(FIXTURE_SERVICES.mijnDuo.serviceID);
    expect(duo?.service).toBe("Mijn DUO voor zakelijke klanten");
    expect(duo?.level).toBe("EH3");
    expect(index.byServiceUUID(FIXTURE_SERVICES.mijnDuo.serviceUUID)).toBe(duo);
    expect(index.byName("mijn duo voor ZAKELIJKE klanten")).toEqual([duo]);
    expect(index.byName("My DUO for business customers")).toEqual([duo]);
    expect(index.search("duo zakelijk").map((s) => s.service)).toEqual([
      "Mijn DUO voor zakelijke klanten",
    ]);
    expect(index.search("uwv").length).toBe(3);
  });
});
