// The replica SPs' SAML side, built on the sp/ library: signed AuthnRequests
// by Redirect, answers by Artifact resolved over SOAP, every signature checked
// against the makelaar's metadata and the EncryptedIDs decrypted.
import type { Level } from "../../eherkenning/index.ts";
import type { Makelaar } from "../app.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { testKeyPair } from "../keys.ts";
import { makelaarMetadataXml } from "../saml/metadata.ts";
import { createServiceProvider, ServiceProviderError, type ServiceProvider } from "../sp/index.ts";
import type { EherkenningClient, EherkenningResult } from "./eherkenning-client.ts";

export interface ReplicaSpOptions {
  /** Short name for its TEST key files, e.g. "duo". */
  readonly keyName: string;
  readonly entityID: string;
  readonly acsUrl: string;
  readonly service: { readonly serviceID: string; readonly name: string };
  readonly keyDirectory?: string;
  /** The makelaar's clock: request and assertion times are judged by it. */
  readonly clock: () => Date;
}

/** The AttributeConsumingServiceIndex that selects a ServiceID: its last number. */
export function serviceIndexOf(serviceID: string): number {
  const match = /:services:(\d+)$/.exec(serviceID);
  if (!match?.[1]) throw new Error(`Not a ServiceID: ${serviceID}`);
  return Number(match[1]);
}

/** Creates the SP (with its own TEST keys) and its signed metadata. */
export async function createReplicaSp(options: ReplicaSpOptions): Promise<ServiceProvider> {
  const directory = options.keyDirectory ? { directory: options.keyDirectory } : {};
  const [signing, encryption] = await Promise.all([
    testKeyPair(`${options.keyName}-sp-signing`, {
      commonName: `eh-overstap replica ${options.keyName} SP signing`,
      ...directory,
    }),
    testKeyPair(`${options.keyName}-sp-encryption`, {
      commonName: `eh-overstap replica ${options.keyName} SP encryption`,
      ...directory,
    }),
  ]);
  return createServiceProvider({
    entityID: options.entityID,
    acsUrl: options.acsUrl,
    acsBinding: "artifact",
    services: [
      {
        index: serviceIndexOf(options.service.serviceID),
        serviceID: options.service.serviceID,
        name: options.service.name,
      },
    ],
    keys: { signing, encryption },
    clock: options.clock,
  });
}

/**
 * Binds an SP to a running makelaar: its metadata and clock, and the fetch
 * that reaches the makelaar's artifact resolution service.
 */
export function eherkenningClient(
  sp: ServiceProvider,
  makelaar: Makelaar,
  serviceID: string,
  makelaarFetch: typeof fetch,
): EherkenningClient {
  sp.useMakelaarMetadata(makelaarMetadataXml(makelaar));
  const serviceIndex = serviceIndexOf(serviceID);
  return {
    entityID: sp.entityID,
    metadataXml: sp.metadataXml,
    loginUrl({ requestedLevel, relayState }: { requestedLevel?: Level; relayState?: string }) {
      const message = sp.authnRequest({
        serviceIndex,
        binding: "redirect",
        destination: `${makelaar.baseUrl}${ENDPOINTS.sso}`,
        ...(requestedLevel ? { requestedLevel } : {}),
        ...(relayState !== undefined ? { relayState } : {}),
      });
      if (!message.url) throw new Error("The SP library made no Redirect URL");
      return Promise.resolve(message.url);
    },
    async finishLogin(samlArt: string): Promise<EherkenningResult> {
      let result: Awaited<ReturnType<ServiceProvider["resolveArtifact"]>>;
      try {
        result = await sp.resolveArtifact(samlArt, {
          arsUrl: `${makelaar.baseUrl}${ENDPOINTS.ars}`,
          fetch: makelaarFetch,
        });
      } catch (error) {
        if (!(error instanceof ServiceProviderError)) throw error;
        // A signature, audience or time check failed: the answer is not trusted.
        return { ok: false, failure: { status: "", message: error.message, untrusted: true } };
      }
      if (!result.ok) {
        return {
          ok: false,
          failure: {
            status: result.status,
            ...(result.subStatus !== undefined ? { subStatus: result.subStatus } : {}),
            message: result.message,
          },
        };
      }
      const legal = result.legalSubject;
      return {
        ok: true,
        identity: {
          pseudo: result.actingSubject.value,
          level: result.level,
          serviceID: result.serviceID,
          ...(legal.type === "KvKnr" ? { kvk: legal.value } : {}),
          ...(legal.type === "RSIN" ? { rsin: legal.value } : {}),
        },
      };
    },
  };
}
