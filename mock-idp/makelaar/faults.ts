// Fault injection: a test asks the makelaar to break its next answer (or the
// next `count`) to an SP on purpose, to see that the SP refuses it. Each
// fault is one thing a correct SP must check (docs/e2e-kit.md#faults). The
// answer is built as always, then changed here: values are edited in the
// signed assertion before it is signed again, so that only the one check the
// fault is about fails.
import { randomBytes } from "node:crypto";
import { entityId, levelToUrn, TEST_ENTITY_INDEX } from "../../eherkenning/index.ts";
import { inventedOin } from "../../eherkenning/fixtures/catalogue.ts";
import { signCanonical } from "../saml-core/canonical.ts";
import type { SigningKey } from "../saml-core/signature.ts";
import { c14nAttribute, c14nText } from "../saml-core/canonical.ts";
import { instant } from "../saml-core/xml.ts";

/** Every fault, and what it changes. */
export const FAULT_KINDS = Object.freeze({
  expired: "the assertion was issued 10 minutes ago and its NotOnOrAfter has passed",
  "not-yet-valid": "the assertion's times lie 10 minutes ahead: NotBefore has not come yet",
  "wrong-audience": "the AudienceRestriction names another SP",
  "wrong-destination": "the Response's Destination is another ACS",
  "wrong-recipient": "the SubjectConfirmationData's Recipient is another ACS",
  "wrong-in-response-to":
    "InResponseTo (Response and SubjectConfirmationData) names a request the SP never sent",
  "unsigned-assertion": "the assertion carries no signature",
  "broken-signature":
    "the assertion's level is raised to EH4 after the assertion was signed; a Response signature (HTTP-POST) is made over the changed assertion, so only the assertion's own signature fails",
  "replayed-assertion": "the SP's previous successful answer is sent again, unchanged",
  "artifact-already-resolved":
    "the artifact is used up before the SP resolves it: the ArtifactResponse is empty",
  status: "the answer is a refusal with the chosen status code and message, whatever happened",
  slow: "the answer reaches the browser only after delayMs",
  "ars-down": "the artifact resolution service answers 503 when the SP resolves this answer",
} as const);

export type FaultKind = keyof typeof FAULT_KINDS;

/** SAML core 3.2.2.2: the top-level and second-level status codes a chosen status may use. */
export const TOP_STATUS_CODES = ["Requester", "Responder", "VersionMismatch"] as const;
export const SECOND_STATUS_CODES = [
  "AuthnFailed",
  "InvalidAttrNameOrValue",
  "InvalidNameIDPolicy",
  "NoAuthnContext",
  "NoAvailableIDP",
  "NoPassive",
  "NoSupportedIDP",
  "PartialLogout",
  "ProxyCountExceeded",
  "RequestDenied",
  "RequestUnsupported",
  "RequestVersionDeprecated",
  "RequestVersionTooHigh",
  "RequestVersionTooLow",
  "ResourceNotRecognized",
  "TooManyResponses",
  "UnknownAttrProfile",
  "UnknownPrincipal",
  "UnsupportedBinding",
] as const;

export type Fault = {
  /** The answers it breaks, from the next one; 1 by default. */
  readonly count?: number | undefined;
  /** Only answers to this SP (entityID); any SP when absent. */
  readonly sp?: string | undefined;
} & (
  | {
      readonly kind: Exclude<
        FaultKind,
        "status" | "slow" | "wrong-audience" | "wrong-destination" | "wrong-recipient"
      >;
    }
  | { readonly kind: "wrong-audience"; readonly audience?: string | undefined }
  | { readonly kind: "wrong-destination"; readonly destination?: string | undefined }
  | { readonly kind: "wrong-recipient"; readonly recipient?: string | undefined }
  | {
      readonly kind: "status";
      readonly status: (typeof TOP_STATUS_CODES)[number];
      readonly subStatus?: (typeof SECOND_STATUS_CODES)[number] | undefined;
      readonly message: string;
    }
  | { readonly kind: "slow"; readonly delayMs: number }
);

/** Where a wrong audience, Destination or Recipient points by default. */
export const ELSEWHERE = Object.freeze({
  audience: entityId("DV", inventedOin(9999), TEST_ENTITY_INDEX),
  acs: "https://elders.example/saml/acs",
});
/** At most this many faults wait at once. */
export const MAX_QUEUED_FAULTS = 100;
/** A slow answer waits at most this long. */
export const MAX_DELAY_MS = 60_000;

export interface QueuedFault {
  readonly id: number;
  readonly fault: Fault;
  /** Answers it still breaks. */
  remaining: number;
}

/** The faults waiting for answers, in the order they were asked. */
export class FaultQueue {
  private queued: QueuedFault[] = [];
  private nextId = 1;

  add(fault: Fault): QueuedFault {
    if (this.queued.length >= MAX_QUEUED_FAULTS) {
      throw new Error(`at most ${MAX_QUEUED_FAULTS} faults can wait; clear them first`);
    }
    const entry = { id: this.nextId++, fault, remaining: fault.count ?? 1 };
    this.queued.push(entry);
    return entry;
  }

  list(): readonly QueuedFault[] {
    return this.queued;
  }

  clear(): void {
    this.queued = [];
  }

  /** The fault for the next answer to this SP, counted down; undefined when none waits. */
  take(spEntityID: string): Fault | undefined {
    const entry = this.queued.find((q) => q.fault.sp === undefined || q.fault.sp === spEntityID);
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.queued = this.queued.filter((q) => q !== entry);
    return entry.fault;
  }
}

// ---- Changing a built answer ------------------------------------------------
// The makelaar writes its messages in exclusive canonical form (canonical.ts),
// so a value changed in place and the signature made again over the same
// text verify as if the message had been written that way.

const ASSERTION_OPEN = "<saml:Assertion";
const ASSERTION_CLOSE = "</saml:Assertion>";
const SIGNATURE = /<ds:Signature[\s>][\s\S]*?<\/ds:Signature>/;

/** The element's attribute set to `value` (which must be present). */
function setAttribute(startTag: string, name: string, value: string): string {
  const pattern = new RegExp(`( ${name}=")[^"]*(")`);
  return pattern.test(startTag)
    ? startTag.replace(pattern, `$1${c14nAttribute(value)}$2`)
    : startTag;
}

/** Every occurrence of the attribute in `xml` set to `value`. */
function setAllAttributes(xml: string, name: string, value: string): string {
  return xml.replace(new RegExp(`( ${name}=")[^"]*(")`, "g"), `$1${c14nAttribute(value)}$2`);
}

function startTagEnd(xml: string, from = 0): number {
  let quoted = false;
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (c === '"') quoted = !quoted;
    else if (c === ">" && !quoted) return i + 1;
  }
  return xml.length;
}

/** Options signCanonical was given, read back from a signature it made. */
function signOptionsOf(signature: string | undefined): { inclusivePrefixes?: string[] } {
  const prefixes = signature && /PrefixList="([^"]*)"/.exec(signature)?.[1];
  return prefixes ? { inclusivePrefixes: prefixes.split(/\s+/).filter(Boolean) } : {};
}

function idOf(startTag: string): string {
  return / ID="([^"]*)"/.exec(startTag)?.[1] ?? "";
}

function sign(xml: string, key: SigningKey, signature: string | undefined): string {
  const id = idOf(xml.slice(0, startTagEnd(xml)));
  return signCanonical(xml, id, key, signOptionsOf(signature));
}

export interface AnswerChange {
  readonly xml: string;
  /** What was changed, or why nothing could be: for the log. */
  readonly notes: readonly string[];
}

/**
 * The assertion of a built Response changed as the fault says, and signed
 * again (unless the fault is that it is not); the Response itself signed
 * again when it was signed (HTTP-POST).
 */
export function breakAnswer(
  responseXml: string,
  fault: Fault,
  key: SigningKey,
  now: Date,
): AnswerChange {
  const notes: string[] = [];
  const aStart = responseXml.indexOf(ASSERTION_OPEN);
  const aEnd = responseXml.lastIndexOf(ASSERTION_CLOSE);
  let head =
    aStart >= 0 ? responseXml.slice(0, aStart) : responseXml.replace(/<\/samlp:Response>$/, "");
  let assertion = aStart >= 0 ? responseXml.slice(aStart, aEnd + ASSERTION_CLOSE.length) : "";
  // The Response's own signature (HTTP-POST) comes off; it is made again below.
  const responseSignature = SIGNATURE.exec(head.slice(0, head.indexOf("<samlp:Status")))?.[0];
  if (responseSignature) head = head.replace(responseSignature, "");

  if (assertion) {
    // Advice (the AD and MR assertions) is left as it is: a correct SP reads the outer assertion.
    const adviceStart = assertion.indexOf("<saml:Advice>");
    const adviceEnd = assertion.indexOf("</saml:Advice>");
    const advice =
      adviceStart >= 0 ? assertion.slice(adviceStart, adviceEnd + "</saml:Advice>".length) : "";
    let outer = advice ? assertion.replace(advice, "\u0000") : assertion;
    const assertionSignature = SIGNATURE.exec(outer)?.[0];
    if (assertionSignature) outer = outer.replace(assertionSignature, "");
    const minutes = (n: number) => instant(new Date(now.getTime() + n * 60_000));
    switch (fault.kind) {
      case "expired":
        outer = setAllAttributes(outer, "IssueInstant", minutes(-10));
        outer = setAllAttributes(outer, "AuthnInstant", minutes(-10));
        outer = setAllAttributes(outer, "NotBefore", minutes(-10));
        outer = setAllAttributes(outer, "NotOnOrAfter", minutes(-5));
        break;
      case "not-yet-valid":
        outer = setAllAttributes(outer, "IssueInstant", minutes(10));
        outer = setAllAttributes(outer, "AuthnInstant", minutes(10));
        outer = setAllAttributes(outer, "NotBefore", minutes(10));
        outer = setAllAttributes(outer, "NotOnOrAfter", minutes(15));
        break;
      case "wrong-audience":
        outer = outer.replace(
          /(<saml:Audience>)[^<]*(<\/saml:Audience>)/g,
          `$1${c14nText(fault.audience ?? ELSEWHERE.audience)}$2`,
        );
        break;
      case "wrong-recipient":
        // The bearer confirmation's Recipient only (an EncryptedKey has a Recipient too).
        outer = outer.replace(/<saml:SubjectConfirmationData [^>]*>/, (tag) =>
          setAttribute(tag, "Recipient", fault.recipient ?? ELSEWHERE.acs),
        );
        break;
      case "wrong-in-response-to":
        outer = setAllAttributes(outer, "InResponseTo", otherRequestId());
        break;
      default:
        break;
    }
    assertion = advice ? outer.replace("\u0000", advice) : outer;
    if (fault.kind !== "unsigned-assertion") assertion = sign(assertion, key, assertionSignature);
    if (fault.kind === "broken-signature") {
      const eh4 = levelToUrn("EH4");
      const raised = assertion.replace(
        /(<saml:AuthnContextClassRef>)([^<]*)(<\/saml:AuthnContextClassRef>)/,
        (whole, open: string, level: string, close: string) =>
          level === eh4 ? whole : `${open}${eh4}${close}`,
      );
      // Already EH4: change the ServiceID instead, which is signed too.
      assertion =
        raised !== assertion ? raised : assertion.replace(/:services:(\d+)</, ":services:9$1<");
    }
  } else if (fault.kind !== "wrong-destination" && fault.kind !== "wrong-in-response-to") {
    notes.push(`${fault.kind}: this answer holds no assertion to change`);
  }

  const tagEnd = startTagEnd(head);
  let startTag = head.slice(0, tagEnd);
  if (fault.kind === "wrong-destination") {
    startTag = setAttribute(startTag, "Destination", fault.destination ?? ELSEWHERE.acs);
  }
  if (fault.kind === "wrong-in-response-to") {
    const other = /InResponseTo="([^"]*)"/.exec(assertion)?.[1] ?? otherRequestId();
    startTag = setAttribute(startTag, "InResponseTo", other);
  }
  let response = `${startTag}${head.slice(tagEnd)}${assertion}</samlp:Response>`;
  if (responseSignature) response = sign(response, key, responseSignature);
  if (fault.kind === "broken-signature" && !assertion && responseSignature) {
    response = response.replace(/(<samlp:StatusMessage>)/, "$1(changed) ");
  }
  return { xml: response, notes };
}

function otherRequestId(): string {
  return `_never-sent-${randomBytes(8).toString("hex")}`;
}
