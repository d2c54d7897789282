// Shows a login's step as a page in the person's language: the step from
// steps.ts, with the error of an answer that was not taken.
import type { Response } from "express";
import { describeLevel, pickText } from "../../../eherkenning/index.ts";
import type { Html } from "../../shared/html.ts";
import type { WorldState } from "../../world/state.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { page, sendPage } from "./layout.ts";
import {
  credentialsPage,
  expiredPage,
  failurePage,
  leverancierPage,
  organisationPage,
  secondFactorPage,
} from "./pages.ts";
import { minimumLevel, type Step, type StepError } from "./steps.ts";
import { TEXTS, type Language, type Texts } from "./text.ts";
import type { LoginTransaction } from "./transaction.ts";

/** Where a login's pages live: GET shows its step, POST <base>/<answer> gives one. */
export const loginPath = (id: string): string => `${ENDPOINTS.login}/${encodeURIComponent(id)}`;

function serviceName(tx: LoginTransaction, language: Language): string {
  return pickText(tx.context.service.names, language) ?? tx.context.service.service;
}

function errorText(t: Texts, error: StepError | undefined): string | undefined {
  switch (error?.kind) {
    case undefined:
      return undefined;
    case "unknown-leverancier":
      return t.chooseLeverancierError;
    case "empty-credentials":
      return t.emptyCredentials;
    case "wrong-credentials":
      return t.wrongCredentials(error.attemptsLeft);
    case "wrong-code":
      return t.wrongCode(error.attemptsLeft);
    case "unknown-organisation":
      return t.chooseOrganisationError;
  }
}

/** The refusal page: what happened, the advice for its kind, and the codes sent to the SP. */
function refusalBody(
  t: Texts,
  id: string,
  tx: LoginTransaction,
  world: WorldState,
  refusal: Extract<Step, { kind: "refused" }>["refusal"],
): Html {
  const person = tx.personId ? world.person(tx.personId) : undefined;
  const organisation = refusal.kvk ? world.organisation(refusal.kvk)?.name : undefined;
  const advice = t.advice(refusal.kind, {
    service: tx.context.service.service,
    provider: tx.context.service.provider,
    minimumLevel: minimumLevel(tx, world),
    ...(person ? { middelLevel: person.middel.level } : {}),
    ...(tx.leverancier ? { leverancier: tx.leverancier } : {}),
    ...(organisation ? { organisation } : {}),
  });
  const { outcome } = refusal;
  // The pages' own refusals have words in both languages; the rules' refusals carry nl and en.
  const ownExplanation: Partial<Record<string, string>> = {
    WRONG_PASSWORD: t.wrongPasswordThrice,
    WRONG_CODE: t.wrongCodeThrice,
    NO_ORGANISATION: t.noOrganisation,
  };
  return failurePage(t, loginPath(id), {
    explanation:
      ownExplanation[refusal.kind] ?? (tx.language === "nl" ? outcome.messageNl : outcome.message),
    advice,
    service: serviceName(tx, tx.language),
    status: `${outcome.status} / ${outcome.subStatus}`,
    statusMessage: outcome.message,
  });
}

/** The title and body of a step's page. */
function stepPage(
  t: Texts,
  id: string,
  tx: LoginTransaction,
  world: WorldState,
  step: Step,
  error?: StepError,
): { title: string; body: Html } {
  const base = loginPath(id);
  const message = errorText(t, error);
  switch (step.kind) {
    case "refused":
      return { title: t.failedTitle, body: refusalBody(t, id, tx, world, step.refusal) };
    case "leverancier":
      return {
        title: t.chooseLeverancier,
        body: leverancierPage(t, base, step.leveranciers, message),
      };
    case "credentials": {
      const username =
        error?.kind === "empty-credentials" || error?.kind === "wrong-credentials"
          ? { username: error.username }
          : {};
      return {
        title: t.logInWith(step.leverancier),
        body: credentialsPage(t, base, step.leverancier, username, message),
      };
    }
    case "second-factor":
      return { title: t.secondFactorTitle, body: secondFactorPage(t, base, step.factor, message) };
    case "organisation":
      return {
        title: t.chooseOrganisation,
        body: organisationPage(t, base, step.person.name, step.organisations, message),
      };
  }
}

/** Sends the page of a step, in the login's language. */
export function sendStep(
  res: Response,
  world: WorldState,
  id: string,
  tx: LoginTransaction,
  step: Step,
  error?: StepError,
): void {
  const t = TEXTS[tx.language];
  const { title, body } = stepPage(t, id, tx, world, step, error);
  sendPage(
    res,
    200,
    page({
      t,
      title,
      body,
      switchHref: `${loginPath(id)}?lang=${t.switchLang}`,
      service: {
        service: serviceName(tx, tx.language),
        provider: tx.context.service.provider,
        level: describeLevel(minimumLevel(tx, world), tx.language),
      },
    }),
  );
}

/** The page for a login id that expired, finished or never existed. */
export function sendExpired(res: Response, id: string, language: Language): void {
  const t = TEXTS[language];
  sendPage(
    res,
    404,
    page({
      t,
      title: t.expiredTitle,
      body: expiredPage(t),
      switchHref: `${loginPath(id)}?lang=${t.switchLang}`,
    }),
  );
}
