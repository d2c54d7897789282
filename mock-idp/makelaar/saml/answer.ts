// Answers the SP for a finished login: builds the Response (with a signed
// assertion on success), then sends it by Artifact (303 to the ACS with
// SAMLart; the Response waits in artifacts.ts's store to be resolved once) or by
// HTTP-POST (an auto-submitting form), whichever binding the chosen ACS has.
import type { Response } from "express";
import {
  ATTRIBUTE_NAMES,
  IDENTIFIER_TYPES,
  legalSubjectTypes,
  levelToUrn,
} from "../../../eherkenning/index.ts";
import type { Makelaar } from "../makelaar.ts";
import { parseArtifact } from "../artifacts.ts";
import type { SubStatus, TopStatus } from "../errors.ts";
import { breakAnswer, type Fault, type FaultKind } from "../faults.ts";
import type { AuthnRequestContext, LoginOutcome } from "../flow.ts";
import {
  c14nAttribute,
  c14nText,
  embedCanonical,
  signCanonical,
} from "../../saml-core/canonical.ts";
import type { EncryptionRecipient } from "../../saml-core/encryption.ts";
import type { Organisation } from "../../world/model.ts";
import {
  XACML_SAML,
  XS,
  buildAdvice,
  identifierXml,
  stringValue,
  type Identifier,
} from "./advice.ts";
import { findServiceProvider, type ServiceProviderMetadata } from "./sp-registration.ts";
import { NS, STATUS_PREFIX, escapeXml, instant, newId } from "../../saml-core/xml.ts";

const TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
/** How long an assertion may be used after it is issued. */
export const ASSERTION_LIFETIME_MS = 5 * 60_000;
/**
 * Where, in the simulation, the AD sent its answer to the HM: named in the AD
 * assertion's SubjectConfirmation as real ones name the broker's ACS
 * (".../broker/acs/1.13" in a Connectis answer). Not served: the AD is simulated.
 */
const AD_ANSWERS_PATH = "/broker/acs/1.13";
/** Prefixes the assertion declares for attribute values only; its signature's InclusiveNamespaces. */
export const INCLUSIVE_PREFIXES = ["xacml-saml", "xs"] as const;
/** What the assertion's root declares, so what an embedded Advice assertion need not. */
const ASSERTION_NAMESPACES = { saml: NS.saml, "xacml-saml": XACML_SAML, xs: XS };

function attributeXml(name: string, valuesXml: string): string {
  return `<saml:Attribute Name="${name}">${valuesXml}</saml:Attribute>`;
}

/** The DV as the recipient of its identifiers: its encryption certificate(s) from its metadata. */
function dvRecipients(sp: ServiceProviderMetadata | undefined): EncryptionRecipient[] {
  if (!sp) return [];
  // One EncryptedKey per certificate the DV publishes (a rollover has two),
  // each named by the KeyName its metadata gives, else the hex SHA-1.
  return sp.encryptionCertificates.map((certificate) => {
    const keyName = sp.encryptionKeyNames?.get(certificate);
    return {
      entityID: sp.entityID,
      certificate,
      ...(keyName !== undefined ? { keyName } : {}),
    };
  });
}

/** The organisation's identifiers the service asks, as the catalogue's sets say. */
export function legalIdentifiers(
  context: AuthnRequestContext,
  organisation: Organisation,
): Identifier[] {
  const values: Record<string, string> = {
    [IDENTIFIER_TYPES.kvk]: organisation.kvk,
    [IDENTIFIER_TYPES.rsin]: organisation.rsin,
  };
  return legalSubjectTypes(context.service.definition.entityConcernedTypesAllowed, (type) =>
    Boolean(values[type]),
  ).map((qualifier) => ({ qualifier, value: values[qualifier] ?? "" }));
}

// The builders below write exclusive canonical XML (see canonical.ts):
// attributes in c14n order, namespaces where exc-c14n renders them, no
// self-closing tags, c14nText/c14nAttribute escaping.

/**
 * The signed HM assertion for a successful login, in the shape of real 1.13
 * answers (docs/makelaar.md names the source of every element): Subject
 * NameID qualified by the AD, the AD and MR assertions in Advice,
 * AuthenticatingAuthority = the AD, attributes typed xs:string without
 * NameFormat, every identifier an EncryptedID to the DV.
 */
export function buildAssertion(
  makelaar: Makelaar,
  context: AuthnRequestContext,
  outcome: Extract<LoginOutcome, { ok: true }>,
  now: Date,
): string {
  const sp = findServiceProvider(makelaar.state, context.spEntityID);
  const recipients = dvRecipients(sp);
  const layout = makelaar.answers.encryptedIdLayout;
  const parties = makelaar.adviceParties;
  const notOnOrAfter = instant(new Date(now.getTime() + ASSERTION_LIFETIME_MS));
  const wantsCompanyName = context.service.definition.requestedAttributes.some(
    (a) => a.name === ATTRIBUTE_NAMES.companyName,
  );
  // The instance's own UUID: the interface specifications name the ServiceUUID under ServiceInstance.
  const serviceUUID =
    makelaar.world.catalogue.instanceByServiceID(context.serviceID)?.serviceUUID ??
    context.service.serviceUUID;
  const legal = legalIdentifiers(context, outcome.organisation);
  const acting: Identifier = { qualifier: IDENTIFIER_TYPES.pseudo, value: outcome.person.pseudo };
  const transientId = newId();
  const advice = makelaar.answers.advice
    ? buildAdvice({
        ad: parties.ad,
        mr: parties.mr,
        mrRecipient: parties.mrRecipient,
        hmEntityID: makelaar.entityID,
        hmAcsUrl: `${makelaar.baseUrl}${AD_ANSWERS_PATH}`,
        dvEntityID: context.spEntityID,
        dvRecipients: recipients,
        layout,
        serviceID: context.serviceID,
        serviceUUID,
        middelLevel: outcome.person.middel.level,
        levelAsked: context.requestedLevel ?? context.service.level,
        machtigingLevel: outcome.machtigingLevel,
        acting,
        legal,
        transientId,
        now,
        lifetimeMs: ASSERTION_LIFETIME_MS,
      })
    : undefined;
  const id = newId();
  const at = instant(now);
  const xml =
    `<saml:Assertion xmlns:saml="${NS.saml}" xmlns:xacml-saml="${XACML_SAML}" xmlns:xs="${XS}" ID="${id}" IssueInstant="${at}" Version="2.0">` +
    `<saml:Issuer>${c14nText(makelaar.entityID)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${TRANSIENT}" NameQualifier="${c14nAttribute(parties.ad.entityID)}">${transientId}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="${BEARER}"><saml:SubjectConfirmationData InResponseTo="${c14nAttribute(context.id)}" NotOnOrAfter="${notOnOrAfter}" Recipient="${c14nAttribute(context.acs.url)}"></saml:SubjectConfirmationData></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${at}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${c14nText(context.spEntityID)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    (advice
      ? `<saml:Advice>${embedCanonical(advice.adAssertion, ASSERTION_NAMESPACES)}${embedCanonical(advice.mrAssertion, ASSERTION_NAMESPACES)}</saml:Advice>`
      : "") +
    `<saml:AuthnStatement AuthnInstant="${at}" SessionIndex="${newId()}"><saml:AuthnContext><saml:AuthnContextClassRef>${levelToUrn(outcome.levelReached)}</saml:AuthnContextClassRef><saml:AuthenticatingAuthority>${c14nText(parties.ad.entityID)}</saml:AuthenticatingAuthority></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>` +
    attributeXml(ATTRIBUTE_NAMES.serviceID, stringValue(context.serviceID)) +
    attributeXml(ATTRIBUTE_NAMES.serviceUUID, stringValue(serviceUUID)) +
    attributeXml(
      ATTRIBUTE_NAMES.legalSubjectID,
      legal
        .map(
          (identifier) =>
            `<saml:AttributeValue>${identifierXml(identifier, recipients, layout)}</saml:AttributeValue>`,
        )
        .join(""),
    ) +
    attributeXml(
      ATTRIBUTE_NAMES.actingSubjectID,
      `<saml:AttributeValue>${identifierXml(acting, recipients, layout)}</saml:AttributeValue>`,
    ) +
    (wantsCompanyName
      ? attributeXml(ATTRIBUTE_NAMES.companyName, stringValue(outcome.organisation.name))
      : "") +
    `</saml:AttributeStatement></saml:Assertion>`;
  return signCanonical(xml, id, makelaar.signingKeys, { inclusivePrefixes: INCLUSIVE_PREFIXES });
}

function statusXml(outcome: LoginOutcome): string {
  if (outcome.ok) {
    return `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}Success"></samlp:StatusCode></samlp:Status>`;
  }
  return (
    `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}${outcome.status}">` +
    `<samlp:StatusCode Value="${STATUS_PREFIX}${outcome.subStatus}"></samlp:StatusCode></samlp:StatusCode>` +
    `<samlp:StatusMessage>${c14nText(outcome.message)}</samlp:StatusMessage></samlp:Status>`
  );
}

/** Where an answer goes: enough of the request to answer a failure. */
export type AnswerTarget = Pick<AuthnRequestContext, "id" | "spEntityID" | "acs" | "relayState">;

/**
 * The samlp:Response for an outcome. For HTTP-POST it stands alone and is
 * signed itself; for Artifact it is written to sit inside the signed
 * ArtifactResponse (which declares samlp), unsigned.
 */
export async function buildResponse(
  makelaar: Makelaar,
  context: AuthnRequestContext,
  outcome: LoginOutcome,
  options: { readonly signResponse: boolean },
): Promise<string> {
  const now = makelaar.protocolNow();
  const assertion = outcome.ok ? buildAssertion(makelaar, context, outcome, now) : "";
  return responseXml(makelaar, context, outcome, assertion, now, options.signResponse);
}

function responseXml(
  makelaar: Makelaar,
  target: AnswerTarget,
  outcome: LoginOutcome,
  assertion: string,
  now: Date,
  standalone: boolean,
): string {
  const id = newId();
  const xml =
    `<samlp:Response${standalone ? ` xmlns:samlp="${NS.samlp}"` : ""} Destination="${c14nAttribute(target.acs.url)}" ID="${id}" InResponseTo="${c14nAttribute(target.id)}" IssueInstant="${instant(now)}" Version="2.0">` +
    `<saml:Issuer xmlns:saml="${NS.saml}">${c14nText(makelaar.entityID)}</saml:Issuer>` +
    statusXml(outcome) +
    assertion +
    `</samlp:Response>`;
  return standalone
    ? signCanonical(xml, id, makelaar.signingKeys, { inclusivePrefixes: INCLUSIVE_PREFIXES })
    : xml;
}

/** Headers every browser-facing answer carries. */
export function noStore(res: Response): void {
  res.set("Cache-Control", "no-cache, no-store");
  res.set("Pragma", "no-cache");
}

function acsRedirect(acsUrl: string, artifact: string, relayState: string | undefined): string {
  const url = new URL(acsUrl);
  url.searchParams.append("SAMLart", artifact);
  if (relayState !== undefined) url.searchParams.append("RelayState", relayState);
  return url.toString();
}

export function postForm(
  action: string,
  fields: Readonly<Record<string, string | undefined>>,
  title = "Terug naar de dienst",
): string {
  const inputs = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeXml(value)}">`)
    .join("");
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem">
<p style="background:#ffe08a;color:#1a1a1a;padding:6px 10px;font-weight:600">Testomgeving: mock makelaar (eh-overstap), geen echte eHerkenning. / Test environment.</p>
<form method="post" action="${escapeXml(action)}">${inputs}
<p>U gaat terug naar de dienst. / You are returning to the service.</p>
<button type="submit">Doorgaan / Continue</button></form>
<script>document.forms[0].submit()</script>
</body></html>`;
}

/**
 * Builds, signs and sends the answer for this login. Never rejects: a failure
 * to build the answer becomes a 500 page and a line on stderr.
 */
export function sendAnswer(
  makelaar: Makelaar,
  res: Response,
  context: AuthnRequestContext,
  outcome: LoginOutcome,
): Promise<void> {
  return deliver(makelaar, res, context, outcome, (signResponse) =>
    buildResponse(makelaar, context, outcome, { signResponse }),
  );
}

/** Answers a request that failed its checks; the service may not be known. */
export function sendFailure(
  makelaar: Makelaar,
  res: Response,
  target: AnswerTarget,
  outcome: Extract<LoginOutcome, { ok: false }>,
): Promise<void> {
  return deliver(makelaar, res, target, outcome, (signResponse) =>
    buildFailure(makelaar, target, outcome, signResponse),
  );
}

/** A Response without assertion for a refusal. */
function buildFailure(
  makelaar: Makelaar,
  target: AnswerTarget,
  outcome: Extract<LoginOutcome, { ok: false }>,
  signResponse: boolean,
): Promise<string> {
  return Promise.resolve(
    responseXml(makelaar, target, outcome, "", makelaar.protocolNow(), signResponse),
  );
}

/** Faults that change the message itself; the others change how or when it travels. */
const BREAKS_THE_MESSAGE = new Set<FaultKind>([
  "expired",
  "not-yet-valid",
  "wrong-audience",
  "wrong-destination",
  "wrong-recipient",
  "wrong-in-response-to",
  "unsigned-assertion",
  "broken-signature",
]);
const ARTIFACT_ONLY = new Set<FaultKind>(["artifact-already-resolved", "ars-down"]);

/** The answer as it will travel: its outcome, its XML and what the log should say about it. */
interface WrittenAnswer {
  readonly outcome: LoginOutcome;
  readonly xml: string;
  readonly notes: string[];
}

async function deliver(
  makelaar: Makelaar,
  res: Response,
  target: AnswerTarget,
  given: LoginOutcome,
  build: (signResponse: boolean) => Promise<string>,
): Promise<void> {
  try {
    const byPost = target.acs.binding === "post";
    // A test may have asked to break this answer (faults.ts).
    const fault = makelaar.state.faults.take(target.spEntityID);
    const answer = await writeAnswer(makelaar, target, given, build, fault, byPost);
    logSentAnswer(makelaar, target, answer, fault);
    if (fault?.kind === "slow") {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    }
    noStore(res);
    if (byPost) sendByPost(res, target, answer.xml);
    else sendByArtifact(makelaar, res, target, answer.xml, fault);
  } catch (error) {
    console.error("mock makelaar: could not build the answer:", error);
    if (!res.headersSent) {
      res.status(500).type("text/plain").send("Internal error: could not build the SAML answer.\n");
    }
  }
}

/**
 * Builds the answer's XML with the fault a test asked for applied to it; keeps
 * a successful, unbroken answer as the one a later replayed-assertion fault sends.
 */
async function writeAnswer(
  makelaar: Makelaar,
  target: AnswerTarget,
  given: LoginOutcome,
  build: (signResponse: boolean) => Promise<string>,
  fault: Fault | undefined,
  byPost: boolean,
): Promise<WrittenAnswer> {
  const { state } = makelaar;
  const notes: string[] = [];
  let outcome = given;
  let xml: string;
  if (fault?.kind === "status") {
    const refusal = injectedRefusal(fault);
    outcome = refusal;
    xml = await buildFailure(makelaar, target, refusal, byPost);
  } else {
    xml = await build(byPost);
  }
  if (fault?.kind === "replayed-assertion") {
    const previous = state.lastSuccess.get(target.spEntityID, Date.now());
    if (previous) xml = previous;
    else notes.push("replayed-assertion: no earlier successful answer to this SP to replay");
  } else if (fault && BREAKS_THE_MESSAGE.has(fault.kind)) {
    const changed = breakAnswer(xml, fault, makelaar.signingKeys, makelaar.protocolNow());
    xml = changed.xml;
    notes.push(...changed.notes);
  } else if (outcome.ok) {
    state.lastSuccess.set(target.spEntityID, xml, Date.now());
  }
  if (fault && byPost && ARTIFACT_ONLY.has(fault.kind)) {
    notes.push(`${fault.kind}: this SP's ACS takes HTTP-POST, so there is no artifact to break`);
  }
  return { outcome, xml, notes };
}

/** A status fault: any SAML status code, also those eHerkenning does not allow (that is the test). */
function injectedRefusal(
  fault: Extract<Fault, { kind: "status" }>,
): Extract<LoginOutcome, { ok: false }> {
  return {
    ok: false,
    status: fault.status as TopStatus,
    subStatus: (fault.subStatus ?? "AuthnFailed") as SubStatus,
    message: fault.message,
    messageNl: fault.message,
  };
}

function logSentAnswer(
  makelaar: Makelaar,
  target: AnswerTarget,
  { outcome, xml, notes }: WrittenAnswer,
  fault: Fault | undefined,
): void {
  const { state } = makelaar;
  state.logAnswer({
    at: makelaar.protocolNow().toISOString(),
    inResponseTo: target.id,
    sp: target.spEntityID,
    status: outcome.ok ? "Success" : `${outcome.status}/${outcome.subStatus}`,
    ...(outcome.ok
      ? {
          levelReached: outcome.levelReached,
          user: outcome.person.id,
          kvk: outcome.organisation.kvk,
        }
      : { statusMessage: outcome.message, reason: outcome.reason ?? "REQUEST_REFUSED" }),
    binding: target.acs.binding,
    ...(fault ? { fault: fault.kind } : {}),
    ...(notes.length ? { notes } : {}),
  });
  state.logRaw({
    at: makelaar.protocolNow().toISOString(),
    direction: "sent",
    kind: target.acs.binding === "post" ? "Response (HTTP-POST)" : "Response (by artifact)",
    sp: target.spEntityID,
    xml,
  });
}

function sendByPost(res: Response, target: AnswerTarget, responseXml: string): void {
  res
    .status(200)
    .type("html")
    .send(
      postForm(target.acs.url, {
        SAMLResponse: Buffer.from(responseXml, "utf8").toString("base64"),
        RelayState: target.relayState,
      }),
    );
}

/**
 * Stores the Response as an artifact (breaking the artifact when a test asked:
 * resolved already, or its ARS down) and sends the browser to the ACS with it.
 */
function sendByArtifact(
  makelaar: Makelaar,
  res: Response,
  target: AnswerTarget,
  responseXml: string,
  fault: Fault | undefined,
): void {
  const { state } = makelaar;
  const nowMs = makelaar.protocolNow().getTime();
  const artifact = state.artifacts.issue(responseXml, target.spEntityID, nowMs);
  if (fault?.kind === "artifact-already-resolved" || fault?.kind === "ars-down") {
    const parsed = parseArtifact(artifact);
    if (parsed && fault.kind === "artifact-already-resolved") {
      state.artifacts.resolve(parsed, target.spEntityID, nowMs);
    } else if (parsed) {
      state.artifactFaults.set(parsed.handle, fault.kind, Date.now());
    }
  }
  // Set by hand: res.redirect negotiates a body by Accept on every login.
  res
    .status(303)
    .set("Location", acsRedirect(target.acs.url, artifact, target.relayState))
    .end();
}
