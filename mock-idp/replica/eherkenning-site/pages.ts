// Page bodies of the replica www.eherkenning.nl: the connected-organisations
// table, a supplier-style machtigingen form with cards, and the level pages.
// Services come from the makelaar's catalogue; the stated levels are what the
// page says, which (as on real pages) is not always up to date.
import {
  EH1_RETIRED_ON,
  EIDAS_DUTCH,
  LEVELS,
  longDutchDay,
  type CatalogueService,
  type Level,
} from "../../../eherkenning/index.ts";
import { FIXTURE_SERVICES } from "../../../eherkenning/fixtures/catalogue.ts";
import { html, type Html } from "../../shared/html.ts";
import { requestErrorText } from "../errors.ts";
import type { Lang } from "./layout.ts";
import { USED_BY } from "./used-by.ts";
import { E } from "./styles.ts";

export const LEVEL_PAGE_BASE = "/inloggen-met-eherkenning/betrouwbaarheidsniveaus";

const EH1_RETIRED_NL = longDutchDay(EH1_RETIRED_ON);
const EH1_RETIRED_EN = longDutchDay(EH1_RETIRED_ON, "en");

/**
 * Where the listing pages state a level other than the catalogue's. Mijn RBG
 * went to EH3 with its overstap; this page was never updated (deliberately stale).
 */
export const STALE_STATED_LEVELS: ReadonlyMap<string, Level> = new Map([
  [FIXTURE_SERVICES.mijnRbg.serviceUUID, "EH2+"],
]);

/** Names the supplier's form writes its own way (a third-party page's wording). */
export const CARD_NAMES: ReadonlyMap<string, string> = new Map([
  [FIXTURE_SERVICES.mijnDuo.serviceUUID, "Mijn DUO voor zakelijke gebruikers"],
]);

export const statedLevel = (s: CatalogueService): Level =>
  STALE_STATED_LEVELS.get(s.serviceUUID) ?? s.level;

export const LEVEL_SLUGS: Readonly<Record<string, Level>> = {
  eh1: "EH1",
  eh2: "EH2",
  "eh2-plus": "EH2+",
  eh3: "EH3",
  eh4: "EH4",
};

export const slugOf = (level: Level): string =>
  Object.entries(LEVEL_SLUGS).find(([, l]) => l === level)?.[0] ?? "eh3";

export function homeContent(): Html {
  return html`<ul class="${E.tiles}">
      <li class="${E.tile}">
        <a href="/inloggen-met-eherkenning/betrouwbaarheidsniveaus">Betrouwbaarheidsniveaus</a>
        <p>Welk niveau heeft u nodig? Dat bepaalt de dienst waar u inlogt.</p>
      </li>
      <li class="${E.tile}">
        <a href="/aanvragen/machtigingen">Machtigingen aanvragen</a>
        <p>Kies voor welke diensten uw medewerkers mogen inloggen.</p>
      </li>
      <li class="${E.tile}">
        <a href="/aangesloten-organisaties">Aangesloten organisaties</a>
        <p>Bij deze overheidsorganisaties logt u in met eHerkenning.</p>
      </li>
    </ul>
    <div class="${E.note}">
      <p>
        Sinds ${EH1_RETIRED_NL} bestaat niveau EH1 niet meer. Logde u in met EH1? Vraag dan een
        middel op niveau EH2 of hoger aan.
      </p>
    </div>`;
}

export function organisationsContent(services: readonly CatalogueService[], query: string): Html {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = services.filter((s) =>
    words.every((w) => `${s.provider} ${s.service}`.toLowerCase().includes(w)),
  );
  return html`<div class="${E.layout}">
    <div class="${E.article}">
      <h1>Aangesloten organisaties</h1>
      <p class="${E.intro}">
        Bij deze organisaties en diensten logt u in met eHerkenning. Het niveau in de tabel is het
        niveau dat de dienst vraagt.
      </p>
      <form class="${E.search}" method="get" action="/aangesloten-organisaties" role="search">
        <label class="${E.muted}" for="q-org" hidden>Zoek een organisatie of dienst</label>
        <input
          class="${E.searchInput}"
          id="q-org"
          name="q"
          type="search"
          value="${query}"
          placeholder="Zoek een organisatie of dienst"
        />
        <button class="${E.btn}" type="submit">Zoeken</button>
      </form>
      <table class="${E.table}">
        <caption>
          ${shown.length} ${shown.length === 1 ? "dienst" : "diensten"}
        </caption>
        <thead>
          <tr>
            <th scope="col">Organisatie</th>
            <th scope="col">Dienst</th>
            <th scope="col">Betrouwbaarheidsniveau</th>
          </tr>
        </thead>
        <tbody>
          ${shown.map(
            (s) =>
              html`<tr>
                <td>${s.provider}</td>
                <td>${s.service}</td>
                <td><span class="${E.levelBadge}">${statedLevel(s)}</span></td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p class="${E.muted}">Laatst bijgewerkt: 14 oktober 2021</p>
    </div>
    <aside class="${E.aside}">
      <div class="${E.sideNav}">
        <h2>Zie ook</h2>
        <ul>
          <li>
            <a href="/inloggen-met-eherkenning/betrouwbaarheidsniveaus">Betrouwbaarheidsniveaus</a>
          </li>
          <li><a href="/aanvragen/machtigingen">Machtigingen aanvragen</a></li>
        </ul>
      </div>
    </aside>
  </div>`;
}

export function machtigingenFormContent(services: readonly CatalogueService[]): Html {
  return html`<h1>eHerkenning aanvragen</h1>
    <ol class="${E.stepper}" aria-label="Stappen">
      <li class="${E.step} ${E.stepDone}">Organisatie</li>
      <li class="${E.step} ${E.stepDone}">Niveau</li>
      <li class="${E.step} ${E.stepNow}" aria-current="step">Machtigingen</li>
      <li class="${E.step}">Gebruikers</li>
      <li class="${E.step}">Controleren</li>
    </ol>
    <p class="${E.intro}">
      Kies de diensten waarvoor u een machtiging wilt aanvragen. U kunt dit later nog aanpassen.
    </p>
    <form method="post" action="/aanvragen/machtigingen">
      <ul class="${E.cards}">
        ${services.map((s, i) => {
          const id = `mc-${i.toString(36)}${s.serviceUUID.slice(-4)}`;
          return html`<li class="${E.card}">
            <h3 class="${E.cardTitle}">${CARD_NAMES.get(s.serviceUUID) ?? s.service}</h3>
            <dl class="${E.cardMeta}">
              <dt>Dienstverlener:</dt>
              <dd>${s.provider}</dd>
            </dl>
            <dl class="${E.cardMeta}">
              <dt>Betrouwbaarheidsniveau:</dt>
              <dd>${statedLevel(s)}</dd>
            </dl>
            <label class="${E.cardCheck}" for="${id}"
              ><input type="checkbox" id="${id}" name="dienst" value="${s.serviceUUID}" />
              Machtiging aanvragen</label
            >
          </li>`;
        })}
      </ul>
      <div class="${E.formFoot}">
        <a class="${E.btn} ${E.btnGhost}" href="/">Vorige stap</a
        ><button class="${E.btn}" type="submit">Volgende stap</button>
      </div>
    </form>`;
}

export function machtigingenSummaryContent(chosen: readonly CatalogueService[]): Html {
  return html`<h1>Uw keuze</h1>
    <div class="${E.summary}">
      ${
        chosen.length
          ? html`<p>U vraagt een machtiging aan voor:</p>
              <ul>
                ${chosen.map((s) => html`<li>${s.service} (${s.provider}), ${statedLevel(s)}</li>`)}
              </ul>`
          : html`<p>U heeft geen diensten gekozen.</p>`
      }
    </div>
    <p>In deze testomgeving wordt de aanvraag niet verstuurd.</p>
    <p><a href="/aanvragen/machtigingen">Terug naar de machtigingen</a></p>`;
}

interface LevelText {
  readonly how: string;
  readonly check: string;
  readonly apply: string;
}

const LEVEL_TEXT: Readonly<Record<Lang, Readonly<Record<Level, LevelText>>>> = {
  nl: {
    EH1: {
      how: "Met gebruikersnaam en wachtwoord.",
      check: "Geen controle van uw identiteit.",
      apply: `Niet meer mogelijk: EH1 bestaat sinds ${EH1_RETIRED_NL} niet meer.`,
    },
    EH2: {
      how: "Met gebruikersnaam en wachtwoord.",
      check: "U ondertekent de aanvraag; uw identiteit wordt op afstand gecontroleerd.",
      apply: "Bij een leverancier van eHerkenning. Niet elke leverancier biedt dit niveau nog aan.",
    },
    "EH2+": {
      how: "Met gebruikersnaam, wachtwoord en een tweede stap, zoals een sms-code of een code uit een app.",
      check: "U ondertekent de aanvraag; uw identiteit wordt op afstand gecontroleerd.",
      apply: "Bij een leverancier van eHerkenning.",
    },
    EH3: {
      how: "Met twee stappen: uw wachtwoord of pincode en een code via sms, app of token.",
      check:
        "Uw identiteit wordt persoonlijk gecontroleerd, bijvoorbeeld aan de deur of met een videogesprek.",
      apply: "Bij een leverancier van eHerkenning. Het middel staat op uw naam.",
    },
    EH4: {
      how: "Met een PKIoverheid-certificaat op een smartcard of USB-stick en een pincode.",
      check: "Uw identiteit wordt persoonlijk gecontroleerd.",
      apply: "Bij een leverancier van eHerkenning die dit niveau levert.",
    },
  },
  en: {
    EH1: {
      how: "With a user name and password.",
      check: "No identity check.",
      apply: `No longer possible: EH1 was retired on ${EH1_RETIRED_EN}.`,
    },
    EH2: {
      how: "With a user name and password.",
      check: "You sign the application; your identity is checked remotely.",
      apply: "From an eHerkenning supplier. Not every supplier still offers this level.",
    },
    "EH2+": {
      how: "With a user name, password and a second step such as a text message code or an app code.",
      check: "You sign the application; your identity is checked remotely.",
      apply: "From an eHerkenning supplier.",
    },
    EH3: {
      how: "With two steps: your password or PIN and a code by text message, app or token.",
      check: "Your identity is checked in person, for example at your door or by video call.",
      apply: "From an eHerkenning supplier. The means is in your name.",
    },
    EH4: {
      how: "With a PKIoverheid certificate on a smart card or USB stick and a PIN.",
      check: "Your identity is checked in person.",
      apply: "From an eHerkenning supplier offering this level.",
    },
  },
};

const EIDAS_EN = { low: "low", substantial: "substantial", high: "high" } as const;

/** The label of the "used by" list, as the real pages write it per language. */
export const USED_BY_LABEL: Readonly<Record<Lang, string>> = {
  nl: "Te gebruiken bij onder andere",
  en: "Can be used for, e.g.",
};

/** The "used by" list of a level in its page's markup: inside the table, or after it. */
function usedByList(level: Exclude<Level, "EH1">, lang: Lang): { row?: Html; after?: Html } {
  const { markup, entries } = USED_BY[level];
  const label = USED_BY_LABEL[lang];
  const texts = entries.map((e) => e[lang]);
  switch (markup) {
    case "table-row":
      return {
        row: html`<ul>
          ${texts.map((t) => html`<li>${t}</li>`)}
        </ul>`,
      };
    case "heading-list":
      return {
        after: html`<h2>${label}</h2>
          <ul class="${E.usedBy}">
            ${texts.map((t) => html`<li>${t}</li>`)}
          </ul>`,
      };
    case "definition-list":
      return {
        after: html`<dl class="${E.usedBy}">
          <dt>${label}</dt>
          ${texts.map((t) => html`<dd>${t}</dd>`)}
        </dl>`,
      };
    case "bold-lines":
      return {
        after: html`<p class="${E.usedBy}">
          <strong>${label}</strong>${texts.map((t) => html`<br />${t}`)}
        </p>`,
      };
  }
}

export function levelContent(level: Level, lang: Lang): Html {
  const nl = lang === "nl";
  const text = LEVEL_TEXT[lang][level];
  const eidas = LEVELS[level].eidas;
  const usedBy = level === "EH1" ? {} : usedByList(level, lang);
  const rows: [string, Html | string][] = [
    [nl ? "Niveau" : "Level", html`<span class="${E.levelBadge}">${level}</span>`],
    [
      nl ? "Europees niveau (eIDAS)" : "European level (eIDAS)",
      eidas ? (nl ? EIDAS_DUTCH[eidas] : EIDAS_EN[eidas]) : nl ? "geen" : "none",
    ],
    [nl ? "Zo logt u in" : "How you log in", text.how],
    [nl ? "Controle van uw identiteit" : "Identity check", text.check],
    [nl ? "Aanvragen" : "How to get it", text.apply],
  ];
  if (usedBy.row) rows.push([USED_BY_LABEL[lang], usedBy.row]);
  const base = nl ? "" : "/en";
  return html`<div class="${E.layout}">
    <div class="${E.article}">
      <h1>${nl ? "Betrouwbaarheidsniveau" : "Level of assurance"} ${level}</h1>
      <p class="${E.intro}">
        ${
          level === "EH1"
            ? nl
              ? `EH1 was het laagste niveau. Sinds ${EH1_RETIRED_NL} kunt u er nergens meer mee inloggen.`
              : `EH1 was the lowest level. Since ${EH1_RETIRED_EN} it can no longer be used anywhere.`
            : nl
              ? `Met een middel op niveau ${level} logt u in bij diensten die ${level} of lager vragen.`
              : `A means at level ${level} lets you log in to services that ask ${level} or lower.`
        }
      </p>
      <table class="${E.levelTable}">
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
      ${usedBy.after ?? ""}
    </div>
    <aside class="${E.aside}">
      <nav class="${E.sideNav}" aria-label="${nl ? "Niveaus" : "Levels"}">
        <h2>${nl ? "Alle niveaus" : "All levels"}</h2>
        <ul>
          ${(["EH2", "EH2+", "EH3", "EH4"] as const).map((l) => html`<li><a href="${base}/inloggen-met-eherkenning/betrouwbaarheidsniveaus/${slugOf(l)}" ${l === level ? html` aria-current="page"` : ""}>${l}</a></li>`)}
        </ul>
      </nav>
    </aside>
  </div>`;
}

export function levelsOverviewContent(lang: Lang): Html {
  const nl = lang === "nl";
  const base = nl ? "" : "/en";
  return html`<h1>${nl ? "Betrouwbaarheidsniveaus" : "Levels of assurance"}</h1>
    <p class="${E.intro}">
      ${nl ? "Elke dienst bepaalt welk niveau nodig is. Met een hoger niveau kunt u ook inloggen bij diensten die een lager niveau vragen." : "Each service decides which level it needs. A higher level also works for services that ask a lower one."}
    </p>
    <table class="${E.table}">
      <thead>
        <tr>
          <th scope="col">${nl ? "Niveau" : "Level"}</th>
          <th scope="col">${nl ? "Europees niveau (eIDAS)" : "eIDAS"}</th>
          <th scope="col">${nl ? "Zo logt u in" : "How you log in"}</th>
        </tr>
      </thead>
      <tbody>
        ${(["EH2", "EH2+", "EH3", "EH4"] as const).map((l) => {
          const eidas = LEVELS[l].eidas;
          return html`<tr>
            <td>
              <a href="${base}/inloggen-met-eherkenning/betrouwbaarheidsniveaus/${slugOf(l)}"
                >${l}</a
              >
            </td>
            <td>${eidas ? (nl ? EIDAS_DUTCH[eidas] : EIDAS_EN[eidas]) : ""}</td>
            <td>${LEVEL_TEXT[lang][l].how}</td>
          </tr>`;
        })}
      </tbody>
    </table>
    <div class="${E.note}">
      <p>
        ${nl ? `EH1 bestaat sinds ${EH1_RETIRED_NL} niet meer.` : `EH1 was retired on ${EH1_RETIRED_EN}.`}
        <a href="${base}/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh1"
          >${nl ? "Meer over EH1" : "More about EH1"}</a
        >
      </p>
    </div>`;
}

/** The English start page: a pointer to the level pages. */
export function homeContentEn(): Html {
  return html`<p class="${E.intro}">
    Read about the <a href="/en${LEVEL_PAGE_BASE}">levels of assurance</a>.
  </p>`;
}

export function notFoundContent(lang: Lang): Html {
  return lang === "nl"
    ? html`<h1>Pagina niet gevonden</h1>
        <p class="${E.intro}">Deze pagina bestaat niet (meer). De site is onlangs vernieuwd.</p>
        <p><a href="/">Naar de startpagina</a></p>`
    : html`<h1>Page not found</h1>
        <p class="${E.intro}">This page does not exist (any more).</p>
        <p><a href="/en/">Home</a></p>`;
}

export function errorContent(status: number): Html {
  return html`<h1>${status >= 500 ? "Er is een storing" : "Dit ging niet goed"}</h1>
    <p class="${E.intro}">${requestErrorText(status)}</p>`;
}
