// The SP library's options and results.
import type { Level } from "../../eherkenning/index.ts";
import type { TestKeyPair } from "../saml-core/keys.ts";
import type { SpService } from "./metadata.ts";
import type { OutstandingLimits } from "./outstanding.ts";

export interface ServiceProviderKeys {
  readonly signing: TestKeyPair;
  /** null publishes no encryption certificate. */
  readonly encryption: TestKeyPair | null;
}

export interface ServiceProviderOptions {
  readonly entityID: string;
  readonly acsUrl: string;
  readonly acsBinding: "artifact" | "post";
  readonly services: readonly SpService[];
  /** Where the makelaar sends LogoutResponses (HTTP-POST). */
  readonly singleLogoutUrl?: string;
  /** TEST keys; generated (and cached) via mock-idp/saml-core/keys.ts when absent. */
  readonly keys?: ServiceProviderKeys;
  /** The makelaar's metadata XML; else fetched from makelaarMetadataUrl when first needed. */
  readonly makelaarMetadata?: string;
  readonly makelaarMetadataUrl?: string;
  /**
   * Hex SHA-256 of the makelaar's signing certificate (DER, as its KeyName
   * gives it). When set, makelaar metadata (given, fetched or replaced) is
   * accepted only when signed with that certificate. Without it, metadata
   * fetched from a URL is trusted on its own word: its signature is checked
   * against its own certificates, which proves integrity, not origin.
   */
  readonly makelaarCertificateSha256?: string;
  /** The clock for time checks; pass the makelaar's simulated clock when it is moved. */
  readonly clock?: () => Date;
  /**
   * How signatures are checked: "xml-crypto" (the default) runs xml-crypto's
   * SignedXml; "direct" uses xml-crypto's canonicaliser with node:crypto, as
   * the makelaar does (much faster; the benchmark uses it so the client does
   * not hide the server's latency).
   */
  readonly verifier?: "xml-crypto" | "direct";
  /** Allowed clock difference for NotBefore/NotOnOrAfter, ms (default 60 s). */
  readonly clockSkewMs?: number;
  /**
   * How many sent AuthnRequests are remembered while they wait for their
   * answer (outstanding.ts): per session (16), sessions (10,000), how long
   * (30 minutes). An answer to any other request is refused.
   */
  readonly outstandingRequests?: OutstandingLimits;
}

export interface AuthnRequestOptions {
  readonly serviceIndex: number;
  readonly requestedLevel?: Level;
  readonly relayState?: string;
  readonly binding: "redirect" | "post";
  /** The makelaar's SSO URL, e.g. http://127.0.0.1:1234/broker/sso/1.13 */
  readonly destination: string;
  /** Name the ACS by index (default) or by URL plus ProtocolBinding. */
  readonly acsBy?: "index" | "url";
  /**
   * The browser session that starts this login (say, an opaque value in a
   * cookie of the SP's site): its answer is accepted only when read with the
   * same session, once. Without one, every caller shares one session: replays
   * are still refused, a login planted from another browser is not.
   */
  readonly session?: string;
  /** Overrides for tests of the makelaar's checks. */
  readonly id?: string;
  readonly issueInstant?: Date;
  readonly acsUrl?: string;
  readonly sign?: boolean;
  readonly keyInfo?: "key-name" | "x509" | "none";
  /** XML for a samlp:Extensions element's content (e.g. esp:RequestedAttributes), as some DVs send. */
  readonly extensions?: string;
  /** XML for a samlp:Scoping element's content (an IDPList), as some DVs send. */
  readonly scoping?: string;
}

export interface AuthnRequestMessage {
  readonly id: string;
  readonly xml: string;
  /** Redirect binding: the URL to send the browser to. */
  readonly url?: string;
  /** POST binding: the form to submit. */
  readonly form?: {
    readonly action: string;
    readonly fields: { readonly SAMLRequest: string; readonly RelayState?: string };
  };
}

export interface Subject {
  /** The NameQualifier's last part: KvKnr, RSIN, Pseudo. */
  readonly type: string;
  readonly value: string;
  /** Whether it came as an EncryptedID. */
  readonly encrypted: boolean;
}

export type LoginResult =
  | {
      readonly ok: true;
      readonly level: Level;
      readonly serviceID: string;
      readonly serviceUUID: string;
      /** The first LegalSubjectID value (the organisation). */
      readonly legalSubject: Subject;
      /** Every LegalSubjectID value: the identifiers the catalogue asks, e.g. KvKnr and RSIN. */
      readonly legalSubjects: readonly Subject[];
      readonly actingSubject: Subject;
      /** Every attribute by name, its first value; identifiers as "<type>:<value>". */
      readonly attributes: Readonly<Record<string, string>>;
      /** Every attribute by name, all its values. */
      readonly attributeValues: Readonly<Record<string, readonly string[]>>;
      readonly inResponseTo: string;
      readonly responseXml: string;
    }
  | {
      readonly ok: false;
      /** Top-level status code URN. */
      readonly status: string;
      /** Second-level status code URN, when present. */
      readonly subStatus?: string;
      readonly message: string;
      readonly inResponseTo?: string;
    };
