// The simulated world of the mock makelaar: organisations, persons with their
// middel and machtigingen, registered service providers. Plain data; the rules
// that judge a login live in the shared module (eherkenning/overstap.ts).
import type { DuoSector, Level, Machtiging, Transition } from "../../eherkenning/index.ts";

export interface Organisation {
  /** KvK-nummer, 8 digits. */
  readonly kvk: string;
  /** RSIN, 9 digits. */
  readonly rsin: string;
  readonly name: string;
}

/** How the second factor is delivered; the mock shows the code on the page. */
export type SecondFactor = "sms" | "app" | "token";

/** A person's eHerkenningsmiddel. Personal: one middel, one person. */
export interface Middel {
  readonly level: Level;
  /** The middel's supplier (leverancier), as chosen on the first login page. */
  readonly leverancier: string;
  readonly username: string;
  readonly password: string;
  /** Present for EH2+ and up. The code is fixed per person so tests can type it. */
  readonly secondFactor?: { readonly kind: SecondFactor; readonly code: string };
}

/** A person represents an organisation with the machtigingen it gave them. */
export interface Representation {
  readonly kvk: string;
  readonly machtigingen: readonly Machtiging[];
}

/** One line of DUO's overview of users: a role and what it is limited to. */
export interface DuoRoleSelection {
  readonly role: string;
  /** The selection's kind as DUO writes it (BRINn, onderwijssoort, aanleverpunt, ...). */
  readonly kind?: string;
  readonly value?: string;
}

/** The Mijn DUO side of a person: their old token login and roles. */
export interface DuoAccount {
  readonly inlognaam: string;
  readonly wachtwoord: string;
  /** The code the DUO token shows (fixed in the simulation). */
  readonly tokenCode: string;
  readonly sector: DuoSector;
  /** e.g. "Beheerder BVE", "DR_Raadpleger". */
  readonly roles: readonly string[];
  /** e.g. BRIN "25PX". */
  readonly brin: string;
  /** Each role with its selection, as DUO's overview lists them; each role unlimited when absent. */
  readonly selections?: readonly DuoRoleSelection[];
  readonly email?: string;
  /** The last login DUO's overview reports (a Dutch calendar day, YYYY-MM-DD). */
  readonly lastLogin?: string;
  /** What the overview says the person last logged in with ("DUO Token", "eHerkenning"). */
  readonly loginMeans?: string;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  /** The ActingSubjectID pseudonym the makelaar asserts. */
  readonly pseudo: string;
  readonly middel: Middel;
  readonly representations: readonly Representation[];
  readonly duo?: DuoAccount;
}

/** A dienstverlener registered by its signed SAML metadata. */
export interface RegisteredServiceProvider {
  readonly entityID: string;
  /** The metadata XML as received (verified when registered). */
  readonly metadataXml: string;
  /**
   * Opt-in, for SPs that cannot decrypt yet: identifiers go to this SP as
   * plain NameIDs. The real network never does this; without it an SP with
   * no encryption certificate is refused at registration.
   */
  readonly allowPlainIdentifiers?: boolean;
}

/** Everything a world holds; the store keeps one copy per server instance. */
export interface World {
  readonly organisations: readonly Organisation[];
  readonly persons: readonly Person[];
  readonly serviceProviders: readonly RegisteredServiceProvider[];
  /** ESC XML of the catalogue the makelaar serves and judges by. */
  readonly catalogueXml: string;
  readonly transitions: readonly Transition[];
  /** The simulated clock's start; the real time when absent. */
  readonly now?: Date;
  /**
   * Protocol time (IssueInstant, NotBefore, NotOnOrAfter, freshness and
   * replay windows) follows `now` too, instead of real time. For testing an
   * SP's own time checks; no standard SAML library accepts 2021 timestamps.
   */
  readonly shiftProtocolTime?: boolean;
}
