// Answers the SP for a finished login: builds and signs the Response, then
// sends it by Artifact (redirect with SAMLart) or HTTP-POST (auto-submitting
// form), whichever binding the chosen ACS has. Being built: the signature is
// the interface the login pages and auto-login call.
import type { Response } from "express";
import type { Makelaar } from "../app.ts";
import type { AuthnRequestContext, LoginOutcome } from "../flow.ts";

export function sendAnswer(
  _makelaar: Makelaar,
  _res: Response,
  _context: AuthnRequestContext,
  _outcome: LoginOutcome,
): void {
  throw new Error("sendAnswer is not implemented yet");
}
