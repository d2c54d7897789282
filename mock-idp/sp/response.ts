// Reads the makelaar's samlp:Response: its signatures, destination, audience
// and times checked, the level read, the EncryptedIDs decrypted.
import { XMLSerializer, type Document, type Element } from "@xmldom/xmldom";
import { ATTRIBUTE_NAMES, levelFromUrn } from "../../eherkenning/index.ts";
import { decryptXml } from "../saml-core/encryption.ts";
import {
  NS,
  STATUS_PREFIX,
  attribute,
  childElement,
  childElements,
  descendant,
  is,
  parseXml,
  textOf,
} from "../saml-core/xml.ts";
import type { SpContext } from "./context.ts";
import { ServiceProviderError } from "./errors.ts";
import type { LoginResult, Subject } from "./types.ts";

const serializer = new XMLSerializer();

export function statusOf(response: Element): { top: string; sub?: string; message: string } {
  const status = childElement(response, NS.samlp, "Status");
  const code = status && childElement(status, NS.samlp, "StatusCode");
  const sub = code && childElement(code, NS.samlp, "StatusCode");
  return {
    top: (code && attribute(code, "Value")) ?? "",
    ...(sub ? { sub: attribute(sub, "Value") ?? "" } : {}),
    message: textOf(status && childElement(status, NS.samlp, "StatusMessage")),
  };
}

async function identifierOf(ctx: SpContext, value: Element): Promise<Subject | undefined> {
  const encrypted = childElement(value, NS.saml, "EncryptedID");
  let nameId = childElement(value, NS.saml, "NameID");
  if (encrypted) {
    if (!ctx.decryptionKey) {
      throw new ServiceProviderError("Got an EncryptedID but this SP has no encryption key.");
    }
    const data = childElement(encrypted, NS.xenc, "EncryptedData");
    if (!data) throw new ServiceProviderError("EncryptedID without xenc:EncryptedData.");
    const plain = await decryptXml(serializer.serializeToString(data), ctx.decryptionKey);
    nameId = parseXml(plain, "The decrypted NameID").documentElement ?? undefined;
    if (!nameId || !is(nameId, NS.saml, "NameID")) {
      throw new ServiceProviderError("The EncryptedID did not hold a saml:NameID.");
    }
  }
  if (!nameId) return undefined;
  const qualifier = attribute(nameId, "NameQualifier") ?? "";
  return {
    type: qualifier.split(":").pop() ?? qualifier,
    value: textOf(nameId),
    encrypted: encrypted !== undefined,
  };
}

function checkTimes(ctx: SpContext, element: Element | undefined, what: string): void {
  if (!element) return;
  const now = ctx.clock().getTime();
  const notBefore = attribute(element, "NotBefore");
  const notOnOrAfter = attribute(element, "NotOnOrAfter");
  if (notBefore && Date.parse(notBefore) - ctx.skew > now) {
    throw new ServiceProviderError(`${what} is not valid yet (NotBefore ${notBefore}).`);
  }
  if (notOnOrAfter && Date.parse(notOnOrAfter) + ctx.skew <= now) {
    throw new ServiceProviderError(`${what} has expired (NotOnOrAfter ${notOnOrAfter}).`);
  }
}

/** Reads a samlp:Response whose signatures the caller has not checked yet. */
export async function readResponse(
  ctx: SpContext,
  xml: string,
  doc: Document,
  response: Element,
  certs: readonly string[],
  responseSignatureRequired: boolean,
): Promise<LoginResult> {
  if (responseSignatureRequired || childElement(response, NS.ds, "Signature")) {
    ctx.verifyEnveloped(xml, doc, response, certs, "The Response");
  }
  const inResponseTo = attribute(response, "InResponseTo") ?? "";
  const destination = attribute(response, "Destination");
  if (destination !== undefined && destination !== ctx.options.acsUrl) {
    throw new ServiceProviderError(`The Response's Destination ${destination} is not our ACS.`);
  }
  const status = statusOf(response);
  if (status.top !== `${STATUS_PREFIX}Success`) {
    return {
      ok: false,
      status: status.top,
      ...(status.sub !== undefined ? { subStatus: status.sub } : {}),
      message: status.message,
      inResponseTo,
    };
  }
  const assertions = childElements(response, NS.saml, "Assertion");
  if (assertions.length !== 1 || descendant(response, NS.saml, "EncryptedAssertion")) {
    throw new ServiceProviderError("A successful Response must hold exactly one Assertion.");
  }
  const assertion = assertions[0]!;
  ctx.verifyEnveloped(xml, doc, assertion, certs, "The Assertion");
  const audience = textOf(descendant(assertion, NS.saml, "Audience"));
  if (audience !== ctx.options.entityID) {
    throw new ServiceProviderError(`The Assertion is for audience ${audience}, not for us.`);
  }
  const confirmation = descendant(assertion, NS.saml, "SubjectConfirmationData");
  if (confirmation && attribute(confirmation, "Recipient") !== ctx.options.acsUrl) {
    throw new ServiceProviderError("The SubjectConfirmation's Recipient is not our ACS.");
  }
  checkTimes(ctx, childElement(assertion, NS.saml, "Conditions"), "The Assertion");
  checkTimes(ctx, confirmation, "The SubjectConfirmation");
  const classRef = textOf(descendant(assertion, NS.saml, "AuthnContextClassRef"));
  const level = levelFromUrn(classRef);
  if (!level) throw new ServiceProviderError(`Unknown AuthnContextClassRef ${classRef}.`);
  const attributes: Record<string, string> = {};
  const subjects: Record<string, Subject> = {};
  const statement = childElement(assertion, NS.saml, "AttributeStatement");
  for (const attr of statement ? childElements(statement, NS.saml, "Attribute") : []) {
    const name = attribute(attr, "Name") ?? "";
    const value = childElement(attr, NS.saml, "AttributeValue");
    if (!value) continue;
    const subject = await identifierOf(ctx, value);
    if (subject) {
      subjects[name] = subject;
      attributes[name] = `${subject.type}:${subject.value}`;
    } else {
      attributes[name] = textOf(value);
    }
  }
  const legalSubject = subjects[ATTRIBUTE_NAMES.legalSubjectID];
  const actingSubject = subjects[ATTRIBUTE_NAMES.actingSubjectID];
  if (!legalSubject || !actingSubject) {
    throw new ServiceProviderError("The Assertion lacks LegalSubjectID or ActingSubjectID.");
  }
  return {
    ok: true,
    level,
    serviceID: attributes[ATTRIBUTE_NAMES.serviceID] ?? "",
    serviceUUID: attributes[ATTRIBUTE_NAMES.serviceUUID] ?? "",
    legalSubject,
    actingSubject,
    attributes,
    inResponseTo,
    responseXml: xml,
  };
}

/** Reads the SAMLResponse form field of an HTTP-POST answer. */
export async function readPostResponse(
  ctx: SpContext,
  samlResponse: string,
  fetcher: typeof fetch = fetch,
): Promise<LoginResult> {
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  const doc = parseXml(xml, "The SAMLResponse");
  const root = doc.documentElement!;
  if (!is(root, NS.samlp, "Response")) {
    throw new ServiceProviderError("The SAMLResponse is not a samlp:Response.");
  }
  return readResponse(ctx, xml, doc, root, await ctx.trust.certificates(fetcher), true);
}
