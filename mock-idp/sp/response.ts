// Reads the makelaar's samlp:Response: its signatures, destination, audience
// and times checked, the level read, the EncryptedIDs decrypted (either
// layout, saml-core/encryption.ts). Only the makelaar's own assertion is
// read, from its own children down: the AD's and MR's assertions in its
// Advice carry their own Audience, level and attributes.
import type { Document, Element } from "@xmldom/xmldom";
import { ATTRIBUTE_NAMES, identifierTypeName, levelFromUrn } from "../../eherkenning/index.ts";
import {
  DecryptionError,
  certificateKeyNames,
  decryptEncryptedId,
} from "../saml-core/encryption.ts";
import {
  NS,
  STATUS_PREFIX,
  attribute,
  childElement,
  childElements,
  excerpt,
  is,
  parseXml,
  textOf,
} from "../saml-core/xml.ts";
import type { SpContext } from "./context.ts";
import { ServiceProviderError, UnsolicitedResponseError } from "./errors.ts";
import { NO_SESSION } from "./outstanding.ts";
import type { LoginResult, Subject } from "./types.ts";

const keyNames = new WeakMap<SpContext, ReadonlySet<string>>();

/** The KeyNames our encryption certificate may go by (hex SHA-1 or SHA-256). */
function ourKeyNames(ctx: SpContext, certificate: string): ReadonlySet<string> {
  let names = keyNames.get(ctx);
  if (!names) {
    names = certificateKeyNames(certificate);
    keyNames.set(ctx, names);
  }
  return names;
}

/** The `localName` (saml) children of `parent`, or none when there is no parent. */
function path(parent: Element | undefined, localName: string): Element[] {
  return parent ? childElements(parent, NS.saml, localName) : [];
}

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
    const certificate = ctx.keys.encryption?.certificateBase64;
    if (!ctx.decryptionKey || !certificate) {
      throw new ServiceProviderError("Got an EncryptedID but this SP has no encryption key.");
    }
    let plain: string;
    try {
      plain = await decryptEncryptedId(
        encrypted,
        { entityID: ctx.options.entityID, certificate, privateKey: ctx.decryptionKey },
        ourKeyNames(ctx, certificate),
      );
    } catch (error) {
      if (error instanceof DecryptionError) throw new ServiceProviderError(error.message);
      throw error;
    }
    nameId = parseXml(plain, "The decrypted NameID").documentElement ?? undefined;
    if (!nameId || !is(nameId, NS.saml, "NameID")) {
      throw new ServiceProviderError("The EncryptedID did not hold a saml:NameID.");
    }
  }
  if (!nameId) return undefined;
  const qualifier = attribute(nameId, "NameQualifier") ?? "";
  return {
    type: identifierTypeName(qualifier),
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
  session: string,
): Promise<LoginResult> {
  if (responseSignatureRequired || childElement(response, NS.ds, "Signature")) {
    ctx.verifyEnveloped(xml, doc, response, certs, "The Response");
  }
  const inResponseTo = attribute(response, "InResponseTo") ?? "";
  const destination = attribute(response, "Destination");
  if (destination !== undefined && destination !== ctx.options.acsUrl) {
    throw new ServiceProviderError(
      `The Response's Destination ${excerpt(destination)} is not our ACS.`,
    );
  }
  // Only now, with the signature checked: a forged answer must not use up a real request.
  if (!ctx.outstanding.take(session, inResponseTo, Date.now())) {
    throw new UnsolicitedResponseError(
      inResponseTo
        ? `The Response answers request ${excerpt(inResponseTo)}, which this session did not send or which was answered already (a replayed or planted answer).`
        : "The Response answers no request (it has no InResponseTo): an unsolicited answer is not accepted.",
      inResponseTo,
    );
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
  if (assertions.length !== 1 || childElement(response, NS.saml, "EncryptedAssertion")) {
    throw new ServiceProviderError("A successful Response must hold exactly one Assertion.");
  }
  const assertion = assertions[0]!;
  ctx.verifyEnveloped(xml, doc, assertion, certs, "The Assertion");
  const conditions = childElement(assertion, NS.saml, "Conditions");
  const audiences = path(conditions, "AudienceRestriction").flatMap((restriction) =>
    childElements(restriction, NS.saml, "Audience").map(textOf),
  );
  if (!audiences.includes(ctx.options.entityID)) {
    throw new ServiceProviderError(
      `The Assertion is for audience ${audiences.join(", ") || "(none)"}, not for us.`,
    );
  }
  const confirmation = path(childElement(assertion, NS.saml, "Subject"), "SubjectConfirmation")
    .map((c) => childElement(c, NS.saml, "SubjectConfirmationData"))
    .find((data) => data !== undefined);
  if (confirmation && attribute(confirmation, "Recipient") !== ctx.options.acsUrl) {
    throw new ServiceProviderError("The SubjectConfirmation's Recipient is not our ACS.");
  }
  const confirmed = confirmation && attribute(confirmation, "InResponseTo");
  if (confirmed !== undefined && confirmed !== inResponseTo) {
    throw new ServiceProviderError(
      `The SubjectConfirmation answers ${excerpt(confirmed)}, not the Response's request ${excerpt(inResponseTo)}.`,
    );
  }
  checkTimes(ctx, conditions, "The Assertion");
  checkTimes(ctx, confirmation, "The SubjectConfirmation");
  const classRef = textOf(
    path(childElement(assertion, NS.saml, "AuthnStatement"), "AuthnContext")
      .map((context) => childElement(context, NS.saml, "AuthnContextClassRef"))
      .find((ref) => ref !== undefined),
  );
  const level = levelFromUrn(classRef);
  if (!level) throw new ServiceProviderError(`Unknown AuthnContextClassRef ${classRef}.`);
  const attributeValues: Record<string, string[]> = {};
  const subjects: Record<string, Subject[]> = {};
  for (const statement of childElements(assertion, NS.saml, "AttributeStatement")) {
    for (const attr of childElements(statement, NS.saml, "Attribute")) {
      const name = attribute(attr, "Name") ?? "";
      for (const value of childElements(attr, NS.saml, "AttributeValue")) {
        const subject = await identifierOf(ctx, value);
        (attributeValues[name] ??= []).push(
          subject ? `${subject.type}:${subject.value}` : textOf(value),
        );
        if (subject) (subjects[name] ??= []).push(subject);
      }
    }
  }
  const legalSubjects = subjects[ATTRIBUTE_NAMES.legalSubjectID] ?? [];
  const actingSubject = subjects[ATTRIBUTE_NAMES.actingSubjectID]?.[0];
  const legalSubject = legalSubjects[0];
  if (!legalSubject || !actingSubject) {
    throw new ServiceProviderError("The Assertion lacks LegalSubjectID or ActingSubjectID.");
  }
  const attributes = Object.fromEntries(
    Object.entries(attributeValues).map(([name, values]) => [name, values[0] ?? ""]),
  );
  return {
    ok: true,
    level,
    serviceID: attributes[ATTRIBUTE_NAMES.serviceID] ?? "",
    serviceUUID: attributes[ATTRIBUTE_NAMES.serviceUUID] ?? "",
    legalSubject,
    legalSubjects,
    actingSubject,
    attributes,
    attributeValues,
    inResponseTo,
    responseXml: xml,
  };
}

export interface ReadAnswerOptions {
  /** Reaches the makelaar's metadata URL, when the SP fetches it. */
  readonly fetch?: typeof fetch;
  /** The browser session the login started in (AuthnRequestOptions.session). */
  readonly session?: string;
}

/**
 * Reads the SAMLResponse form field of an HTTP-POST answer. `read` may still
 * be a bare fetch function, as before sessions were added.
 */
export async function readPostResponse(
  ctx: SpContext,
  samlResponse: string,
  options: ReadAnswerOptions | typeof fetch = {},
): Promise<LoginResult> {
  const read: ReadAnswerOptions = typeof options === "function" ? { fetch: options } : options;
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  const doc = parseXml(xml, "The SAMLResponse");
  const root = doc.documentElement!;
  if (!is(root, NS.samlp, "Response")) {
    throw new ServiceProviderError("The SAMLResponse is not a samlp:Response.");
  }
  const certificates = await ctx.trust.certificates(read.fetch ?? fetch);
  return readResponse(ctx, xml, doc, root, certificates, true, read.session ?? NO_SESSION);
}
