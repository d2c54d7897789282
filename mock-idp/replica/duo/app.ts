// The replica Mijn DUO (mijn.duo.nl): the business login page, token login
// per user until their sector has switched (by the world's business clock), and
// eHerkenning login as a real SAML service provider of the mock makelaar.
import express, { type Express, type Request, type Response } from "express";
import { type Level } from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { DUO_SECTOR_SWITCH, duoTokenAccepted } from "../../world/duo-calendar.ts";
import type { DuoAccount, Person } from "../../world/model.ts";
import type { WorldState } from "../../world/state.ts";
import type { EherkenningClient } from "../eherkenning-client.ts";
import { httpStatusOf, requestErrorText } from "../errors.ts";
import type { FailureExplanation } from "../failures.ts";
import { html, type Html } from "../../shared/html.ts";
import { acsHandler } from "../saml-client.ts";
import { readCookie, Sessions } from "../session.ts";
import { duoShell, type Lang } from "./layout.ts";
import {
  contactContent,
  dashboardContent,
  failureContent,
  loginContent,
  notFoundContent,
  LOGIN_TEXT,
  tokenSwitchedContent,
  troubleContent,
  type LoginPageOptions,
} from "./pages.ts";
import { C, STYLESHEET, STYLESHEET_PATH } from "./styles.ts";
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

export function createMijnDuo(options: MijnDuoOptions): MijnDuo {
  const { world } = options;
  const sessions = new Sessions<DuoSession>("MDSESSION");
  // Last logins this replica saw, for the beheerder's overview of users.
  const seen = new Map<string, SeenLogin>();
  const sawLogin = (personId: string, means: SeenLogin["means"]): void => {
    seen.set(personId, { day: dutchToday(world.now()), means });
  };
  const failures = new Sessions<FailureExplanation>("MDMELDING", 10 * 60_000);
  const app = express();
  app.disable("x-powered-by");
  app.use(express.urlencoded({ extended: false, limit: "20kb" }));
  app.use((_req, res, next) => {
    res.set("Cache-Control", "no-cache, no-store");
    next();
  });

  const page = (
    req: Request,
    res: Response,
    status: number,
    title: string,
    template: string,
    content: Html,
    crumbs: { label: string; href?: string }[] = [{ label: title }],
    lang: Lang = "nl",
  ): void => {
    const session = sessions.get(req);
    const person = session?.personId ? world.person(session.personId) : undefined;
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
  };

  const loginPage = (
    req: Request,
    res: Response,
    status: number,
    opts: LoginPageOptions,
    lang: Lang = "nl",
  ): void =>
    page(
      req,
      res,
      status,
      LOGIN_TEXT[lang].title,
      "login",
      loginContent(opts, lang),
      undefined,
      lang,
    );

  app.get(STYLESHEET_PATH, (_req, res) => {
    res.set("Cache-Control", "public, max-age=3600").type("css").send(STYLESHEET);
  });

  app.get("/", (req, res) => {
    if (sessions.get(req)) return res.redirect(303, "/portaal/");
    loginPage(req, res, 200, req.query["uitgelogd"] ? { notice: LOGIN_TEXT.nl.loggedOut } : {});
  });
  app.get("/en/", (req, res) => {
    if (sessions.get(req)) return res.redirect(303, "/portaal/");
    loginPage(req, res, 200, {}, "en");
  });

  app.post("/cookies", (req, res) => {
    const choice = field(req.body, "keuze") === "ja" ? "all" : "necessary";
    res.cookie(CONSENT_COOKIE, choice, {
      secure: true,
      sameSite: "lax",
      path: "/",
      maxAge: 31_536_000_000,
    });
    res.redirect(303, localPath(field(req.body, "terug")));
  });

  app.post("/isam/token/login", (req, res) => {
    const username = field(req.body, "username").trim();
    const password = field(req.body, "password");
    const otp = field(req.body, "otp").replace(/\s+/g, "");
    const lang: Lang = field(req.body, "lang") === "en" ? "en" : "nl";
    const t = LOGIN_TEXT[lang];
    if (!username || !password || !otp) {
      return loginPage(req, res, 400, { error: t.missingFields, username }, lang);
    }
    const person = world.duoAccount(username);
    const account = person?.duo;
    if (!person || !account || account.wachtwoord !== password || account.tokenCode !== otp) {
      return loginPage(req, res, 401, { error: t.wrongCredentials, username }, lang);
    }
    if (!duoTokenAccepted(account.sector, world.now())) {
      return page(
        req,
        res,
        403,
        t.switchedTitle,
        "token-switched",
        tokenSwitchedContent(account.sector, lang),
        [{ label: t.title, href: t.home }, { label: "Token" }],
        lang,
      );
    }
    sessions.start(res, { method: "token", personId: person.id });
    sawLogin(person.id, "DUO Token");
    res.redirect(303, "/portaal/");
  });

  app.post("/isam/sps/eh/login", async (req, res, next) => {
    const client = options.eherkenning;
    if (!client) {
      return page(
        req,
        res,
        503,
        "Inloggen met eHerkenning",
        "eh-unavailable",
        html`<h1>Inloggen met eHerkenning is even niet mogelijk</h1>
          <p class="${C.lead}">
            In deze testomgeving is de koppeling met eHerkenning nog niet ingesteld.
          </p>`,
      );
    }
    try {
      res.redirect(303, await client.loginUrl({ relayState: "/portaal/" }));
    } catch (error) {
      next(error);
    }
  });

  const acs = acsHandler({
    client: options.eherkenning,
    world,
    failureContext: () => ({
      service: "Mijn DUO voor zakelijke klanten",
      level: world.catalogue.byServiceID(MIJN_DUO_SERVICE.serviceID)?.level ?? "EH3",
      helpdesk: "de servicedesk van DUO",
    }),
    failures,
    failurePath: DUO_FAILURE_PATH,
    noArtifact: (req, res) =>
      page(
        req,
        res,
        400,
        "Inloggen met eHerkenning",
        "eh-error",
        html`<h1>Er ging iets mis bij het inloggen</h1>
          <p class="${C.lead}">
            Er kwam geen antwoord van eHerkenning mee. Begin opnieuw bij <a href="/">inloggen</a>.
          </p>`,
      ),
    startSession: (res, identity, person) => {
      if (person) sawLogin(person.id, "eHerkenning");
      sessions.start(res, {
        method: "eherkenning",
        pseudo: identity.pseudo,
        level: identity.level,
        ...(person ? { personId: person.id } : {}),
        ...(identity.kvk ? { kvk: identity.kvk } : {}),
      });
    },
    home: "/portaal/",
  });
  app.get(DUO_ACS_PATH, acs);
  app.post(DUO_ACS_PATH, acs);

  app.get(DUO_FAILURE_PATH, (req, res) => {
    const explanation = failures.get(req);
    if (!explanation) return res.redirect(303, "/");
    page(req, res, 200, explanation.title, "eh-failure", failureContent(explanation), [
      { label: "Inloggen", href: "/" },
      { label: "eHerkenning" },
    ]);
  });

  app.get("/portaal/", (req, res) => {
    const session = sessions.get(req);
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
    page(
      req,
      res,
      200,
      "Mijn DUO",
      "portal",
      dashboardContent({
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
      }),
      [{ label: "Mijn DUO" }],
    );
  });

  // The overview of the organisation's Mijn DUO users, for its beheerder BVE.
  app.get(/^\/portaal\/gebruikers\/overzicht\.(tsv|xlsx)$/, (req, res) => {
    const session = sessions.get(req);
    if (!session) return res.redirect(303, "/");
    const account = session.personId ? world.person(session.personId)?.duo : undefined;
    if (!account || !isBeheerderBve(account)) {
      return page(
        req,
        res,
        403,
        "Geen toegang",
        "403",
        html`<h1>Geen toegang</h1>
          <p class="${C.lead}">
            Alleen een beheerder BVE kan het overzicht van Mijn DUO-gebruikers downloaden.
          </p>`,
      );
    }
    const rows = usersOverviewRows(world.persons, account.brin, seen);
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
  });

  app.post("/uitloggen", (req, res) => {
    sessions.end(req, res);
    res.redirect(303, "/?uitgelogd=1");
  });

  app.get("/problemen-met-inloggen", (req, res) =>
    page(req, res, 200, "Problemen met inloggen", "help", troubleContent()),
  );
  app.get("/contact", (req, res) => page(req, res, 200, "Contact", "contact", contactContent()));
  app.use((req, res) => page(req, res, 404, "Pagina niet gevonden", "404", notFoundContent()));
  app.use(((error: unknown, req: Request, res: Response, _next: unknown) => {
    const status = httpStatusOf(error);
    if (status >= 500) console.error(`replica mijn.duo.nl: ${req.method} ${req.path}:`, error);
    if (res.headersSent) return;
    page(
      req,
      res,
      status,
      status >= 500 ? "Storing" : "Fout in het verzoek",
      String(status),
      html`<h1>${status >= 500 ? "Er is een storing" : "Dit ging niet goed"}</h1>
        <p class="${C.lead}">${requestErrorText(status)}</p>
        <ul class="${C.helpLinks}">
          <li><a href="/">Terug naar inloggen</a></li>
        </ul>`,
    );
  }) as express.ErrorRequestHandler);
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

/** The roles as the portal lists them: with their selection when the world gives one. */
export function roleLines(account: DuoAccount): string[] {
  if (!account.selections?.length) return [...account.roles];
  return account.selections.map((s) => {
    const selection = [s.kind, s.value].filter(Boolean).join(" ");
    return selection ? `${s.role} (${selection})` : s.role;
  });
}
