// eHerkenning's names for parties, identifiers, attributes and levels: entity
// IDs (afsprakenstelsel "EntityID"), ServiceIDs, the identifier types an
// EncryptedID's NameID carries as NameQualifier ("Identificerende kenmerken",
// "SAML encryption"), the attribute names of the DV-HM interface, the loa URNs
// and the per-level rules. One copy, for the makelaar, the SP library and the
// extension alike: nothing outside eherkenning/ writes an urn:etoegang string
// by hand (identifiers.test.ts checks the source tree).
import { isAtLeast, LEVEL_LABELS, type Level } from "./levels.ts";

/** The roles a participant's system has in the network. */
export type EntityRole = "DV" | "HM" | "AD" | "MR" | "EB";

const OIN = /^\d{20}$/;

/** The index our own test systems use (9000-9999 are kept for test systems). */
export const TEST_ENTITY_INDEX = 9001;

/** urn:etoegang:<ROLE>:<OIN>:entities:<index>; indexes 9000-9999 are for test systems. */
export function entityId(role: EntityRole, oin: string, index: number): string {
  if (!OIN.test(oin)) throw new Error(`entityId: the OIN "${oin}" is not 20 digits`);
  return `urn:etoegang:${role}:${oin}:entities:${index}`;
}

/** urn:etoegang:DV:<OIN>:services:<index>, what AttributeConsumingServiceIndex selects. */
export function serviceId(oin: string, index: number): string {
  if (!OIN.test(oin)) throw new Error(`serviceId: the OIN "${oin}" is not 20 digits`);
  return `urn:etoegang:DV:${oin}:services:${index}`;
}

/** How a ServiceID is written, for messages that say what was expected. */
export const SERVICE_ID_FORM = "urn:etoegang:DV:<OIN>:services:<n>";

const SERVICE_ID = /^urn:etoegang:DV:(\d{20}):services:(\d+)$/;

export function isServiceId(value: string): boolean {
  return SERVICE_ID.test(value);
}

/** The AttributeConsumingServiceIndex that selects a ServiceID: its last number. */
export function serviceIndexOf(value: string): number {
  const index = SERVICE_ID.exec(value)?.[2];
  if (index === undefined) throw new Error(`Not a ServiceID (${SERVICE_ID_FORM}): ${value}`);
  return Number(index);
}

const ENTITY_ID = /^urn:etoegang:(DV|HM|AD|MR|EB):(\d{20}):entities:(\d+)$/;

/** The parts of an entity ID, or undefined when it is not one. */
export function parseEntityId(
  value: string,
): { readonly role: EntityRole; readonly oin: string; readonly index: number } | undefined {
  const match = ENTITY_ID.exec(value);
  return match
    ? { role: match[1] as EntityRole, oin: match[2]!, index: Number(match[3]) }
    : undefined;
}

/**
 * Identifier types, as the NameQualifier of the NameID inside an EncryptedID.
 * The pseudonym is written in the 1.13 form current brokers send (a Signicat
 * 1.13 answer of 2023); makelaar metadata still lists the 1.9 form, and a
 * reader should accept both.
 */
// Stryker disable all: the afsprakenstelsel's names (data); every reader and
// writer takes them from here, so a test could only copy them.
export const IDENTIFIER_TYPES = Object.freeze({
  kvk: "urn:etoegang:1.9:EntityConcernedID:KvKnr",
  rsin: "urn:etoegang:1.9:EntityConcernedID:RSIN",
  pseudo: "urn:etoegang:1.13:EntityConcernedID:Pseudo",
  pseudo19: "urn:etoegang:1.9:EntityConcernedID:Pseudo",
});

// Stryker restore all

/** The last part of an identifier type: "KvKnr", "RSIN", "Pseudo". */
export function identifierTypeName(qualifier: string): string {
  return qualifier.slice(qualifier.lastIndexOf(":") + 1);
}

// Stryker disable all: names (data), as above.
/** Attribute names of the DV-HM interface and of the AD and MR assertions in Advice. */
export const ATTRIBUTE_NAMES = Object.freeze({
  serviceID: "urn:etoegang:core:ServiceID",
  serviceUUID: "urn:etoegang:core:ServiceUUID",
  legalSubjectID: "urn:etoegang:core:LegalSubjectID",
  actingSubjectID: "urn:etoegang:core:ActingSubjectID",
  representation: "urn:etoegang:core:Representation",
  authorizationRegistryID: "urn:etoegang:core:AuthorizationRegistryID",
  levelOfAssurance: "urn:etoegang:core:LevelOfAssurance",
  levelOfAssuranceUsed: "urn:etoegang:core:LevelOfAssuranceUsed",
  linkedDeclarationSignatureValue: "urn:etoegang:core:LinkedDeclarationSignatureValue",
  companyName: "urn:etoegang:1.11:attribute-represented:CompanyName",
  vestigingsnr: "urn:etoegang:1.9:ServiceRestriction:Vestigingsnr",
});

/** The namespace of eHerkenning's SAML protocol extensions. */
export const SAMLP_EXTENSION_NS = "urn:etoegang:1.9:samlp-extension";
// Stryker restore all

const LOA_PREFIX = "urn:etoegang:core:assurance-class:";

/** The AuthnContextClassRef of each level. */
export const LOA_URNS: Readonly<Record<Level, string>> = Object.freeze({
  EH1: `${LOA_PREFIX}loa1`,
  EH2: `${LOA_PREFIX}loa2`,
  "EH2+": `${LOA_PREFIX}loa2plus`,
  EH3: `${LOA_PREFIX}loa3`,
  EH4: `${LOA_PREFIX}loa4`,
});

export function levelToUrn(level: Level): string {
  return LOA_URNS[level];
}

const BY_URN = new Map(LEVEL_LABELS.map((label) => [LOA_URNS[label], label]));

/** The level for an AuthnContextClassRef, or undefined for an unknown URN. */
export function levelFromUrn(urn: string): Level | undefined {
  return BY_URN.get(urn.trim());
}

/** From this level on a middel has a second factor (an sms, app or token code). */
export const SECOND_FACTOR_FROM: Level = "EH2+";

export function needsSecondFactor(level: Level): boolean {
  return isAtLeast(level, SECOND_FACTOR_FROM);
}

/** One `esc:EntityConcernedTypesAllowed` entry of a service definition. */
export interface AllowedIdentifierType {
  readonly type: string;
  readonly setNumber?: string;
}

/**
 * The identifier types an assertion carries as LegalSubjectID values for a
 * service: the catalogue's EntityConcernedTypesAllowed grouped by setNumber
 * (types sharing a number are delivered together; an entry without one is a
 * set of its own), the first set in catalogue order whose every type the
 * organisation has. When no set can be filled, or the catalogue names none,
 * the KvK number alone (every organisation in eHerkenning has one).
 */
export function legalSubjectTypes(
  allowed: readonly AllowedIdentifierType[],
  has: (type: string) => boolean,
): string[] {
  const sets = new Map<string, string[]>();
  allowed.forEach((entry, i) => {
    const key = entry.setNumber === undefined ? `#${i}` : entry.setNumber;
    const set = sets.get(key) ?? [];
    if (!set.includes(entry.type)) set.push(entry.type);
    sets.set(key, set);
  });
  for (const set of sets.values()) {
    if (set.every(has)) return set;
  }
  return [IDENTIFIER_TYPES.kvk];
}

/** The network's environments: production (P) or test (T). */
export type NetworkEnvironment = "P" | "T";

/** The interface version this project speaks. */
export const INTERFACE_VERSION = "1.13";

/**
 * The Name of a metadata EntitiesDescriptor: urn:etoegang:<version>:<P|T>:<n>
 * (afsprakenstelsel "Metadata for participants").
 */
export function metadataName(environment: NetworkEnvironment, sequence: number): string {
  return `urn:etoegang:${INTERFACE_VERSION}:${environment}:${sequence}`;
}

/** The namespace of the EntityDescriptor's version attribute (the iWelcome 1.13 metadata writes it so). */
export const METADATA_EXTENSION_NS = `urn:etoegang:${INTERFACE_VERSION}:metadata-extension`;

/** A catalogue's esc:Version: urn:etoegang:1.13:service-catalogue:<P|T>:<n>. */
export function catalogueVersion(environment: NetworkEnvironment, sequence: number): string {
  return `urn:etoegang:${INTERFACE_VERSION}:service-catalogue:${environment}:${sequence}`;
}
