// The replica aggregator.etoegang.nl: the published dienstencatalogus, the very
// catalogue of the world the makelaar judges by, signed with the harness's test key.
import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type Response,
} from "express";
import { httpStatusOf, requestErrorText } from "../errors.ts";
import type { TestKeyPair } from "../../saml-core/keys.ts";
import type { WorldState } from "../../world/state.ts";
import { cachedSigner } from "./sign-catalogue.ts";

export const CATALOGUE_PATHS = [
  "/1.13/servicecatalog.xml",
  "/test/1.13/servicecatalog.xml",
] as const;

export function createAggregator(world: WorldState, signingKeys: TestKeyPair): Express {
  const sign = cachedSigner(signingKeys);
  const app = express();
  app.disable("x-powered-by");
  app.get([...CATALOGUE_PATHS], (_req, res) => {
    res
      .set("Cache-Control", "no-cache")
      .type("application/xml; charset=utf-8")
      .send(sign(world.catalogueXml));
  });
  app.use((req, res) => {
    res
      .status(404)
      .type("text/plain")
      .send(`Not found: ${req.path}\nThe catalogue is at ${CATALOGUE_PATHS[0]}\n`);
  });
  app.use(((error: unknown, req: Request, res: Response, _next: unknown) => {
    const status = httpStatusOf(error);
    if (status >= 500) console.error(`replica aggregator: ${req.method} ${req.path}:`, error);
    if (res.headersSent) return;
    res
      .status(status)
      .type("text/plain")
      .send(`${requestErrorText(status)}\n`);
  }) as ErrorRequestHandler);
  return app;
}
