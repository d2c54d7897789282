// The makelaar's protocol state, kept apart from the world it judges by
// (world/state.ts): the registered service providers, request IDs seen (to
// refuse replays), answers waiting as artifacts, logins in progress on the
// pages, auto-login, and the request/answer logs. Bounded and expiring, so
// memory stays flat under load; `reset()` empties it and restores the
// configured service providers.
import type { RegisteredServiceProvider } from "../world/model.ts";
import { BoundedMap } from "../shared/bounded-map.ts";
import { ArtifactStore } from "./artifacts.ts";
import type { LoginTransaction } from "./login/transaction.ts";
import { ReplayIds } from "./replay-ids.ts";

/** One entry of the request log, decoded for people and tests. */
export interface LoggedRequest {
  readonly at: string;
  readonly kind: "AuthnRequest" | "ArtifactResolve" | "LogoutRequest";
  readonly id?: string;
  readonly sp?: string;
  readonly serviceID?: string;
  readonly requestedLevel?: string;
  readonly binding?: string;
  /** Problems found with the request; empty when it was accepted. */
  readonly errors: readonly string[];
  /** Remarks such as "plain NameID: the SP has no encryption certificate". */
  readonly notes: readonly string[];
}

export interface LoggedAnswer {
  readonly at: string;
  readonly inResponseTo?: string;
  readonly sp?: string;
  readonly status: string;
  readonly statusMessage?: string;
  readonly levelReached?: string;
  readonly binding: string;
}

/** Who the next logins are, skipping the pages. */
export interface AutoLogin {
  readonly personId: string;
  readonly kvk: string;
}

const LOG_LIMIT = 1000;
/** How long a person may take over the login pages. */
export const LOGIN_LIFETIME_MS = 30 * 60_000;

export class MakelaarState {
  serviceProviders: RegisteredServiceProvider[] = [];
  /** When set, the next logins skip the pages and use this person and organisation. */
  autoLogin: AutoLogin | null = null;
  readonly requests: LoggedRequest[] = [];
  readonly answers: LoggedAnswer[] = [];
  /** AuthnRequest IDs seen recently, to refuse replays (see replay-ids.ts for the window). */
  readonly seenRequestIds = new ReplayIds();
  /** Answers waiting to be resolved by artifact (artifacts.ts). */
  readonly artifacts: ArtifactStore;
  /** Logins in progress on the pages, by transaction id. */
  readonly logins = new BoundedMap<LoginTransaction>(10_000, LOGIN_LIFETIME_MS);
  /**
   * Whether protocol time follows the business clock (a test of an SP's own
   * time checks) instead of real time (the default).
   */
  protocolTimeShifted = false;

  constructor(
    /** The makelaar's entityID, every artifact's SourceID. */
    entityID: string,
    private readonly configuredServiceProviders: readonly RegisteredServiceProvider[],
    private readonly configuredProtocolTimeShifted = false,
  ) {
    this.artifacts = new ArtifactStore(entityID);
    this.reset();
  }

  /** Empty: no logs, replay IDs, artifacts, logins or auto-login; the configured SPs only. */
  reset(): void {
    this.serviceProviders = [...this.configuredServiceProviders];
    this.protocolTimeShifted = this.configuredProtocolTimeShifted;
    this.autoLogin = null;
    this.requests.length = 0;
    this.answers.length = 0;
    this.seenRequestIds.clear();
    this.artifacts.clear();
    this.logins.clear();
  }

  logRequest(entry: LoggedRequest): void {
    this.requests.push(entry);
    if (this.requests.length > LOG_LIMIT) this.requests.shift();
  }

  logAnswer(entry: LoggedAnswer): void {
    this.answers.push(entry);
    if (this.answers.length > LOG_LIMIT) this.answers.shift();
  }
}
