// eHerkenning's names for parties, identifiers and attributes: entity IDs
// (afsprakenstelsel "EntityID"), the identifier types an EncryptedID's NameID
// carries as NameQualifier ("Identificerende kenmerken", "SAML encryption")
// and the attribute names of the DV-HM interface. One copy, for the makelaar,
// the SP library and the extension alike.

/** The roles a participant's system has in the network. */
export type EntityRole = "DV" | "HM" | "AD" | "MR" | "EB";

const OIN = /^\d{20}$/;

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
export const IDENTIFIER_TYPES = Object.freeze({
  kvk: "urn:etoegang:1.9:EntityConcernedID:KvKnr",
  rsin: "urn:etoegang:1.9:EntityConcernedID:RSIN",
  pseudo: "urn:etoegang:1.13:EntityConcernedID:Pseudo",
  pseudo19: "urn:etoegang:1.9:EntityConcernedID:Pseudo",
});

/** The last part of an identifier type: "KvKnr", "RSIN", "Pseudo". */
export function identifierTypeName(qualifier: string): string {
  return qualifier.slice(qualifier.lastIndexOf(":") + 1);
}

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
