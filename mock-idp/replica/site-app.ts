// The Express app every replica site with pages starts from: no framework
// banner, small form bodies, its own stylesheet cached for an hour.
import express, { type Express } from "express";

export interface SiteAppOptions {
  readonly stylesheetPath: string;
  readonly stylesheet: string;
  /** Largest urlencoded form body, e.g. "20kb". */
  readonly formLimit: string;
  /** Pages that show a session's state must not come from a cache. */
  readonly noStore?: boolean;
}

export function createSiteApp(options: SiteAppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.urlencoded({ extended: false, limit: options.formLimit }));
  if (options.noStore) {
    app.use((_req, res, next) => {
      res.set("Cache-Control", "no-cache, no-store");
      next();
    });
  }
  app.get(options.stylesheetPath, (_req, res) => {
    res.set("Cache-Control", "public, max-age=3600").type("css").send(options.stylesheet);
  });
  return app;
}
