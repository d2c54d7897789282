// The ArtifactResolutionService: a signed samlp:ArtifactResolve in a SOAP 1.1
// envelope in, a signed samlp:ArtifactResponse out. Its own status is always
// Success; an artifact that is unknown, expired, for another SP or already
// resolved gets an ArtifactResponse with no message (SAML core 3.5.3), so a
// second resolve is harmless and clearly empty.
import type { Request, Response } from "express";
import type { Makelaar } from "../makelaar.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { SamlError } from "../errors.ts";
import { parseArtifact } from "../artifacts.ts";
import { INCLUSIVE_PREFIXES } from "./answer.ts";
import {
  RequestRefused,
  identifyServiceProvider,
  parseMessage,
  requireMessage,
  verifyPostSignature,
} from "./checks.ts";
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

export function handleArtifactResolve(makelaar: Makelaar, req: Request, res: Response): void {
  const { state } = makelaar;
  const errors: string[] = [];
  let sp: string | undefined;
  let id: string | undefined;
  try {
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
    requireMessage(resolve, "ArtifactResolve");
    id = attribute(resolve, "ID");
    const metadata = identifyServiceProvider(state, resolve);
    sp = metadata.entityID;
    verifyPostSignature(xml, doc, resolve, metadata, {
      allowX509Data: makelaar.answers.allowX509DataInMessages,
    });
    const destination = attribute(resolve, "Destination");
    const expected = `${makelaar.baseUrl}${ENDPOINTS.ars}`;
    if (destination !== undefined && destination !== expected) {
      throw new RequestRefused(
        `Destination ${excerpt(destination)} is not this makelaar's ARS URL ${expected}.`,
      );
    }
    const artifactText = textOf(childElement(resolve, NS.samlp, "Artifact"));
    const artifact = parseArtifact(artifactText);
    if (!artifact) {
      throw new RequestRefused(
        `"${artifactText.slice(0, 80)}" is not a SAML artifact of type 0x0004.`,
      );
    }
    const now = makelaar.protocolNow();
    state.logRaw({
      at: now.toISOString(),
      direction: "received",
      kind: "ArtifactResolve",
      sp: metadata.entityID,
      xml,
    });
    if (state.artifactFaults.take(artifact.handle, Date.now()) === "ars-down") {
      // Fault injection: the service is down for this artifact; it stays unresolved.
      state.logRequest({
        at: now.toISOString(),
        kind: "ArtifactResolve",
        ...(id ? { id } : {}),
        sp: metadata.entityID,
        binding: "soap",
        errors: ["ars-down (fault injected): answered 503"],
        notes: [],
      });
      res
        .status(503)
        .set("Retry-After", "60")
        .type("text/plain")
        .send("The artifact resolution service is unavailable (fault injected by a test).\n");
      return;
    }
    const resolution = state.artifacts.resolve(artifact, metadata.entityID, now.getTime());
    if (!resolution.ok) errors.push(resolution.problem);
    const inner = resolution.ok ? resolution.responseXml : "";
    // Canonical XML by construction (canonical.ts); the inner Response was written to sit here.
    const responseId = newId();
    const response =
      `<samlp:ArtifactResponse xmlns:samlp="${NS.samlp}" ID="${responseId}" InResponseTo="${c14nAttribute(id ?? "")}" IssueInstant="${instant(now)}" Version="2.0">` +
      `<saml:Issuer xmlns:saml="${NS.saml}">${c14nText(makelaar.entityID)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="${STATUS_PREFIX}Success"></samlp:StatusCode></samlp:Status>` +
      inner +
      `</samlp:ArtifactResponse>`;
    // The same InclusiveNamespaces as the assertion inside, so its xs and
    // xacml-saml declarations stay in this signature's canonical form too.
    const signed = signCanonical(response, responseId, makelaar.signingKeys, {
      inclusivePrefixes: INCLUSIVE_PREFIXES,
    });
    state.logRaw({
      at: now.toISOString(),
      direction: "sent",
      kind: "ArtifactResponse",
      sp: metadata.entityID,
      xml: signed,
    });
    state.logRequest({
      at: now.toISOString(),
      kind: "ArtifactResolve",
      ...(id ? { id } : {}),
      sp: metadata.entityID,
      binding: "soap",
      errors,
      notes: inner ? [] : ["answered with an empty ArtifactResponse"],
    });
    res
      .status(200)
      .set("Content-Type", "text/xml; charset=utf-8")
      .set("Cache-Control", "no-cache, no-store")
      .end(envelope(signed)); // end, not send: no ETag to hash on every login
  } catch (error) {
    if (!(error instanceof SamlError)) throw error;
    // Logged here, answered with a SOAP fault by error-responses.ts.
    state.logRequest({
      at: makelaar.protocolNow().toISOString(),
      kind: "ArtifactResolve",
      ...(id ? { id } : {}),
      ...(sp ? { sp } : {}),
      binding: "soap",
      errors: [error.message],
      notes: [],
    });
    throw error;
  }
}
