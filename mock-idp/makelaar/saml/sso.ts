// The SSO endpoint: decodes an AuthnRequest (Redirect or POST), runs every
// check, logs it, then either decides at once (auto-login) or hands the login
// to the pages. See checks.ts for which failures are answered to the SP.
import { randomBytes } from "node:crypto";
import type { Element } from "@xmldom/xmldom";
import type { Request, Response } from "express";
import type { Makelaar } from "../makelaar.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { SamlError } from "../errors.ts";
import { decideFor, type AuthnRequestContext } from "../flow.ts";
import type { LoggedRequest } from "../state.ts";
import { sendAnswer, sendFailure } from "./answer.ts";
import {
  RuleRefusal,
  checkDestination,
  checkIssueInstant,
  checkRelayState,
  ignoredParts,
  checkReplay,
  checkRequestedLevel,
  chooseAssertionConsumerService,
  identifyServiceProvider,
  parseMessage,
  readRequestedLevel,
  requireRoot,
  selectService,
} from "./checks.ts";
import {
  receiveRequest,
  verifyRequestSignature,
  type Binding,
  type ReceivedRequest,
} from "./receive.ts";
import type { AssertionConsumerService, ServiceProviderMetadata } from "./sp-registration.ts";
import { attribute, ownCopy } from "../../saml-core/xml.ts";

/** The request log entry in the making: what is known so far, filled in as the checks pass. */
interface RequestRecord {
  readonly known: { id?: string; sp?: string; serviceID?: string; requestedLevel?: string };
  readonly notes: string[];
  record(errors: string[]): void;
}

/** An AuthnRequest whose signature is verified and whose ACS is chosen: we may answer it. */
interface TrustedRequest {
  readonly received: ReceivedRequest;
  readonly request: Element;
  readonly id: string;
  readonly sp: ServiceProviderMetadata;
  readonly acs: AssertionConsumerService;
}

export async function handleSso(makelaar: Makelaar, req: Request, res: Response, binding: Binding) {
  const log = startRequestRecord(makelaar, binding);
  const trusted = receiveTrustedRequest(makelaar, req, binding, log);
  const base = answerContext(trusted, binding);
  let context: AuthnRequestContext;
  try {
    context = checkRequestForService(makelaar, trusted, base, log);
  } catch (error) {
    if (!(error instanceof SamlError)) throw error;
    log.record([error.message]);
    await sendFailure(makelaar, res, base, {
      ok: false,
      status: error.status,
      subStatus: error.subStatus,
      message: error.message,
      messageNl: error.message,
      ...(error instanceof RuleRefusal ? { reason: error.reason } : {}),
    });
    return;
  }
  await beginLogin(makelaar, req, res, context, trusted.sp, log);
}

function startRequestRecord(makelaar: Makelaar, binding: Binding): RequestRecord {
  const known: RequestRecord["known"] = {};
  const notes: string[] = [];
  const record = (errors: string[]) => {
    const entry: LoggedRequest = {
      at: makelaar.protocolNow().toISOString(),
      kind: "AuthnRequest",
      binding,
      ...known,
      errors,
      notes,
    };
    makelaar.state.logRequest(entry);
  };
  return { known, notes, record };
}

/**
 * Phase 1: decode the request, find its SP, verify its signature and choose the
 * ACS. Until all that passes, where to answer is not trusted, so a failure is
 * refused on a page (error-responses.ts), never sent to the SP.
 */
function receiveTrustedRequest(
  makelaar: Makelaar,
  req: Request,
  binding: Binding,
  log: RequestRecord,
): TrustedRequest {
  const { state } = makelaar;
  try {
    const received = receiveRequest(req, binding);
    state.logRaw({
      at: makelaar.protocolNow().toISOString(),
      direction: "received",
      kind: `AuthnRequest (${binding === "redirect" ? "Redirect" : "POST"})`,
      xml: received.xml,
    });
    const doc = parseMessage(received.xml, "The SAMLRequest");
    const request = requireRoot(doc, "AuthnRequest");
    // Own copies: the context and logs outlive the message (see ownCopy).
    const id = ownCopy(attribute(request, "ID") ?? "");
    log.known.id = id;
    const sp = identifyServiceProvider(state, request);
    log.known.sp = sp.entityID;
    verifyRequestSignature(makelaar, received, doc, request, sp);
    checkRelayState(received.relayState);
    const acs = chooseAssertionConsumerService(request, sp);
    log.notes.push(...ignoredParts(request));
    return { received, request, id, sp, acs };
  } catch (error) {
    if (error instanceof SamlError) log.record([error.message]);
    throw error;
  }
}

/** Where and how to answer this request, known once it is trusted. */
function answerContext(
  trusted: TrustedRequest,
  binding: Binding,
): Omit<AuthnRequestContext, "serviceID" | "service"> {
  const { received, request, id, sp, acs } = trusted;
  return {
    id,
    spEntityID: sp.entityID,
    acs: { url: acs.url, binding: acs.binding, index: acs.index },
    binding,
    forceAuthn: attribute(request, "ForceAuthn") === "true",
    ...(received.relayState !== undefined ? { relayState: ownCopy(received.relayState) } : {}),
  };
}

/**
 * Phase 2: check the trusted request for the service it asks: replay,
 * Destination, freshness, the service and the level asked. A failure here is
 * a SAML Response to the SP (the caller sends it).
 */
function checkRequestForService(
  makelaar: Makelaar,
  trusted: TrustedRequest,
  base: Omit<AuthnRequestContext, "serviceID" | "service">,
  log: RequestRecord,
): AuthnRequestContext {
  const { world, state } = makelaar;
  const { request, id, sp } = trusted;
  checkReplay(state, id, makelaar.protocolNow());
  checkDestination(request, `${makelaar.baseUrl}${ENDPOINTS.sso}`);
  checkIssueInstant(request, makelaar.protocolNow());
  const requestedLevel = readRequestedLevel(request);
  if (requestedLevel) log.known.requestedLevel = requestedLevel;
  const { serviceID, service } = selectService(world, request, sp);
  log.known.serviceID = serviceID;
  checkRequestedLevel(world, service, requestedLevel);
  return { ...base, serviceID, service, ...(requestedLevel ? { requestedLevel } : {}) };
}

/** Phase 3: decide at once (auto-login) or hand the login to the pages. */
async function beginLogin(
  makelaar: Makelaar,
  req: Request,
  res: Response,
  context: AuthnRequestContext,
  sp: ServiceProviderMetadata,
  log: RequestRecord,
): Promise<void> {
  const { world, state } = makelaar;
  if (sp.encryptionCertificates.length === 0) {
    log.notes.push(
      "PLAIN IDENTIFIERS: this SP has no encryption certificate and was registered with allowPlainIdentifiers; a real makelaar never sends plain identifiers",
    );
  }
  const { autoLogin } = state;
  if (autoLogin) {
    log.notes.push(`auto-login as ${autoLogin.personId} for KvK ${autoLogin.kvk}`);
    log.record([]);
    const outcome = decideFor(world, context, autoLogin.personId, autoLogin.kvk);
    await sendAnswer(makelaar, res, context, outcome);
    return;
  }
  log.record([]);
  const loginId = randomBytes(16).toString("base64url");
  state.logins.set(
    loginId,
    {
      context,
      failedAttempts: 0,
      language: req.acceptsLanguages("nl", "en") === "en" ? "en" : "nl",
    },
    makelaar.protocolNow().getTime(),
  );
  res.set("Cache-Control", "no-cache, no-store");
  res.set("Pragma", "no-cache");
  res.redirect(303, `${ENDPOINTS.login}/${loginId}`);
}
