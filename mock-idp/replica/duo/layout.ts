// The page shell every replica Mijn DUO page shares: test banner, header,
// portal bar, breadcrumbs, footer and the cookie notice.
import { html, type Html } from "../../shared/html.ts";
import { C, STYLESHEET_PATH } from "./styles.ts";

export interface ShellOptions {
  readonly title: string;
  readonly crumbs: readonly { readonly label: string; readonly href?: string }[];
  readonly content: Html;
  /** Set when someone is logged in: shown in the portal bar with a logout button. */
  readonly userName?: string;
  /** False until the visitor answered the cookie notice. */
  readonly cookiesAnswered: boolean;
  /** Where the cookie notice sends the visitor back to. */
  readonly path: string;
  readonly template: string;
  /** Dutch unless told; only the login pages have an English version. */
  readonly lang?: Lang;
}

export type Lang = "nl" | "en";

const SHELL_TEXT = {
  nl: {
    titleSuffix: "Mijn DUO zakelijk",
    banner:
      "Testomgeving eh-overstap: dit is een nagebouwde pagina voor tests, niet de echte website van DUO.",
    skip: "Direct naar de inhoud",
    home: "Mijn DUO, naar de startpagina",
    serviceMenu: "Servicemenu",
    help: "Hulp bij inloggen",
    other: { label: "English", href: "/en/", lang: "en" },
    portal: "voor zakelijke klanten",
    logout: "Uitloggen",
    crumbs: "Kruimelpad",
    cookie:
      "Wij gebruiken alleen cookies die nodig zijn om in te loggen en deze site te laten werken. Met uw toestemming meten we ook anoniem het gebruik.",
    cookieYes: "Accepteren",
    cookieNo: "Alleen noodzakelijke",
    cookieRegion: "Cookiemelding",
    footer: [
      {
        title: "Service",
        links: [
          ["Contact", "/contact"],
          ["Problemen met inloggen", "/problemen-met-inloggen"],
          ["Storingen en onderhoud", "/contact"],
        ],
      },
      {
        title: "Zakelijk",
        links: [
          ["Inloggen Mijn DUO", "/"],
          ["eHerkenning gebruiken", "/problemen-met-inloggen#eherkenning"],
          ["Gegevens aanleveren", "/contact"],
        ],
      },
      {
        title: "Over deze site",
        links: [
          ["Privacy", "/contact"],
          ["Cookies", "/contact"],
          ["Toegankelijkheid", "/contact"],
        ],
      },
    ],
    footerNotes: ["Nagebouwd voor eh-overstap", "Geen echte gegevens"],
  },
  en: {
    titleSuffix: "My DUO business",
    banner: "eh-overstap test environment: a replica page for tests, not DUO's real website.",
    skip: "Skip to content",
    home: "My DUO, to the start page",
    serviceMenu: "Service menu",
    help: "Help with logging in",
    other: { label: "Nederlands", href: "/", lang: "nl" },
    portal: "for business customers",
    logout: "Log out",
    crumbs: "Breadcrumb",
    cookie:
      "We only use cookies needed to log in and to make this site work. With your consent we also measure its use anonymously.",
    cookieYes: "Accept",
    cookieNo: "Necessary only",
    cookieRegion: "Cookie notice",
    footer: [
      {
        title: "Service",
        links: [
          ["Contact", "/contact"],
          ["Trouble logging in", "/problemen-met-inloggen"],
          ["Outages and maintenance", "/contact"],
        ],
      },
      {
        title: "Business",
        links: [
          ["Log in to My DUO", "/en/"],
          ["Using eHerkenning", "/problemen-met-inloggen#eherkenning"],
          ["Submitting data", "/contact"],
        ],
      },
      {
        title: "About this site",
        links: [
          ["Privacy", "/contact"],
          ["Cookies", "/contact"],
          ["Accessibility", "/contact"],
        ],
      },
    ],
    footerNotes: ["Built for eh-overstap", "No real data"],
  },
} as const;

export function duoShell(options: ShellOptions): Html {
  const lang = options.lang ?? "nl";
  const t = SHELL_TEXT[lang];
  const crumbs = options.crumbs.map(
    (c) =>
      html`<li>
        ${c.href ? html`<a href="${c.href}">${c.label}</a>` : html`<span aria-current="page">${c.label}</span>`}
      </li>`,
  );
  return html`<!doctype html>
    <html lang="${lang}" class="no-js">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${options.title} | ${t.titleSuffix}</title>
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
      </head>
      <body class="${C.body} tpl-${options.template}">
        <div class="${C.testBanner}" role="note">${t.banner}</div>
        <a class="${C.skip}" href="#content-start">${t.skip}</a>
        <div id="__next" class="${C.app}">
          <div class="${C.shell}" data-region="page">
            <header class="${C.header}">
              <div class="${C.container}">
                <div class="${C.headerInner}">
                  <a class="${C.brand}" href="/" aria-label="${t.home}">
                    <span class="${C.brandMark}" aria-hidden="true"></span>
                    <span class="${C.brandText}"
                      ><span class="${C.brandShort}">DUO</span
                      ><span class="${C.brandLong}">Dienst Uitvoering Onderwijs</span></span
                    >
                  </a>
                  <nav class="${C.metaNav}" aria-label="${t.serviceMenu}">
                    <ul>
                      <li><a href="/problemen-met-inloggen">${t.help}</a></li>
                      <li><a href="/contact">Contact</a></li>
                      <li>
                        <a href="${t.other.href}" lang="${t.other.lang}" hreflang="${t.other.lang}"
                          >${t.other.label}</a
                        >
                      </li>
                    </ul>
                  </nav>
                </div>
              </div>
              <div class="${C.portalBar}">
                <div class="${C.container}">
                  <div class="${C.portalTitle}">Mijn DUO <span>${t.portal}</span></div>
                  ${
                    options.userName
                      ? html`<div class="${C.userMenu}">
                          <span>${options.userName}</span>
                          <form method="post" action="/uitloggen">
                            <button type="submit">${t.logout}</button>
                          </form>
                        </div>`
                      : ""
                  }
                </div>
              </div>
            </header>
            <nav class="${C.crumbs}" aria-label="${t.crumbs}">
              <div class="${C.container}">
                <ol>
                  ${crumbs}
                </ol>
              </div>
            </nav>
            <main class="${C.main}" id="content-start" tabindex="-1">
              <div class="${C.container}">${options.content}</div>
            </main>
            <footer class="${C.footer}">
              <div class="${C.container}">
                <div class="${C.footerInner}">
                  ${t.footer.map(
                    (column) =>
                      html`<div class="${C.footerCol}">
                        <h2>${column.title}</h2>
                        <ul>
                          ${column.links.map(([label, href]) => html`<li><a href="${href}">${label}</a></li>`)}
                        </ul>
                      </div>`,
                  )}
                </div>
                <div class="${C.footerBottom}">
                  <ul>
                    ${t.footerNotes.map((n) => html`<li>${n}</li>`)}
                  </ul>
                </div>
              </div>
            </footer>
          </div>
          ${
            options.cookiesAnswered
              ? ""
              : html`<div class="${C.cookie}" role="region" aria-label="${t.cookieRegion}">
                  <div class="${C.cookieInner}">
                    <p>${t.cookie}</p>
                    <form method="post" action="/cookies">
                      <input type="hidden" name="terug" value="${options.path}" />
                      <button class="${C.btn}" type="submit" name="keuze" value="ja">
                        ${t.cookieYes}
                      </button>
                      <button
                        class="${C.btn} ${C.btnSecondary}"
                        type="submit"
                        name="keuze"
                        value="nee"
                      >
                        ${t.cookieNo}
                      </button>
                    </form>
                  </div>
                </div>`
          }
        </div>
      </body>
    </html>`;
}
