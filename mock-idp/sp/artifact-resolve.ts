// Resolves a SAMLart over SOAP: a signed ArtifactResolve out, the signed
// ArtifactResponse checked and the Response inside read.
import { c14nAttribute, c14nText, signCanonical } from "../saml-core/canonical.ts";
import {
  NS,
  STATUS_PREFIX,
  attribute,
  childElement,
  excerpt,
  instant,
  is,
  newId,
  parseXml,
} from "../saml-core/xml.ts";
import type { SpContext } from "./context.ts";
import { ServiceProviderError } from "./errors.ts";
import { NO_SESSION } from "./outstanding.ts";
import { readResponse, statusOf } from "./response.ts";
import type { LoginResult } from "./types.ts";

type Fetch = typeof fetch;

function artifactResolveXml(ctx: SpContext, samlArt: string, arsUrl: string, id: string): string {
  // Written in canonical form and signed directly (see saml/canonical.ts).
  const xml =
    `<samlp:ArtifactResolve xmlns:samlp="${NS.samlp}" Destination="${c14nAttribute(arsUrl)}" ID="${id}" IssueInstant="${instant(ctx.clock())}" Version="2.0">` +
    `<saml:Issuer xmlns:saml="${NS.saml}">${c14nText(ctx.options.entityID)}</saml:Issuer>` +
    `<samlp:Artifact>${c14nText(samlArt)}</samlp:Artifact></samlp:ArtifactResolve>`;
  const signed = signCanonical(xml, id, ctx.keys.signing);
  return `<soapenv:Envelope xmlns:soapenv="${NS.soap}"><soapenv:Body>${signed}</soapenv:Body></soapenv:Envelope>`;
}

/** Resolves a SAMLart over SOAP and reads the Response inside. */
export async function resolveArtifact(
  ctx: SpContext,
  samlArt: string,
  resolve: {
    readonly arsUrl: string;
    readonly fetch?: Fetch;
    readonly contentType?: string;
    /** The browser session the login started in (AuthnRequestOptions.session). */
    readonly session?: string;
  },
): Promise<LoginResult> {
  const fetcher = resolve.fetch ?? fetch;
  const resolveId = newId();
  const certs = await ctx.trust.certificates(fetcher);
  const answer = await fetcher(resolve.arsUrl, {
    method: "POST",
    headers: {
      "content-type": resolve.contentType ?? "text/xml; charset=utf-8",
      soapaction: "http://www.oasis-open.org/committees/security",
    },
    body: artifactResolveXml(ctx, samlArt, resolve.arsUrl, resolveId),
  });
  const xml = await answer.text();
  if (!answer.ok) {
    throw new ServiceProviderError(
      `ArtifactResolve gave HTTP ${answer.status}: ${xml.slice(0, 300)}`,
    );
  }
  const doc = parseXml(xml, "The ArtifactResponse envelope");
  const envelope = doc.documentElement!;
  const body = is(envelope, NS.soap, "Envelope")
    ? childElement(envelope, NS.soap, "Body")
    : undefined;
  const artifactResponse = body && childElement(body, NS.samlp, "ArtifactResponse");
  if (!artifactResponse)
    throw new ServiceProviderError("No samlp:ArtifactResponse in the SOAP body.");
  ctx.verifyEnveloped(xml, doc, artifactResponse, certs, "The ArtifactResponse");
  // Else an earlier signed ArtifactResponse, for another artifact, could be put in its place.
  const answered = attribute(artifactResponse, "InResponseTo");
  if (answered !== resolveId) {
    throw new ServiceProviderError(
      `The ArtifactResponse answers ${excerpt(answered ?? "(no InResponseTo)")}, not our ArtifactResolve ${resolveId}.`,
    );
  }
  const status = statusOf(artifactResponse);
  if (status.top !== `${STATUS_PREFIX}Success`) {
    throw new ServiceProviderError(`The ArtifactResponse's status is ${status.top}.`);
  }
  const response = childElement(artifactResponse, NS.samlp, "Response");
  if (!response) {
    return {
      ok: false,
      status: "",
      message: "The artifact is unknown, expired or already resolved (empty ArtifactResponse).",
    };
  }
  // The ArtifactResponse's signature covers the inner Response.
  return readResponse(ctx, xml, doc, response, certs, false, resolve.session ?? NO_SESSION);
}
