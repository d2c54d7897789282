// The page shell of the replica www.eherkenning.nl, in Dutch or English.
import { html, type Html } from "../../shared/html.ts";
import { E, STYLESHEET_PATH } from "./styles.ts";

export type Lang = "nl" | "en";

export interface SiteShellOptions {
  readonly lang: Lang;
  readonly title: string;
  readonly section: "home" | "inloggen" | "aanvragen" | "organisaties";
  readonly crumbs: readonly { readonly label: string; readonly href?: string }[];
  readonly hero?: { readonly title: string; readonly text: string };
  readonly content: Html;
  /** The same page in the other language, when there is one. */
  readonly otherLanguage?: string;
}

const NAV: Record<
  Lang,
  readonly { key: SiteShellOptions["section"]; label: string; href: string }[]
> = {
  nl: [
    { key: "home", label: "Wat is eHerkenning", href: "/" },
    {
      key: "inloggen",
      label: "Inloggen met eHerkenning",
      href: "/inloggen-met-eherkenning/betrouwbaarheidsniveaus",
    },
    { key: "aanvragen", label: "Aanvragen", href: "/aanvragen/machtigingen" },
    { key: "organisaties", label: "Aangesloten organisaties", href: "/aangesloten-organisaties" },
  ],
  en: [
    { key: "home", label: "About eHerkenning", href: "/en/" },
    {
      key: "inloggen",
      label: "Levels of assurance",
      href: "/en/inloggen-met-eherkenning/betrouwbaarheidsniveaus",
    },
  ],
};

export function siteShell(o: SiteShellOptions): Html {
  const nl = o.lang === "nl";
  return html`<!doctype html>
    <html lang="${o.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${o.title} - eHerkenning</title>
        <link rel="stylesheet" href="${STYLESHEET_PATH}" />
      </head>
      <body class="${E.body}">
        <div class="${E.testBanner}" role="note">
          ${nl ? "Testomgeving eh-overstap: nagebouwde pagina voor tests, niet de echte website eherkenning.nl." : "eh-overstap test environment: a replica page for tests, not the real eherkenning.nl."}
        </div>
        <div class="${E.wrap}" data-tpl="page">
          <div class="${E.topbar}">
            <div class="${E.container}">
              <a href="/aanvragen/machtigingen">${nl ? "Voor ondernemers" : "For businesses"}</a>
              <a href="/aangesloten-organisaties"
                >${nl ? "Voor dienstverleners" : "For service providers"}</a
              >
              ${o.otherLanguage ? html`<a class="${E.lang}" href="${o.otherLanguage}" lang="${nl ? "en" : "nl"}">${nl ? "English" : "Nederlands"}</a>` : ""}
            </div>
          </div>
          <header class="${E.header}">
            <div class="${E.container}">
              <div class="${E.headerRow}">
                <a class="${E.logo}" href="${nl ? "/" : "/en/"}"
                  ><span class="${E.logoDot}" aria-hidden="true"></span><span>eHerkenning</span></a
                >
                <nav class="${E.nav}" aria-label="${nl ? "Hoofdmenu" : "Main menu"}">
                  <ul>
                    ${NAV[o.lang].map((n) => html`<li class="${E.navItem}${n.key === o.section ? ` ${E.navActive}` : ""}"><a href="${n.href}">${n.label}</a></li>`)}
                  </ul>
                </nav>
              </div>
            </div>
          </header>
          ${
            o.hero
              ? html`<div class="${E.hero}">
                  <div class="${E.container}">
                    <h1>${o.hero.title}</h1>
                    <p>${o.hero.text}</p>
                  </div>
                </div>`
              : ""
          }
          <div class="${E.container}">
            <nav class="${E.crumbs}" aria-label="${nl ? "U bent hier" : "You are here"}">
              ${o.crumbs.map((c, i) => html`${i > 0 ? " / " : ""}${c.href ? html`<a href="${c.href}">${c.label}</a>` : html`<span>${c.label}</span>`}`)}
            </nav>
            <main class="${E.main}">${o.content}</main>
          </div>
          <footer class="${E.footer}">
            <div class="${E.container}">
              <div class="${E.footerGrid}">
                <div>
                  <h2>eHerkenning</h2>
                  <ul>
                    <li>
                      <a href="${nl ? "/" : "/en/"}"
                        >${nl ? "Wat is eHerkenning" : "About eHerkenning"}</a
                      >
                    </li>
                    <li>
                      <a
                        href="${nl ? "/inloggen-met-eherkenning/betrouwbaarheidsniveaus" : "/en/inloggen-met-eherkenning/betrouwbaarheidsniveaus"}"
                        >${nl ? "Betrouwbaarheidsniveaus" : "Levels of assurance"}</a
                      >
                    </li>
                  </ul>
                </div>
                <div>
                  <h2>${nl ? "Aanvragen" : "Apply"}</h2>
                  <ul>
                    <li>
                      <a href="/aanvragen/machtigingen"
                        >${nl ? "Machtigingen aanvragen" : "Request authorisations"}</a
                      >
                    </li>
                  </ul>
                </div>
                <div>
                  <h2>${nl ? "Dienstverleners" : "Service providers"}</h2>
                  <ul>
                    <li>
                      <a href="/aangesloten-organisaties"
                        >${nl ? "Aangesloten organisaties" : "Connected organisations"}</a
                      >
                    </li>
                  </ul>
                </div>
                <div>
                  <h2>${nl ? "Over deze site" : "About this site"}</h2>
                  <ul>
                    <li>${nl ? "Nagebouwd voor eh-overstap" : "Built for eh-overstap"}</li>
                  </ul>
                </div>
              </div>
              <div class="${E.footerSmall}">
                ${nl ? "Alle namen van diensten komen uit de testcatalogus. Nummers en personen zijn verzonnen." : "Service names come from the test catalogue. Numbers and people are invented."}
              </div>
            </div>
          </footer>
        </div>
      </body>
    </html>`;
}
