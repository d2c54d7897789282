// msw handlers that stand in for the makelaar's HTTP endpoints (metadata, SSO,
// ARS, SLO) in unit tests of code that talks to a makelaar. They forward each
// request to an in-process makelaar app, so the answers are the real
// protocol, signed with the makelaar's TEST key.
import { http, type HttpHandler } from "msw";
import { createMakelaar, type Makelaar, type MakelaarOptions } from "../app.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { dispatchToApp } from "./dispatch.ts";

export { dispatchToApp } from "./dispatch.ts";

/** Handlers for this makelaar, at its baseUrl (e.g. https://makelaar.test). */
export function makelaarHandlers(makelaar: Makelaar): HttpHandler[] {
  const base = makelaar.baseUrl;
  const forward = ({ request }: { request: Request }) => dispatchToApp(makelaar.app, request);
  return [
    http.get(`${base}${ENDPOINTS.metadata}`, forward),
    http.get(`${base}${ENDPOINTS.sso}`, forward),
    http.post(`${base}${ENDPOINTS.sso}`, forward),
    http.post(`${base}${ENDPOINTS.ars}`, forward),
    http.get(`${base}${ENDPOINTS.slo}`, forward),
    http.post(`${base}${ENDPOINTS.slo}`, forward),
  ];
}

/** A makelaar for msw: default base URL https://makelaar.test, default world unless given. */
export async function createMswMakelaar(
  options: Partial<MakelaarOptions> = {},
): Promise<{ makelaar: Makelaar; handlers: HttpHandler[] }> {
  const makelaar = await createMakelaar({ baseUrl: "https://makelaar.test", ...options });
  return { makelaar, handlers: makelaarHandlers(makelaar) };
}
