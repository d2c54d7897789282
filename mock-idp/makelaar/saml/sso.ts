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
  RequestRefused,
  RuleRefusal,
  checkDestination,
  checkIssueInstant,
  checkRelayState,
  ignoredParts,
  checkReplay,
  checkRequestedLevel,
  chooseAssertionConsumerService,
  decodeBase64,
  decodeQueryValue,
  identifyServiceProvider,
  inflate,
  parseMessage,
  rawQuery,
  readRequestedLevel,
  requireRoot,
  selectService,
  verifyPostSignature,
  verifyRedirectSignature,
} from "./checks.ts";
import type { AssertionConsumerService, ServiceProviderMetadata } from "./sp-registration.ts";
import { attribute, ownCopy } from "../../saml-core/xml.ts";

type Binding = "redirect" | "post";

interface Received {
  readonly xml: string;
  readonly relayState?: string;
  /** Redirect only: the raw query, for its signature. */
  readonly query?: Map<string, string>;
}

function receiveRedirect(req: Request): Received {
  const query = rawQuery(req.originalUrl);
  const raw = query.get("SAMLRequest");
  if (raw === undefined) throw new RequestRefused("There is no SAMLRequest in the query.");
  const deflated = decodeBase64(decodeQueryValue(raw, "SAMLRequest"), "SAMLRequest");
  const relayRaw = query.get("RelayState");
  return {
    xml: inflate(deflated, "SAMLRequest"),
    query,
    ...(relayRaw !== undefined ? { relayState: decodeQueryValue(relayRaw, "RelayState") } : {}),
  };
}

function receivePost(req: Request): Received {
  const body: unknown = req.body;
  const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const samlRequest = fields.SAMLRequest;
  if (typeof samlRequest !== "string") {
    throw new RequestRefused("There is no SAMLRequest form field (POST binding).");
  }
  const relayState = fields.RelayState;
  if (relayState !== undefined && typeof relayState !== "string") {
    throw new RequestRefused("RelayState must be one form field.");
  }
  const bytes = decodeBase64(samlRequest, "SAMLRequest");
  // The POST binding sends plain base64, but some SP libraries (node-saml by
  // default) deflate it as for Redirect: accept both, with the same bounds.
  const looksLikeXml = /^\s*</.test(bytes.subarray(0, 64).toString("latin1"));
  return {
    xml: looksLikeXml ? bytes.toString("utf8") : inflate(bytes, "SAMLRequest"),
    ...(relayState !== undefined ? { relayState } : {}),
  };
}

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
  let received: Received;
  let request;
  try {
    received = binding === "redirect" ? receiveRedirect(req) : receivePost(req);
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
    if (received.query) verifyRedirectSignature(received.query, "SAMLRequest", sp);
    else {
      verifyPostSignature(received.xml, doc, request, sp, {
        allowX509Data: makelaar.answers.allowX509DataInMessages,
      });
    }
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
