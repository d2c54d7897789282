// How the replica sites answer errors no route handled: the request's own
// fault (a body too large, a malformed URL) keeps its 4xx; anything else is a
// 500 that is logged. Never a stack trace on the page.

/** The HTTP status an error asks for: its own 4xx/5xx status, else 500. */
export function httpStatusOf(error: unknown): number {
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status <= 599 ? status : 500;
}

/** A short Dutch line for a request error. */
export function requestErrorText(status: number): string {
  if (status === 413) return "Het formulier is te groot.";
  if (status >= 500) return "Er is een storing. Probeer het later opnieuw.";
  return "Dit verzoek kunnen wij niet verwerken.";
}
