// What a running mock makelaar is, in a file of its own so the SAML, login
// and admin modules can name it without importing the app that builds them.
import type { Express } from "express";
import type { EncryptedIdLayout, EncryptionRecipient } from "../saml-core/encryption.ts";
import type { TestKeyPair } from "../saml-core/keys.ts";
import type { WorldState } from "../world/state.ts";
import type { MakelaarState } from "./state.ts";

export interface Makelaar {
  /** Where browsers and SPs reach the makelaar, without a trailing slash. */
  readonly baseUrl: string;
  readonly entityID: string;
  /** The simulated world and its business clock; shared with the replica sites. */
  readonly world: WorldState;
  /** The makelaar's own protocol state: SPs, replay IDs, artifacts, logins, logs. */
  readonly state: MakelaarState;
  readonly signingKeys: TestKeyPair;
  /** How answers are shaped; the defaults are the network's. */
  readonly answers: AnswerOptions;
  /**
   * Artifact resolution over mutual TLS (startServer's `mutualTls`): the
   * HTTPS ARS URL, the only one the metadata lists and the only one that
   * answers; null when the ARS is plain HTTP (quick local use).
   */
  readonly mutualTls: { readonly arsUrl: string } | null;
  /** The simulated authentication service and machtigingenregister, with their own TEST keys. */
  readonly adviceParties: AdviceParties;
  readonly app: Express;
  /**
   * The time every protocol check and message uses (IssueInstant, replay and
   * artifact windows, assertion validity, log times): real time, so any SAML
   * library's own time checks pass while the business clock (world.now())
   * sits in 2021. When state.protocolTimeShifted is set, the business clock.
   */
  protocolNow(): Date;
  /** Back to the configured world and an empty protocol state. */
  reset(): void;
}

/** How the makelaar shapes its answers. */
export interface AnswerOptions {
  /** "network" (EncryptedKey beside the data, the default) or "nested" (inside its KeyInfo). */
  readonly encryptedIdLayout: EncryptedIdLayout;
  /** Whether assertions carry the AD's and MR's assertions in saml:Advice (the default). */
  readonly advice: boolean;
  /** Accept (and still never use) a ds:X509Data in a request's KeyInfo; refused by default. */
  readonly allowX509DataInMessages: boolean;
}

/** A simulated party that signs the assertion it contributes. */
export interface AdviceParty {
  readonly entityID: string;
  /** Its OIN (the AD names it as AuthenticatingAuthority). */
  readonly oin: string;
  readonly keys: TestKeyPair;
  /** The KeyName in its signatures: the certificate's hex SHA-1, as real ADs and MRs write. */
  readonly keyName: string;
}

export interface AdviceParties {
  readonly ad: AdviceParty;
  readonly mr: AdviceParty;
  /** The MR as the recipient of the identifiers it must read. */
  readonly mrRecipient: EncryptionRecipient;
}
