// The invented Gemeente Zuiderwaard's "Melding bedrijfsafval": a former EH1
// service, EH2+ in the catalogue, that kept asking EH1 (RequestedAuthnContext)
// until its transition ended, as the EH1 stappenplan advised. Before that date
// an EH1 middel gets in; after it, the person gets a clear page.
import { randomInt } from "node:crypto";
import {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
  type Response,
} from "express";
import { KNOWN_OVERSTAPPEN, longDutchDay, type Level } from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import type { Html } from "../../shared/html.ts";
import type { WorldState } from "../../world/state.ts";
import type { EherkenningClient } from "../eherkenning-client.ts";
import { httpStatusOf } from "../errors.ts";
import type { FailureExplanation } from "../failures.ts";
import { acsHandler } from "../saml-client.ts";
import { LoginCookie, Sessions } from "../session.ts";
import { shell } from "./layout.ts";
import {
  errorContent,
  failureContent,
  homeContent,
  invalidAmountContent,
  meldingFormContent,
  noAnswerContent,
  notFoundContent,
  receivedContent,
  unavailableContent,
} from "./pages.ts";
import { STYLESHEET, STYLESHEET_PATH } from "./styles.ts";
import { createSiteApp } from "../site-app.ts";

export const ZUIDERWAARD_ACS_PATH = "/saml/acs";
const FAILURE_PATH = "/inloggen/niet-gelukt";
export const BEDRIJFSAFVAL_SERVICE = FIXTURE_SERVICES.meldingBedrijfsafval;

const OVERSTAP = KNOWN_OVERSTAPPEN.find((o) => o.id === "zuiderwaard-bedrijfsafval");
if (!OVERSTAP?.transition)
  throw new Error("Zuiderwaard's overstap is missing from KNOWN_OVERSTAPPEN");
/** The day Melding bedrijfsafval stops asking EH1. */
export const EH1_ACCEPTED_UNTIL: Date = OVERSTAP.transition.until;
const LOWER_LEVEL: Level = OVERSTAP.transition.acceptedLevel;

/** What the service asks the makelaar on a given day: EH1 in its window, then its catalogue level. */
export function bedrijfsafvalRequestedLevel(now: Date, catalogueLevel: Level): Level {
  return now.getTime() < EH1_ACCEPTED_UNTIL.getTime() ? LOWER_LEVEL : catalogueLevel;
}

interface ZuiderwaardSession {
  readonly personId?: string;
  readonly pseudo: string;
  readonly kvk?: string;
  readonly level: Level;
}

export interface Zuiderwaard {
  readonly app: Express;
  readonly sessions: Sessions<ZuiderwaardSession>;
  readonly failures: Sessions<FailureExplanation>;
  /** Logs everyone out and forgets waiting failures. */
  reset(): void;
}

export interface ZuiderwaardOptions {
  readonly world: WorldState;
  readonly eherkenning?: EherkenningClient;
}

/** What every handler of one Zuiderwaard instance shares. */
interface Site {
  readonly world: WorldState;
  readonly eherkenning: EherkenningClient | undefined;
  readonly sessions: Sessions<ZuiderwaardSession>;
  readonly failures: Sessions<FailureExplanation>;
  /** The browser's login attempts, which only it may finish. */
  readonly logins: LoginCookie;
}

export function createZuiderwaard(options: ZuiderwaardOptions): Zuiderwaard {
  const site: Site = {
    world: options.world,
    eherkenning: options.eherkenning,
    sessions: new Sessions<ZuiderwaardSession>("gz_sessie"),
    failures: new Sessions<FailureExplanation>("gz_melding", 10 * 60_000),
    logins: new LoginCookie("gz_login"),
  };
  const app = createSiteApp({
    stylesheetPath: STYLESHEET_PATH,
    stylesheet: STYLESHEET,
    formLimit: "20kb",
    noStore: true,
  });
  app.get("/", home(site));
  app.post("/inloggen", startLogin(site));
  const acs = loginReturn(site);
  app.get(ZUIDERWAARD_ACS_PATH, acs);
  app.post(ZUIDERWAARD_ACS_PATH, acs);
  app.get(FAILURE_PATH, loginFailed(site));
  app.get("/melding", meldingForm(site));
  app.post("/melding", sendMelding(site));
  app.post("/uitloggen", (req, res) => {
    site.sessions.end(req, res);
    res.redirect(303, "/");
  });
  app.use((req, res) => send(site, req, res, 404, "Niet gevonden", notFoundContent()));
  app.use(failed(site));
  const { sessions, failures } = site;
  return {
    app,
    sessions,
    failures,
    reset() {
      sessions.clear();
      failures.clear();
    },
  };
}

const catalogueLevel = (world: WorldState): Level =>
  world.catalogue.byServiceID(BEDRIJFSAFVAL_SERVICE.serviceID)?.level ?? "EH2+";

/** "Name, Organisation" of the logged-in person, for the header. */
function whoIs(world: WorldState, session: ZuiderwaardSession | undefined): string | undefined {
  if (!session) return undefined;
  const person = session.personId ? world.person(session.personId) : undefined;
  const organisation = session.kvk ? world.organisation(session.kvk) : undefined;
  return [person?.name ?? "Onbekende gebruiker", organisation?.name].filter(Boolean).join(", ");
}

function send(
  site: Site,
  req: Request,
  res: Response,
  status: number,
  title: string,
  content: Html,
): void {
  const who = whoIs(site.world, site.sessions.get(req));
  res
    .status(status)
    .type("html")
    .send(shell(title, content, who));
}

function home(site: Site): RequestHandler {
  return (req, res) => {
    const inWindow = site.world.now().getTime() < EH1_ACCEPTED_UNTIL.getTime();
    const until = longDutchDay(EH1_ACCEPTED_UNTIL);
    const content = homeContent({ inWindow, level: catalogueLevel(site.world), until });
    send(site, req, res, 200, "Melding bedrijfsafval", content);
  };
}

/** Off to the makelaar, asking EH1 while the transition runs. */
function startLogin(site: Site): RequestHandler {
  return async (req, res) => {
    if (!site.eherkenning) return send(site, req, res, 503, "Inloggen", unavailableContent());
    const level = bedrijfsafvalRequestedLevel(site.world.now(), catalogueLevel(site.world));
    res.redirect(
      303,
      await site.eherkenning.loginUrl({
        requestedLevel: level,
        relayState: "/melding",
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
      service: "Melding bedrijfsafval",
      level: catalogueLevel(site.world),
      helpdesk: "het Klant Contact Centrum van de gemeente",
    }),
    failures: site.failures,
    logins: site.logins,
    failurePath: FAILURE_PATH,
    noArtifact: (req, res) => send(site, req, res, 400, "Inloggen", noAnswerContent()),
    startSession: (res, identity, person) =>
      site.sessions.start(res, {
        pseudo: identity.pseudo,
        level: identity.level,
        ...(person ? { personId: person.id } : {}),
        ...(identity.kvk ? { kvk: identity.kvk } : {}),
      }),
    home: "/melding",
  });
}

function loginFailed(site: Site): RequestHandler {
  return (req, res) => {
    const explanation = site.failures.get(req);
    if (!explanation) return res.redirect(303, "/");
    send(site, req, res, 200, explanation.title, failureContent(explanation));
  };
}

function meldingForm(site: Site): RequestHandler {
  return (req, res) => {
    const session = site.sessions.get(req);
    if (!session) return res.redirect(303, "/");
    const content = meldingFormContent({
      name: whoIs(site.world, session)?.split(",")[0] ?? "",
      organisation: session.kvk ? site.world.organisation(session.kvk)?.name : undefined,
      kvk: session.kvk,
      level: session.level,
    });
    send(site, req, res, 200, "Uw melding", content);
  };
}

function sendMelding(site: Site): RequestHandler {
  return (req, res) => {
    if (!site.sessions.get(req)) return res.redirect(303, "/");
    const body = req.body as Record<string, unknown> | undefined;
    const soort = typeof body?.["soort"] === "string" ? body["soort"].slice(0, 60) : "Restafval";
    const kg = Number(body?.["kg"]);
    if (!Number.isFinite(kg) || kg < 1 || kg > 100_000) {
      return send(site, req, res, 400, "Melding", invalidAmountContent());
    }
    const year = site.world.now().getUTCFullYear();
    const reference = `BA-${year}-${String(randomInt(100000, 999999))}`;
    send(site, req, res, 200, "Melding ontvangen", receivedContent({ soort, kg, reference }));
  };
}

/** Errors no route answered: the request's own 4xx, else a logged 500; never a stack trace. */
function failed(site: Site): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = httpStatusOf(error);
    if (status >= 500) console.error(`replica ${req.hostname}: ${req.method} ${req.path}:`, error);
    if (res.headersSent) return;
    send(site, req, res, status, status >= 500 ? "Storing" : "Fout", errorContent(status));
  };
}
