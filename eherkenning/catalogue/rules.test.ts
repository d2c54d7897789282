// The catalogue reader's and writer's rules one by one: every optional field
// survives a round trip, defaults apply where the XML is silent, elements are
// read only where they belong, and each refusal names what is wrong and where.
import { describe, expect, it } from "vitest";
import { CatalogueError } from "./errors.ts";
import { indexCatalogue, normalizeName } from "./lookup.ts";
import { pickText, type Catalogue } from "./model.ts";
import { DEFAULT_MAX_CATALOGUE_BYTES, parseCatalogue } from "./parse.ts";
import { CATALOGUE_NS, escapeXml, writeCatalogue } from "./write.ts";

/** A catalogue that uses every field the model has, each with a value unlike its default. */
const EVERYTHING: Catalogue = {
  id: "_catalogue",
  issueInstant: "2026-01-02T03:04:05Z",
  version: "urn:etoegang:1.13:77",
  providers: [
    {
      oin: "00000001000000000042",
      isPublic: false,
      displayNames: [
        { lang: "nl", value: "Gemeente Proef" },
        { lang: "en", value: "Test Town" },
      ],
      definitions: [
        {
          serviceUUID: "def-a",
          isPublic: false,
          isPortal: true,
          names: [{ lang: "nl", value: 'Afval <melden> & "zo" \'n' }],
          descriptions: [{ lang: "en", value: "Report waste" }],
          descriptionURLs: [{ lang: "nl", value: "https://proef.example/uitleg" }],
          level: "EH2+",
          herkenningsmakelaarId: "00000003000000000009",
          entityConcernedTypesAllowed: [
            { type: "urn:etoegang:1.9:EntityConcernedID:KvKnr", setNumber: "1" },
            { type: "urn:etoegang:1.9:EntityConcernedID:RSIN" },
          ],
          serviceRestrictionsAllowed: ["urn:etoegang:1.9:ServiceRestriction:Vestigingsnr"],
          requestedAttributes: [
            {
              name: "urn:etoegang:1.11:attribute-represented:CompanyName",
              isRequired: false,
              purposeStatements: [{ lang: "nl", value: "Om u aan te spreken" }],
            },
            { name: "urn:etoegang:1.9:attribute:Other", purposeStatements: [] },
          ],
        },
        {
          serviceUUID: "def-b",
          isPublic: true,
          isPortal: false,
          names: [{ lang: "en", value: "Permits" }],
          descriptions: [],
          descriptionURLs: [],
          level: "EH4",
          herkenningsmakelaarId: "",
          entityConcernedTypesAllowed: [],
          serviceRestrictionsAllowed: [],
          requestedAttributes: [],
        },
      ],
      instances: [
        {
          serviceID: "urn:etoegang:DV:00000001000000000042:services:1",
          serviceUUID: "inst-a",
          instanceOfService: "def-a",
          isPublic: false,
          serviceURLs: [{ lang: "nl", value: "https://proef.example/afval" }],
          privacyPolicyURLs: [{ lang: "en", value: "https://proef.example/privacy" }],
          herkenningsmakelaarId: "00000003000000000009",
          ssoSupport: true,
          serviceCertificates: ["MIIBCERT"],
          classifiers: ["eIDAS-inbound"],
        },
        {
          serviceID: "urn:etoegang:DV:00000001000000000042:services:2",
          serviceUUID: "def-b",
          isPublic: true,
          serviceURLs: [],
          privacyPolicyURLs: [],
          herkenningsmakelaarId: "",
          ssoSupport: false,
          serviceCertificates: [],
          classifiers: [],
        },
      ],
    },
  ],
};

function errorOf(run: () => unknown): CatalogueError {
  try {
    run();
  } catch (error) {
    if (error instanceof CatalogueError) return error;
    throw error;
  }
  throw new Error("expected a CatalogueError");
}

const NS13 = "urn:etoegang:1.13:service-catalog";
/** A catalogue root around `body`, in the 1.13 namespace unless told otherwise. */
const root = (body: string, ns = NS13, attrs = "") =>
  `<esc:ServiceCatalogue xmlns:esc="${ns}" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"${attrs}>${body}</esc:ServiceCatalogue>`;
const provider = (body: string, attrs = "") =>
  `<esc:ServiceProvider${attrs}><esc:ServiceProviderID>00000001000000000042</esc:ServiceProviderID>${body}</esc:ServiceProvider>`;
const definition = (body: string, attrs = "") =>
  `<esc:ServiceDefinition${attrs}><esc:ServiceUUID>def-1</esc:ServiceUUID><esc:ServiceName>Dienst</esc:ServiceName><saml2:AuthnContextClassRef>urn:etoegang:core:assurance-class:loa3</saml2:AuthnContextClassRef>${body}</esc:ServiceDefinition>`;
const instance = (body: string, attrs = "") =>
  `<esc:ServiceInstance${attrs}><esc:ServiceID>urn:etoegang:DV:00000001000000000042:services:1</esc:ServiceID><esc:ServiceUUID>inst-1</esc:ServiceUUID>${body}</esc:ServiceInstance>`;

describe("writing and reading a catalogue", () => {
  it("round-trips every field of the model", () => {
    expect(parseCatalogue(writeCatalogue(EVERYTHING))).toEqual(EVERYTHING);
  });

  it("writes ESC 1.13 with the namespaces it uses", () => {
    const xml = writeCatalogue(EVERYTHING);
    expect(CATALOGUE_NS).toBe(NS13);
    expect(xml).toContain(`xmlns:esc="${NS13}"`);
    expect(xml).toContain('xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"');
    expect(xml).toContain('xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"');
    expect(xml).toContain('xmlns:ds="http://www.w3.org/2000/09/xmldsig#"');
  });

  it("escapes the five XML special characters", () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;f");
  });
});

describe("reading: defaults and where elements count", () => {
  const only = (xml: string) => parseCatalogue(xml).providers[0]!;

  it("takes IsPublic as true when absent, and only 'true' or '1' (trimmed) as true", () => {
    const p = only(root(provider(definition("") + instance(""))));
    expect([p.isPublic, p.definitions[0]!.isPublic, p.instances[0]!.isPublic]).toEqual([
      true,
      true,
      true,
    ]);
    for (const [value, expected] of [
      [" true ", true],
      ["1", true],
      ["false", false],
      ["0", false],
      ["yes", false],
    ] as const) {
      const a = ` esc:IsPublic="${value}"`;
      const read = only(root(provider(definition("", a) + instance("", a), a)));
      expect([read.isPublic, read.definitions[0]!.isPublic, read.instances[0]!.isPublic]).toEqual([
        expected,
        expected,
        expected,
      ]);
    }
  });

  it("leaves IsPortal, isRequired and SSOSupport out when the XML does not say them", () => {
    const p = only(
      root(
        provider(
          definition(
            '<esc:RequestedAttribute Name="urn:x"><esc:PurposeStatement xml:lang="en">why</esc:PurposeStatement></esc:RequestedAttribute>',
          ) + instance(""),
        ),
      ),
    );
    expect(p.definitions[0]).not.toHaveProperty("isPortal");
    expect(p.definitions[0]!.requestedAttributes).toEqual([
      { name: "urn:x", purposeStatements: [{ lang: "en", value: "why" }] },
    ]);
    expect(p.instances[0]).not.toHaveProperty("ssoSupport");
    expect(p.definitions[0]!.herkenningsmakelaarId).toBe("");
    expect(p.instances[0]!.herkenningsmakelaarId).toBe("");
  });

  it("reads SSOSupport text as a flag, false unless 'true' or '1'", () => {
    const sso = (text: string) =>
      only(root(provider(instance(`<esc:SSOSupport>${text}</esc:SSOSupport>`)))).instances[0]!
        .ssoSupport;
    expect(sso("true")).toBe(true);
    expect(sso("1")).toBe(true);
    expect(sso("nee")).toBe(false);
  });

  it("takes xml:lang as the language, 'nl' when absent, and never another namespace's lang", () => {
    const p = only(
      root(
        provider(
          '<esc:OrganizationDisplayName xml:lang="en">A</esc:OrganizationDisplayName>' +
            "<esc:OrganizationDisplayName>B</esc:OrganizationDisplayName>" +
            '<esc:OrganizationDisplayName xmlns:o="urn:other" o:lang="fr">C</esc:OrganizationDisplayName>',
        ),
      ),
    );
    expect(p.displayNames).toEqual([
      { lang: "en", value: "A" },
      { lang: "nl", value: "B" },
      { lang: "nl", value: "C" },
    ]);
  });

  it("reads an attribute by local name, qualified or not, but never an xml: attribute", () => {
    const p = only(
      root(
        provider(
          `<esc:ServiceDefinition xml:IsPublic="false"><esc:ServiceUUID>d</esc:ServiceUUID><esc:ServiceName>n</esc:ServiceName><saml2:AuthnContextClassRef>urn:etoegang:core:assurance-class:loa3</saml2:AuthnContextClassRef></esc:ServiceDefinition>`,
          ' IsPublic="false"',
        ),
      ),
    );
    expect(p.isPublic).toBe(false);
    expect(p.definitions[0]!.isPublic).toBe(true);
  });

  it("reads the root's ID, IssueInstant and Version, and leaves absent ones out", () => {
    expect(
      parseCatalogue(root("", NS13, ' ID="_c" IssueInstant="2026-01-01T00:00:00Z" Version="v9"')),
    ).toEqual({ id: "_c", issueInstant: "2026-01-01T00:00:00Z", version: "v9", providers: [] });
    expect(parseCatalogue(root(""))).toEqual({ providers: [] });
  });

  it("ignores service elements outside the element they belong to", () => {
    const stray =
      "<esc:ServiceName>los</esc:ServiceName><esc:ServiceUUID>los</esc:ServiceUUID>" +
      "<esc:ServiceDescription>los</esc:ServiceDescription><esc:ServiceDescriptionURL>los</esc:ServiceDescriptionURL>" +
      "<saml2:AuthnContextClassRef>urn:etoegang:core:assurance-class:loa4</saml2:AuthnContextClassRef>" +
      "<esc:HerkenningsmakelaarId>los</esc:HerkenningsmakelaarId><esc:EntityConcernedTypesAllowed>los</esc:EntityConcernedTypesAllowed>" +
      "<esc:ServiceRestrictionsAllowed>los</esc:ServiceRestrictionsAllowed><esc:PurposeStatement>los</esc:PurposeStatement>" +
      "<esc:ServiceID>los</esc:ServiceID><esc:InstanceOfService>los</esc:InstanceOfService>" +
      "<esc:ServiceURL>los</esc:ServiceURL><esc:PrivacyPolicyURL>los</esc:PrivacyPolicyURL>" +
      "<esc:SSOSupport>true</esc:SSOSupport><ds:X509Certificate>los</ds:X509Certificate><esc:Classifier>los</esc:Classifier>";
    const catalogue = parseCatalogue(
      root(
        stray +
          "<esc:OrganizationDisplayName>los</esc:OrganizationDisplayName><esc:ServiceProviderID>los</esc:ServiceProviderID>" +
          provider(stray + definition("") + instance("")),
      ),
    );
    expect(catalogue.providers).toHaveLength(1);
    const p = catalogue.providers[0]!;
    expect(p.oin).toBe("00000001000000000042");
    expect(p.displayNames).toEqual([]);
    expect(p.definitions).toHaveLength(1);
    expect(p.definitions[0]).toMatchObject({
      serviceUUID: "def-1",
      names: [{ lang: "nl", value: "Dienst" }],
      descriptions: [],
      descriptionURLs: [],
      level: "EH3",
      herkenningsmakelaarId: "",
      entityConcernedTypesAllowed: [],
      serviceRestrictionsAllowed: [],
    });
    expect(p.instances[0]).toMatchObject({
      serviceUUID: "inst-1",
      serviceURLs: [],
      privacyPolicyURLs: [],
      serviceCertificates: [],
      classifiers: [],
    });
    expect(p.instances[0]).not.toHaveProperty("instanceOfService");
    expect(p.instances[0]).not.toHaveProperty("ssoSupport");
  });

  it("gives a ServiceUUID and HerkenningsmakelaarId inside an instance to the instance, not to the definition around it", () => {
    const p = only(
      root(
        provider(
          `<esc:ServiceDefinition><esc:ServiceUUID>def-1</esc:ServiceUUID><esc:ServiceName>Dienst</esc:ServiceName><saml2:AuthnContextClassRef>urn:etoegang:core:assurance-class:loa3</saml2:AuthnContextClassRef><esc:HerkenningsmakelaarId>hm-def</esc:HerkenningsmakelaarId>` +
            instance("<esc:HerkenningsmakelaarId>hm-inst</esc:HerkenningsmakelaarId>") +
            `</esc:ServiceDefinition>`,
        ),
      ),
    );
    expect(p.definitions[0]).toMatchObject({
      serviceUUID: "def-1",
      herkenningsmakelaarId: "hm-def",
    });
    expect(p.instances[0]).toMatchObject({
      serviceUUID: "inst-1",
      herkenningsmakelaarId: "hm-inst",
    });
  });

  it("skips the catalogue's own Signature however deep it nests, and reads on after it", () => {
    const signature =
      "<ds:Signature><ds:Object><ds:Deeper>" +
      provider("<esc:OrganizationDisplayName>in de handtekening</esc:OrganizationDisplayName>") +
      "</ds:Deeper></ds:Object><ds:X509Certificate>SIGNER</ds:X509Certificate></ds:Signature>";
    const catalogue = parseCatalogue(
      root(signature + provider("<esc:OrganizationDisplayName>echt</esc:OrganizationDisplayName>")),
    );
    expect(catalogue.providers).toHaveLength(1);
    expect(catalogue.providers[0]!.displayNames).toEqual([{ lang: "nl", value: "echt" }]);
  });

  it("reads a Signature deeper than the root's child as ordinary content", () => {
    const p = only(
      root(
        provider(
          instance(
            "<ds:Signature><ds:X509Certificate> MII\n BB </ds:X509Certificate></ds:Signature>",
          ),
        ),
      ),
    );
    expect(p.instances[0]!.serviceCertificates).toEqual(["MIIBB"]);
  });

  it("joins the text of an element split by CDATA, trimmed", () => {
    const p = only(
      root(
        provider("<esc:OrganizationDisplayName> A <![CDATA[& B]]> </esc:OrganizationDisplayName>"),
      ),
    );
    expect(p.displayNames[0]!.value).toBe("A & B");
  });
});

describe("reading: refusals name what is wrong and where", () => {
  it("accepts any 1.x catalogue namespace and refuses others, naming the root", () => {
    expect(parseCatalogue(root("", "urn:etoegang:1.11:service-catalog")).providers).toEqual([]);
    expect(parseCatalogue(root("", "urn:etoegang:1.130:service-catalog")).providers).toEqual([]);
    for (const ns of [
      "urn:etoegang:2.0:service-catalog",
      "urn:etoegang:1.x:service-catalog",
      "urn:etoegang:1.:service-catalog",
      "urn:etoegang:1.13:service-catalog:extra",
      "x-urn:etoegang:1.13:service-catalog",
    ]) {
      expect(errorOf(() => parseCatalogue(root("", ns))).message).toBe(
        `line 1: wrong root element <esc:ServiceCatalogue> in ${ns}: expected ServiceCatalogue in an urn:etoegang:1.x:service-catalog namespace`,
      );
    }
    expect(errorOf(() => parseCatalogue("<Catalogue/>")).message).toBe(
      "line 1: wrong root element <Catalogue>: expected ServiceCatalogue in an urn:etoegang:1.x:service-catalog namespace",
    );
  });

  it("refuses input over the size limit before parsing, in MB; the limit itself passes", () => {
    expect(DEFAULT_MAX_CATALOGUE_BYTES).toBe(32 * 1024 * 1024);
    const maxBytes = 3 * 1024 * 1024;
    const base = root("");
    const exact = base + " ".repeat(maxBytes - base.length);
    expect(parseCatalogue(exact, { maxBytes }).providers).toEqual([]);
    expect(errorOf(() => parseCatalogue(`${exact} `, { maxBytes })).message).toBe(
      "the catalogue is 3.0 MB, more than the 3.0 MB limit",
    );
    const big = " ".repeat(DEFAULT_MAX_CATALOGUE_BYTES + 1);
    expect(errorOf(() => parseCatalogue(big)).message).toBe(
      "the catalogue is 32.0 MB, more than the 32.0 MB limit",
    );
  });

  it("refuses empty input, and input that does not start with '<', quoting its start", () => {
    expect(errorOf(() => parseCatalogue(" \n ")).message).toBe("the catalogue is empty");
    expect(errorOf(() => parseCatalogue('  {"services": [1, 2, 3, 4, 5]}')).message).toBe(
      'not XML: it starts with "{\\"services\\": [1, 2, "',
    );
  });

  it("reads a catalogue that starts with a byte-order mark", () => {
    expect(parseCatalogue(`\uFEFF${root("")}`).providers).toEqual([]);
  });

  it("refuses a RequestedAttribute without a Name, naming the line", () => {
    const xml = root(`\n${provider(definition("\n<esc:RequestedAttribute/>"))}`);
    expect(errorOf(() => parseCatalogue(xml)).message).toBe(
      "line 3: RequestedAttribute has no Name",
    );
  });

  it("refuses an empty AuthnContextClassRef, naming the service", () => {
    const xml = root(
      provider(
        "<esc:ServiceDefinition><esc:ServiceUUID>def-9</esc:ServiceUUID><esc:ServiceName>x</esc:ServiceName><saml2:AuthnContextClassRef> </saml2:AuthnContextClassRef></esc:ServiceDefinition>",
      ),
    );
    expect(errorOf(() => parseCatalogue(xml)).message).toBe(
      "line 1: ServiceDefinition def-9 has an empty AuthnContextClassRef",
    );
  });

  it.each([
    [
      "a definition without ServiceUUID",
      provider(
        "\n<esc:ServiceDefinition><esc:ServiceName>x</esc:ServiceName></esc:ServiceDefinition>",
      ),
      "line 2: ServiceDefinition has no ServiceUUID",
    ],
    [
      "a definition with an empty ServiceUUID",
      provider(
        "\n<esc:ServiceDefinition><esc:ServiceUUID> </esc:ServiceUUID></esc:ServiceDefinition>",
      ),
      "line 2: ServiceDefinition has no ServiceUUID",
    ],
    [
      "a definition without ServiceName",
      provider(
        "\n<esc:ServiceDefinition><esc:ServiceUUID>def-2</esc:ServiceUUID></esc:ServiceDefinition>",
      ),
      "line 2: ServiceDefinition def-2 has no ServiceName",
    ],
    [
      "a definition without a level",
      provider(
        "\n<esc:ServiceDefinition><esc:ServiceUUID>def-3</esc:ServiceUUID><esc:ServiceName>x</esc:ServiceName></esc:ServiceDefinition>",
      ),
      "line 2: ServiceDefinition def-3 has no AuthnContextClassRef (the required level)",
    ],
    [
      "an instance without ServiceID",
      provider(
        "\n\n<esc:ServiceInstance><esc:ServiceUUID>i</esc:ServiceUUID></esc:ServiceInstance>",
      ),
      "line 3: ServiceInstance has no ServiceID",
    ],
    [
      "an instance without ServiceUUID",
      provider(
        "\n<esc:ServiceInstance><esc:ServiceID>urn:s:1</esc:ServiceID></esc:ServiceInstance>",
      ),
      "line 2: ServiceInstance urn:s:1 has no ServiceUUID",
    ],
    [
      "a provider without OIN",
      "\n<esc:ServiceProvider></esc:ServiceProvider>",
      "line 2: ServiceProvider has no ServiceProviderID (OIN)",
    ],
  ])("refuses %s, naming the line", (_what, body, message) => {
    expect(errorOf(() => parseCatalogue(root(body))).message).toBe(message);
  });

  it("refuses broken XML as not well-formed", () => {
    expect(errorOf(() => parseCatalogue(root("<esc:A></esc:B>"))).message).toMatch(
      /^not well-formed XML: /,
    );
  });
});

describe("finding services", () => {
  const index = indexCatalogue(parseCatalogue(writeCatalogue(EVERYTHING)));

  it("normalises names: lower case, no accents, punctuation to single spaces, '+' kept", () => {
    expect(normalizeName("  Één-Loket,  EH2+ (Proef)  ")).toBe("een loket eh2+ proef");
    expect(normalizeName("ÄÖÜ123")).toBe("aou123");
  });

  it("finds by ServiceID and ServiceUUID with white space around them", () => {
    expect(
      index.byServiceID(" urn:etoegang:DV:00000001000000000042:services:1 ")?.serviceUUID,
    ).toBe("def-a");
    expect(index.byServiceID("urn:etoegang:DV:00000001000000000042:services:2")?.serviceUUID).toBe(
      "def-b",
    );
    expect(index.byServiceUUID(" def-b ")?.service).toBe("Permits");
    expect(index.byServiceID("urn:x")).toBeUndefined();
  });

  it("finds by name in any case and returns every service of that name", () => {
    expect(index.byName("PERMITS").map((s) => s.serviceUUID)).toEqual(["def-b"]);
    expect(index.byName("nothing")).toEqual([]);
  });

  it("searches every word in the names and the provider", () => {
    expect(index.search("gemeente permits").map((s) => s.serviceUUID)).toEqual(["def-b"]);
    expect(index.search("afval proef").map((s) => s.serviceUUID)).toEqual(["def-a"]);
    expect(index.search("afval permits")).toEqual([]);
    expect(index.search("  ").map((s) => s.serviceUUID)).toEqual(["def-a", "def-b"]);
  });

  it("names a service's provider by its Dutch display name and gives its level and URN", () => {
    expect(index.byServiceUUID("def-a")).toMatchObject({
      provider: "Gemeente Proef",
      providerOIN: "00000001000000000042",
      level: "EH2+",
      levelURN: "urn:etoegang:core:assurance-class:loa2plus",
    });
  });

  it("picks the asked language, else Dutch, else English, else the first", () => {
    const texts = [
      { lang: "fr", value: "F" },
      { lang: "en", value: "E" },
      { lang: "nl", value: "N" },
    ];
    expect(pickText(texts, "en")).toBe("E");
    expect(pickText(texts, "de")).toBe("N");
    expect(pickText(texts)).toBe("N");
    expect(pickText(texts.slice(0, 2), "de")).toBe("E");
    expect(pickText(texts.slice(0, 1), "de")).toBe("F");
    expect(pickText([], "de")).toBeUndefined();
  });
});
