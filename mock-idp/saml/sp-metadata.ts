// Reads a dienstverlener's SAML metadata. Being built: the signatures are the
// interface the admin API and the config loader call.
import type { Store } from "../store.ts";
import type { RegisteredServiceProvider } from "../world/model.ts";

export interface ServiceProviderMetadata {
  readonly entityID: string;
  /** Base64 DER certificates for signature verification. */
  readonly signingCertificates: readonly string[];
  /** Base64 DER certificates to encrypt identifiers to; may be empty. */
  readonly encryptionCertificates: readonly string[];
  readonly assertionConsumerServices: readonly {
    readonly index: number;
    readonly url: string;
    readonly binding: "artifact" | "post";
    readonly isDefault: boolean;
  }[];
  /** AttributeConsumingService index to ServiceID. */
  readonly services: ReadonlyMap<number, string>;
}

/** Parses SP metadata; throws BadRequestError naming what is wrong. */
export function parseServiceProviderMetadata(_xml: string): ServiceProviderMetadata {
  throw new Error("parseServiceProviderMetadata is not implemented yet");
}

/** Adds or replaces an SP in the store (by entityID) and returns it. */
export function registerServiceProvider(_store: Store, _xml: string): RegisteredServiceProvider {
  throw new Error("registerServiceProvider is not implemented yet");
}
