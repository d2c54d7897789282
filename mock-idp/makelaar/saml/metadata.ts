// The makelaar's own (HM) metadata as the network publishes it
// (afsprakenstelsel "Metadata for participants"; the iWelcome 1.13 file in
// django-digid-eherkenning's tests/files/eherkenning/metadata): one signed
// md:EntitiesDescriptor with a Name (metadataName: interface version,
// environment T, sequence number), holding the HM's EntityDescriptor with the
// 1.13 version attribute. docs/makelaar.md lists each shape and its source.
// Built once per instance.
import {
  IDENTIFIER_TYPES,
  METADATA_EXTENSION_NS,
  INTERFACE_VERSION,
  levelToUrn,
  metadataName,
} from "../../../eherkenning/index.ts";
import type { Makelaar } from "../makelaar.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { ARS_INDEX } from "../artifacts.ts";
import { signRoot } from "../../saml-core/signature.ts";
import { BINDINGS, NS, escapeXml, newId } from "../../saml-core/xml.ts";

/**
 * The identifier types this makelaar delivers, as the network's metadata
 * lists them (no transient: identifiers are the formats). The iWelcome file
 * also lists eIDAS, BSN and PseudoID types, which this makelaar never sends.
 */
const NAME_ID_FORMATS = [
  IDENTIFIER_TYPES.kvk,
  IDENTIFIER_TYPES.pseudo19,
  IDENTIFIER_TYPES.pseudo,
  IDENTIFIER_TYPES.rsin,
];
/** The highest level this makelaar is certified for. */
const ASSURANCE_CERTIFICATION = levelToUrn("EH4");

const cache = new WeakMap<Makelaar, string>();

/** The makelaar as a service provider knows it: its metadata and endpoint URLs. */
export function makelaarEndpoints(makelaar: Makelaar): {
  readonly metadataXml: string;
  readonly ssoUrl: string;
  readonly arsUrl: string;
} {
  return {
    metadataXml: makelaarMetadataXml(makelaar),
    ssoUrl: `${makelaar.baseUrl}${ENDPOINTS.sso}`,
    arsUrl: makelaar.mutualTls?.arsUrl ?? `${makelaar.baseUrl}${ENDPOINTS.ars}`,
  };
}

export function makelaarMetadataXml(makelaar: Makelaar): string {
  const cached = cache.get(makelaar);
  if (cached) return cached;
  const base = escapeXml(makelaar.baseUrl);
  const keys = makelaar.signingKeys;
  const sso = (binding: string) =>
    `<md:SingleSignOnService Binding="${binding}" Location="${base}${ENDPOINTS.sso}"/>`;
  const slo = (binding: string) =>
    `<md:SingleLogoutService Binding="${binding}" Location="${base}${ENDPOINTS.slo}"/>`;
  // Both indexes name one location, as the iWelcome file does: the HTTPS ARS
  // that asks a client certificate when it runs, else the plain one.
  const arsUrl = escapeXml(makelaar.mutualTls?.arsUrl ?? `${makelaar.baseUrl}${ENDPOINTS.ars}`);
  const xml =
    `<md:EntitiesDescriptor xmlns:md="${NS.md}" xmlns:ds="${NS.ds}" ID="${newId()}" Name="${metadataName("T", 1)}" cacheDuration="P7D">` +
    `<md:EntityDescriptor xmlns:esm="${METADATA_EXTENSION_NS}" entityID="${escapeXml(makelaar.entityID)}" esm:version="${INTERFACE_VERSION}">` +
    `<md:Extensions><mdattr:EntityAttributes xmlns:mdattr="${NS.mdattr}">` +
    `<saml:Attribute xmlns:saml="${NS.saml}" Name="urn:oasis:names:tc:SAML:attribute:assurance-certification" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
    `<saml:AttributeValue>${ASSURANCE_CERTIFICATION}</saml:AttributeValue></saml:Attribute>` +
    `</mdattr:EntityAttributes></md:Extensions>` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:KeyName>${keys.fingerprintSha256}</ds:KeyName>` +
    `<ds:X509Data><ds:X509Certificate>${keys.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:ArtifactResolutionService Binding="${BINDINGS.soap}" Location="${arsUrl}" index="${ARS_INDEX}" isDefault="true"/>` +
    `<md:ArtifactResolutionService Binding="${BINDINGS.soap}" Location="${arsUrl}" index="${ARS_INDEX + 1}"/>` +
    slo(BINDINGS.redirect) +
    slo(BINDINGS.post) +
    NAME_ID_FORMATS.map((f) => `<md:NameIDFormat>${f}</md:NameIDFormat>`).join("") +
    sso(BINDINGS.artifact) +
    sso(BINDINGS.post) +
    sso(BINDINGS.redirect) +
    `</md:IDPSSODescriptor>` +
    `<md:Organization><md:OrganizationName xml:lang="nl">eh-overstap mock makelaar (TEST)</md:OrganizationName>` +
    `<md:OrganizationDisplayName xml:lang="nl">Mock makelaar (testomgeving)</md:OrganizationDisplayName>` +
    `<md:OrganizationURL xml:lang="nl">${base}/</md:OrganizationURL></md:Organization>` +
    `<md:ContactPerson contactType="administrative"><md:Company>eh-overstap</md:Company>` +
    `<md:EmailAddress>mailto:beheer@mock-makelaar.test</md:EmailAddress>` +
    `<md:TelephoneNumber>+31 00 000 0000 (invented)</md:TelephoneNumber></md:ContactPerson>` +
    `</md:EntityDescriptor></md:EntitiesDescriptor>`;
  // A metadata signature carries the certificate (X509Data only), unlike a
  // message's, which names it.
  const signed = signRoot(xml, keys, { placement: "first-child", keyInfo: "x509" });
  cache.set(makelaar, signed);
  return signed;
}
