// Typed errors. Each protocol check throws one of these. sso.ts answers a
// SamlError with a SAML Response to the SP once the request got far enough to
// know where to send one; anything else becomes a page, a SOAP fault or JSON
// in error-responses.ts, by the kind of endpoint.

/** The only status codes eHerkenning allows besides Success. */
export type TopStatus = "Requester" | "Responder";
export type SubStatus = "AuthnFailed" | "RequestUnsupported";

export class SamlError extends Error {
  override readonly name = "SamlError";
  constructor(
    readonly status: TopStatus,
    readonly subStatus: SubStatus,
    /** Names the cause; sent as StatusMessage and shown on the page. */
    message: string,
    /** HTTP status for the page when no SAML answer can be sent. */
    readonly httpStatus = 400,
  ) {
    super(message);
  }
}

/** Bad input that is not a SAML protocol matter (admin API, config, forms). */
export class BadRequestError extends Error {
  override readonly name = "BadRequestError";
  constructor(
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
  }
}
