// SP metadata as an eHerkenning dienstverlener publishes it: one signed
// EntityDescriptor, an SPSSODescriptor with signing and encryption keys, the
// ACS and one AttributeConsumingService per service, named by its ServiceID.
import { signRoot, type SigningKey } from "../saml-core/signature.ts";
import { BINDINGS, NS, escapeXml, newId } from "../saml-core/xml.ts";

export interface SpService {
  /** AttributeConsumingServiceIndex that selects this service. */
  readonly index: number;
  /** Its ServiceID (eherkenning/identifiers.ts serviceID). */
  readonly serviceID: string;
  readonly name: string;
}

export interface SpMetadataInput {
  readonly entityID: string;
  readonly acsUrl: string;
  readonly acsBinding: "artifact" | "post";
  readonly services: readonly SpService[];
  readonly signing: SigningKey;
  /** Omit to publish no encryption certificate (identifiers then come as plain NameIDs). */
  readonly encryption?: SigningKey | undefined;
  /** Where LogoutResponses go (HTTP-POST); none when absent. */
  readonly singleLogoutUrl?: string | undefined;
  /** Sign the metadata (the default, as the network requires). */
  readonly signed?: boolean;
}

function keyDescriptor(use: "signing" | "encryption", key: SigningKey): string {
  return (
    `<md:KeyDescriptor use="${use}"><ds:KeyInfo xmlns:ds="${NS.ds}"><ds:KeyName>${key.fingerprintSha256}</ds:KeyName>` +
    `<ds:X509Data><ds:X509Certificate>${key.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`
  );
}

export function serviceProviderMetadataXml(input: SpMetadataInput): string {
  const services = input.services
    .map(
      (s) =>
        `<md:AttributeConsumingService index="${s.index}"><md:ServiceName xml:lang="nl">${escapeXml(s.name)}</md:ServiceName>` +
        `<md:RequestedAttribute Name="${escapeXml(s.serviceID)}" isRequired="false"/></md:AttributeConsumingService>`,
    )
    .join("");
  const xml =
    `<md:EntityDescriptor xmlns:md="${NS.md}" ID="${newId()}" entityID="${escapeXml(input.entityID)}">` +
    `<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    keyDescriptor("signing", input.signing) +
    (input.encryption ? keyDescriptor("encryption", input.encryption) : "") +
    (input.singleLogoutUrl
      ? `<md:SingleLogoutService Binding="${BINDINGS.post}" Location="${escapeXml(input.singleLogoutUrl)}"/>`
      : "") +
    `<md:AssertionConsumerService index="0" isDefault="true" Binding="${input.acsBinding === "post" ? BINDINGS.post : BINDINGS.artifact}" Location="${escapeXml(input.acsUrl)}"/>` +
    services +
    `</md:SPSSODescriptor></md:EntityDescriptor>`;
  return input.signed === false ? xml : signRoot(xml, input.signing, { placement: "first-child" });
}
