// The login pages a person walks through. Being built.
import { Router } from "express";
import type { Makelaar } from "../app.ts";

export function loginRoutes(_makelaar: Makelaar): Router {
  return Router();
}
