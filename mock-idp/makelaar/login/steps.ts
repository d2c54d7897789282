// The login pages' step logic, without HTTP: which step a login is at
// (nextStep) and what each answer a person gives does to it. The routes
// (routes.ts) only read the form, call these and show or answer the result,
// so a test can walk a whole login by calling them.
import { requiredLevel, serviceRef, type Level } from "../../../eherkenning/index.ts";
import type { Organisation, Person, SecondFactor } from "../../world/model.ts";
import type { WorldState } from "../../world/state.ts";
import { CANCELLED, decideFor, failure, type LoginOutcome, type LoginRefusal } from "../flow.ts";
import { TEXTS } from "./text.ts";
import type { LoginTransaction } from "./transaction.ts";

/** Wrong passwords (and then wrong codes) allowed before the login ends. */
export const MAX_ATTEMPTS = 3;

export const WRONG_PASSWORD = failure(
  "Responder",
  "AuthnFailed",
  "Authentication failed: wrong username or password three times.",
  TEXTS.nl.wrongPasswordThrice,
  "WRONG_PASSWORD",
);

export const WRONG_CODE = failure(
  "Responder",
  "AuthnFailed",
  "Authentication failed: wrong second-factor code three times.",
  TEXTS.nl.wrongCodeThrice,
  "WRONG_CODE",
);

export const NO_ORGANISATION = failure(
  "Responder",
  "AuthnFailed",
  "The person represents no organisation.",
  TEXTS.nl.noOrganisation,
  "NO_ORGANISATION",
);

/** The page a login shows now. */
export type Step =
  | { readonly kind: "refused"; readonly refusal: NonNullable<LoginTransaction["refusal"]> }
  | { readonly kind: "leverancier"; readonly leveranciers: readonly string[] }
  | { readonly kind: "credentials"; readonly leverancier: string }
  | {
      readonly kind: "second-factor";
      readonly person: Person;
      readonly factor: { readonly kind: SecondFactor; readonly code: string };
    }
  | {
      readonly kind: "organisation";
      readonly person: Person;
      readonly organisations: readonly Organisation[];
    };

/** Why an answer was not taken; the page says it in its language. */
export type StepError =
  | { readonly kind: "unknown-leverancier" }
  | { readonly kind: "empty-credentials"; readonly username: string }
  | { readonly kind: "wrong-credentials"; readonly username: string; readonly attemptsLeft: number }
  | { readonly kind: "wrong-code"; readonly attemptsLeft: number }
  | { readonly kind: "unknown-organisation" };

/** What follows an answer: the (next) step, the same step with an error, or the SAML answer. */
export type StepResult =
  | { readonly then: "step" }
  | { readonly then: "retry"; readonly error: StepError }
  | { readonly then: "answer"; readonly outcome: LoginOutcome };

const STEP: StepResult = { then: "step" };
const retry = (error: StepError): StepResult => ({ then: "retry", error });
const answer = (outcome: LoginOutcome): StepResult => ({ then: "answer", outcome });

/** The leveranciers of the world's middelen, as the first page lists them. */
export function leveranciers(world: WorldState): string[] {
  return [...new Set(world.persons.map((p) => p.middel.leverancier))].sort((a, b) =>
    a.localeCompare(b, "nl"),
  );
}

/** The level the request asks today (by the business clock), or why none can be reached. */
export function requirement(tx: LoginTransaction, world: WorldState) {
  const { service, requestedLevel } = tx.context;
  return requiredLevel(serviceRef(service), requestedLevel, world.transitions, world.now());
}

/** The level the pages name: what the login must reach, or what was asked when it cannot. */
export function minimumLevel(tx: LoginTransaction, world: WorldState): Level {
  const needed = requirement(tx, world);
  return needed.ok ? needed.minimumLevel : (tx.context.requestedLevel ?? tx.context.service.level);
}

function refuse(tx: LoginTransaction, outcome: LoginRefusal, kind: string, kvk?: string): void {
  tx.refusal = kvk === undefined ? { outcome, kind } : { outcome, kind, kvk };
}

/**
 * Brings a login up to date with the world before its page shows: a request
 * no person can satisfy is refused before anyone types a password, and a
 * person the admin API removed mid-login logs in again.
 */
export function settle(tx: LoginTransaction, world: WorldState): void {
  const needed = requirement(tx, world);
  if (!tx.refusal && !needed.ok) {
    refuse(
      tx,
      failure(needed.status, needed.subStatus, needed.message.en, needed.message.nl, needed.reason),
      needed.reason,
    );
  }
  if (tx.personId && !world.person(tx.personId)) {
    delete tx.personId;
    delete tx.authenticated;
  }
}

/** The step this login is at. Pure: reads the transaction and the world, changes neither. */
export function nextStep(tx: LoginTransaction, world: WorldState): Step {
  if (tx.refusal) return { kind: "refused", refusal: tx.refusal };
  if (!tx.leverancier) return { kind: "leverancier", leveranciers: leveranciers(world) };
  const person = tx.personId ? world.person(tx.personId) : undefined;
  if (!person) return { kind: "credentials", leverancier: tx.leverancier };
  const factor = person.middel.secondFactor;
  if (!tx.authenticated && factor) return { kind: "second-factor", person, factor };
  const organisations = person.representations.flatMap((r) => {
    const organisation = world.organisation(r.kvk);
    return organisation ? [organisation] : [];
  });
  return { kind: "organisation", person, organisations };
}

/** Judges the login for this organisation: the answer on success, else a refusal page. */
function decide(tx: LoginTransaction, world: WorldState, person: Person, kvk: string): StepResult {
  const outcome = decideFor(world, tx.context, person.id, kvk);
  if (outcome.ok) return answer(outcome);
  refuse(tx, outcome, outcome.reason ?? "NOT_REPRESENTED", kvk);
  return STEP;
}

/** After authentication: straight on with one organisation, a choice with several. */
function authenticated(tx: LoginTransaction, world: WorldState, person: Person): StepResult {
  tx.authenticated = true;
  const represented = person.representations.filter((r) => world.organisation(r.kvk));
  const only = represented[0];
  if (represented.length === 1 && only) return decide(tx, world, person, only.kvk);
  if (represented.length === 0) refuse(tx, NO_ORGANISATION, "NO_ORGANISATION");
  return STEP;
}

export function chooseLeverancier(
  tx: LoginTransaction,
  world: WorldState,
  chosen: string,
): StepResult {
  if (tx.refusal || tx.personId) return STEP;
  if (chosen === "") {
    delete tx.leverancier;
    return STEP;
  }
  if (!leveranciers(world).includes(chosen)) {
    delete tx.leverancier;
    return retry({ kind: "unknown-leverancier" });
  }
  tx.leverancier = chosen;
  return STEP;
}

export function logIn(
  tx: LoginTransaction,
  world: WorldState,
  given: { readonly username: string; readonly password: string },
): StepResult {
  if (tx.refusal || !tx.leverancier || tx.personId) return STEP;
  const username = given.username.trim();
  if (!username || !given.password) return retry({ kind: "empty-credentials", username });
  const person = world.persons.find(
    (p) =>
      p.middel.leverancier === tx.leverancier &&
      p.middel.username.toLowerCase() === username.toLowerCase() &&
      p.middel.password === given.password,
  );
  if (!person) {
    tx.failedAttempts += 1;
    if (tx.failedAttempts >= MAX_ATTEMPTS) {
      refuse(tx, WRONG_PASSWORD, "WRONG_PASSWORD");
      return STEP;
    }
    const attemptsLeft = MAX_ATTEMPTS - tx.failedAttempts;
    return retry({ kind: "wrong-credentials", username, attemptsLeft });
  }
  tx.personId = person.id;
  tx.failedAttempts = 0;
  if (person.middel.secondFactor) return STEP;
  return authenticated(tx, world, person);
}

export function enterCode(tx: LoginTransaction, world: WorldState, given: string): StepResult {
  const person = tx.personId ? world.person(tx.personId) : undefined;
  const factor = person?.middel.secondFactor;
  if (tx.refusal || !person || !factor || tx.authenticated) return STEP;
  if (given.replace(/\s+/g, "") !== factor.code) {
    tx.failedAttempts += 1;
    if (tx.failedAttempts >= MAX_ATTEMPTS) {
      refuse(tx, WRONG_CODE, "WRONG_CODE");
      return STEP;
    }
    return retry({ kind: "wrong-code", attemptsLeft: MAX_ATTEMPTS - tx.failedAttempts });
  }
  return authenticated(tx, world, person);
}

export function chooseOrganisation(
  tx: LoginTransaction,
  world: WorldState,
  kvk: string,
): StepResult {
  const person = tx.personId ? world.person(tx.personId) : undefined;
  if (tx.refusal || !person || !tx.authenticated) return STEP;
  const represents = person.representations.some((r) => r.kvk === kvk) && world.organisation(kvk);
  if (!represents) return retry({ kind: "unknown-organisation" });
  return decide(tx, world, person, kvk);
}

/** The person cancels: the SP hears AuthnFailed. */
export function cancel(): StepResult {
  return answer(CANCELLED);
}

/** Back to the service from a refusal page: the SP hears the refusal. */
export function goBack(tx: LoginTransaction): StepResult {
  return tx.refusal ? answer(tx.refusal.outcome) : STEP;
}
