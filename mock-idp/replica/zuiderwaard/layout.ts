// The frame of every Melding bedrijfsafval page: the test banner, the
// municipality's header (with who is logged in) and the service's band.
import { html, type Html } from "../../shared/html.ts";
import { STYLESHEET_PATH, Z } from "./styles.ts";

export function shell(title: string, content: Html, who?: string): string {
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
