// A small eHerkenning service provider (dienstverlener) for our replica SPs,
// the e2e kit and tests: it publishes signed SP metadata, sends signed
// AuthnRequests (Redirect or POST), resolves artifacts over SOAP and reads
// POSTed Responses. It verifies every signature against the makelaar's
// metadata (xml-crypto), decrypts the EncryptedIDs with its own TEST key
// (xml-encryption) and accepts an answer only to a request it sent in the
// same session and has not had answered (outstanding.ts).
import { createPrivateKey } from "node:crypto";
import { testKeyPair } from "../saml-core/keys.ts";
import {
  verifyEnveloped as verifyDirect,
  verifyEnvelopedWithXmlCrypto,
} from "../saml-core/signature.ts";
import { resolveArtifact } from "./artifact-resolve.ts";
import { authnRequest } from "./authn-request.ts";
import type { SpContext } from "./context.ts";
import { MakelaarTrust } from "./makelaar-trust.ts";
import { serviceProviderMetadataXml } from "./metadata.ts";
import { OutstandingRequests } from "./outstanding.ts";
import { readPostResponse, type ReadAnswerOptions } from "./response.ts";
import type { AuthnRequestOptions, ServiceProviderKeys, ServiceProviderOptions } from "./types.ts";

export { serviceProviderMetadataXml, type SpService } from "./metadata.ts";
export { makelaarSigningCertificates } from "./makelaar-trust.ts";
export { ServiceProviderError, UnsolicitedResponseError } from "./errors.ts";
export type { OutstandingLimits } from "./outstanding.ts";
export type { ReadAnswerOptions } from "./response.ts";
export type {
  AuthnRequestMessage,
  AuthnRequestOptions,
  LoginResult,
  ServiceProviderKeys,
  ServiceProviderOptions,
  Subject,
} from "./types.ts";

export async function createServiceProvider(options: ServiceProviderOptions) {
  const keys: ServiceProviderKeys = options.keys ?? {
    signing: await testKeyPair("sp-signing", { commonName: "eh-overstap test SP signing" }),
    encryption: await testKeyPair("sp-encryption", {
      commonName: "eh-overstap test SP encryption",
    }),
  };
  const metadataXml = serviceProviderMetadataXml({
    entityID: options.entityID,
    acsUrl: options.acsUrl,
    acsBinding: options.acsBinding,
    services: options.services,
    signing: keys.signing,
    encryption: keys.encryption ?? undefined,
    singleLogoutUrl: options.singleLogoutUrl,
  });
  const ctx: SpContext = {
    options,
    keys,
    signingKey: createPrivateKey(keys.signing.privateKeyPem),
    decryptionKey: keys.encryption ? createPrivateKey(keys.encryption.privateKeyPem) : undefined,
    clock: options.clock ?? (() => new Date()),
    skew: options.clockSkewMs ?? 60_000,
    verifyEnveloped: options.verifier === "direct" ? verifyDirect : verifyEnvelopedWithXmlCrypto,
    trust: new MakelaarTrust({
      metadataXml: options.makelaarMetadata,
      metadataUrl: options.makelaarMetadataUrl,
      pinnedSha256: options.makelaarCertificateSha256,
    }),
    outstanding: new OutstandingRequests(options.outstandingRequests),
  };

  return {
    entityID: options.entityID,
    acsUrl: options.acsUrl,
    metadataXml,
    keys,
    authnRequest: (request: AuthnRequestOptions) => authnRequest(ctx, request),
    resolveArtifact: (samlArt: string, resolve: Parameters<typeof resolveArtifact>[2]) =>
      resolveArtifact(ctx, samlArt, resolve),
    readPostResponse: (samlResponse: string, read?: ReadAnswerOptions | typeof fetch) =>
      readPostResponse(ctx, samlResponse, read),
    /** Use this makelaar metadata from now on (verified). */
    useMakelaarMetadata(xml: string): void {
      ctx.trust.use(xml);
    },
  };
}

export type ServiceProvider = Awaited<ReturnType<typeof createServiceProvider>>;
