// The admin API under /__admin/. Being built.
import { Router } from "express";
import type { Makelaar } from "../app.ts";

export function adminRoutes(_makelaar: Makelaar): Router {
  return Router();
}
