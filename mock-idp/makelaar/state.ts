// The makelaar's protocol state, kept apart from the world it judges by
// (world/state.ts): the registered service providers, request IDs seen (to
// refuse replays), answers waiting as artifacts, logins in progress on the
// pages, auto-login, and the request/answer logs. Bounded and expiring, so
// memory stays flat under load; `reset()` empties it and restores the
// configured service providers.
import { excerpt } from "../saml-core/xml.ts";
import type { RegisteredServiceProvider } from "../world/model.ts";
import { BoundedMap, stringBytes } from "../shared/bounded-map.ts";
import { ArtifactStore } from "./artifacts.ts";
import { FaultQueue, type FaultKind } from "./faults.ts";
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
  /** The person who logged in, or tried to (their id in the world). */
  readonly user?: string;
  /** The organisation the answer names (KvK number). */
  readonly kvk?: string;
  /**
   * Why a login was refused, for machines: an overstap rule (MIDDEL_TOO_LOW,
   * NO_MACHTIGING, ...), the pages' (CANCELLED, WRONG_PASSWORD, WRONG_CODE,
   * NOT_REPRESENTED, NO_ORGANISATION), or REQUEST_REFUSED when the request
   * failed a protocol check.
   */
  readonly reason?: string;
  /** The fault injected into this answer. */
  readonly fault?: FaultKind;
  /** What the fault changed, or could not. */
  readonly notes?: readonly string[];
}

/** A SAML message as it went over the wire, for a person reading a failed test. */
export interface RawMessage {
  readonly at: string;
  readonly direction: "received" | "sent";
  readonly kind: string;
  readonly sp?: string;
  readonly xml: string;
}

/** Who the next logins are, skipping the pages. */
export interface AutoLogin {
  readonly personId: string;
  readonly kvk: string;
}

/** Entries each log keeps at most; the oldest go first. */
export const LOG_LIMIT = 1000;
/** The UTF-8 bytes each log keeps at most; the oldest entries go first. */
export const LOG_MAX_BYTES = 2 * 1024 * 1024;
/** A logged text (an error, an ID, a StatusMessage) keeps at most this many characters. */
export const LOG_TEXT_CHARACTERS = 1000;
/** Raw messages kept: the most recent, each at most RAW_MESSAGE_BYTES. */
export const RAW_MESSAGE_LIMIT = 40;
export const RAW_MESSAGE_BYTES = 64 * 1024;
/** Each SP's last successful answer (for "replayed-assertion") is kept within these bounds. */
const MAX_LAST_SUCCESS = 1000;
const MAX_LAST_SUCCESS_BYTES = 8 * 1024 * 1024;
/** How long a person may take over the login pages. */
export const LOGIN_LIFETIME_MS = 30 * 60_000;
/** Logins in progress at most, by count and by bytes; the oldest fall out first. */
export const MAX_LOGINS = 10_000;
export const MAX_LOGIN_BYTES = 16 * 1024 * 1024;
/** What a login holds besides its strings: the transaction and its context objects. */
const LOGIN_OVERHEAD_BYTES = 1024;

/**
 * An entry with every text shortened to LOG_TEXT_CHARACTERS and copied (so
 * it keeps no message alive), and its size in bytes.
 */
function excerpted<T extends object>(entry: T): { entry: T; bytes: number } {
  const out: Record<string, unknown> = {};
  let bytes = 64;
  const text = (value: string) => {
    const short = excerpt(value, LOG_TEXT_CHARACTERS);
    bytes += stringBytes(short);
    return short;
  };
  for (const [key, value] of Object.entries(entry)) {
    out[key] =
      typeof value === "string"
        ? text(value)
        : Array.isArray(value)
          ? value.map((item: unknown) => (typeof item === "string" ? text(item) : item))
          : value;
  }
  return { entry: out as T, bytes };
}

/** A log bounded by entries and bytes; the oldest go first. */
class BoundedLog<T extends object> {
  readonly entries: T[] = [];
  private readonly sizes: number[] = [];
  private heldBytes = 0;

  add(raw: T): void {
    const { entry, bytes } = excerpted(raw);
    this.entries.push(entry);
    this.sizes.push(bytes);
    this.heldBytes += bytes;
    while (this.entries.length > LOG_LIMIT || this.heldBytes > LOG_MAX_BYTES) {
      this.entries.shift();
      this.heldBytes -= this.sizes.shift() ?? 0;
    }
  }

  get bytes(): number {
    return this.heldBytes;
  }

  clear(): void {
    this.entries.length = 0;
    this.sizes.length = 0;
    this.heldBytes = 0;
  }
}

export class MakelaarState {
  serviceProviders: RegisteredServiceProvider[] = [];
  /** When set, the next logins skip the pages and use this person and organisation. */
  autoLogin: AutoLogin | null = null;
  private readonly requestLog = new BoundedLog<LoggedRequest>();
  private readonly answerLog = new BoundedLog<LoggedAnswer>();
  /** AuthnRequest IDs seen recently, to refuse replays (see replay-ids.ts for the window). */
  readonly seenRequestIds = new ReplayIds();
  /** Answers waiting to be resolved by artifact (artifacts.ts). */
  readonly artifacts: ArtifactStore;
  /** Logins in progress on the pages, by transaction id. */
  readonly logins = new BoundedMap<LoginTransaction>(MAX_LOGINS, LOGIN_LIFETIME_MS, undefined, {
    maxBytes: MAX_LOGIN_BYTES,
    sizeOf: ({ context }) =>
      LOGIN_OVERHEAD_BYTES +
      stringBytes(
        context.id,
        context.spEntityID,
        context.acs.url,
        context.relayState,
        context.serviceID,
      ),
  });
  /** Faults waiting for the next answers (faults.ts). */
  readonly faults = new FaultQueue();
  /** Artifacts whose resolution a fault breaks ("ars-down"), by message handle. */
  readonly artifactFaults = new BoundedMap<FaultKind>(1000, 10 * 60_000);
  /** Each SP's last successful answer as sent, for the "replayed-assertion" fault. */
  readonly lastSuccess = new BoundedMap<string>(MAX_LAST_SUCCESS, 60 * 60_000, undefined, {
    maxBytes: MAX_LAST_SUCCESS_BYTES,
    sizeOf: (xml) => stringBytes(xml),
  });
  /** The most recent SAML messages in and out, raw. */
  readonly rawMessages: RawMessage[] = [];
  /**
   * Whether protocol time follows the business clock (a test of an SP's own
   * time checks) instead of real time (the default).
   */
  protocolTimeShifted = false;

  constructor(
    /** The makelaar's entityID, every artifact's SourceID. */
    entityID: string,
    private configuredServiceProviders: readonly RegisteredServiceProvider[],
    private configuredProtocolTimeShifted = false,
  ) {
    this.artifacts = new ArtifactStore(entityID);
    this.reset();
  }

  /** Other configured SPs and protocol-time choice (a world file sent over the admin API), and back to them. */
  reconfigure(
    serviceProviders: readonly RegisteredServiceProvider[],
    protocolTimeShifted: boolean,
  ): void {
    this.configuredServiceProviders = serviceProviders;
    this.configuredProtocolTimeShifted = protocolTimeShifted;
    this.reset();
  }

  /** Empty: no logs, replay IDs, artifacts, logins or auto-login; the configured SPs only. */
  reset(): void {
    this.serviceProviders = [...this.configuredServiceProviders];
    this.protocolTimeShifted = this.configuredProtocolTimeShifted;
    this.autoLogin = null;
    this.faults.clear();
    this.artifactFaults.clear();
    this.lastSuccess.clear();
    this.rawMessages.length = 0;
    this.requestLog.clear();
    this.answerLog.clear();
    this.seenRequestIds.clear();
    this.artifacts.clear();
    this.logins.clear();
  }

  /** The requests received, oldest first (see LOG_LIMIT and LOG_MAX_BYTES). */
  get requests(): readonly LoggedRequest[] {
    return this.requestLog.entries;
  }

  /** The answers sent, oldest first. */
  get answers(): readonly LoggedAnswer[] {
    return this.answerLog.entries;
  }

  /** The bytes each log holds, as LOG_MAX_BYTES counts them. */
  get logBytes(): { readonly requests: number; readonly answers: number } {
    return { requests: this.requestLog.bytes, answers: this.answerLog.bytes };
  }

  /** Keeps an excerpt of the entry: each text at most LOG_TEXT_CHARACTERS. */
  logRequest(entry: LoggedRequest): void {
    this.requestLog.add(entry);
  }

  logAnswer(entry: LoggedAnswer): void {
    this.answerLog.add(entry);
  }

  clearRequests(): void {
    this.requestLog.clear();
  }

  clearAnswers(): void {
    this.answerLog.clear();
  }

  /** Keeps a raw message (cut at RAW_MESSAGE_BYTES) among the last RAW_MESSAGE_LIMIT. */
  logRaw(message: RawMessage): void {
    const xml =
      message.xml.length > RAW_MESSAGE_BYTES
        ? `${message.xml.slice(0, RAW_MESSAGE_BYTES)}… (cut at ${RAW_MESSAGE_BYTES} characters)`
        : message.xml;
    this.rawMessages.push({ ...message, xml });
    if (this.rawMessages.length > RAW_MESSAGE_LIMIT) this.rawMessages.shift();
  }
}
