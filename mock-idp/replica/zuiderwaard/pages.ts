// Page bodies of the replica Melding bedrijfsafval, one function per page;
// the frame around them is layout.ts. Every value goes through html, which
// escapes it.
import { EH1_RETIRED_ON, longDutchDay, type Level } from "../../../eherkenning/index.ts";
import { html, type Html } from "../../shared/html.ts";
import { requestErrorText } from "../errors.ts";
import type { FailureExplanation } from "../failures.ts";
import { Z } from "./styles.ts";

/** The start page: how it works, and the warning while EH1 is still asked. */
export function homeContent(view: {
  readonly inWindow: boolean;
  readonly level: Level;
  /** The day EH1 stops, written out. */
  readonly until: string;
}): Html {
  return html`<div class="${Z.grid}">
    <div>
      <div class="${Z.card}">
        <h2>Zo werkt het</h2>
        <p class="${Z.lead}">
          Meld het bedrijfsafval van uw onderneming aan en kies een ophaalmoment. U logt in met
          eHerkenning.
        </p>
        ${
          view.inWindow
            ? html`<div class="${Z.notice} ${Z.noticeWarn}" role="status">
                <p>
                  <strong
                    >Let op: vanaf ${view.until} heeft u eHerkenning op niveau ${view.level}
                    nodig.</strong
                  >
                </p>
                <p>
                  Tot die datum kunt u nog inloggen met niveau EH1. Heeft u een EH1-middel? Vraag
                  dan nu een middel op niveau ${view.level} aan bij uw leverancier, en laat uw
                  machtigingenbeheerder de machtiging "Melding bedrijfsafval" op niveau
                  ${view.level} regelen.
                </p>
              </div>`
            : html`<div class="${Z.notice}" role="status">
                <p>
                  U heeft eHerkenning nodig op niveau ${view.level} of hoger, met de machtiging
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
          <li>Dienst geregistreerd op niveau ${view.level}.</li>
          <li>Tot ${view.until} vraagt deze dienst nog EH1, zodat u kunt blijven inloggen.</li>
          <li>Vanaf ${view.until} is niveau ${view.level} nodig.</li>
          <li>Sinds ${longDutchDay(EH1_RETIRED_ON)} bestaat EH1 nergens meer.</li>
        </ol>
      </div>
    </aside>
  </div>`;
}

export function unavailableContent(): Html {
  return html`<div class="${Z.card}">
    <h2>Inloggen is even niet mogelijk</h2>
    <p>In deze testomgeving is de koppeling met eHerkenning nog niet ingesteld.</p>
  </div>`;
}

/** The ACS was reached without an answer from eHerkenning. */
export function noAnswerContent(): Html {
  return html`<div class="${Z.card}">
    <h2>Er ging iets mis</h2>
    <p>Er kwam geen antwoord van eHerkenning mee. <a href="/">Begin opnieuw</a>.</p>
  </div>`;
}

export function failureContent(e: FailureExplanation): Html {
  return html`<div class="${Z.card}">
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
  </div>`;
}

/** Who is logged in, and the form for a melding. */
export function meldingFormContent(view: {
  readonly name: string;
  readonly organisation?: string | undefined;
  readonly kvk?: string | undefined;
  readonly level: Level;
}): Html {
  return html`<div class="${Z.card}">
      <h2>Uw gegevens</h2>
      <table class="${Z.facts}">
        <tbody>
          <tr>
            <th scope="row">Ingelogd als</th>
            <td>${view.name}</td>
          </tr>
          <tr>
            <th scope="row">Organisatie</th>
            <td>${view.organisation ?? "Onbekende organisatie"}</td>
          </tr>
          <tr>
            <th scope="row">KvK-nummer</th>
            <td>${view.kvk ?? "-"}</td>
          </tr>
          <tr>
            <th scope="row">Niveau van inloggen</th>
            <td>${view.level}</td>
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
    </div>`;
}

export function invalidAmountContent(): Html {
  return html`<div class="${Z.card}">
    <div class="${Z.notice} ${Z.noticeError}" role="alert">
      <p>Vul een hoeveelheid in van 1 tot 100.000 kg.</p>
    </div>
    <p><a href="/melding">Terug</a></p>
  </div>`;
}

export function receivedContent(melding: {
  readonly soort: string;
  readonly kg: number;
  readonly reference: string;
}): Html {
  return html`<div class="${Z.card}">
    <h2>Melding ontvangen</h2>
    <div class="${Z.notice}" role="status">
      <p>
        Wij hebben uw melding (${melding.soort}, ${melding.kg} kg) ontvangen. Uw kenmerk is
        ${melding.reference}.
      </p>
    </div>
    <p><a href="/melding">Nog een melding doen</a></p>
  </div>`;
}

export function notFoundContent(): Html {
  return html`<div class="${Z.card}">
    <h2>Pagina niet gevonden</h2>
    <p><a href="/">Naar Melding bedrijfsafval</a></p>
  </div>`;
}

export function errorContent(status: number): Html {
  return html`<div class="${Z.card}">
    <h2>${status >= 500 ? "Er is een storing" : "Dit ging niet goed"}</h2>
    <p>${requestErrorText(status)}</p>
    <p><a href="/">Naar Melding bedrijfsafval</a></p>
  </div>`;
}
