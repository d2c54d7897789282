// The replica www.eherkenning.nl: listing pages (table and cards) and the
// level pages, all drawn from the catalogue the makelaar judges by.
import {
  type ErrorRequestHandler,
  type Express,
  type RequestHandler,
  type Response,
} from "express";
import type { WorldState } from "../../world/state.ts";
import { httpStatusOf } from "../errors.ts";
import { siteShell, type Lang, type SiteShellOptions } from "./layout.ts";
import {
  errorContent,
  LEVEL_PAGE_BASE,
  homeContent,
  homeContentEn,
  LEVEL_SLUGS,
  levelContent,
  levelsOverviewContent,
  machtigingenFormContent,
  machtigingenSummaryContent,
  notFoundContent,
  organisationsContent,
} from "./pages.ts";
import { STYLESHEET, STYLESHEET_PATH } from "./styles.ts";
import { createSiteApp } from "../site-app.ts";

export { LEVEL_PAGE_BASE } from "./pages.ts";

export function createEherkenningSite(world: WorldState): Express {
  const app = createSiteApp({
    stylesheetPath: STYLESHEET_PATH,
    stylesheet: STYLESHEET,
    formLimit: "50kb",
  });
  app.get("/", homeNl);
  app.get("/en/", homeEn);
  app.get("/aangesloten-organisaties", organisations(world));
  app.get("/aanvragen/machtigingen", machtigingenForm(world));
  app.post("/aanvragen/machtigingen", machtigingenChosen(world));
  for (const lang of ["nl", "en"] as const) {
    const prefix = lang === "nl" ? "" : "/en";
    app.get(`${prefix}${LEVEL_PAGE_BASE}`, levelsOverview(lang));
    app.get(`${prefix}${LEVEL_PAGE_BASE}/:slug`, levelPage(lang));
  }
  app.use(notFound);
  app.use(failed);
  return app;
}

function send(res: Response, status: number, options: SiteShellOptions): void {
  res.status(status).type("html").send(siteShell(options).value);
}

const home = (lang: Lang) => ({ label: "Home", href: lang === "nl" ? "/" : "/en/" });

const homeNl: RequestHandler = (_req, res) =>
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
  });

const homeEn: RequestHandler = (_req, res) =>
  send(res, 200, {
    lang: "en",
    title: "Logging in to the government for businesses",
    section: "home",
    crumbs: [],
    hero: {
      title: "eHerkenning",
      text: "One way for businesses to log in safely to the government.",
    },
    content: homeContentEn(),
    otherLanguage: "/",
  });

/** The connected-organisations table, searchable by ?q=. */
function organisations(world: WorldState): RequestHandler {
  return (req, res) => {
    const q = typeof req.query["q"] === "string" ? req.query["q"].slice(0, 100) : "";
    send(res, 200, {
      lang: "nl",
      title: "Aangesloten organisaties",
      section: "organisaties",
      crumbs: [home("nl"), { label: "Aangesloten organisaties" }],
      content: organisationsContent(world.catalogue.services, q),
    });
  };
}

const machtigingenCrumbs = (last: string) => [
  home("nl"),
  { label: "Aanvragen", href: "/aanvragen/machtigingen" },
  { label: last },
];

/** A supplier-style form: a card with a checkbox per service. */
function machtigingenForm(world: WorldState): RequestHandler {
  return (_req, res) =>
    send(res, 200, {
      lang: "nl",
      title: "Machtigingen aanvragen",
      section: "aanvragen",
      crumbs: machtigingenCrumbs("Machtigingen"),
      content: machtigingenFormContent(world.catalogue.services),
    });
}

function machtigingenChosen(world: WorldState): RequestHandler {
  return (req, res) => {
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
      crumbs: machtigingenCrumbs("Uw keuze"),
      content: machtigingenSummaryContent(chosen),
    });
  };
}

const levelsCrumb = (lang: Lang) => ({
  label: lang === "nl" ? "Betrouwbaarheidsniveaus" : "Levels of assurance",
  href: `${lang === "nl" ? "" : "/en"}${LEVEL_PAGE_BASE}`,
});

/** The page in the other language, for the language switch. */
const otherLanguage = (lang: Lang, path: string) => `${lang === "nl" ? "/en" : ""}${path}`;

function levelsOverview(lang: Lang): RequestHandler {
  return (_req, res) => {
    const overview = levelsCrumb(lang);
    send(res, 200, {
      lang,
      title: overview.label,
      section: "inloggen",
      crumbs: [home(lang), { label: overview.label }],
      content: levelsOverviewContent(lang),
      otherLanguage: otherLanguage(lang, LEVEL_PAGE_BASE),
    });
  };
}

function levelPage(lang: Lang): RequestHandler {
  return (req, res, next) => {
    const slug = String(req.params["slug"]).toLowerCase();
    const level = LEVEL_SLUGS[slug];
    if (!level) return next();
    send(res, 200, {
      lang,
      title: `${lang === "nl" ? "Betrouwbaarheidsniveau" : "Level of assurance"} ${level}`,
      section: "inloggen",
      crumbs: [home(lang), levelsCrumb(lang), { label: level }],
      content: levelContent(level, lang),
      otherLanguage: otherLanguage(lang, `${LEVEL_PAGE_BASE}/${slug}`),
    });
  };
}

const notFound: RequestHandler = (req, res) => {
  const lang: Lang = req.path.startsWith("/en/") ? "en" : "nl";
  send(res, 404, {
    lang,
    title: lang === "nl" ? "Niet gevonden" : "Not found",
    section: "home",
    crumbs: [home(lang)],
    content: notFoundContent(lang),
  });
};

/** Errors no route answered: the request's own 4xx, else a logged 500; never a stack trace. */
const failed: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const status = httpStatusOf(error);
  if (status >= 500) console.error(`replica www.eherkenning.nl: ${req.method} ${req.path}:`, error);
  if (res.headersSent) return;
  send(res, status, {
    lang: "nl",
    title: "Fout",
    section: "home",
    crumbs: [home("nl")],
    content: errorContent(status),
  });
};
