// The replica www.eherkenning.nl: listing pages (table and cards) and the
// level pages, all drawn from the catalogue the makelaar judges by.
import express, { type Express, type Request, type Response } from "express";
import type { WorldState } from "../../world/state.ts";
import { httpStatusOf, requestErrorText } from "../errors.ts";
import { html, type Html } from "../../shared/html.ts";
import { siteShell, type Lang, type SiteShellOptions } from "./layout.ts";
import {
  homeContent,
  LEVEL_SLUGS,
  levelContent,
  levelsOverviewContent,
  machtigingenFormContent,
  machtigingenSummaryContent,
  organisationsContent,
} from "./pages.ts";
import { E, STYLESHEET, STYLESHEET_PATH } from "./styles.ts";

export const LEVEL_PAGE_BASE = "/inloggen-met-eherkenning/betrouwbaarheidsniveaus";

export function createEherkenningSite(world: WorldState): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("strict routing", false);
  app.use(express.urlencoded({ extended: false, limit: "50kb" }));

  const send = (res: Response, status: number, options: SiteShellOptions): void => {
    res.status(status).type("html").send(siteShell(options).value);
  };
  const home = (lang: Lang) => ({ label: "Home", href: lang === "nl" ? "/" : "/en/" });

  app.get(STYLESHEET_PATH, (_req, res) => {
    res.set("Cache-Control", "public, max-age=3600").type("css").send(STYLESHEET);
  });

  app.get("/", (_req, res) =>
    send(res, 200, {
      lang: "nl",
      title: "Inloggen bij de overheid voor bedrijven",
      section: "home",
      crumbs: [],
      hero: {
        title: "eHerkenning",
        text: "Eén manier voor ondernemers om veilig in te loggen bij de overheid.",
      },
      content: homeContent(),
      otherLanguage: "/en/",
    }),
  );
  app.get("/en/", (_req, res) =>
    send(res, 200, {
      lang: "en",
      title: "Logging in to the government for businesses",
      section: "home",
      crumbs: [],
      hero: {
        title: "eHerkenning",
        text: "One way for businesses to log in safely to the government.",
      },
      content: html`<p class="${E.intro}">
        Read about the <a href="/en${LEVEL_PAGE_BASE}">levels of assurance</a>.
      </p>`,
      otherLanguage: "/",
    }),
  );

  app.get("/aangesloten-organisaties", (req, res) => {
    const q = typeof req.query["q"] === "string" ? req.query["q"].slice(0, 100) : "";
    send(res, 200, {
      lang: "nl",
      title: "Aangesloten organisaties",
      section: "organisaties",
      crumbs: [home("nl"), { label: "Aangesloten organisaties" }],
      content: organisationsContent(world.catalogue.services, q),
    });
  });

  app.get("/aanvragen/machtigingen", (_req, res) =>
    send(res, 200, {
      lang: "nl",
      title: "Machtigingen aanvragen",
      section: "aanvragen",
      crumbs: [
        home("nl"),
        { label: "Aanvragen", href: "/aanvragen/machtigingen" },
        { label: "Machtigingen" },
      ],
      content: machtigingenFormContent(world.catalogue.services),
    }),
  );
  app.post("/aanvragen/machtigingen", (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const raw = body?.["dienst"];
    const uuids = (Array.isArray(raw) ? raw : [raw]).filter(
      (v): v is string => typeof v === "string",
    );
    const chosen = uuids.flatMap((u) => {
      const s = world.catalogue.byServiceUUID(u);
      return s ? [s] : [];
    });
    send(res, 200, {
      lang: "nl",
      title: "Uw keuze",
      section: "aanvragen",
      crumbs: [
        home("nl"),
        { label: "Aanvragen", href: "/aanvragen/machtigingen" },
        { label: "Uw keuze" },
      ],
      content: machtigingenSummaryContent(chosen),
    });
  });

  for (const lang of ["nl", "en"] as const) {
    const prefix = lang === "nl" ? "" : "/en";
    const other = lang === "nl" ? "/en" : "";
    const overview = {
      label: lang === "nl" ? "Betrouwbaarheidsniveaus" : "Levels of assurance",
      href: `${prefix}${LEVEL_PAGE_BASE}`,
    };
    app.get(`${prefix}${LEVEL_PAGE_BASE}`, (_req, res) =>
      send(res, 200, {
        lang,
        title: overview.label,
        section: "inloggen",
        crumbs: [home(lang), { label: overview.label }],
        content: levelsOverviewContent(lang),
        otherLanguage: `${other}${LEVEL_PAGE_BASE}`,
      }),
    );
    app.get(`${prefix}${LEVEL_PAGE_BASE}/:slug`, (req: Request, res: Response, next) => {
      const slug = String(req.params["slug"]).toLowerCase();
      const level = LEVEL_SLUGS[slug];
      if (!level) return next();
      send(res, 200, {
        lang,
        title: `${lang === "nl" ? "Betrouwbaarheidsniveau" : "Level of assurance"} ${level}`,
        section: "inloggen",
        crumbs: [home(lang), overview, { label: level }],
        content: levelContent(level, lang, world.catalogue.services),
        otherLanguage: `${other}${LEVEL_PAGE_BASE}/${slug}`,
      });
    });
  }

  app.use((req, res) => {
    const lang: Lang = req.path.startsWith("/en/") ? "en" : "nl";
    const content: Html =
      lang === "nl"
        ? html`<h1>Pagina niet gevonden</h1>
            <p class="${E.intro}">Deze pagina bestaat niet (meer). De site is onlangs vernieuwd.</p>
            <p><a href="/">Naar de startpagina</a></p>`
        : html`<h1>Page not found</h1>
            <p class="${E.intro}">This page does not exist (any more).</p>
            <p><a href="/en/">Home</a></p>`;
    send(res, 404, {
      lang,
      title: lang === "nl" ? "Niet gevonden" : "Not found",
      section: "home",
      crumbs: [home(lang)],
      content,
    });
  });
  app.use(((error: unknown, req: Request, res: Response, _next: unknown) => {
    const status = httpStatusOf(error);
    if (status >= 500)
      console.error(`replica www.eherkenning.nl: ${req.method} ${req.path}:`, error);
    if (res.headersSent) return;
    send(res, status, {
      lang: "nl",
      title: "Fout",
      section: "home",
      crumbs: [home("nl")],
      content: html`<h1>${status >= 500 ? "Er is een storing" : "Dit ging niet goed"}</h1>
        <p class="${E.intro}">${requestErrorText(status)}</p>`,
    });
  }) as express.ErrorRequestHandler);
  return app;
}
