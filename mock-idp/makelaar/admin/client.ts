// A typed client for the admin API, for tests and the e2e fixtures. It needs
// only fetch, so it runs in Node, a Playwright worker or a browser page alike.
import type { Fault, QueuedFault } from "../faults.ts";
import { NAMESPACE_HEADER } from "../namespace-names.ts";
import type { LoggedAnswer, LoggedRequest, RawMessage } from "../state.ts";
import type {
  MachtigingInput,
  OrganisationInput,
  PersonInput,
  TransitionInput,
} from "../../world/schema.ts";
import type { WrittenPerson, WrittenTransition } from "./written.ts";

export type {
  Fault,
  QueuedFault,
  RawMessage,
  LoggedAnswer,
  LoggedRequest,
  MachtigingInput,
  OrganisationInput,
  PersonInput,
  TransitionInput,
};
export type { WrittenMachtiging, WrittenPerson, WrittenTransition } from "./written.ts";

/** The admin API refused a call; `issues` names each problem ("user: no person ..."). */
export class AdminApiError extends Error {
  override readonly name = "AdminApiError";
  constructor(
    readonly status: number,
    readonly issues: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

export interface ClockState {
  /** The business date (ISO 8601): what the overstap rules judge by. */
  readonly now: string;
  /** Protocol time (ISO 8601): what IssueInstant, NotBefore and NotOnOrAfter say. */
  readonly protocolNow: string;
  /** True when protocol time follows the business clock instead of real time. */
  readonly protocolTimeShifted: boolean;
  /** False when the business clock follows real time. */
  readonly simulated: boolean;
}

export interface AutoLogin {
  readonly user: string;
  readonly kvk: string;
}

export interface ServiceSummary {
  readonly provider: string;
  readonly providerOIN: string;
  readonly service: string;
  readonly serviceUUID: string;
  readonly serviceIDs: readonly string[];
  readonly level: string;
}

export interface Organisation {
  readonly kvk: string;
  readonly rsin: string;
  readonly name: string;
}

export interface SecondFactorCode {
  readonly user: string;
  readonly kind: "sms" | "app" | "token";
  readonly code: string;
}

/** Which machtigingen to take: one scope, or none for all of them. */
export type MachtigingScopeInput =
  { service: string } | { provider: string } | { all: true } | object;

/** A world file as sent to a shared makelaar: its parsed content and the files it names. */
export interface WorldUpload {
  /** The file's name, for error messages. */
  readonly source: string;
  /** The file's content (YAML or JSON), parsed. */
  readonly config: unknown;
  /** Every file it names (catalogue, metadataFile), by the path written in it. */
  readonly files: Readonly<Record<string, string>>;
}

export interface AdminClientOptions {
  readonly fetch?: typeof fetch;
  /**
   * This client's namespace in a shared makelaar: its own world, clock,
   * logins, logs and faults. The makelaar's own when absent.
   */
  readonly namespace?: string | undefined;
  /**
   * The admin token, when the makelaar wants one (`--admin-token`, or the one
   * it printed at start when it listens beyond 127.0.0.1); sent as
   * `Authorization: Bearer <token>`.
   */
  readonly token?: string | undefined;
}

export type AdminClient = ReturnType<typeof createAdminClient>;

/** `baseUrl` is the makelaar's base URL, e.g. http://127.0.0.1:7444 (no /__admin). */
export function createAdminClient(baseUrl: string, options: AdminClientOptions = {}) {
  const call = adminCaller(baseUrl, options);
  return {
    ...worldCalls(call),
    ...clockAndAutoLoginCalls(call),
    ...logAndFaultCalls(call),
    ...identityCalls(call),
    ...serviceCalls(call),
  };
}

/** One admin API call: JSON (or XML) in, JSON out, an AdminApiError naming the problem on failure. */
type AdminCall = <T>(
  method: string,
  path: string,
  body?: unknown,
  contentType?: string,
) => Promise<T>;

function adminCaller(baseUrl: string, options: AdminClientOptions): AdminCall {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const root = `${baseUrl.replace(/\/+$/, "")}/__admin`;
  const authorization: Record<string, string> =
    options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {};

  return async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = "application/json",
  ): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json", ...authorization };
    if (options.namespace !== undefined) headers[NAMESPACE_HEADER] = options.namespace;
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers["content-type"] = contentType;
      init.body =
        typeof body === "string" && contentType !== "application/json"
          ? body
          : JSON.stringify(body);
    }
    const response = await fetchImpl(`${root}${path}`, init);
    return readAdminAnswer<T>(response, `${method} /__admin${path}`);
  };
}

async function readAdminAnswer<T>(response: globalThis.Response, call: string): Promise<T> {
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = { error: text.slice(0, 200) };
  }
  if (!response.ok) {
    const problem = (data ?? {}) as { error?: string; issues?: string[] };
    const issues = problem.issues ?? [];
    throw new AdminApiError(
      response.status,
      issues,
      `${call}: ${response.status} ${problem.error ?? response.statusText}`,
    );
  }
  return data as T;
}

const id = encodeURIComponent;

function worldCalls(call: AdminCall) {
  return {
    /** Back to the configured world: identities, services, clock, logs, auto-login. */
    // An empty JSON body: the admin API takes a POST only as application/json (admin/access.ts).
    reset: () => call<ClockState & { reset: true }>("POST", "/reset", {}),
    /**
     * Replaces this namespace's configured world with a world file's content;
     * every reset returns to it. Errors name the file and the path in it.
     */
    replaceWorld: (upload: WorldUpload) => call<{ world: string }>("PUT", "/world", upload),
  };
}

function clockAndAutoLoginCalls(call: AdminCall) {
  return {
    clock: () => call<ClockState>("GET", "/clock"),
    /**
     * Sets the business date; it runs on from there. Protocol time stays real
     * unless `shiftProtocolTime` is true (then it follows the business date,
     * until set false or reset).
     */
    setClock: (now: Date | string, options: { shiftProtocolTime?: boolean } = {}) =>
      call<ClockState>("PUT", "/clock", {
        now: now instanceof Date ? now.toISOString() : now,
        ...(options.shiftProtocolTime === undefined
          ? {}
          : { shiftProtocolTime: options.shiftProtocolTime }),
      }),
    useRealTime: () => call<ClockState>("DELETE", "/clock"),

    autoLogin: () => call<AutoLogin | null>("GET", "/auto-login"),
    /** The next logins skip the pages and succeed or fail as this person for this organisation. */
    setAutoLogin: (user: string, kvk: string | number) =>
      call<AutoLogin>("PUT", "/auto-login", { user, kvk }),
    clearAutoLogin: () => call<void>("DELETE", "/auto-login"),
  };
}

function logAndFaultCalls(call: AdminCall) {
  return {
    requests: () => call<LoggedRequest[]>("GET", "/requests"),
    /** The most recent SAML messages in and out, raw XML. */
    traffic: () => call<RawMessage[]>("GET", "/traffic"),
    answers: () => call<LoggedAnswer[]>("GET", "/answers"),
    clearRequests: () => call<void>("DELETE", "/requests"),
    clearAnswers: () => call<void>("DELETE", "/answers"),

    /** Breaks the next answer (or the next `count`), to any SP or to `sp`; see docs/e2e-kit.md. */
    injectFault: (fault: Fault) => call<QueuedFault>("POST", "/faults", fault),
    faults: () => call<QueuedFault[]>("GET", "/faults"),
    clearFaults: () => call<void>("DELETE", "/faults"),
  };
}

/** Persons, organisations and the machtigingen between them. */
function identityCalls(call: AdminCall) {
  return {
    persons: () => call<WrittenPerson[]>("GET", "/persons"),
    person: (user: string) => call<WrittenPerson>("GET", `/persons/${id(user)}`),
    /** Adds the person, or replaces the one with this id. */
    putPerson: (person: PersonInput) =>
      call<WrittenPerson>("PUT", `/persons/${id(person.id)}`, person),
    removePerson: (user: string) => call<void>("DELETE", `/persons/${id(user)}`),
    secondFactor: (user: string) => call<SecondFactorCode>("GET", `/second-factor/${id(user)}`),

    organisations: () => call<Organisation[]>("GET", "/organisations"),
    putOrganisation: (organisation: OrganisationInput) =>
      call<Organisation>("PUT", `/organisations/${id(String(organisation.kvk))}`, organisation),
    removeOrganisation: (kvk: string | number) =>
      call<void>("DELETE", `/organisations/${id(String(kvk))}`),

    /** The organisation gives the person a machtiging (service, provider or all; level; validity). */
    giveMachtiging: (user: string, kvk: string | number, machtiging: MachtigingInput) =>
      call<WrittenPerson>("POST", "/machtigingen", { user, kvk, ...machtiging }),
    /** Takes the machtigingen of this scope, or all of them for this organisation. */
    takeMachtigingen: (user: string, kvk: string | number, scope: MachtigingScopeInput = {}) =>
      call<WrittenPerson>("DELETE", "/machtigingen", { user, kvk, ...scope }),
  };
}

/** The catalogue, its transitions and the service providers that ask for its services. */
function serviceCalls(call: AdminCall) {
  return {
    services: () => call<ServiceSummary[]>("GET", "/services"),
    /** Replaces the catalogue; on bad XML the old one stays and this throws naming the problem. */
    replaceCatalogue: (catalogueXml: string) =>
      call<{ services: number }>("PUT", "/services", catalogueXml, "application/xml"),

    transitions: () => call<WrittenTransition[]>("GET", "/transitions"),
    replaceTransitions: (transitions: readonly TransitionInput[]) =>
      call<WrittenTransition[]>("PUT", "/transitions", transitions),
    addTransition: (transition: TransitionInput) =>
      call<WrittenTransition>("POST", "/transitions", transition),

    serviceProviders: () => call<{ entityID: string }[]>("GET", "/service-providers"),
    /** Registers (or replaces) a service provider by its signed SAML metadata. */
    registerServiceProvider: (metadataXml: string) =>
      call<{ entityID: string }>("POST", "/service-providers", metadataXml, "application/xml"),
    removeServiceProvider: (entityID: string) =>
      call<void>("DELETE", `/service-providers/${id(entityID)}`),
  };
}
