// The dienstencatalogus (ESC XML) as typed data. Field names follow the ESC
// element names so a reader can map one to the other without a table.
import type { Level } from "../levels.ts";

export interface LocalizedText {
  readonly lang: string;
  readonly value: string;
}

export interface EntityConcernedType {
  /** e.g. "urn:etoegang:1.9:EntityConcernedID:KvKnr" */
  readonly type: string;
  readonly setNumber?: string;
}

export interface RequestedAttribute {
  readonly name: string;
  readonly isRequired?: boolean;
  readonly purposeStatements: readonly LocalizedText[];
}

export interface ServiceDefinition {
  readonly serviceUUID: string;
  readonly isPublic: boolean;
  readonly isPortal?: boolean;
  /** Also the name of the machtiging a customer requests. */
  readonly names: readonly LocalizedText[];
  readonly descriptions: readonly LocalizedText[];
  readonly descriptionURLs: readonly LocalizedText[];
  /** The catalogue level: the highest level a request for this service may ask. */
  readonly level: Level;
  readonly herkenningsmakelaarId: string;
  readonly entityConcernedTypesAllowed: readonly EntityConcernedType[];
  readonly serviceRestrictionsAllowed: readonly string[];
  readonly requestedAttributes: readonly RequestedAttribute[];
}

export interface ServiceInstance {
  /** urn:etoegang:DV:<OIN>:services:<n> */
  readonly serviceID: string;
  readonly serviceUUID: string;
  /** ServiceUUID of the ServiceDefinition this instance provides. */
  readonly instanceOfService?: string;
  readonly isPublic: boolean;
  readonly serviceURLs: readonly LocalizedText[];
  readonly privacyPolicyURLs: readonly LocalizedText[];
  readonly herkenningsmakelaarId: string;
  readonly ssoSupport?: boolean;
  /** Base64 DER encryption certificates. */
  readonly serviceCertificates: readonly string[];
  readonly classifiers: readonly string[];
}

export interface ServiceProvider {
  /** The OIN, 20 digits. */
  readonly oin: string;
  readonly isPublic: boolean;
  readonly displayNames: readonly LocalizedText[];
  readonly definitions: readonly ServiceDefinition[];
  readonly instances: readonly ServiceInstance[];
}

export interface Catalogue {
  readonly id?: string;
  readonly issueInstant?: string;
  readonly version?: string;
  readonly providers: readonly ServiceProvider[];
}

/** The text in the preferred language, else Dutch, else English, else the first. */
export function pickText(
  texts: readonly LocalizedText[],
  language: string = "nl",
): string | undefined {
  return (
    texts.find((t) => t.lang === language) ??
    texts.find((t) => t.lang === "nl") ??
    texts.find((t) => t.lang === "en") ??
    texts[0]
  )?.value;
}
