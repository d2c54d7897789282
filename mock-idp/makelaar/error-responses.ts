// Where errors become responses, one handler per kind of endpoint. Protocol
// checks throw SamlError (or BadRequestError for input that is no SAML
// matter); the endpoint logs the refusal and lets it reach its handler here:
// browser-facing endpoints (SSO before the ACS is trusted, SLO) answer a page,
// the SOAP endpoint (ARS) a SOAP fault, the admin API JSON. lastResort catches
// what no handler took (a 500 logged, or a body parser's 4xx). Failures the
// SSO can answer to the SP become SAML Responses in saml/sso.ts instead: that
// is the protocol's answer, not an error page.
import type { ErrorRequestHandler } from "express";
import { BadRequestError, SamlError } from "./errors.ts";
import { sendErrorPage } from "./saml/page.ts";
import { sendSoapFault } from "./saml/ars.ts";

/** A 4xx whose body lists each problem on its own line (the admin API's errors). */
export class AdminError extends BadRequestError {
  constructor(
    readonly issues: readonly string[],
    httpStatus = 400,
  ) {
    super(issues.join("; "), httpStatus);
  }
}

/** A request refused on a page for the person's browser. */
export const pageErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (!(error instanceof SamlError) || res.headersSent) return next(error);
  sendErrorPage(res, error.httpStatus, error.message);
};

/** A request refused with a SOAP 1.1 Client fault. */
export const soapErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (!(error instanceof SamlError) || res.headersSent) return next(error);
  sendSoapFault(res, error.httpStatus, error.message);
};

/** The admin API: JSON with `error` and the list of `issues`. */
export const adminErrors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (error instanceof AdminError) {
    res.status(error.httpStatus).json({ error: error.message, issues: error.issues });
    return;
  }
  if (error instanceof BadRequestError || error instanceof SamlError) {
    res.status(error.httpStatus).json({ error: error.message, issues: [error.message] });
    return;
  }
  const status = (error as { status?: unknown }).status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    // body-parser: malformed JSON, too large, wrong charset.
    const message = `body: ${error instanceof Error ? error.message : String(error)}`;
    res.status(status).json({ error: message, issues: [message] });
    return;
  }
  console.error("mock makelaar admin:", error);
  res.status(500).json({ error: "internal error; see the server log", issues: [] });
};

/** Last resort for errors no route answered itself: a clear page, never a crash. */
export const lastResort: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const known = error instanceof SamlError || error instanceof BadRequestError;
  const status = known
    ? error.httpStatus
    : typeof (error as { status?: unknown }).status === "number"
      ? (error as { status: number }).status
      : 500;
  const message = error instanceof Error ? error.message : String(error);
  if (status >= 500) console.error(`mock makelaar: ${req.method} ${req.path}:`, error);
  if (res.headersSent) return;
  res.status(status);
  if (req.path.startsWith("/__admin") || req.accepts(["html", "json"]) === "json") {
    res.json({ error: message });
  } else {
    res
      .type("text/plain")
      .send(`${status >= 500 ? "Internal error" : "Bad request"}: ${message}\n`);
  }
};
