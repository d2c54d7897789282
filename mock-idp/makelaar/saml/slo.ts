// Single logout. The makelaar keeps no sessions (eHerkenning requests use
// ForceAuthn), so a verified LogoutRequest is always answered Success: by
// POST or Redirect to the SP's SingleLogoutService, or on a page when the SP
// registered none.
import { createSign } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import type { Request, Response } from "express";
import type { Makelaar } from "../makelaar.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { SamlError } from "../errors.ts";
import { noStore, postForm } from "./answer.ts";
import {
  checkDestination,
  checkIssueInstant,
  checkRelayState,
  identifyServiceProvider,
  parseMessage,
  requireRoot,
} from "./checks.ts";
import { receiveRequest, verifyRequestSignature, type Binding } from "./receive.ts";
import type { ServiceProviderMetadata } from "./sp-registration.ts";
import { ALGORITHMS, signRoot } from "../../saml-core/signature.ts";
import { NS, STATUS_PREFIX, attribute, escapeXml, instant, newId } from "../../saml-core/xml.ts";

export function handleLogout(
  makelaar: Makelaar,
  req: Request,
  res: Response,
  binding: Binding,
): void {
  const { state } = makelaar;
  let sp: string | undefined;
  let id: string | undefined;
  const record = (errors: string[]) =>
    state.logRequest({
      at: makelaar.protocolNow().toISOString(),
      kind: "LogoutRequest",
      ...(id ? { id } : {}),
      ...(sp ? { sp } : {}),
      binding,
      errors,
      notes: [],
    });
  let metadata: ServiceProviderMetadata;
  let relayState: string | undefined;
  try {
    const received = receiveRequest(req, binding);
    const doc = parseMessage(received.xml, "The SAMLRequest");
    const request = requireRoot(doc, "LogoutRequest");
    id = attribute(request, "ID");
    metadata = identifyServiceProvider(state, request);
    sp = metadata.entityID;
    verifyRequestSignature(makelaar, received, doc, request, metadata);
    relayState = received.relayState;
    checkRelayState(relayState);
    checkDestination(request, `${makelaar.baseUrl}${ENDPOINTS.slo}`, "SLO");
    checkIssueInstant(request, makelaar.protocolNow());
  } catch (error) {
    // Logged here, refused on a page by error-responses.ts.
    if (error instanceof SamlError) record([error.message]);
    throw error;
  }
  record([]);
  sendLogoutResponse(makelaar, res, metadata, id, relayState);
}

/** Success to the SP's SingleLogoutService by its binding, or a page when it has none. */
function sendLogoutResponse(
  makelaar: Makelaar,
  res: Response,
  metadata: ServiceProviderMetadata,
  id: string | undefined,
  relayState: string | undefined,
): void {
  const target = metadata.singleLogoutServices?.[0];
  const response =
    `<samlp:LogoutResponse xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${newId()}" Version="2.0" IssueInstant="${instant(makelaar.protocolNow())}" InResponseTo="${escapeXml(id ?? "")}"${target ? ` Destination="${escapeXml(target.url)}"` : ""}>` +
    `<saml:Issuer>${escapeXml(makelaar.entityID)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}Success"/></samlp:Status></samlp:LogoutResponse>`;
  noStore(res);
  if (target?.binding === "redirect") {
    let signedQuery = `SAMLResponse=${encodeURIComponent(deflateRawSync(response).toString("base64"))}`;
    if (relayState !== undefined) signedQuery += `&RelayState=${encodeURIComponent(relayState)}`;
    signedQuery += `&SigAlg=${encodeURIComponent(ALGORITHMS.rsaSha256)}`;
    const signature = createSign("RSA-SHA256")
      .update(signedQuery)
      .sign(makelaar.signingKeys.privateKeyPem, "base64");
    const separator = target.url.includes("?") ? "&" : "?";
    res.redirect(
      303,
      `${target.url}${separator}${signedQuery}&Signature=${encodeURIComponent(signature)}`,
    );
    return;
  }
  const signed = signRoot(response, makelaar.signingKeys, { placement: "after-issuer" });
  if (target) {
    res.type("html").send(
      postForm(target.url, {
        SAMLResponse: Buffer.from(signed, "utf8").toString("base64"),
        RelayState: relayState,
      }),
    );
    return;
  }
  res
    .type("html")
    .send(
      `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Uitgelogd</title></head><body><p>Testomgeving: mock makelaar.</p><h1>U bent uitgelogd / You are logged out</h1><p>${escapeXml(metadata.entityID)} registered no SingleLogoutService; the signed LogoutResponse was not sent.</p></body></html>`,
    );
}
