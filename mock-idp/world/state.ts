// All state of one mock makelaar instance lives here, so two servers never
// share anything and `reset()` returns to the configured world in one step.
import { createHash } from "node:crypto";
import {
  indexCatalogue,
  parseCatalogue,
  type CatalogueIndex,
  type Machtiging,
  type Transition,
} from "../../eherkenning/index.ts";
import { SamlError } from "../makelaar/errors.ts";
import type { AuthnRequestContext, LoginOutcome } from "../makelaar/flow.ts";
import type { Organisation, Person, RegisteredServiceProvider, World } from "./model.ts";

/**
 * A bounded, expiring map: old entries fall out by age and by count. With
 * `refuseWhenFull` an unexpired entry is never dropped; a write that finds the
 * map full of unexpired entries throws that error instead.
 */
export class BoundedMap<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly refuseWhenFull?: () => Error,
  ) {}

  set(key: string, value: V, nowMs: number): void {
    this.entries.delete(key);
    // Map iterates in insertion order: the first keys are the oldest and, with
    // one TTL, the first to expire. Drop them so memory follows the window.
    for (const [oldest, entry] of this.entries) {
      if (entry.expires > nowMs) break;
      this.entries.delete(oldest);
    }
    if (this.entries.size >= this.maxEntries) {
      if (this.refuseWhenFull) {
        // A clock set back can leave expired entries behind younger ones.
        for (const [key, entry] of this.entries) {
          if (entry.expires <= nowMs) this.entries.delete(key);
        }
        if (this.entries.size >= this.maxEntries) throw this.refuseWhenFull();
      } else {
        for (const oldest of this.entries.keys()) {
          if (this.entries.size < this.maxEntries) break;
          this.entries.delete(oldest);
        }
      }
    }
    this.entries.set(key, { value, expires: nowMs + this.ttlMs });
  }

  get(key: string, nowMs: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Returns the value once and forgets it (one-time artifacts). */
  take(key: string, nowMs: number): V | undefined {
    const value = this.get(key, nowMs);
    this.entries.delete(key);
    return value;
  }

  has(key: string, nowMs: number): boolean {
    return this.get(key, nowMs) !== undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** How long a request ID is kept: the 5 minutes a request is fresh plus 1 minute of clock skew. */
export const REPLAY_WINDOW_MS = (5 + 1) * 60_000;
/** Request IDs kept at most: 278 requests a second for the whole window. */
export const MAX_REPLAY_IDS = 100_000;

/**
 * Request IDs seen within the replay window. An ID still inside the window is
 * never forgotten (forgetting it would let its request be replayed); when
 * MAX_REPLAY_IDS of them are held, new requests are refused until some expire.
 */
export class ReplayIds {
  private readonly ids: BoundedMap<true>;
  constructor(maxIds = MAX_REPLAY_IDS, windowMs = REPLAY_WINDOW_MS) {
    this.ids = new BoundedMap<true>(
      maxIds,
      windowMs,
      () =>
        new SamlError(
          "Responder",
          "RequestUnsupported",
          `The makelaar is busy: it holds ${maxIds} request IDs from the last ${windowMs % 60_000 === 0 ? `${windowMs / 60_000} minutes` : `${windowMs / 1000} seconds`} to refuse replays, and takes new requests again when those expire.`,
          503,
        ),
    );
  }

  // Kept as a fresh SHA-256 string: an ID read from a message can be a slice
  // that keeps the whole message alive, and an ID may be long.
  private static key(id: string): string {
    return createHash("sha256").update(id).digest("base64");
  }

  has(id: string, nowMs: number): boolean {
    return this.ids.has(ReplayIds.key(id), nowMs);
  }

  /** Remembers the ID; throws SamlError Responder/RequestUnsupported when full. */
  set(id: string, _seen: true, nowMs: number): void {
    this.ids.set(ReplayIds.key(id), true, nowMs);
  }

  get size(): number {
    return this.ids.size;
  }

  clear(): void {
    this.ids.clear();
  }
}

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

/** A login on the pages: the request it answers and what the person did so far. */
export interface LoginTransaction {
  readonly context: AuthnRequestContext;
  leverancier?: string;
  /** Set once username and password are right. */
  personId?: string;
  /** Set once password (and second factor when needed) are right. */
  authenticated?: boolean;
  /** Wrong passwords, then (after the password) wrong second-factor codes. */
  failedAttempts: number;
  language: "nl" | "en";
  /** A refusal shown on the page, answered to the SP when the person goes back. */
  refusal?: {
    readonly outcome: LoginOutcome & { readonly ok: false };
    /** Which advice the page gives: a RefusalReason or the pages' own (WRONG_PASSWORD ...). */
    readonly kind: string;
    /** The organisation chosen, when the refusal concerns it. */
    readonly kvk?: string;
  };
}

const LOG_LIMIT = 1000;

export class Store {
  organisations: Organisation[] = [];
  persons: Person[] = [];
  serviceProviders: RegisteredServiceProvider[] = [];
  catalogueXml = "";
  catalogue!: CatalogueIndex;
  transitions: Transition[] = [];
  /** Offset of the simulated clock from real time, in ms; null when following real time. */
  private clockOffsetMs: number | null = null;
  /** When set, the next logins skip the pages and use this person and organisation. */
  autoLogin: { readonly personId: string; readonly kvk: string } | null = null;
  readonly requests: LoggedRequest[] = [];
  readonly answers: LoggedAnswer[] = [];
  // Protocol state, bounded and expiring so memory stays flat under load.
  /** AuthnRequest IDs seen recently, to refuse replays. */
  // A request older than 5 minutes (or more than 60 seconds ahead) is refused
  // anyway (saml/checks.ts), so 6 minutes of IDs catch every replay that
  // could otherwise pass.
  readonly seenRequestIds = new ReplayIds();
  /** Artifact message handle (base64) to the signed Response XML; resolvable once. */
  readonly artifacts = new BoundedMap<{
    readonly responseXml: string;
    readonly spEntityID: string;
  }>(10_000, 5 * 60_000);
  /** Logins in progress on the pages, by transaction id. */
  readonly logins = new BoundedMap<LoginTransaction>(10_000, 30 * 60_000);

  constructor(private readonly initial: World) {
    this.reset();
  }

  /** Back to the configured world: identities, clock, logs and overrides. */
  reset(): void {
    const world = this.initial;
    this.organisations = [...world.organisations];
    this.persons = [...world.persons];
    this.serviceProviders = [...world.serviceProviders];
    this.setCatalogue(world.catalogueXml);
    this.transitions = [...world.transitions];
    this.clockOffsetMs = null;
    if (world.now) this.setNow(world.now);
    this.autoLogin = null;
    this.requests.length = 0;
    this.answers.length = 0;
    this.seenRequestIds.clear();
    this.artifacts.clear();
    this.logins.clear();
  }

  /** Replaces the catalogue; throws CatalogueError and keeps the old one when the XML is bad. */
  setCatalogue(xml: string): void {
    const index = indexCatalogue(parseCatalogue(xml));
    this.catalogueXml = xml;
    this.catalogue = index;
  }

  now(): Date {
    return new Date(Date.now() + (this.clockOffsetMs ?? 0));
  }

  /** The simulated clock runs on from `now`. */
  setNow(now: Date): void {
    this.clockOffsetMs = now.getTime() - Date.now();
  }

  /** The clock follows real time again. */
  useRealTime(): void {
    this.clockOffsetMs = null;
  }

  /** Whether the clock was set (by the world's `now` or the admin API). */
  get clockIsSimulated(): boolean {
    return this.clockOffsetMs !== null;
  }

  // ---- Identity changes (admin API). Persons are replaced, never mutated, so
  // the configured world stays intact for reset().

  /** Adds a person or replaces the one with the same id; true when replaced. */
  putPerson(person: Person): boolean {
    const index = this.persons.findIndex((p) => p.id === person.id);
    if (index === -1) this.persons.push(person);
    else this.persons[index] = person;
    return index !== -1;
  }

  removePerson(id: string): boolean {
    const before = this.persons.length;
    this.persons = this.persons.filter((p) => p.id !== id);
    if (this.autoLogin?.personId === id) this.autoLogin = null;
    return this.persons.length < before;
  }

  /** Adds an organisation or replaces the one with the same KvK number; true when replaced. */
  putOrganisation(organisation: Organisation): boolean {
    const index = this.organisations.findIndex((o) => o.kvk === organisation.kvk);
    if (index === -1) this.organisations.push(organisation);
    else this.organisations[index] = organisation;
    return index !== -1;
  }

  removeOrganisation(kvk: string): boolean {
    const before = this.organisations.length;
    this.organisations = this.organisations.filter((o) => o.kvk !== kvk);
    return this.organisations.length < before;
  }

  /** The person with their machtigingen for one organisation changed by `change`. */
  changeMachtigingen(
    personId: string,
    kvk: string,
    change: (machtigingen: readonly Machtiging[]) => readonly Machtiging[],
  ): Person | undefined {
    const person = this.person(personId);
    if (!person) return undefined;
    const existing = person.representations.find((r) => r.kvk === kvk);
    const representations = existing
      ? person.representations.map((r) =>
          r.kvk === kvk ? { kvk, machtigingen: change(r.machtigingen) } : r,
        )
      : [...person.representations, { kvk, machtigingen: change([]) }];
    const changed: Person = { ...person, representations };
    this.putPerson(changed);
    return changed;
  }

  person(id: string): Person | undefined {
    return this.persons.find((p) => p.id === id);
  }

  organisation(kvk: string): Organisation | undefined {
    return this.organisations.find((o) => o.kvk === kvk);
  }

  /** The Mijn DUO account with this inlognaam, and its person. */
  duoAccount(inlognaam: string): Person | undefined {
    const wanted = inlognaam.trim().toLowerCase();
    return this.persons.find((p) => p.duo?.inlognaam.toLowerCase() === wanted);
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
