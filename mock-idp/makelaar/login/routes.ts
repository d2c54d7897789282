// The login pages a person walks through after the SSO endpoint stored a
// LoginTransaction and sent the browser to /login/<id>: choose a leverancier,
// username and password, a second factor from EH2+ on, the organisation when
// the person represents several. Every end (success, refusal, three wrong
// attempts, cancel) becomes a SAML answer to the SP through sendAnswer.
//
// GET /login/<id> shows the step the transaction is at; each POST does one
// step and redirects back (303), or shows the same step again with an error.
import express, { Router, type Request, type Response } from "express";
import {
  describeLevel,
  pickText,
  requiredLevel,
  serviceRef,
  type Level,
} from "../../../eherkenning/index.ts";
import type { Makelaar } from "../makelaar.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { CANCELLED, decideFor, failure, type LoginOutcome, type LoginRefusal } from "../flow.ts";
import { sendAnswer } from "../saml/answer.ts";
import type { LoginTransaction } from "./transaction.ts";
import type { Person } from "../../world/model.ts";
import type { Html } from "../../shared/html.ts";
import { page, sendPage } from "./layout.ts";
import {
  credentialsPage,
  expiredPage,
  failurePage,
  leverancierPage,
  organisationPage,
  secondFactorPage,
} from "./pages.ts";
import { TEXTS, type Language, type Texts } from "./text.ts";

/** Wrong passwords (and then wrong codes) allowed before the login ends. */
export const MAX_ATTEMPTS = 3;

export const WRONG_PASSWORD = failure(
  "Responder",
  "AuthnFailed",
  "Authentication failed: wrong username or password three times.",
  TEXTS.nl.wrongPasswordThrice,
);

export const WRONG_CODE = failure(
  "Responder",
  "AuthnFailed",
  "Authentication failed: wrong second-factor code three times.",
  TEXTS.nl.wrongCodeThrice,
);

export const NO_ORGANISATION = failure(
  "Responder",
  "AuthnFailed",
  "The person represents no organisation.",
  TEXTS.nl.noOrganisation,
);

const needsSecondFactor = (person: Person): boolean => person.middel.secondFactor !== undefined;

const field = (req: Request, name: string): string => {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body?.[name];
  return typeof value === "string" ? value : "";
};

export function loginRoutes(makelaar: Makelaar): Router {
  const { world, state } = makelaar;
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: "16kb", parameterLimit: 20 });
  const base = (id: string) => `${ENDPOINTS.login}/${encodeURIComponent(id)}`;
  const now = () => makelaar.protocolNow().getTime();

  function leveranciers(): string[] {
    return [...new Set(world.persons.map((p) => p.middel.leverancier))].sort((a, b) =>
      a.localeCompare(b, "nl"),
    );
  }

  function requirement(tx: LoginTransaction) {
    const { service, requestedLevel } = tx.context;
    return requiredLevel(serviceRef(service), requestedLevel, world.transitions, world.now());
  }

  function minimumLevel(tx: LoginTransaction): Level {
    const needed = requirement(tx);
    return needed.ok
      ? needed.minimumLevel
      : (tx.context.requestedLevel ?? tx.context.service.level);
  }

  function serviceName(tx: LoginTransaction, language: Language): string {
    return pickText(tx.context.service.names, language) ?? tx.context.service.service;
  }

  function render(res: Response, id: string, tx: LoginTransaction, title: string, body: Html) {
    const t = TEXTS[tx.language];
    sendPage(
      res,
      200,
      page({
        t,
        title,
        body,
        switchHref: `${base(id)}?lang=${t.switchLang}`,
        service: {
          service: serviceName(tx, tx.language),
          provider: tx.context.service.provider,
          level: describeLevel(minimumLevel(tx), tx.language),
        },
      }),
    );
  }

  /** The transaction for this id, or a clear page when it expired or finished. */
  function load(req: Request, res: Response): { id: string; tx: LoginTransaction } | undefined {
    const id = String(req.params["id"] ?? "");
    const tx = state.logins.get(id, now());
    if (tx) return { id, tx };
    const t = TEXTS[req.query["lang"] === "en" ? "en" : "nl"];
    sendPage(
      res,
      404,
      page({
        t,
        title: t.expiredTitle,
        body: expiredPage(t),
        switchHref: `${base(id)}?lang=${t.switchLang}`,
      }),
    );
    return undefined;
  }

  const backToStep = (res: Response, id: string) => res.redirect(303, base(id));

  function refuse(tx: LoginTransaction, outcome: LoginRefusal, kind: string, kvk?: string): void {
    tx.refusal = kvk === undefined ? { outcome, kind } : { outcome, kind, kvk };
  }

  /** Ends the login: the answer goes to the SP and the transaction is gone. */
  async function answer(res: Response, id: string, tx: LoginTransaction, outcome: LoginOutcome) {
    state.logins.take(id, now());
    await sendAnswer(makelaar, res, tx.context, outcome);
  }

  async function decide(
    res: Response,
    id: string,
    tx: LoginTransaction,
    person: Person,
    kvk: string,
  ) {
    const outcome = decideFor(world, tx.context, person.id, kvk);
    if (outcome.ok) {
      await answer(res, id, tx, outcome);
      return;
    }
    refuse(tx, outcome, outcome.reason ?? "NOT_REPRESENTED", kvk);
    backToStep(res, id);
  }

  /** After authentication: straight on with one organisation, a choice with several. */
  async function proceed(res: Response, id: string, tx: LoginTransaction, person: Person) {
    const represented = person.representations.filter((r) => world.organisation(r.kvk));
    const only = represented[0];
    if (represented.length === 1 && only) {
      await decide(res, id, tx, person, only.kvk);
      return;
    }
    if (represented.length === 0) refuse(tx, NO_ORGANISATION, "NO_ORGANISATION");
    backToStep(res, id);
  }

  function showFailure(res: Response, id: string, tx: LoginTransaction) {
    const refusal = tx.refusal;
    if (!refusal) return;
    const t: Texts = TEXTS[tx.language];
    const person = tx.personId ? world.person(tx.personId) : undefined;
    const organisation = refusal.kvk ? world.organisation(refusal.kvk)?.name : undefined;
    const advice = t.advice(refusal.kind, {
      service: tx.context.service.service,
      provider: tx.context.service.provider,
      minimumLevel: minimumLevel(tx),
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
    render(
      res,
      id,
      tx,
      t.failedTitle,
      failurePage(t, base(id), {
        explanation:
          ownExplanation[refusal.kind] ??
          (tx.language === "nl" ? outcome.messageNl : outcome.message),
        advice,
        service: serviceName(tx, tx.language),
        status: `${outcome.status} / ${outcome.subStatus}`,
        statusMessage: outcome.message,
      }),
    );
  }

  function showStep(res: Response, id: string, tx: LoginTransaction, error?: string) {
    const t = TEXTS[tx.language];
    if (tx.refusal) return showFailure(res, id, tx);
    if (!tx.leverancier) {
      return render(
        res,
        id,
        tx,
        t.chooseLeverancier,
        leverancierPage(t, base(id), leveranciers(), error),
      );
    }
    const person = tx.personId ? world.person(tx.personId) : undefined;
    if (!person) {
      // Also when the admin API removed the person mid-login: they log in again.
      delete tx.personId;
      delete tx.authenticated;
      return render(
        res,
        id,
        tx,
        t.logInWith(tx.leverancier),
        credentialsPage(t, base(id), tx.leverancier, {}, error),
      );
    }
    const factor = person.middel.secondFactor;
    if (!tx.authenticated && factor) {
      return render(res, id, tx, t.secondFactorTitle, secondFactorPage(t, base(id), factor, error));
    }
    const organisations = person.representations.flatMap((r) => {
      const organisation = world.organisation(r.kvk);
      return organisation ? [organisation] : [];
    });
    return render(
      res,
      id,
      tx,
      t.chooseOrganisation,
      organisationPage(t, base(id), person.name, organisations, error),
    );
  }

  router.get(`${ENDPOINTS.login}/:id`, (req, res) => {
    const found = load(req, res);
    if (!found) return;
    const { id, tx } = found;
    const lang = req.query["lang"];
    if (lang === "nl" || lang === "en") tx.language = lang;
    // A request no person can satisfy is refused before anyone types a password.
    const needed = requirement(tx);
    if (!tx.refusal && !needed.ok) {
      refuse(
        tx,
        failure(
          needed.status,
          needed.subStatus,
          needed.message.en,
          needed.message.nl,
          needed.reason,
        ),
        needed.reason,
      );
    }
    showStep(res, id, tx);
  });

  router.post(`${ENDPOINTS.login}/:id/leverancier`, form, (req, res) => {
    const found = load(req, res);
    if (!found) return;
    const { id, tx } = found;
    if (tx.refusal || tx.personId) return backToStep(res, id);
    const chosen = field(req, "leverancier");
    if (chosen === "") {
      delete tx.leverancier;
      return backToStep(res, id);
    }
    if (!leveranciers().includes(chosen)) {
      delete tx.leverancier;
      return showStep(res, id, tx, TEXTS[tx.language].chooseLeverancierError);
    }
    tx.leverancier = chosen;
    backToStep(res, id);
  });

  router.post(`${ENDPOINTS.login}/:id/inloggen`, form, async (req, res) => {
    const found = load(req, res);
    if (!found) return;
    const { id, tx } = found;
    const t = TEXTS[tx.language];
    if (tx.refusal || !tx.leverancier || tx.personId) return backToStep(res, id);
    const username = field(req, "username").trim();
    const password = field(req, "password");
    if (!username || !password) {
      return render(
        res,
        id,
        tx,
        t.logInWith(tx.leverancier),
        credentialsPage(t, base(id), tx.leverancier, { username }, t.emptyCredentials),
      );
    }
    const person = world.persons.find(
      (p) =>
        p.middel.leverancier === tx.leverancier &&
        p.middel.username.toLowerCase() === username.toLowerCase() &&
        p.middel.password === password,
    );
    if (!person) {
      tx.failedAttempts += 1;
      if (tx.failedAttempts >= MAX_ATTEMPTS) {
        refuse(tx, WRONG_PASSWORD, "WRONG_PASSWORD");
        return backToStep(res, id);
      }
      const left = MAX_ATTEMPTS - tx.failedAttempts;
      return render(
        res,
        id,
        tx,
        t.logInWith(tx.leverancier),
        credentialsPage(t, base(id), tx.leverancier, { username }, t.wrongCredentials(left)),
      );
    }
    tx.personId = person.id;
    tx.failedAttempts = 0;
    if (needsSecondFactor(person)) return backToStep(res, id);
    tx.authenticated = true;
    await proceed(res, id, tx, person);
  });

  router.post(`${ENDPOINTS.login}/:id/code`, form, async (req, res) => {
    const found = load(req, res);
    if (!found) return;
    const { id, tx } = found;
    const person = tx.personId ? world.person(tx.personId) : undefined;
    const factor = person?.middel.secondFactor;
    if (tx.refusal || !person || !factor || tx.authenticated) return backToStep(res, id);
    const code = field(req, "code").replace(/\s+/g, "");
    if (code !== factor.code) {
      tx.failedAttempts += 1;
      if (tx.failedAttempts >= MAX_ATTEMPTS) {
        refuse(tx, WRONG_CODE, "WRONG_CODE");
        return backToStep(res, id);
      }
      return showStep(res, id, tx, TEXTS[tx.language].wrongCode(MAX_ATTEMPTS - tx.failedAttempts));
    }
    tx.authenticated = true;
    await proceed(res, id, tx, person);
  });

  router.post(`${ENDPOINTS.login}/:id/organisatie`, form, async (req, res) => {
    const found = load(req, res);
    if (!found) return;
    const { id, tx } = found;
    const person = tx.personId ? world.person(tx.personId) : undefined;
    if (tx.refusal || !person || !tx.authenticated) return backToStep(res, id);
    const kvk = field(req, "kvk");
    const represents = person.representations.some((r) => r.kvk === kvk) && world.organisation(kvk);
    if (!represents) return showStep(res, id, tx, TEXTS[tx.language].chooseOrganisationError);
    await decide(res, id, tx, person, kvk);
  });

  router.post(`${ENDPOINTS.login}/:id/annuleren`, (req, res) => {
    const found = load(req, res);
    if (!found) return;
    return answer(res, found.id, found.tx, CANCELLED);
  });

  router.post(`${ENDPOINTS.login}/:id/terug`, (req, res) => {
    const found = load(req, res);
    if (!found) return;
    const { id, tx } = found;
    if (!tx.refusal) return backToStep(res, id);
    return answer(res, id, tx, tx.refusal.outcome);
  });

  return router;
}
