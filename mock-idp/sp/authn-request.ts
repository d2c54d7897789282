// The signed AuthnRequest an SP sends, by Redirect (signed query) or POST
// (enveloped signature).
import { createSign } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { levelToUrn } from "../../eherkenning/index.ts";
import { ALGORITHMS, signRoot } from "../saml-core/signature.ts";
import { BINDINGS, NS, escapeXml, instant, newId } from "../saml-core/xml.ts";
import type { SpContext } from "./context.ts";
import { NO_SESSION } from "./outstanding.ts";
import type { AuthnRequestMessage, AuthnRequestOptions } from "./types.ts";

function authnRequestXml(ctx: SpContext, request: AuthnRequestOptions, id: string): string {
  const acs =
    request.acsBy === "url"
      ? `AssertionConsumerServiceURL="${escapeXml(request.acsUrl ?? ctx.options.acsUrl)}" ProtocolBinding="${ctx.options.acsBinding === "post" ? BINDINGS.post : BINDINGS.artifact}"`
      : `AssertionConsumerServiceIndex="0"`;
  const requested = request.requestedLevel
    ? `<samlp:RequestedAuthnContext Comparison="minimum"><saml:AuthnContextClassRef>${levelToUrn(request.requestedLevel)}</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>`
    : "";
  const xml =
    `<samlp:AuthnRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${escapeXml(id)}" Version="2.0" IssueInstant="${instant(request.issueInstant ?? ctx.clock())}" Destination="${escapeXml(request.destination)}" ForceAuthn="true" ${acs} AttributeConsumingServiceIndex="${request.serviceIndex}">` +
    `<saml:Issuer>${escapeXml(ctx.options.entityID)}</saml:Issuer>` +
    (request.extensions !== undefined
      ? `<samlp:Extensions>${request.extensions}</samlp:Extensions>`
      : "") +
    requested +
    (request.scoping !== undefined ? `<samlp:Scoping>${request.scoping}</samlp:Scoping>` : "") +
    `</samlp:AuthnRequest>`;
  if (request.sign === false || request.binding === "redirect") return xml;
  const signed = signRoot(xml, ctx.keys.signing, {
    placement: "after-issuer",
    keyInfo: request.keyInfo === "x509" ? "x509" : "key-name",
  });
  return request.keyInfo === "none" ? signed.replace(/<ds:KeyInfo>.*?<\/ds:KeyInfo>/s, "") : signed;
}

export function authnRequest(ctx: SpContext, request: AuthnRequestOptions): AuthnRequestMessage {
  const id = request.id ?? newId();
  const xml = authnRequestXml(ctx, request, id);
  ctx.outstanding.add(request.session ?? NO_SESSION, id, Date.now());
  if (request.binding === "post") {
    return {
      id,
      xml,
      form: {
        action: request.destination,
        fields: {
          SAMLRequest: Buffer.from(xml, "utf8").toString("base64"),
          ...(request.relayState !== undefined ? { RelayState: request.relayState } : {}),
        },
      },
    };
  }
  let query = `SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.from(xml, "utf8")).toString("base64"))}`;
  if (request.relayState !== undefined) {
    query += `&RelayState=${encodeURIComponent(request.relayState)}`;
  }
  if (request.sign !== false) {
    query += `&SigAlg=${encodeURIComponent(ALGORITHMS.rsaSha256)}`;
    const signature = createSign("RSA-SHA256").update(query).sign(ctx.signingKey);
    query += `&Signature=${encodeURIComponent(signature.toString("base64"))}`;
  }
  const separator = request.destination.includes("?") ? "&" : "?";
  return { id, xml, url: `${request.destination}${separator}${query}` };
}
