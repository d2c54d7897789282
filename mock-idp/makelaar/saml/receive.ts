// How a SAMLRequest arrives at SSO and SLO alike: decoded from a Redirect
// query or a POST form, then its signature checked by the binding's rule.
import type { Document, Element } from "@xmldom/xmldom";
import type { Request } from "express";
import type { Makelaar } from "../makelaar.ts";
import {
  RequestRefused,
  decodeBase64,
  decodeQueryValue,
  inflate,
  rawQuery,
  verifyPostSignature,
  verifyRedirectSignature,
} from "./checks.ts";
import type { ServiceProviderMetadata } from "./sp-registration.ts";

export type Binding = "redirect" | "post";

export interface ReceivedRequest {
  readonly xml: string;
  readonly relayState?: string;
  /** Redirect only: the raw query, for its signature. */
  readonly query?: Map<string, string>;
}

export function receiveRequest(req: Request, binding: Binding): ReceivedRequest {
  return binding === "redirect" ? receiveRedirect(req) : receivePost(req);
}

function receiveRedirect(req: Request): ReceivedRequest {
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

function receivePost(req: Request): ReceivedRequest {
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

/** The Redirect binding signs the query; POST signs the message itself. */
export function verifyRequestSignature(
  makelaar: Makelaar,
  received: ReceivedRequest,
  doc: Document,
  request: Element,
  sp: ServiceProviderMetadata,
): void {
  if (received.query) {
    verifyRedirectSignature(received.query, "SAMLRequest", sp);
    return;
  }
  verifyPostSignature(received.xml, doc, request, sp, {
    allowX509Data: makelaar.answers.allowX509DataInMessages,
  });
}
