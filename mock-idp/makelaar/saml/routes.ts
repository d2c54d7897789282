// The SAML protocol endpoints (metadata, catalogue, SSO, ARS, SLO), from the frozen table.
import express, { Router, type RequestHandler } from "express";
import type { Makelaar } from "../makelaar.ts";
import { ENDPOINTS } from "../endpoints.ts";
import { pageErrors, soapErrors } from "../error-responses.ts";
import { SOAP_CONTENT_TYPES, handleArtifactResolve } from "./ars.ts";
import { makelaarCatalogueXml } from "./catalogue.ts";
import { makelaarMetadataXml } from "./metadata.ts";
import { handleLogout } from "./slo.ts";
import { handleSso } from "./sso.ts";

/** Form posts above this size are refused with 413 before any parsing. */
export const MAX_FORM_BYTES = 512 * 1024;

// Express 5 passes thrown errors and rejected promises to the error handler itself.
export function samlRoutes(makelaar: Makelaar): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: MAX_FORM_BYTES, parameterLimit: 20 });
  const soap = express.text({ type: SOAP_CONTENT_TYPES, limit: MAX_FORM_BYTES });
  router.get(ENDPOINTS.metadata, (_req, res) => {
    res.type("application/samlmetadata+xml").send(makelaarMetadataXml(makelaar));
  });
  router.get(ENDPOINTS.catalogue, (_req, res) => {
    res
      .set("Cache-Control", "no-cache")
      .type("application/xml; charset=utf-8")
      .send(makelaarCatalogueXml(makelaar));
  });
  const sso =
    (binding: "redirect" | "post"): RequestHandler =>
    (req, res) =>
      handleSso(makelaar, req, res, binding);
  const slo =
    (binding: "redirect" | "post"): RequestHandler =>
    (req, res) =>
      handleLogout(makelaar, req, res, binding);
  const ars: RequestHandler = (req, res) => handleArtifactResolve(makelaar, req, res);
  // HEAD would otherwise run as GET and spend the request's ID, so a link
  // checker or preview bot asking first would make the browser's GET a
  // replay. It gets an empty page and touches nothing.
  const head: RequestHandler = (_req, res) => {
    res.status(200).set("Cache-Control", "no-cache, no-store").type("html").end();
  };
  router.head(ENDPOINTS.sso, head);
  router.head(ENDPOINTS.slo, head);
  // Each kind of endpoint turns a refusal into its own response (error-responses.ts).
  router.get(ENDPOINTS.sso, sso("redirect"), pageErrors);
  router.post(ENDPOINTS.sso, form, sso("post"), pageErrors);
  router.post(ENDPOINTS.ars, soap, ars, soapErrors);
  router.get(ENDPOINTS.slo, slo("redirect"), pageErrors);
  router.post(ENDPOINTS.slo, form, slo("post"), pageErrors);
  return router;
}
