// The assertions a real HM carries in saml:Advice: the authentication
// service's (AD) and the machtigingenregister's (MR), each signed by its own
// TEST key under its own entityID. Shapes from real 1.13 answers (a Signicat
// ArtifactResponse of 2023 and a Connectis Response of 2020, kept as test data
// in perl-Net-SAML2 t/data/eherkenning-*.xml) and the afsprakenstelsel's
// HM-MR interface page; docs/makelaar.md lists every element with its source.
//
// Both are written in exclusive canonical form with the namespaces they use
// declared on their root (as signed on their own) and signed directly; the
// HM assertion embeds them with embedCanonical, which leaves out what it
// already declares.
import { ATTRIBUTE_NAMES, levelToUrn, type Level } from "../../../eherkenning/index.ts";
import { c14nAttribute, c14nText, signCanonical } from "../../saml-core/canonical.ts";
import {
  encryptedId,
  type EncryptedIdLayout,
  type EncryptionRecipient,
} from "../../saml-core/encryption.ts";
import type { SigningKey } from "../../saml-core/signature.ts";
import { NS, instant, newId } from "../../saml-core/xml.ts";

export const XS = "http://www.w3.org/2001/XMLSchema";
export const XSI = "http://www.w3.org/2001/XMLSchema-instance";
export const XACML_SAML = "urn:oasis:xacml:2.0:saml:assertion:schema:os";
export const XACML_CONTEXT = "urn:oasis:names:tc:xacml:2.0:context:schema:os";
const TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
const PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const ENCRYPTED_ID_TYPE = "urn:oasis:names:tc:SAML:2.0:assertion#EncryptedID";
const XS_STRING = "http://www.w3.org/2001/XMLSchema#string";
const XS_BASE64 = "http://www.w3.org/2001/XMLSchema#base64Binary";

/** A party that signs its own assertion. */
export interface AdviceSigner {
  readonly entityID: string;
  /** The OIN the AD names as AuthenticatingAuthority. */
  readonly oin: string;
  readonly keys: SigningKey;
  /** KeyName in its signatures (real ADs and MRs write the hex SHA-1). */
  readonly keyName: string;
}

/** One identifier, as the NameID inside an EncryptedID holds it. */
export interface Identifier {
  readonly qualifier: string;
  readonly value: string;
}

/** A saml:AttributeValue typed xs:string (xsi declared where exc-c14n renders it). */
export function stringValue(value: string, type = "xs:string"): string {
  return `<saml:AttributeValue xmlns:xsi="${XSI}" xsi:type="${type}">${c14nText(value)}</saml:AttributeValue>`;
}

/** The plaintext of an EncryptedID: a standalone persistent NameID. */
export function nameIdXml(identifier: Identifier): string {
  return `<saml:NameID xmlns:saml="${NS.saml}" Format="${PERSISTENT}" NameQualifier="${c14nAttribute(identifier.qualifier)}">${c14nText(identifier.value)}</saml:NameID>`;
}

/** The identifier as an EncryptedID, or (only when allowed) a plain NameID. */
export function identifierXml(
  identifier: Identifier,
  recipients: readonly EncryptionRecipient[],
  layout: EncryptedIdLayout,
): string {
  if (recipients.length === 0) {
    return `<saml:NameID Format="${PERSISTENT}" NameQualifier="${c14nAttribute(identifier.qualifier)}">${c14nText(identifier.value)}</saml:NameID>`;
  }
  return encryptedId(nameIdXml(identifier), recipients, layout);
}

export interface AdviceInput {
  readonly ad: AdviceSigner;
  readonly mr: AdviceSigner;
  /** The MR's own encryption certificate, for the identifiers it must read. */
  readonly mrRecipient: EncryptionRecipient;
  readonly hmEntityID: string;
  /** Where the AD's answer went: the HM's ACS for ADs (simulated, not served). */
  readonly hmAcsUrl: string;
  readonly dvEntityID: string;
  /** The DV's EncryptionRecipient(s); empty only when plain identifiers are allowed. */
  readonly dvRecipients: readonly EncryptionRecipient[];
  readonly layout: EncryptedIdLayout;
  readonly serviceID: string;
  readonly serviceUUID: string;
  /** The middel's level: what the AD states. */
  readonly middelLevel: Level;
  /** The level the DV asked, else the catalogue level: what the HM asked the MR. */
  readonly levelAsked: Level;
  /** The machtiging's level: what the MR states it used. */
  readonly machtigingLevel: Level;
  readonly acting: Identifier;
  readonly legal: readonly Identifier[];
  /** The transient NameID the AD gives the person (the HM's Subject repeats it). */
  readonly transientId: string;
  readonly now: Date;
  /** How long the AD and MR assertions are valid. */
  readonly lifetimeMs: number;
}

export interface Advice {
  readonly adAssertion: string;
  readonly mrAssertion: string;
  readonly adAssertionId: string;
}

function adAssertion(input: AdviceInput): { xml: string; id: string; signatureValue: string } {
  const id = newId();
  const at = instant(input.now);
  const until = instant(new Date(input.now.getTime() + input.lifetimeMs));
  // The AD encrypts the person's pseudonym for the MR, which looks up the
  // machtiging by it (both real answers we read show the MR as recipient).
  const actingFor = [input.mrRecipient];
  const xml =
    `<saml:Assertion xmlns:saml="${NS.saml}" xmlns:xs="${XS}" ID="${id}" IssueInstant="${at}" Version="2.0">` +
    `<saml:Issuer>${c14nText(input.ad.entityID)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${TRANSIENT}">${c14nText(input.transientId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="${BEARER}"><saml:SubjectConfirmationData InResponseTo="${newId()}" NotOnOrAfter="${until}" Recipient="${c14nAttribute(input.hmAcsUrl)}"></saml:SubjectConfirmationData></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${at}" NotOnOrAfter="${until}"><saml:AudienceRestriction>` +
    `<saml:Audience>${c14nText(input.hmEntityID)}</saml:Audience><saml:Audience>${c14nText(input.mr.entityID)}</saml:Audience><saml:Audience>${c14nText(input.dvEntityID)}</saml:Audience>` +
    `</saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${at}"><saml:AuthnContext><saml:AuthnContextClassRef>${levelToUrn(input.middelLevel)}</saml:AuthnContextClassRef>` +
    `<saml:AuthenticatingAuthority>${c14nText(input.ad.oin)}</saml:AuthenticatingAuthority></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>` +
    `<saml:Attribute Name="${ATTRIBUTE_NAMES.representation}">${stringValue("true", "xs:boolean")}</saml:Attribute>` +
    `<saml:Attribute Name="${ATTRIBUTE_NAMES.serviceUUID}">${stringValue(input.serviceUUID)}</saml:Attribute>` +
    `<saml:Attribute Name="${ATTRIBUTE_NAMES.authorizationRegistryID}">${stringValue(input.mr.entityID)}</saml:Attribute>` +
    `<saml:Attribute Name="${ATTRIBUTE_NAMES.actingSubjectID}"><saml:AttributeValue>${identifierXml(input.acting, actingFor, input.layout)}</saml:AttributeValue></saml:Attribute>` +
    `</saml:AttributeStatement></saml:Assertion>`;
  const signed = signCanonical(xml, id, input.ad.keys, {
    inclusivePrefixes: ["xs"],
    keyName: input.ad.keyName,
  });
  const signatureValue = /<ds:SignatureValue>([^<]*)<\/ds:SignatureValue>/.exec(signed)?.[1] ?? "";
  return { xml: signed, id, signatureValue };
}

function xacmlAttribute(
  id: string,
  dataType: string,
  issuer: string | undefined,
  valueXml: string,
): string {
  const issuerAttribute = issuer === undefined ? "" : ` Issuer="${c14nAttribute(issuer)}"`;
  return (
    `<xacml-context:Attribute AttributeId="${id}" DataType="${dataType}"${issuerAttribute}>` +
    `<xacml-context:AttributeValue>${valueXml}</xacml-context:AttributeValue></xacml-context:Attribute>`
  );
}

function mrAssertion(input: AdviceInput, adId: string, adSignatureValue: string): string {
  const id = newId();
  const at = instant(input.now);
  const until = instant(new Date(input.now.getTime() + input.lifetimeMs));
  const mr = input.mr.entityID;
  const forDv = (identifier: Identifier) =>
    identifierXml(identifier, input.dvRecipients, input.layout);
  const xml =
    `<saml:Assertion xmlns:saml="${NS.saml}" xmlns:xacml-saml="${XACML_SAML}" ID="${id}" IssueInstant="${at}" Version="2.0">` +
    `<saml:Issuer>${c14nText(mr)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${TRANSIENT}" NameQualifier="${c14nAttribute(mr)}">${newId()}</saml:NameID></saml:Subject>` +
    `<saml:Conditions NotBefore="${at}" NotOnOrAfter="${until}"></saml:Conditions>` +
    `<saml:Advice><saml:AssertionIDRef>${adId}</saml:AssertionIDRef></saml:Advice>` +
    `<saml:Statement xmlns:xsi="${XSI}" xsi:type="xacml-saml:XACMLAuthzDecisionStatementType">` +
    `<xacml-context:Response xmlns:xacml-context="${XACML_CONTEXT}"><xacml-context:Result><xacml-context:Decision>Permit</xacml-context:Decision>` +
    `<xacml-context:Status><xacml-context:StatusCode Value="urn:oasis:names:tc:xacml:1.0:status:ok"></xacml-context:StatusCode></xacml-context:Status>` +
    `</xacml-context:Result></xacml-context:Response>` +
    `<xacml-context:Request xmlns:xacml-context="${XACML_CONTEXT}">` +
    `<xacml-context:Subject SubjectCategory="urn:oasis:names:tc:xacml:1.0:subject-category:access-subject">` +
    xacmlAttribute(ATTRIBUTE_NAMES.actingSubjectID, ENCRYPTED_ID_TYPE, mr, forDv(input.acting)) +
    input.legal
      .map((identifier) =>
        xacmlAttribute(ATTRIBUTE_NAMES.legalSubjectID, ENCRYPTED_ID_TYPE, mr, forDv(identifier)),
      )
      .join("") +
    xacmlAttribute(
      ATTRIBUTE_NAMES.linkedDeclarationSignatureValue,
      XS_BASE64,
      input.ad.entityID,
      adSignatureValue,
    ) +
    `</xacml-context:Subject><xacml-context:Resource>` +
    xacmlAttribute(ATTRIBUTE_NAMES.serviceID, XS_STRING, mr, c14nText(input.serviceID)) +
    xacmlAttribute(ATTRIBUTE_NAMES.serviceUUID, XS_STRING, mr, c14nText(input.serviceUUID)) +
    xacmlAttribute(
      ATTRIBUTE_NAMES.levelOfAssurance,
      XS_STRING,
      undefined,
      levelToUrn(input.levelAsked),
    ) +
    xacmlAttribute(
      ATTRIBUTE_NAMES.levelOfAssuranceUsed,
      XS_STRING,
      mr,
      levelToUrn(input.machtigingLevel),
    ) +
    `</xacml-context:Resource><xacml-context:Action>` +
    xacmlAttribute(
      "urn:oasis:names:tc:xacml:1.0:action:action-id",
      XS_STRING,
      undefined,
      "Authenticate",
    ) +
    `</xacml-context:Action><xacml-context:Environment></xacml-context:Environment></xacml-context:Request>` +
    `</saml:Statement></saml:Assertion>`;
  return signCanonical(xml, id, input.mr.keys, {
    inclusivePrefixes: ["xacml-saml"],
    keyName: input.mr.keyName,
  });
}

/** The signed AD and MR assertions for one login. */
export function buildAdvice(input: AdviceInput): Advice {
  const ad = adAssertion(input);
  return {
    adAssertion: ad.xml,
    mrAssertion: mrAssertion(input, ad.id, ad.signatureValue),
    adAssertionId: ad.id,
  };
}
