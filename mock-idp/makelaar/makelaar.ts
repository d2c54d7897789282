// What a running mock makelaar is, in a file of its own so the SAML, login
// and admin modules can name it without importing the app that builds them.
import type { Express } from "express";
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
