// Writes the typed model as ESC XML 1.13. The output is unsigned; whoever
// publishes it (the mock makelaar) adds the enveloped ds:Signature as the first
// child of the root, as the afsprakenstelsel prescribes.
import { catalogueVersion, levelToUrn } from "../identifiers.ts";
import type {
  Catalogue,
  LocalizedText,
  ServiceDefinition,
  ServiceInstance,
  ServiceProvider,
} from "./model.ts";

export const CATALOGUE_NS = "urn:etoegang:1.13:service-catalog";

const NAMESPACES = [
  `xmlns:esc="${CATALOGUE_NS}"`,
  `xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"`,
  `xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"`,
  `xmlns:ds="http://www.w3.org/2000/09/xmldsig#"`,
].join(" ");

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function element(name: string, value: string, attributes = ""): string {
  return `<${name}${attributes}>${escapeXml(value)}</${name}>`;
}

function localized(name: string, texts: readonly LocalizedText[]): string[] {
  return texts.map((t) => element(name, t.value, ` xml:lang="${escapeXml(t.lang)}"`));
}

function indent(lines: string[], depth: number): string[] {
  const pad = "  ".repeat(depth);
  return lines.map((line) => pad + line);
}

function writeDefinition(d: ServiceDefinition): string[] {
  const portal = d.isPortal === undefined ? "" : ` esc:IsPortal="${String(d.isPortal)}"`;
  return [
    `<esc:ServiceDefinition esc:IsPublic="${String(d.isPublic)}"${portal}>`,
    ...indent(
      [
        element("esc:ServiceUUID", d.serviceUUID),
        ...localized("esc:ServiceName", d.names),
        ...localized("esc:ServiceDescription", d.descriptions),
        ...localized("esc:ServiceDescriptionURL", d.descriptionURLs),
        element("saml2:AuthnContextClassRef", levelToUrn(d.level)),
        element("esc:HerkenningsmakelaarId", d.herkenningsmakelaarId),
        ...d.entityConcernedTypesAllowed.map((e) =>
          element(
            "esc:EntityConcernedTypesAllowed",
            e.type,
            e.setNumber === undefined ? "" : ` esc:setNumber="${escapeXml(e.setNumber)}"`,
          ),
        ),
        ...d.serviceRestrictionsAllowed.map((r) => element("esc:ServiceRestrictionsAllowed", r)),
        ...d.requestedAttributes.flatMap((a) => [
          `<esc:RequestedAttribute Name="${escapeXml(a.name)}"${
            a.isRequired === undefined ? "" : ` isRequired="${String(a.isRequired)}"`
          }>`,
          ...indent(localized("esc:PurposeStatement", a.purposeStatements), 1),
          "</esc:RequestedAttribute>",
        ]),
      ],
      1,
    ),
    "</esc:ServiceDefinition>",
  ];
}

export interface CatalogueWriteOptions {
  /**
   * The KeyName to write beside a ServiceCertificate's X509Data (real
   * generators write the certificate's hex fingerprint); none when absent.
   * A function, as hashing needs a crypto API this pure module does not assume.
   */
  readonly certificateKeyName?: (certificate: string) => string;
}

function serviceCertificate(cert: string, options: CatalogueWriteOptions): string[] {
  const keyName = options.certificateKeyName?.(cert);
  return [
    "<esc:ServiceCertificate>",
    `  <md:KeyDescriptor use="encryption"><ds:KeyInfo>${
      keyName === undefined ? "" : element("ds:KeyName", keyName)
    }<ds:X509Data>${element("ds:X509Certificate", cert)}</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    "</esc:ServiceCertificate>",
  ];
}

function writeInstance(i: ServiceInstance, options: CatalogueWriteOptions): string[] {
  return [
    `<esc:ServiceInstance esc:IsPublic="${String(i.isPublic)}">`,
    ...indent(
      [
        element("esc:ServiceID", i.serviceID),
        element("esc:ServiceUUID", i.serviceUUID),
        ...(i.instanceOfService === undefined
          ? []
          : [element("esc:InstanceOfService", i.instanceOfService)]),
        ...localized("esc:ServiceURL", i.serviceURLs),
        ...localized("esc:PrivacyPolicyURL", i.privacyPolicyURLs),
        element("esc:HerkenningsmakelaarId", i.herkenningsmakelaarId),
        ...(i.ssoSupport === undefined ? [] : [element("esc:SSOSupport", String(i.ssoSupport))]),
        ...i.serviceCertificates.flatMap((cert) => serviceCertificate(cert, options)),
        ...(i.classifiers.length === 0
          ? []
          : [
              "<esc:Classifiers>",
              ...indent(
                i.classifiers.map((c) => element("esc:Classifier", c)),
                1,
              ),
              "</esc:Classifiers>",
            ]),
      ],
      1,
    ),
    "</esc:ServiceInstance>",
  ];
}

function writeProvider(p: ServiceProvider, options: CatalogueWriteOptions): string[] {
  return [
    `<esc:ServiceProvider esc:IsPublic="${String(p.isPublic)}">`,
    ...indent(
      [
        element("esc:ServiceProviderID", p.oin),
        ...localized("esc:OrganizationDisplayName", p.displayNames),
        ...p.definitions.flatMap(writeDefinition),
        ...p.instances.flatMap((i) => writeInstance(i, options)),
      ],
      1,
    ),
    "</esc:ServiceProvider>",
  ];
}

export function writeCatalogue(catalogue: Catalogue, options: CatalogueWriteOptions = {}): string {
  const id = catalogue.id ?? "_catalogue";
  const issueInstant = catalogue.issueInstant ?? new Date().toISOString();
  const version = catalogue.version ?? catalogueVersion("T", 1);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<esc:ServiceCatalogue ${NAMESPACES} ID="${escapeXml(id)}" esc:IssueInstant="${escapeXml(
      issueInstant,
    )}" esc:Version="${escapeXml(version)}">`,
    ...indent(
      catalogue.providers.flatMap((p) => writeProvider(p, options)),
      1,
    ),
    "</esc:ServiceCatalogue>",
    "",
  ].join("\n");
}
