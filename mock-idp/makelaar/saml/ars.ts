// The ArtifactResolutionService: a signed samlp:ArtifactResolve in a SOAP 1.1
// envelope in, a signed samlp:ArtifactResponse out. Its own status is always
// Success; an artifact that is unknown, expired, for another SP or already
// resolved gets an ArtifactResponse with no message (SAML core 3.5.3), so a
// second resolve is harmless and clearly empty.
import type { Document, Element } from "@xmldom/xmldom";
import type { Request, Response } from "express";
import type { Makelaar } from "../makelaar.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { SamlError } from "../errors.ts";
import { type Artifact, parseArtifact } from "../artifacts.ts";
import { INCLUSIVE_PREFIXES } from "./answer.ts";
import {
  RequestRefused,
  identifyServiceProvider,
  parseMessage,
  requireMessage,
  verifyPostSignature,
} from "./checks.ts";
import { checkClientCertificate } from "./mutual-tls.ts";
import { c14nAttribute, c14nText, signCanonical } from "../../saml-core/canonical.ts";
import {
  NS,
  STATUS_PREFIX,
  attribute,
  childElement,
  escapeXml,
  excerpt,
  instant,
  is,
  newId,
  textOf,
} from "../../saml-core/xml.ts";

export const SOAP_CONTENT_TYPES = ["text/xml", "application/soap+xml"];

function envelope(body: string): string {
  return `<soapenv:Envelope xmlns:soapenv="${NS.soap}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

/** A SOAP 1.1 Client fault, sent with HTTP 400 so a broken request never looks like our failure. */
export function sendSoapFault(res: Response, status: number, message: string): void {
  res
    .status(status)
    .set("Content-Type", "text/xml; charset=utf-8")
    .send(
      envelope(
        `<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>${escapeXml(message)}</faultstring></soapenv:Fault>`,
      ),
    );
}

/** What a request is known to be so far, so a refusal can still be logged with it. */
interface KnownSoFar {
  id: string | undefined;
  sp: string | undefined;
}

/** A SOAP-wrapped ArtifactResolve from a registered SP, its signature and Destination checked. */
interface ReceivedArtifactResolve {
  readonly xml: string;
  readonly id: string | undefined;
  readonly sp: string;
  readonly artifact: Artifact;
  /** For the request log (the client certificate accepted over mutual TLS). */
  readonly notes: readonly string[];
}

export function handleArtifactResolve(makelaar: Makelaar, req: Request, res: Response): void {
  const known: KnownSoFar = { id: undefined, sp: undefined };
  try {
    const received = receiveArtifactResolve(makelaar, req, known);
    const now = makelaar.protocolNow();
    makelaar.state.logRaw({
      at: now.toISOString(),
      direction: "received",
      kind: "ArtifactResolve",
      sp: received.sp,
      xml: received.xml,
    });
    if (makelaar.state.artifactFaults.take(received.artifact.handle, Date.now()) === "ars-down") {
      answerArsDown(makelaar, received, now, res);
      return;
    }
    answerArtifactResponse(makelaar, received, now, res);
  } catch (error) {
    if (!(error instanceof SamlError)) throw error;
    // Logged here, answered with a SOAP fault by error-responses.ts.
    makelaar.state.logRequest({
      at: makelaar.protocolNow().toISOString(),
      kind: "ArtifactResolve",
      ...(known.id ? { id: known.id } : {}),
      ...(known.sp ? { sp: known.sp } : {}),
      binding: "soap",
      errors: [error.message],
      notes: [],
    });
    throw error;
  }
}

/**
 * Unwraps the SOAP envelope and runs every check on the ArtifactResolve in it,
 * filling in `known` as the ID and the SP become known.
 */
function receiveArtifactResolve(
  makelaar: Makelaar,
  req: Request,
  known: KnownSoFar,
): ReceivedArtifactResolve {
  const { xml, doc, resolve } = unwrapSoapArtifactResolve(req);
  requireMessage(resolve, "ArtifactResolve");
  known.id = attribute(resolve, "ID");
  const metadata = identifyServiceProvider(makelaar.state, resolve);
  known.sp = metadata.entityID;
  const tlsNote = checkClientCertificate(makelaar, req, metadata);
  verifyPostSignature(xml, doc, resolve, metadata, {
    allowX509Data: makelaar.answers.allowX509DataInMessages,
  });
  checkArsDestination(resolve, makelaar.mutualTls?.arsUrl ?? `${makelaar.baseUrl}${ENDPOINTS.ars}`);
  return {
    xml,
    id: known.id,
    sp: metadata.entityID,
    artifact: readArtifact(resolve),
    notes: tlsNote ? [tlsNote] : [],
  };
}

function unwrapSoapArtifactResolve(req: Request): { xml: string; doc: Document; resolve: Element } {
  if (!req.is(SOAP_CONTENT_TYPES) || typeof req.body !== "string") {
    throw new RequestRefused(
      `Content-Type must be text/xml or application/soap+xml, not "${req.get("content-type") ?? "(none)"}".`,
      415,
    );
  }
  const xml = req.body;
  const doc = parseMessage(xml, "The SOAP envelope");
  const root = doc.documentElement!;
  const body = is(root, NS.soap, "Envelope") ? childElement(root, NS.soap, "Body") : undefined;
  const resolve = body && childElement(body, NS.samlp, "ArtifactResolve");
  if (!resolve) {
    throw new RequestRefused(
      "Expected a SOAP 1.1 Envelope whose Body holds a samlp:ArtifactResolve.",
    );
  }
  return { xml, doc, resolve };
}

/** Destination is optional on an ArtifactResolve; when present it must be our ARS. */
function checkArsDestination(resolve: Element, expected: string): void {
  const destination = attribute(resolve, "Destination");
  if (destination !== undefined && destination !== expected) {
    throw new RequestRefused(
      `Destination ${excerpt(destination)} is not this makelaar's ARS URL ${expected}.`,
    );
  }
}

function readArtifact(resolve: Element): Artifact {
  const artifactText = textOf(childElement(resolve, NS.samlp, "Artifact"));
  const artifact = parseArtifact(artifactText);
  if (!artifact) {
    throw new RequestRefused(
      `"${artifactText.slice(0, 80)}" is not a SAML artifact of type 0x0004.`,
    );
  }
  return artifact;
}

/** Fault injection: the service is down for this artifact; it stays unresolved. */
function answerArsDown(
  makelaar: Makelaar,
  received: ReceivedArtifactResolve,
  now: Date,
  res: Response,
): void {
  makelaar.state.logRequest({
    at: now.toISOString(),
    kind: "ArtifactResolve",
    ...(received.id ? { id: received.id } : {}),
    sp: received.sp,
    binding: "soap",
    errors: ["ars-down (fault injected): answered 503"],
    notes: [],
  });
  res
    .status(503)
    .set("Retry-After", "60")
    .type("text/plain")
    .send("The artifact resolution service is unavailable (fault injected by a test).\n");
}

/** Resolves the artifact (once) and answers with a signed ArtifactResponse, empty when it cannot. */
function answerArtifactResponse(
  makelaar: Makelaar,
  received: ReceivedArtifactResolve,
  now: Date,
  res: Response,
): void {
  const { state } = makelaar;
  const resolution = state.artifacts.resolve(received.artifact, received.sp, now.getTime());
  const inner = resolution.ok ? resolution.responseXml : "";
  const signed = signArtifactResponse(makelaar, received.id, inner, now);
  state.logRaw({
    at: now.toISOString(),
    direction: "sent",
    kind: "ArtifactResponse",
    sp: received.sp,
    xml: signed,
  });
  state.logRequest({
    at: now.toISOString(),
    kind: "ArtifactResolve",
    ...(received.id ? { id: received.id } : {}),
    sp: received.sp,
    binding: "soap",
    errors: resolution.ok ? [] : [resolution.problem],
    notes: [...received.notes, ...(inner ? [] : ["answered with an empty ArtifactResponse"])],
  });
  res
    .status(200)
    .set("Content-Type", "text/xml; charset=utf-8")
    .set("Cache-Control", "no-cache, no-store")
    .end(envelope(signed)); // end, not send: no ETag to hash on every login
}

function signArtifactResponse(
  makelaar: Makelaar,
  inResponseTo: string | undefined,
  inner: string,
  now: Date,
): string {
  // Canonical XML by construction (canonical.ts); the inner Response was written to sit here.
  const responseId = newId();
  const response =
    `<samlp:ArtifactResponse xmlns:samlp="${NS.samlp}" ID="${responseId}" InResponseTo="${c14nAttribute(inResponseTo ?? "")}" IssueInstant="${instant(now)}" Version="2.0">` +
    `<saml:Issuer xmlns:saml="${NS.saml}">${c14nText(makelaar.entityID)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}Success"></samlp:StatusCode></samlp:Status>` +
    inner +
    `</samlp:ArtifactResponse>`;
  // The same InclusiveNamespaces as the assertion inside, so its xs and
  // xacml-saml declarations stay in this signature's canonical form too.
  return signCanonical(response, responseId, makelaar.signingKeys, {
    inclusivePrefixes: INCLUSIVE_PREFIXES,
  });
}
