// The login pages' bodies, one function per step. Every value goes through
// the html template, which escapes it.
import type { Organisation, SecondFactor } from "../../world/model.ts";
import { html, type Html } from "../../shared/html.ts";
import type { Advice, Texts } from "./text.ts";

const cancelButton = (t: Texts) =>
  html`<button class="link" type="submit" form="cancel">${t.cancel}</button>`;

/** The cancel form sits outside the step's form so it never submits the step's fields. */
const cancelForm = (base: string) =>
  html`<form id="cancel" method="post" action="${base}/annuleren"></form>`;

const errorSummary = (id: string, message: string | undefined) =>
  message ? html`<div class="error-summary" role="alert" id="${id}"><p>${message}</p></div>` : "";

export function leverancierPage(
  t: Texts,
  base: string,
  leveranciers: readonly string[],
  error?: string,
): Html {
  return html`<h1>${t.chooseLeverancier}</h1>
<p>${t.chooseLeverancierIntro}</p>
${errorSummary("leverancier-error", error)}
<form method="post" action="${base}/leverancier" novalidate>
  <fieldset${error ? html` aria-describedby="leverancier-error"` : ""}>
    <legend>${t.leverancierLegend}</legend>
    <div class="choices">
      ${leveranciers.map(
        (name, i) =>
          html`<label class="choice"
            ><input
              type="radio"
              name="leverancier"
              value="${name}"
              id="leverancier-${i}"
              ${i === 0 && error ? " autofocus" : ""}
            />
            <span>${name}</span></label
          >`,
      )}
    </div>
  </fieldset>
  <div class="actions"><button class="primary" type="submit">${t.next}</button>${cancelButton(t)}</div>
</form>
${cancelForm(base)}`;
}

export function credentialsPage(
  t: Texts,
  base: string,
  leverancier: string,
  values: { readonly username?: string },
  error?: string,
): Html {
  const invalid = error ? html` aria-invalid="true" aria-describedby="credentials-error"` : "";
  return html`<h1>${t.logInWith(leverancier)}</h1>
    ${errorSummary("credentials-error", error)}
    <form method="post" action="${base}/inloggen" novalidate>
      <label class="field" for="username">${t.username}</label>
      <input
        type="text"
        id="username"
        name="username"
        autocomplete="username"
        autocapitalize="none"
        spellcheck="false"
        value="${values.username ?? ""}"
        autofocus${invalid}
      />
      <label class="field" for="password">${t.password}</label>
      <input
        type="password"
        id="password"
        name="password"
        autocomplete="current-password"
        ${invalid}
      />
      <div class="actions">
        <button class="primary" type="submit">${t.logIn}</button>
        <button class="secondary" type="submit" form="other-leverancier">
          ${t.otherLeverancier}
        </button>
        ${cancelButton(t)}
      </div>
    </form>
    <form id="other-leverancier" method="post" action="${base}/leverancier">
      <input type="hidden" name="leverancier" value="" />
    </form>
    ${cancelForm(base)}`;
}

export function secondFactorPage(
  t: Texts,
  base: string,
  factor: { readonly kind: SecondFactor; readonly code: string },
  error?: string,
): Html {
  const invalid = error ? html` aria-invalid="true" aria-describedby="code-error"` : "";
  return html`<h1>${t.secondFactorTitle}</h1>
    <p>${t.secondFactorIntro[factor.kind]}</p>
    <div class="test-code" role="note" aria-labelledby="test-code-label">
      <span class="label" id="test-code-label">${t.testCodeLabel}</span>
      ${t.testCode} <span class="value" data-testid="second-factor-code">${factor.code}</span>
    </div>
    ${errorSummary("code-error", error)}
    <form method="post" action="${base}/code" novalidate>
      <label class="field" for="code">${t.code}</label>
      <input
        type="text"
        class="code"
        id="code"
        name="code"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength="6"
        autofocus${invalid}
      />
      <div class="actions">
        <button class="primary" type="submit">${t.confirm}</button>${cancelButton(t)}
      </div>
    </form>
    ${cancelForm(base)}`;
}

export function organisationPage(
  t: Texts,
  base: string,
  personName: string,
  organisations: readonly Organisation[],
  error?: string,
): Html {
  return html`<h1>${t.chooseOrganisation}</h1>
<p>${t.chooseOrganisationIntro(personName)}</p>
${errorSummary("organisation-error", error)}
<form method="post" action="${base}/organisatie" novalidate>
  <fieldset${error ? html` aria-describedby="organisation-error"` : ""}>
    <legend>${t.organisationLegend}</legend>
    <div class="choices">
      ${organisations.map(
        (o, i) =>
          html`<label class="choice"
            ><input type="radio" name="kvk" value="${o.kvk}" id="organisation-${i}" />
            <span>${o.name}<span class="sub">${t.kvk} ${o.kvk}</span></span></label
          >`,
      )}
    </div>
  </fieldset>
  <div class="actions"><button class="primary" type="submit">${t.next}</button>${cancelButton(t)}</div>
</form>
${cancelForm(base)}`;
}

export interface FailureView {
  readonly explanation: string;
  readonly advice: Advice;
  readonly service: string;
  readonly status: string;
  readonly statusMessage: string;
}

export function failurePage(t: Texts, base: string, view: FailureView): Html {
  return html`<div class="failure">
    <h1>${t.failedTitle}</h1>
    <h2>${t.whatHappened}</h2>
    <p class="why"><strong>${view.advice.title}.</strong> ${view.explanation}</p>
    <h2>${t.whatToDo}</h2>
    <ol class="steps">
      ${view.advice.steps.map((step) => html`<li>${step}</li>`)}
    </ol>
    <form method="post" action="${base}/terug">
      <p>${t.backExplanation}</p>
      <div class="actions">
        <button class="primary" type="submit" autofocus>${t.backToService(view.service)}</button>
      </div>
    </form>
    <details>
      <summary>${t.technical}</summary>
      <dl>
        <dt>${t.statusCode}</dt>
        <dd>${view.status}</dd>
        <dt>${t.statusMessage}</dt>
        <dd>${view.statusMessage}</dd>
      </dl>
    </details>
  </div>`;
}

export function expiredPage(t: Texts): Html {
  return html`<h1>${t.expiredTitle}</h1>
    <p>${t.expiredText}</p>`;
}
