// The SSO endpoint: decodes an AuthnRequest (Redirect or POST), runs every
// check, logs it, then either decides at once (auto-login) or hands the login
// to the pages. See checks.ts for which failures are answered to the SP.
import { randomBytes } from "node:crypto";
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

export async function handleSso(makelaar: Makelaar, req: Request, res: Response, binding: Binding) {
  const { world, state } = makelaar;
  const notes: string[] = [];
  // What is known so far, filled in as the checks pass.
  const log: { id?: string; sp?: string; serviceID?: string; requestedLevel?: string } = {};
  const record = (errors: string[]) => {
    const entry: LoggedRequest = {
      at: makelaar.protocolNow().toISOString(),
      kind: "AuthnRequest",
      binding,
      ...log,
      errors,
      notes,
    };
    state.logRequest(entry);
  };

  // Phase 1: until the signature is verified and the ACS chosen, a failure gets a page.
  let sp: ServiceProviderMetadata;
  let acs: AssertionConsumerService;
  let received: ReceivedRequest;
  let request;
  try {
    received = receiveRequest(req, binding);
    state.logRaw({
      at: makelaar.protocolNow().toISOString(),
      direction: "received",
      kind: `AuthnRequest (${binding === "redirect" ? "Redirect" : "POST"})`,
      xml: received.xml,
    });
    const doc = parseMessage(received.xml, "The SAMLRequest");
    request = requireRoot(doc, "AuthnRequest");
    // Own copies: the context and logs outlive the message (see ownCopy).
    log.id = ownCopy(attribute(request, "ID") ?? "");
    sp = identifyServiceProvider(state, request);
    log.sp = sp.entityID;
    verifyRequestSignature(makelaar, received, doc, request, sp);
    checkRelayState(received.relayState);
    acs = chooseAssertionConsumerService(request, sp);
    notes.push(...ignoredParts(request));
  } catch (error) {
    // Refused on a page (error-responses.ts): where to answer is not yet trusted.
    if (error instanceof SamlError) record([error.message]);
    throw error;
  }

  // Phase 2: the SP and its ACS are known; failures are SAML Responses to it.
  const id = log.id ?? "";
  const base: Omit<AuthnRequestContext, "serviceID" | "service"> = {
    id,
    spEntityID: sp.entityID,
    acs: { url: acs.url, binding: acs.binding, index: acs.index },
    binding,
    forceAuthn: attribute(request, "ForceAuthn") === "true",
    ...(received.relayState !== undefined ? { relayState: ownCopy(received.relayState) } : {}),
  };
  let context: AuthnRequestContext;
  try {
    checkReplay(state, id, makelaar.protocolNow());
    checkDestination(request, `${makelaar.baseUrl}${ENDPOINTS.sso}`);
    checkIssueInstant(request, makelaar.protocolNow());
    const requestedLevel = readRequestedLevel(request);
    if (requestedLevel) log.requestedLevel = requestedLevel;
    const { serviceID, service } = selectService(world, request, sp);
    log.serviceID = serviceID;
    checkRequestedLevel(world, service, requestedLevel);
    context = { ...base, serviceID, service, ...(requestedLevel ? { requestedLevel } : {}) };
  } catch (error) {
    if (!(error instanceof SamlError)) throw error;
    record([error.message]);
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

  if (sp.encryptionCertificates.length === 0) {
    notes.push(
      "PLAIN IDENTIFIERS: this SP has no encryption certificate and was registered with allowPlainIdentifiers; a real makelaar never sends plain identifiers",
    );
  }
  const { autoLogin } = state;
  if (autoLogin) {
    notes.push(`auto-login as ${autoLogin.personId} for KvK ${autoLogin.kvk}`);
    record([]);
    const outcome = decideFor(world, context, autoLogin.personId, autoLogin.kvk);
    await sendAnswer(makelaar, res, context, outcome);
    return;
  }
  record([]);
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
