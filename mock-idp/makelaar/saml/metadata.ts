// The makelaar's own (HM) metadata: signed, built once per instance.
import { levelToUrn, IDENTIFIER_TYPES } from "../../../eherkenning/index.ts";
import type { Makelaar } from "../makelaar.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { ARS_INDEX } from "../artifacts.ts";
import { signRoot } from "../../saml-core/signature.ts";
import { BINDINGS, NS, escapeXml, newId } from "../../saml-core/xml.ts";

const NAME_ID_FORMATS = [
  "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
  IDENTIFIER_TYPES.kvk,
  IDENTIFIER_TYPES.rsin,
  IDENTIFIER_TYPES.pseudo19,
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
    arsUrl: `${makelaar.baseUrl}${ENDPOINTS.ars}`,
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
  const xml =
    `<md:EntityDescriptor xmlns:md="${NS.md}" xmlns:ds="${NS.ds}" ID="${newId()}" entityID="${escapeXml(makelaar.entityID)}">` +
    `<md:Extensions><mdattr:EntityAttributes xmlns:mdattr="${NS.mdattr}">` +
    `<saml:Attribute xmlns:saml="${NS.saml}" Name="urn:oasis:names:tc:SAML:attribute:assurance-certification" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
    `<saml:AttributeValue>${ASSURANCE_CERTIFICATION}</saml:AttributeValue></saml:Attribute>` +
    `</mdattr:EntityAttributes></md:Extensions>` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:KeyName>${keys.fingerprintSha256}</ds:KeyName>` +
    `<ds:X509Data><ds:X509Certificate>${keys.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:ArtifactResolutionService Binding="${BINDINGS.soap}" Location="${base}${ENDPOINTS.ars}" index="${ARS_INDEX}" isDefault="true"/>` +
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
    `<md:EmailAddress>mailto:beheer@mock-makelaar.test</md:EmailAddress></md:ContactPerson>` +
    `</md:EntityDescriptor>`;
  const signed = signRoot(xml, keys, { placement: "first-child" });
  cache.set(makelaar, signed);
  return signed;
}
