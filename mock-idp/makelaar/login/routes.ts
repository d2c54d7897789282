// The login pages a person walks through after the SSO endpoint stored a
// LoginTransaction and sent the browser to /login/<id>: choose a leverancier,
// username and password, a second factor from EH2+ on, the organisation when
// the person represents several. Every end (success, refusal, three wrong
// attempts, cancel) becomes a SAML answer to the SP through sendAnswer.
//
// GET /login/<id> shows the step the transaction is at; each POST gives one
// answer (steps.ts decides what it does) and redirects back (303), shows the
// same step again with an error, or ends the login.
import express, { Router, type Request, type RequestHandler, type Response } from "express";
import type { WorldState } from "../../world/state.ts";
import { ENDPOINTS } from "../endpoints.ts";
import type { Makelaar } from "../makelaar.ts";
import { sendAnswer } from "../saml/answer.ts";
import { loginPath, sendExpired, sendStep } from "./render.ts";
import {
  cancel,
  chooseLeverancier,
  chooseOrganisation,
  enterCode,
  goBack,
  logIn,
  nextStep,
  settle,
  type StepResult,
} from "./steps.ts";
import type { LoginTransaction } from "./transaction.ts";

const field = (req: Request, name: string): string => {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body?.[name];
  return typeof value === "string" ? value : "";
};

/** One answer a person gives on a page: the form read, the step taken. */
type Answer = (tx: LoginTransaction, world: WorldState, req: Request) => StepResult;

export function loginRoutes(makelaar: Makelaar): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: "16kb", parameterLimit: 20 });
  const at = `${ENDPOINTS.login}/:id`;
  router.get(at, showStep(makelaar));
  router.post(
    `${at}/leverancier`,
    form,
    answering(makelaar, (tx, world, req) =>
      chooseLeverancier(tx, world, field(req, "leverancier")),
    ),
  );
  router.post(
    `${at}/inloggen`,
    form,
    answering(makelaar, (tx, world, req) =>
      logIn(tx, world, { username: field(req, "username"), password: field(req, "password") }),
    ),
  );
  router.post(
    `${at}/code`,
    form,
    answering(makelaar, (tx, world, req) => enterCode(tx, world, field(req, "code"))),
  );
  router.post(
    `${at}/organisatie`,
    form,
    answering(makelaar, (tx, world, req) => chooseOrganisation(tx, world, field(req, "kvk"))),
  );
  router.post(`${at}/annuleren`, answering(makelaar, cancel));
  router.post(
    `${at}/terug`,
    answering(makelaar, (tx) => goBack(tx)),
  );
  return router;
}

/** The transaction for this request's id, or the expired page (and undefined). */
function load(
  makelaar: Makelaar,
  req: Request,
  res: Response,
): { id: string; tx: LoginTransaction } | undefined {
  const id = String(req.params["id"] ?? "");
  const tx = makelaar.state.logins.get(id, makelaar.protocolNow().getTime());
  if (tx) return { id, tx };
  sendExpired(res, id, req.query["lang"] === "en" ? "en" : "nl");
  return undefined;
}

/** GET: the page of the step the login is at (in the language asked, when one is). */
function showStep(makelaar: Makelaar): RequestHandler {
  return (req, res) => {
    const found = load(makelaar, req, res);
    if (!found) return;
    const { id, tx } = found;
    const lang = req.query["lang"];
    if (lang === "nl" || lang === "en") tx.language = lang;
    settle(tx, makelaar.world);
    sendStep(res, makelaar.world, id, tx, nextStep(tx, makelaar.world));
  };
}

/** POST: takes one answer and shows, repeats or ends the login accordingly. */
function answering(makelaar: Makelaar, answer: Answer): RequestHandler {
  return async (req, res) => {
    const found = load(makelaar, req, res);
    if (!found) return;
    const { id, tx } = found;
    const result = answer(tx, makelaar.world, req);
    switch (result.then) {
      case "step":
        res.redirect(303, loginPath(id));
        return;
      case "retry":
        sendStep(res, makelaar.world, id, tx, nextStep(tx, makelaar.world), result.error);
        return;
      case "answer":
        // The login ends: its answer goes to the SP and the transaction is gone.
        makelaar.state.logins.take(id, makelaar.protocolNow().getTime());
        await sendAnswer(makelaar, res, tx.context, result.outcome);
    }
  };
}
