// The replica Mijn DUO's page bodies. Words follow what is publicly known of
// the business login page ("Met token", "Met eHerkenning", "Problemen met
// inloggen"); the rest is our own text.
import { type DuoSector, type Level, longDutchDay } from "../../../eherkenning/index.ts";
import { DUO_SECTOR_SWITCH } from "../../world/duo-calendar.ts";
import { requestErrorText } from "../errors.ts";
import type { FailureExplanation } from "../failures.ts";
import { html, type Html } from "../../shared/html.ts";
import type { Lang } from "./layout.ts";
import { C } from "./styles.ts";

const SECTOR_NAMES: Readonly<Record<DuoSector, string>> = {
  pilot: "de pilotgroep",
  roc: "de ROC's",
  aoc: "de AOC's",
  vakschool: "de vakscholen",
  vavo: "het vavo",
};

function eherkenningForm(label: string): Html {
  return html`<form method="post" action="/isam/sps/eh/login" class="frm-eh">
    <input type="hidden" name="ITFIM_WAYF_IDP" value="eherkenning" />
    <div class="${C.actions}"><button class="${C.btn}" type="submit">${label}</button></div>
  </form>`;
}

export interface LoginPageOptions {
  readonly error?: string;
  readonly notice?: string;
  readonly username?: string;
}

/** The login page's words. Dutch follows what is publicly known of the page. */
export const LOGIN_TEXT = {
  nl: {
    title: "Inloggen",
    lead: "Log in op Mijn DUO voor zakelijke klanten. Hier regelt uw school of instelling haar zaken met DUO.",
    token: "Met token",
    username: "Gebruikersnaam",
    password: "Wachtwoord",
    tokenField: "Token",
    tokenHint: "De 6 cijfers op het scherm van uw token",
    logIn: "Log in",
    eherkenning: "Met eHerkenning",
    eherkenningText:
      "Log in met uw eigen eHerkenningsmiddel. Uw rechten in Mijn DUO blijven hetzelfde.",
    eherkenningButton: "Log in met eHerkenning",
    trouble: "Problemen met inloggen",
    sideTitle: "Van token naar eHerkenning",
    sideText:
      "DUO vervangt de token. Gebruikers stappen per sector over op eHerkenning. Uw beheerder hoort van ons wanneer het zover is.",
    sideLink: "Wat moet ik regelen?",
    outagesTitle: "Storingen",
    outagesText: "Er zijn op dit moment geen storingen bekend.",
    missingFields: "Vul uw gebruikersnaam, wachtwoord en de code van uw token in.",
    wrongCredentials:
      "De gebruikersnaam, het wachtwoord of de tokencode klopt niet. Controleer uw gegevens en probeer het opnieuw.",
    loggedOut: "U bent uitgelogd.",
    home: "/",
    switchedTitle: "Inloggen met token kan niet meer",
    switched: (sector: DuoSector, date: Date) =>
      `Voor ${SECTOR_NAMES[sector]} is de overstap naar eHerkenning op ${longDutchDay(date)} ingegaan. Sindsdien werkt uw token niet meer voor Mijn DUO.`,
    switchedText:
      "U logt voortaan in met eHerkenning op niveau EH3 (eIDAS substantieel). Uw rechten in Mijn DUO blijven hetzelfde; alleen de manier van inloggen verandert.",
    needTitle: "Dit heeft u nodig",
    needs: [
      "Een eHerkenningsmiddel op niveau EH3, op uw eigen naam. U vraagt het aan bij een leverancier van eHerkenning.",
      'De machtiging "Mijn DUO voor zakelijke klanten". Die krijgt u van de machtigingenbeheerder eHerkenning van uw organisatie.',
      "Uw Mijn DUO-beheerder zet uw account om naar eHerkenning. Dat duurt een paar minuten.",
    ],
    back: "Terug naar inloggen",
  },
  en: {
    title: "Log in",
    lead: "Log in to My DUO for business customers. This is where your school or institution handles its business with DUO.",
    token: "With token",
    username: "Username",
    password: "Password",
    tokenField: "Token",
    tokenHint: "The 6 digits on your token's screen",
    logIn: "Log in",
    eherkenning: "With eHerkenning",
    eherkenningText: "Log in with your own eHerkenning means. Your rights in My DUO stay the same.",
    eherkenningButton: "Log in with eHerkenning",
    trouble: "Trouble logging in",
    sideTitle: "From token to eHerkenning",
    sideText:
      "DUO is replacing the token. Users switch to eHerkenning sector by sector. Your administrator hears from us when it is time.",
    sideLink: "What do I need to arrange?",
    outagesTitle: "Outages",
    outagesText: "There are no known outages at the moment.",
    missingFields: "Fill in your username, password and the code of your token.",
    wrongCredentials:
      "The username, password or token code is not right. Check your details and try again.",
    loggedOut: "You have been logged out.",
    home: "/en/",
    switchedTitle: "Logging in with a token is no longer possible",
    switched: (sector: DuoSector, date: Date) =>
      `For ${DUO_SECTOR_SWITCH[sector].en} the switch to eHerkenning took effect on ${longDutchDay(date, "en")}. Since then your token no longer works for My DUO.`,
    switchedText:
      "From now on you log in with eHerkenning at level EH3 (eIDAS substantial). Your rights in My DUO stay the same; only the way you log in changes.",
    needTitle: "What you need",
    needs: [
      "An eHerkenning means at level EH3, in your own name, from an eHerkenning supplier.",
      'The machtiging (authorisation) "Mijn DUO voor zakelijke klanten", from your organisation\'s eHerkenning authorisation manager.',
      "Your My DUO administrator switches your account to eHerkenning. That takes a few minutes.",
    ],
    back: "Back to log in",
  },
} as const;

export function loginContent(options: LoginPageOptions, lang: Lang = "nl"): Html {
  const t = LOGIN_TEXT[lang];
  return html`<div class="${C.grid}">
    <div class="${C.colMain}">
      <h1>${t.title}</h1>
      <p class="${C.lead}">${t.lead}</p>
      ${options.error ? html`<div class="${C.alert} ${C.alertError}" role="alert"><p>${options.error}</p></div>` : ""}
      ${options.notice ? html`<div class="${C.alert} ${C.alertSuccess}" role="status"><p>${options.notice}</p></div>` : ""}
      <div class="${C.panels}">
        <section class="${C.panel}" aria-labelledby="hd-1a">
          <div class="${C.panelHead}"><h2 id="hd-1a">${t.token}</h2></div>
          <div class="${C.panelBody}">
            <form method="post" action="/isam/token/login" autocomplete="off" novalidate>
              ${lang === "en" ? html`<input type="hidden" name="lang" value="en" />` : ""}
              <div class="${C.field}">
                <label class="${C.label}" for="f-7c2-u">${t.username}</label
                ><input
                  class="${C.input}"
                  id="f-7c2-u"
                  name="username"
                  type="text"
                  value="${options.username ?? ""}"
                  autocapitalize="none"
                  spellcheck="false"
                />
              </div>
              <div class="${C.field}">
                <label class="${C.label}" for="f-7c2-p">${t.password}</label
                ><input class="${C.input}" id="f-7c2-p" name="password" type="password" />
              </div>
              <div class="${C.field}">
                <label class="${C.label}" for="f-7c2-t">${t.tokenField}</label
                ><span class="${C.hint}" id="f-7c2-th">${t.tokenHint}</span
                ><input
                  class="${C.input}"
                  id="f-7c2-t"
                  name="otp"
                  type="text"
                  inputmode="numeric"
                  aria-describedby="f-7c2-th"
                />
              </div>
              <div class="${C.actions}">
                <button class="${C.btn}" type="submit">${t.logIn}</button>
              </div>
            </form>
          </div>
        </section>
        <section class="${C.panel}" aria-labelledby="hd-1b">
          <div class="${C.panelHead}"><h2 id="hd-1b">${t.eherkenning}</h2></div>
          <div class="${C.panelBody}">
            <p>${t.eherkenningText}</p>
            ${eherkenningForm(t.eherkenningButton)}
          </div>
        </section>
      </div>
      <ul class="${C.helpLinks}">
        <li><a href="/problemen-met-inloggen">${t.trouble}</a></li>
      </ul>
    </div>
    <aside class="${C.colSide}">
      <div class="${C.sideBox}">
        <h2>${t.sideTitle}</h2>
        <p>${t.sideText}</p>
        <p><a href="/problemen-met-inloggen#eherkenning">${t.sideLink}</a></p>
      </div>
      <div class="${C.sideBox}">
        <h2>${t.outagesTitle}</h2>
        <p>${t.outagesText}</p>
      </div>
    </aside>
  </div>`;
}

export function tokenSwitchedContent(sector: DuoSector, lang: Lang = "nl"): Html {
  const t = LOGIN_TEXT[lang];
  return html`<div class="${C.grid}">
    <div class="${C.colMain}">
      <h1>${t.switchedTitle}</h1>
      <div class="${C.alert} ${C.alertInfo}" role="alert">
        <p>${t.switched(sector, DUO_SECTOR_SWITCH[sector].date)}</p>
      </div>
      <p>${t.switchedText}</p>
      <h2>${t.needTitle}</h2>
      <ol class="${C.steps}">
        ${t.needs.map((n) => html`<li>${n}</li>`)}
      </ol>
      ${eherkenningForm(t.eherkenningButton)}
      <ul class="${C.helpLinks}">
        <li><a href="${t.home}">${t.back}</a></li>
        <li><a href="/problemen-met-inloggen">${t.trouble}</a></li>
      </ul>
    </div>
  </div>`;
}

export interface DashboardFacts {
  readonly name: string;
  readonly method: "token" | "eherkenning";
  readonly level?: Level;
  readonly organisation?: { readonly name: string; readonly kvk: string };
  readonly roles: readonly string[];
  readonly brin?: string;
  readonly inlognaam?: string;
  /** For token logins: when the user's sector switches, if still to come. */
  readonly switchDate?: Date;
  readonly linked: boolean;
  /** A beheerder BVE may download the overview of the organisation's users. */
  readonly usersOverview?: boolean;
}

export function dashboardContent(facts: DashboardFacts): Html {
  const rows: [string, Html | string][] = [
    ["Naam", facts.name],
    ...(facts.organisation
      ? ([
          ["Organisatie", facts.organisation.name],
          ["KvK-nummer", facts.organisation.kvk],
        ] as [string, string][])
      : []),
    [
      "Ingelogd met",
      facts.method === "token" ? "Token" : `eHerkenning, niveau ${facts.level ?? "onbekend"}`,
    ],
    ["Rollen", facts.roles.length ? html`${facts.roles.join(", ")}` : "Geen rollen gevonden"],
    ...(facts.brin ? ([["BRIN", facts.brin]] as [string, string][]) : []),
    ...(facts.inlognaam ? ([["Gebruikersnaam", facts.inlognaam]] as [string, string][]) : []),
  ];
  return html`<h1>Welkom in Mijn DUO</h1>
    <p class="${C.lead}">U bent ingelogd als ${facts.name}.</p>
    ${
      facts.switchDate
        ? html`<div class="${C.alert} ${C.alertInfo}" role="status">
            <p>
              Op ${longDutchDay(facts.switchDate)} stapt uw sector over op eHerkenning. Daarna werkt
              uw token niet meer. Regel op tijd een eHerkenningsmiddel op niveau EH3 en de
              machtiging "Mijn DUO voor zakelijke klanten".
            </p>
          </div>`
        : ""
    }
    ${
      facts.linked
        ? ""
        : html`<div class="${C.alert} ${C.alertError}" role="alert">
            <p>
              Uw eHerkenning is nog niet gekoppeld aan een account in Mijn DUO. Vraag de Mijn
              DUO-beheerder van uw organisatie om u toe te voegen.
            </p>
          </div>`
    }
    <table class="${C.facts}">
      <caption class="${C.skip}">
        Uw gegevens
      </caption>
      <tbody>
        ${rows.map(
          ([k, v]) =>
            html`<tr>
              <th scope="row">${k}</th>
              <td>${v}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      facts.usersOverview
        ? html`<h2>Overzicht Mijn DUO-gebruikers</h2>
            <p>
              Alle gebruikers van uw organisatie met hun rollen, selecties en laatste login. Gebruik
              het om te bepalen wie een eHerkenningsmiddel nodig heeft.
            </p>
            <ul class="${C.helpLinks}">
              <li>
                <a href="/portaal/gebruikers/overzicht.xlsx" download>Download overzicht (Excel)</a>
              </li>
              <li>
                <a href="/portaal/gebruikers/overzicht.tsv" download
                  >Download overzicht (tekst, tab-gescheiden)</a
                >
              </li>
            </ul>`
        : ""
    }
    ${
      facts.linked
        ? html`<h2>Wat wilt u doen?</h2>
            <ul class="${C.tiles}">
              <li class="${C.tile}">
                <a href="/portaal/">Studentgegevens inzien</a>
                <p>Inschrijvingen en diploma's van uw instelling.</p>
              </li>
              <li class="${C.tile}">
                <a href="/portaal/">Gegevens aanleveren</a>
                <p>Bestanden sturen en de verwerking volgen.</p>
              </li>
              <li class="${C.tile}">
                <a href="/portaal/">Berichten</a>
                <p>Overzichten en terugmeldingen van DUO.</p>
              </li>
            </ul>`
        : ""
    }`;
}

export function failureContent(explanation: FailureExplanation): Html {
  return html`<div class="${C.grid}">
    <div class="${C.colMain}">
      <h1>${explanation.title}</h1>
      <div
        class="${C.alert} ${explanation.kind === "cancelled" ? C.alertInfo : C.alertError}"
        role="alert"
      >
        <p>${explanation.explanation}</p>
      </div>
      <h2>Wat kunt u doen?</h2>
      <ul class="${C.steps}">
        ${explanation.nextSteps.map((s) => html`<li>${s}</li>`)}
      </ul>
      ${eherkenningForm("Opnieuw inloggen met eHerkenning")}
      <ul class="${C.helpLinks}">
        <li><a href="/">Terug naar inloggen</a></li>
        <li><a href="/problemen-met-inloggen">Problemen met inloggen</a></li>
      </ul>
      <p class="${C.codes}">Melding van eHerkenning: ${explanation.codes}</p>
    </div>
  </div>`;
}

export function troubleContent(): Html {
  return html`<div class="${C.grid}">
    <div class="${C.colMain}">
      <h1>Problemen met inloggen</h1>
      <h2 id="token">Inloggen met token</h2>
      <ul class="${C.steps}">
        <li>
          Wachtwoord vergeten of token kwijt? Uw Mijn DUO-beheerder kan uw wachtwoord opnieuw
          instellen of een nieuwe token aanvragen.
        </li>
        <li>
          Krijgt u de melding dat inloggen met token niet meer kan? Dan is uw sector overgestapt op
          eHerkenning.
        </li>
      </ul>
      <h2 id="eherkenning">Inloggen met eHerkenning</h2>
      <ul class="${C.steps}">
        <li>U heeft een eHerkenningsmiddel op niveau EH3 nodig, op uw eigen naam.</li>
        <li>
          De machtigingenbeheerder eHerkenning van uw organisatie geeft u de machtiging "Mijn DUO
          voor zakelijke klanten".
        </li>
        <li>
          Lukt inloggen met eHerkenning niet? Neem dan contact op met uw leverancier van
          eHerkenning.
        </li>
      </ul>
      <ul class="${C.helpLinks}">
        <li><a href="/">Terug naar inloggen</a></li>
      </ul>
    </div>
  </div>`;
}

export function contactContent(): Html {
  return html`<h1>Contact</h1>
    <p class="${C.lead}">
      Dit is een nagebouwde omgeving. Hier is niemand te bereiken; de echte contactgegevens staan op
      de website van DUO.
    </p>
    <ul class="${C.helpLinks}">
      <li><a href="/">Terug naar inloggen</a></li>
    </ul>`;
}

export function notFoundContent(): Html {
  return html`<h1>Pagina niet gevonden</h1>
    <p class="${C.lead}">Deze pagina bestaat niet (meer).</p>
    <ul class="${C.helpLinks}">
      <li><a href="/">Naar inloggen</a></li>
    </ul>`;
}

/** The eHerkenning button when this replica has no SAML side. */
export function eherkenningUnavailableContent(): Html {
  return html`<h1>Inloggen met eHerkenning is even niet mogelijk</h1>
    <p class="${C.lead}">
      In deze testomgeving is de koppeling met eHerkenning nog niet ingesteld.
    </p>`;
}

/** The ACS was reached without an answer from eHerkenning. */
export function noAnswerContent(): Html {
  return html`<h1>Er ging iets mis bij het inloggen</h1>
    <p class="${C.lead}">
      Er kwam geen antwoord van eHerkenning mee. Begin opnieuw bij <a href="/">inloggen</a>.
    </p>`;
}

export function noOverviewAccessContent(): Html {
  return html`<h1>Geen toegang</h1>
    <p class="${C.lead}">
      Alleen een beheerder BVE kan het overzicht van Mijn DUO-gebruikers downloaden.
    </p>`;
}

export function errorContent(status: number): Html {
  return html`<h1>${status >= 500 ? "Er is een storing" : "Dit ging niet goed"}</h1>
    <p class="${C.lead}">${requestErrorText(status)}</p>
    <ul class="${C.helpLinks}">
      <li><a href="/">Terug naar inloggen</a></li>
    </ul>`;
}
