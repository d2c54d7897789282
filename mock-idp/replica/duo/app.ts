// The replica Mijn DUO (mijn.duo.nl): the business login page, token login
// per user until their sector has switched (by the world's business clock), and
// eHerkenning login as a real SAML service provider of the mock makelaar.
import {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
  type Response,
} from "express";
import { type Level } from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { DUO_SECTOR_SWITCH, duoTokenAccepted } from "../../world/duo-calendar.ts";
import type { DuoAccount, Person } from "../../world/model.ts";
import type { WorldState } from "../../world/state.ts";
import type { EherkenningClient } from "../eherkenning-client.ts";
import { httpStatusOf } from "../errors.ts";
import type { FailureExplanation } from "../failures.ts";
import type { Html } from "../../shared/html.ts";
import { acsHandler } from "../saml-client.ts";
import { LoginCookie, readCookie, Sessions } from "../session.ts";
import { duoShell, type Lang } from "./layout.ts";
import {
  contactContent,
  dashboardContent,
  eherkenningUnavailableContent,
  errorContent,
  failureContent,
  loginContent,
  noAnswerContent,
  noOverviewAccessContent,
  notFoundContent,
  LOGIN_TEXT,
  tokenSwitchedContent,
  troubleContent,
  type LoginPageOptions,
} from "./pages.ts";
import { STYLESHEET, STYLESHEET_PATH } from "./styles.ts";
import { createSiteApp } from "../site-app.ts";
import { isBeheerderBve, usersOverviewRows, type SeenLogin } from "./users-overview.ts";
import { writeOverviewTsv, writeOverviewXlsx } from "../../../eherkenning/planner/export.ts";
import { dutchToday } from "../../../eherkenning/planner/plan.ts";

export const MIJN_DUO_SERVICE = FIXTURE_SERVICES.mijnDuo;
const CONSENT_COOKIE = "duo_cc";
export const DUO_ACS_PATH = "/isam/sps/eh/acs";
const DUO_FAILURE_PATH = "/isam/sps/eh/melding";

export type DuoSession =
  | { readonly method: "token"; readonly personId: string }
  | {
      readonly method: "eherkenning";
      /** Absent when the pseudonym belongs to no known person. */
      readonly personId?: string;
      readonly pseudo: string;
      readonly kvk?: string;
      readonly level: Level;
    };

export interface MijnDuoOptions {
  readonly world: WorldState;
  /** The SAML side; until it is there, the eHerkenning button explains that. */
  readonly eherkenning?: EherkenningClient;
}

export interface MijnDuo {
  readonly app: Express;
  readonly sessions: Sessions<DuoSession>;
  /** Login failures waiting to be shown, per browser. */
  readonly failures: Sessions<FailureExplanation>;
  /** Logs everyone out and forgets waiting failures. */
  reset(): void;
}

/** Only local paths, so the cookie notice cannot be used to send people elsewhere. */
function localPath(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
};

/** What every handler of one Mijn DUO instance shares. */
interface Site {
  readonly world: WorldState;
  readonly eherkenning: EherkenningClient | undefined;
  readonly sessions: Sessions<DuoSession>;
  readonly failures: Sessions<FailureExplanation>;
  /** The browser's login attempts, which only it may finish. */
  readonly logins: LoginCookie;
  /** Last logins this replica saw, for the beheerder's overview of users. */
  readonly seen: Map<string, SeenLogin>;
}

export function createMijnDuo(options: MijnDuoOptions): MijnDuo {
  const site: Site = {
    world: options.world,
    eherkenning: options.eherkenning,
    sessions: new Sessions<DuoSession>("MDSESSION"),
    failures: new Sessions<FailureExplanation>("MDMELDING", 10 * 60_000),
    logins: new LoginCookie("MDLOGIN"),
    seen: new Map(),
  };
  const app = createSiteApp({
    stylesheetPath: STYLESHEET_PATH,
    stylesheet: STYLESHEET,
    formLimit: "20kb",
    noStore: true,
  });
  app.get("/", loginHome(site, "nl"));
  app.get("/en/", loginHome(site, "en"));
  app.post("/cookies", cookieChoice);
  app.post("/isam/token/login", tokenLogin(site));
  app.post("/isam/sps/eh/login", eherkenningLogin(site));
  const acs = loginReturn(site);
  app.get(DUO_ACS_PATH, acs);
  app.post(DUO_ACS_PATH, acs);
  app.get(DUO_FAILURE_PATH, loginFailed(site));
  app.get("/portaal/", portal(site));
  app.get(/^\/portaal\/gebruikers\/overzicht\.(tsv|xlsx)$/, usersOverview(site));
  app.post("/uitloggen", (req, res) => {
    site.sessions.end(req, res);
    res.redirect(303, "/?uitgelogd=1");
  });
  app.get("/problemen-met-inloggen", (req, res) =>
    page(site, req, res, 200, "Problemen met inloggen", "help", troubleContent()),
  );
  app.get("/contact", (req, res) =>
    page(site, req, res, 200, "Contact", "contact", contactContent()),
  );
  app.use((req, res) =>
    page(site, req, res, 404, "Pagina niet gevonden", "404", notFoundContent()),
  );
  app.use(failed(site));
  const { sessions, failures, seen } = site;
  return {
    app,
    sessions,
    failures,
    reset() {
      sessions.clear();
      failures.clear();
      seen.clear();
    },
  };
}

/** Sends a page in DUO's frame, with the logged-in person's name when there is one. */
function page(
  site: Site,
  req: Request,
  res: Response,
  status: number,
  title: string,
  template: string,
  content: Html,
  crumbs: { label: string; href?: string }[] = [{ label: title }],
  lang: Lang = "nl",
): void {
  const session = site.sessions.get(req);
  const person = session?.personId ? site.world.person(session.personId) : undefined;
  const userName = session ? (person?.name ?? "Onbekende gebruiker") : undefined;
  res
    .status(status)
    .type("html")
    .send(
      duoShell({
        title,
        template,
        crumbs: [
          { label: "Home", href: lang === "en" ? "/en/" : "/" },
          { label: lang === "en" ? "Business" : "Zakelijk", href: lang === "en" ? "/en/" : "/" },
          ...crumbs,
        ],
        lang,
        content,
        cookiesAnswered: readCookie(req, CONSENT_COOKIE) !== undefined,
        path: req.originalUrl,
        ...(userName ? { userName } : {}),
      }).value,
    );
}

function loginPage(
  site: Site,
  req: Request,
  res: Response,
  status: number,
  opts: LoginPageOptions,
  lang: Lang = "nl",
): void {
  const title = LOGIN_TEXT[lang].title;
  page(site, req, res, status, title, "login", loginContent(opts, lang), undefined, lang);
}

function sawLogin(site: Site, personId: string, means: SeenLogin["means"]): void {
  site.seen.set(personId, { day: dutchToday(site.world.now()), means });
}

function loginHome(site: Site, lang: Lang): RequestHandler {
  return (req, res) => {
    if (site.sessions.get(req)) return res.redirect(303, "/portaal/");
    const loggedOut = lang === "nl" && req.query["uitgelogd"];
    loginPage(site, req, res, 200, loggedOut ? { notice: LOGIN_TEXT.nl.loggedOut } : {}, lang);
  };
}

const cookieChoice: RequestHandler = (req, res) => {
  const choice = field(req.body, "keuze") === "ja" ? "all" : "necessary";
  res.cookie(CONSENT_COOKIE, choice, {
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: 31_536_000_000,
  });
  res.redirect(303, localPath(field(req.body, "terug")));
};

/** The old DUO token login, until the person's sector has switched. */
function tokenLogin(site: Site): RequestHandler {
  return (req, res) => {
    const username = field(req.body, "username").trim();
    const password = field(req.body, "password");
    const otp = field(req.body, "otp").replace(/\s+/g, "");
    const lang: Lang = field(req.body, "lang") === "en" ? "en" : "nl";
    const t = LOGIN_TEXT[lang];
    if (!username || !password || !otp) {
      return loginPage(site, req, res, 400, { error: t.missingFields, username }, lang);
    }
    const person = site.world.duoAccount(username);
    const account = person?.duo;
    if (!person || !account || account.wachtwoord !== password || account.tokenCode !== otp) {
      return loginPage(site, req, res, 401, { error: t.wrongCredentials, username }, lang);
    }
    if (!duoTokenAccepted(account.sector, site.world.now())) {
      const content = tokenSwitchedContent(account.sector, lang);
      const crumbs = [{ label: t.title, href: t.home }, { label: "Token" }];
      return page(site, req, res, 403, t.switchedTitle, "token-switched", content, crumbs, lang);
    }
    site.sessions.start(res, { method: "token", personId: person.id });
    sawLogin(site, person.id, "DUO Token");
    res.redirect(303, "/portaal/");
  };
}

function eherkenningLogin(site: Site): RequestHandler {
  return async (req, res) => {
    if (!site.eherkenning) {
      const title = "Inloggen met eHerkenning";
      return page(site, req, res, 503, title, "eh-unavailable", eherkenningUnavailableContent());
    }
    res.redirect(
      303,
      await site.eherkenning.loginUrl({
        relayState: "/portaal/",
        session: site.logins.start(req, res),
      }),
    );
  };
}

function loginReturn(site: Site): RequestHandler {
  return acsHandler({
    client: site.eherkenning,
    world: site.world,
    failureContext: () => ({
      service: "Mijn DUO voor zakelijke klanten",
      level: site.world.catalogue.byServiceID(MIJN_DUO_SERVICE.serviceID)?.level ?? "EH3",
      helpdesk: "de servicedesk van DUO",
    }),
    failures: site.failures,
    logins: site.logins,
    failurePath: DUO_FAILURE_PATH,
    noArtifact: (req, res) =>
      page(site, req, res, 400, "Inloggen met eHerkenning", "eh-error", noAnswerContent()),
    startSession: (res, identity, person) => {
      if (person) sawLogin(site, person.id, "eHerkenning");
      site.sessions.start(res, {
        method: "eherkenning",
        pseudo: identity.pseudo,
        level: identity.level,
        ...(person ? { personId: person.id } : {}),
        ...(identity.kvk ? { kvk: identity.kvk } : {}),
      });
    },
    home: "/portaal/",
  });
}

function loginFailed(site: Site): RequestHandler {
  return (req, res) => {
    const explanation = site.failures.get(req);
    if (!explanation) return res.redirect(303, "/");
    const crumbs = [{ label: "Inloggen", href: "/" }, { label: "eHerkenning" }];
    const content = failureContent(explanation);
    page(site, req, res, 200, explanation.title, "eh-failure", content, crumbs);
  };
}

function portal(site: Site): RequestHandler {
  return (req, res) => {
    const { world } = site;
    const session = site.sessions.get(req);
    if (!session) return res.redirect(303, "/");
    const person: Person | undefined = session.personId
      ? world.person(session.personId)
      : undefined;
    const account = person?.duo;
    const organisation =
      session.method === "eherkenning" && session.kvk ? world.organisation(session.kvk) : undefined;
    const switchDate =
      session.method === "token" && account && duoTokenAccepted(account.sector, world.now())
        ? DUO_SECTOR_SWITCH[account.sector].date
        : undefined;
    const content = dashboardContent({
      name: person?.name ?? "Onbekende gebruiker",
      method: session.method,
      roles: account ? roleLines(account) : [],
      linked: account !== undefined,
      ...(session.method === "eherkenning" ? { level: session.level } : {}),
      ...(organisation
        ? { organisation: { name: organisation.name, kvk: organisation.kvk } }
        : session.method === "eherkenning" && session.kvk
          ? { organisation: { name: "Onbekende organisatie", kvk: session.kvk } }
          : {}),
      ...(account ? { brin: account.brin, inlognaam: account.inlognaam } : {}),
      ...(switchDate ? { switchDate } : {}),
      usersOverview: isBeheerderBve(account),
    });
    page(site, req, res, 200, "Mijn DUO", "portal", content, [{ label: "Mijn DUO" }]);
  };
}

/** The overview of the organisation's Mijn DUO users, for its beheerder BVE (TSV or XLSX). */
function usersOverview(site: Site): RequestHandler {
  return (req, res) => {
    const session = site.sessions.get(req);
    if (!session) return res.redirect(303, "/");
    const account = session.personId ? site.world.person(session.personId)?.duo : undefined;
    if (!account || !isBeheerderBve(account)) {
      return page(site, req, res, 403, "Geen toegang", "403", noOverviewAccessContent());
    }
    const rows = usersOverviewRows(site.world.persons, account.brin, site.seen);
    const name = `Overzicht Mijn DUO gebruikers ${account.brin}`;
    if (req.path.endsWith(".tsv")) {
      res
        .type("text/tab-separated-values; charset=utf-8")
        .attachment(`${name}.tsv`)
        .send(writeOverviewTsv(rows));
    } else {
      res
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .attachment(`${name}.xlsx`)
        .send(Buffer.from(writeOverviewXlsx(rows)));
    }
  };
}

/** Errors no route answered: the request's own 4xx, else a logged 500; never a stack trace. */
function failed(site: Site): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = httpStatusOf(error);
    if (status >= 500) console.error(`replica mijn.duo.nl: ${req.method} ${req.path}:`, error);
    if (res.headersSent) return;
    const title = status >= 500 ? "Storing" : "Fout in het verzoek";
    page(site, req, res, status, title, String(status), errorContent(status));
  };
}

/** The roles as the portal lists them: with their selection when the world gives one. */
export function roleLines(account: DuoAccount): string[] {
  if (!account.selections?.length) return [...account.roles];
  return account.selections.map((s) => {
    const selection = [s.kind, s.value].filter(Boolean).join(" ");
    return selection ? `${s.role} (${selection})` : s.role;
  });
}
