// What the SP's parts share: its options and keys, its clock and verifier,
// and its trust in the makelaar's signing certificates.
import type { KeyObject } from "node:crypto";
import type { Document, Element } from "@xmldom/xmldom";
import type { MakelaarTrust } from "./makelaar-trust.ts";
import type { OutstandingRequests } from "./outstanding.ts";
import type { ServiceProviderKeys, ServiceProviderOptions } from "./types.ts";

export interface SpContext {
  readonly options: ServiceProviderOptions;
  readonly keys: ServiceProviderKeys;
  readonly signingKey: KeyObject;
  readonly decryptionKey: KeyObject | undefined;
  readonly clock: () => Date;
  /** Allowed clock difference for NotBefore/NotOnOrAfter, ms. */
  readonly skew: number;
  readonly verifyEnveloped: (
    xml: string,
    doc: Document,
    element: Element,
    certificates: readonly string[],
    what: string,
  ) => void;
  readonly trust: MakelaarTrust;
  /** The AuthnRequests sent and not yet answered, per session. */
  readonly outstanding: OutstandingRequests;
}
