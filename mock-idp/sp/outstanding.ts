// The AuthnRequests an SP has sent and not yet had an answer to, per browser
// session. An answer is accepted only for one of them, and only once: a
// replayed Response finds its request answered, and a Response to a request
// another browser started (login CSRF: an attacker's own login, planted in
// the victim's browser) finds no request in this session. node-saml keeps a
// cache like this for all sessions together (its validateInResponseTo);
// keeping it per session is what stops the planted login.
//
// Memory is bounded by counts alone: sessions and IDs are kept as SHA-256
// digests (44 characters whatever the caller passes), at most `perSession`
// per session and `sessions` sessions.
import { createHash } from "node:crypto";
import { BoundedMap } from "../shared/bounded-map.ts";

/** How long a request waits for its answer: a person may take this long on the login pages. */
export const OUTSTANDING_LIFETIME_MS = 30 * 60_000;
/** Requests waiting per session (a person with a few tabs); the oldest is forgotten first. */
export const OUTSTANDING_PER_SESSION = 16;
/** Sessions with waiting requests; the one that least recently started a login is forgotten first. */
export const OUTSTANDING_SESSIONS = 10_000;

/** The session of callers that name none (tests, scripts, one-user tools). */
export const NO_SESSION = "";

interface Waiting {
  readonly digest: string;
  readonly expires: number;
}

export interface OutstandingLimits {
  readonly perSession?: number;
  readonly sessions?: number;
  readonly lifetimeMs?: number;
}

export class OutstandingRequests {
  private readonly sessions: BoundedMap<Waiting[]>;
  private readonly perSession: number;
  private readonly lifetimeMs: number;

  constructor(limits: OutstandingLimits = {}) {
    this.perSession = limits.perSession ?? OUTSTANDING_PER_SESSION;
    this.lifetimeMs = limits.lifetimeMs ?? OUTSTANDING_LIFETIME_MS;
    // Keys and entries are digests of fixed size, so the counts bound the
    // bytes: 10,000 sessions x (1 + 16) digests of 44 characters, about 20 MB
    // at most with the default limits.
    this.sessions = new BoundedMap<Waiting[]>(
      limits.sessions ?? OUTSTANDING_SESSIONS,
      this.lifetimeMs,
    );
  }

  // A digest, not the ID: the ID may be long, and a slice of a larger string.
  private static digest(id: string): string {
    return createHash("sha256").update(id).digest("base64");
  }

  /** Remembers that this session sent the request `id`. */
  add(session: string, id: string, nowMs: number): void {
    const key = OutstandingRequests.digest(session);
    const digest = OutstandingRequests.digest(id);
    const waiting = (this.sessions.get(key, nowMs) ?? []).filter(
      (w) => w.expires > nowMs && w.digest !== digest,
    );
    waiting.push({ digest, expires: nowMs + this.lifetimeMs });
    this.sessions.set(key, waiting.slice(-this.perSession), nowMs);
  }

  /** True once for a request this session sent and has not had answered; it is then forgotten. */
  take(session: string, id: string, nowMs: number): boolean {
    if (id === "") return false;
    const waiting = this.sessions.get(OutstandingRequests.digest(session), nowMs);
    if (!waiting) return false;
    const digest = OutstandingRequests.digest(id);
    const index = waiting.findIndex((w) => w.digest === digest && w.expires > nowMs);
    if (index === -1) return false;
    waiting.splice(index, 1);
    return true;
  }
}
