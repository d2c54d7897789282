// The invented Gemeente Zuiderwaard's "Melding bedrijfsafval": a former EH1
// service, EH2+ in the catalogue, that kept asking EH1 (RequestedAuthnContext)
// until its transition ended, as the EH1 stappenplan advised. Before that date
// an EH1 middel gets in; after it, the person gets a clear page.
import { randomInt } from "node:crypto";
import express, { type Express, type Request, type Response } from "express";
import {
  EH1_RETIRED_ON,
  KNOWN_OVERSTAPPEN,
  type Level,
  longDutchDay,
} from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import type { WorldState } from "../../world/state.ts";
import type { EherkenningClient } from "../eherkenning-client.ts";
import { httpStatusOf, requestErrorText } from "../errors.ts";
import type { FailureExplanation } from "../failures.ts";
import { html, type Html } from "../../shared/html.ts";
import { acsHandler } from "../saml-client.ts";
import { Sessions } from "../session.ts";
import { STYLESHEET, STYLESHEET_PATH, Z } from "./styles.ts";

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

function shell(title: string, content: Html, who?: string): string {
  return html`<!doctype html>
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} - Gemeente Zuiderwaard</title>
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
      </head>
      <body class="${Z.body}">
        <div class="${Z.testBanner}" role="note">
          Testomgeving eh-overstap: Gemeente Zuiderwaard is verzonnen.
        </div>
        <header class="${Z.header}">
          <div class="${Z.container}">
            <div class="${Z.headerRow}">
              <a class="${Z.crest}" href="/"
                ><svg width="40" height="46" viewBox="0 0 40 46" aria-hidden="true">
                  <path d="M2 2h36v24c0 10-8 16-18 18C10 42 2 36 2 26z" fill="#0b5f55" />
                  <path
                    d="M6 26c5-3 9 3 14 0s9 3 14 0"
                    stroke="#fff"
                    stroke-width="3"
                    fill="none"
                  />
                  <path
                    d="M6 33c5-3 9 3 14 0s9 3 14 0"
                    stroke="#9fd3c9"
                    stroke-width="3"
                    fill="none"
                  />
                  <rect x="15" y="8" width="10" height="12" fill="#fff" />
                </svg>
                <span class="${Z.town}"
                  ><strong>Gemeente Zuiderwaard</strong><span>Ondernemersloket</span></span
                ></a
              >
              ${
                who
                  ? html`<div class="${Z.who}">
                      <span>${who}</span>
                      <form method="post" action="/uitloggen">
                        <button class="${Z.btnQuiet}" type="submit">Uitloggen</button>
                      </form>
                    </div>`
                  : ""
              }
            </div>
          </div>
        </header>
        <div class="${Z.band}">
          <div class="${Z.container}">
            <h1>Melding bedrijfsafval</h1>
            <p>Bedrijfsafval aanmelden en een ophaalmoment plannen</p>
          </div>
        </div>
        <main class="${Z.main}"><div class="${Z.container}">${content}</div></main>
        <footer class="${Z.footer}">
          <div class="${Z.container}">
            Gemeente Zuiderwaard bestaat niet. Deze pagina hoort bij de testomgeving van
            eh-overstap.
          </div>
        </footer>
      </body>
    </html>`.value;
}

export function createZuiderwaard(options: {
  readonly world: WorldState;
  readonly eherkenning?: EherkenningClient;
}): Zuiderwaard {
  const { world } = options;
  const sessions = new Sessions<ZuiderwaardSession>("gz_sessie");
  const failures = new Sessions<FailureExplanation>("gz_melding", 10 * 60_000);
  const app = express();
  app.disable("x-powered-by");
  app.use(express.urlencoded({ extended: false, limit: "20kb" }));
  app.use((_req, res, next) => {
    res.set("Cache-Control", "no-cache, no-store");
    next();
  });

  const catalogueLevel = (): Level =>
    world.catalogue.byServiceID(BEDRIJFSAFVAL_SERVICE.serviceID)?.level ?? "EH2+";
  const whoIs = (session: ZuiderwaardSession | undefined): string | undefined => {
    if (!session) return undefined;
    const person = session.personId ? world.person(session.personId) : undefined;
    const organisation = session.kvk ? world.organisation(session.kvk) : undefined;
    return [person?.name ?? "Onbekende gebruiker", organisation?.name].filter(Boolean).join(", ");
  };
  const send = (
    req: Request,
    res: Response,
    status: number,
    title: string,
    content: Html,
  ): void => {
    res
      .status(status)
      .type("html")
      .send(shell(title, content, whoIs(sessions.get(req))));
  };

  app.get(STYLESHEET_PATH, (_req, res) => {
    res.set("Cache-Control", "public, max-age=3600").type("css").send(STYLESHEET);
  });

  app.get("/", (req, res) => {
    const now = world.now();
    const inWindow = now.getTime() < EH1_ACCEPTED_UNTIL.getTime();
    const level = catalogueLevel();
    const until = longDutchDay(EH1_ACCEPTED_UNTIL);
    send(
      req,
      res,
      200,
      "Melding bedrijfsafval",
      html`<div class="${Z.grid}">
        <div>
          <div class="${Z.card}">
            <h2>Zo werkt het</h2>
            <p class="${Z.lead}">
              Meld het bedrijfsafval van uw onderneming aan en kies een ophaalmoment. U logt in met
              eHerkenning.
            </p>
            ${
              inWindow
                ? html`<div class="${Z.notice} ${Z.noticeWarn}" role="status">
                    <p>
                      <strong
                        >Let op: vanaf ${until} heeft u eHerkenning op niveau ${level}
                        nodig.</strong
                      >
                    </p>
                    <p>
                      Tot die datum kunt u nog inloggen met niveau EH1. Heeft u een EH1-middel?
                      Vraag dan nu een middel op niveau ${level} aan bij uw leverancier, en laat uw
                      machtigingenbeheerder de machtiging "Melding bedrijfsafval" op niveau ${level}
                      regelen.
                    </p>
                  </div>`
                : html`<div class="${Z.notice}" role="status">
                    <p>
                      U heeft eHerkenning nodig op niveau ${level} of hoger, met de machtiging
                      "Melding bedrijfsafval".
                    </p>
                  </div>`
            }
            <form method="post" action="/inloggen">
              <button class="${Z.btn}" type="submit">Inloggen met eHerkenning</button>
            </form>
          </div>
        </div>
        <aside>
          <div class="${Z.card}">
            <h2>Stappenplan EH1</h2>
            <ol class="${Z.steps}">
              <li>Dienst geregistreerd op niveau ${level}.</li>
              <li>Tot ${until} vraagt deze dienst nog EH1, zodat u kunt blijven inloggen.</li>
              <li>Vanaf ${until} is niveau ${level} nodig.</li>
              <li>Sinds ${longDutchDay(EH1_RETIRED_ON)} bestaat EH1 nergens meer.</li>
            </ol>
          </div>
        </aside>
      </div>`,
    );
  });

  app.post("/inloggen", async (req, res, next) => {
    const client = options.eherkenning;
    if (!client) {
      return send(
        req,
        res,
        503,
        "Inloggen",
        html`<div class="${Z.card}">
          <h2>Inloggen is even niet mogelijk</h2>
          <p>In deze testomgeving is de koppeling met eHerkenning nog niet ingesteld.</p>
        </div>`,
      );
    }
    try {
      const requestedLevel = bedrijfsafvalRequestedLevel(world.now(), catalogueLevel());
      res.redirect(303, await client.loginUrl({ requestedLevel, relayState: "/melding" }));
    } catch (error) {
      next(error);
    }
  });

  const acs = acsHandler({
    client: options.eherkenning,
    world,
    failureContext: () => ({
      service: "Melding bedrijfsafval",
      level: catalogueLevel(),
      helpdesk: "het Klant Contact Centrum van de gemeente",
    }),
    failures,
    failurePath: FAILURE_PATH,
    noArtifact: (req, res) =>
      send(
        req,
        res,
        400,
        "Inloggen",
        html`<div class="${Z.card}">
          <h2>Er ging iets mis</h2>
          <p>Er kwam geen antwoord van eHerkenning mee. <a href="/">Begin opnieuw</a>.</p>
        </div>`,
      ),
    startSession: (res, identity, person) =>
      sessions.start(res, {
        pseudo: identity.pseudo,
        level: identity.level,
        ...(person ? { personId: person.id } : {}),
        ...(identity.kvk ? { kvk: identity.kvk } : {}),
      }),
    home: "/melding",
  });
  app.get(ZUIDERWAARD_ACS_PATH, acs);
  app.post(ZUIDERWAARD_ACS_PATH, acs);

  app.get(FAILURE_PATH, (req, res) => {
    const e = failures.get(req);
    if (!e) return res.redirect(303, "/");
    send(
      req,
      res,
      200,
      e.title,
      html`<div class="${Z.card}">
        <h2>${e.title}</h2>
        <div class="${Z.notice} ${e.kind === "cancelled" ? "" : Z.noticeError}" role="alert">
          <p>${e.explanation}</p>
        </div>
        <h3>Wat kunt u doen?</h3>
        <ul class="${Z.steps}">
          ${e.nextSteps.map((s) => html`<li>${s}</li>`)}
        </ul>
        <p><a href="/">Terug naar Melding bedrijfsafval</a></p>
        <p class="${Z.codes}">Melding van eHerkenning: ${e.codes}</p>
      </div>`,
    );
  });

  app.get("/melding", (req, res) => {
    const session = sessions.get(req);
    if (!session) return res.redirect(303, "/");
    const organisation = session.kvk ? world.organisation(session.kvk) : undefined;
    send(
      req,
      res,
      200,
      "Uw melding",
      html`<div class="${Z.card}">
          <h2>Uw gegevens</h2>
          <table class="${Z.facts}">
            <tbody>
              <tr>
                <th scope="row">Ingelogd als</th>
                <td>${whoIs(session)?.split(",")[0] ?? ""}</td>
              </tr>
              <tr>
                <th scope="row">Organisatie</th>
                <td>${organisation?.name ?? "Onbekende organisatie"}</td>
              </tr>
              <tr>
                <th scope="row">KvK-nummer</th>
                <td>${session.kvk ?? "-"}</td>
              </tr>
              <tr>
                <th scope="row">Niveau van inloggen</th>
                <td>${session.level}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <div class="${Z.card}">
          <h2>Melding doen</h2>
          <form method="post" action="/melding">
            <div class="${Z.field}">
              <label class="${Z.label}" for="gz-soort">Soort afval</label
              ><select class="${Z.input}" id="gz-soort" name="soort">
                <option>Restafval</option>
                <option>Papier en karton</option>
                <option>Bouw- en sloopafval</option>
                <option>Grof bedrijfsafval</option>
              </select>
            </div>
            <div class="${Z.field}">
              <label class="${Z.label}" for="gz-kg">Geschatte hoeveelheid (kg)</label
              ><input
                class="${Z.input}"
                id="gz-kg"
                name="kg"
                type="number"
                min="1"
                max="100000"
                value="250"
              />
            </div>
            <button class="${Z.btn}" type="submit">Melding versturen</button>
          </form>
        </div>`,
    );
  });

  app.post("/melding", (req, res) => {
    if (!sessions.get(req)) return res.redirect(303, "/");
    const body = req.body as Record<string, unknown> | undefined;
    const soort = typeof body?.["soort"] === "string" ? body["soort"].slice(0, 60) : "Restafval";
    const kg = Number(body?.["kg"]);
    if (!Number.isFinite(kg) || kg < 1 || kg > 100_000) {
      return send(
        req,
        res,
        400,
        "Melding",
        html`<div class="${Z.card}">
          <div class="${Z.notice} ${Z.noticeError}" role="alert">
            <p>Vul een hoeveelheid in van 1 tot 100.000 kg.</p>
          </div>
          <p><a href="/melding">Terug</a></p>
        </div>`,
      );
    }
    const reference = `BA-${world.now().getUTCFullYear()}-${String(randomInt(100000, 999999))}`;
    send(
      req,
      res,
      200,
      "Melding ontvangen",
      html`<div class="${Z.card}">
        <h2>Melding ontvangen</h2>
        <div class="${Z.notice}" role="status">
          <p>Wij hebben uw melding (${soort}, ${kg} kg) ontvangen. Uw kenmerk is ${reference}.</p>
        </div>
        <p><a href="/melding">Nog een melding doen</a></p>
      </div>`,
    );
  });

  app.post("/uitloggen", (req, res) => {
    sessions.end(req, res);
    res.redirect(303, "/");
  });

  app.use((req, res) =>
    send(
      req,
      res,
      404,
      "Niet gevonden",
      html`<div class="${Z.card}">
        <h2>Pagina niet gevonden</h2>
        <p><a href="/">Naar Melding bedrijfsafval</a></p>
      </div>`,
    ),
  );
  app.use(((error: unknown, req: Request, res: Response, _next: unknown) => {
    const status = httpStatusOf(error);
    if (status >= 500) console.error(`replica ${req.hostname}: ${req.method} ${req.path}:`, error);
    if (res.headersSent) return;
    send(
      req,
      res,
      status,
      status >= 500 ? "Storing" : "Fout",
      html`<div class="${Z.card}">
        <h2>${status >= 500 ? "Er is een storing" : "Dit ging niet goed"}</h2>
        <p>${requestErrorText(status)}</p>
        <p><a href="/">Naar Melding bedrijfsafval</a></p>
      </div>`,
    );
  }) as express.ErrorRequestHandler);
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
