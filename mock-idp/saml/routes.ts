// The SAML protocol endpoints (metadata, SSO, ARS, SLO). Being built.
import { Router } from "express";
import type { Makelaar } from "../app.ts";

export function samlRoutes(_makelaar: Makelaar): Router {
  return Router();
}
