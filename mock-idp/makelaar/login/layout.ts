// The frame of every login page: the test-environment banner, the header with
// the language switch, the service being logged in to, and the styles. Our own
// design: calm, plain, high contrast (every colour pair meets WCAG AA).
import type { Response } from "express";
import { Html, html } from "../../shared/html.ts";
import type { Texts } from "./text.ts";

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:16px}
body{margin:0;background:#eef1f4;color:#1b2430;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5}
.test-banner{margin:0;padding:10px 16px;background:repeating-linear-gradient(135deg,#ffd54f 0 18px,#ffcc33 18px 36px);color:#1b1b1b;font-weight:600;text-align:center;border-bottom:2px solid #8a6500}
.test-banner span{display:block;font-weight:400;font-size:14px}
div.site{background:#fff;border-bottom:1px solid #d5dbe1}
div.site .inner{max-width:720px;margin:0 auto;padding:14px 20px;display:flex;align-items:center;justify-content:space-between;gap:16px}
.brand{display:flex;align-items:center;gap:12px;font-weight:700;font-size:18px;color:#1b2430}
.brand .mark{width:36px;height:36px;border-radius:8px;background:#18406e;color:#fff;display:grid;place-items:center;font-size:15px;letter-spacing:.5px}
.brand small{display:block;font-weight:400;font-size:13px;color:#4a5563}
a{color:#1b4f8f}
a:hover{color:#0d2f57}
.lang-switch{font-size:15px}
main{max-width:720px;margin:32px auto;padding:0 20px}
.card{background:#fff;border:1px solid #d5dbe1;border-radius:10px;padding:32px;box-shadow:0 1px 2px rgba(16,24,40,.06)}
h1{font-size:26px;line-height:1.25;margin:0 0 12px}
h2{font-size:19px;margin:24px 0 8px}
p{margin:0 0 16px}
.service{display:grid;grid-template-columns:auto 1fr;gap:2px 16px;margin:0 0 24px;padding:12px 16px;background:#f2f6fa;border-left:4px solid #18406e;border-radius:4px;font-size:15px}
.service dt{color:#4a5563}
.service dd{margin:0;font-weight:600}
.service .sub{display:block;font-weight:400;font-size:14px;color:#4a5563}
fieldset{border:0;margin:0 0 20px;padding:0}
legend{font-weight:600;margin-bottom:8px;padding:0}
.choices{display:grid;gap:8px}
.choice{display:flex;align-items:center;gap:12px;padding:12px 14px;border:1px solid #8a94a1;border-radius:6px;cursor:pointer;background:#fff}
.choice:hover{border-color:#18406e;background:#f7f9fc}
.choice input{width:20px;height:20px;margin:0;accent-color:#18406e;flex:none}
.choice .sub{display:block;font-size:14px;color:#4a5563}
label.field{display:block;font-weight:600;margin:0 0 6px}
input[type=text],input[type=password]{display:block;width:100%;max-width:360px;padding:10px 12px;font:inherit;border:1px solid #5b6673;border-radius:6px;margin:0 0 18px;background:#fff;color:#1b2430}
input.code{max-width:180px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:22px;letter-spacing:4px}
input[aria-invalid=true]{border:2px solid #b3261e}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:12px;margin-top:8px}
button{font:inherit;font-weight:600;border-radius:6px;padding:10px 20px;cursor:pointer}
.primary{background:#1b4f8f;color:#fff;border:2px solid #1b4f8f}
.primary:hover{background:#133a6b;border-color:#133a6b}
.secondary{background:#fff;color:#1b4f8f;border:2px solid #1b4f8f}
.secondary:hover{background:#eef3fa}
.link{background:none;border:0;padding:10px 4px;color:#1b4f8f;text-decoration:underline;font-weight:400}
.row{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:12px}
:focus-visible{outline:3px solid #c05600;outline-offset:2px}
.error-summary{border:2px solid #b3261e;border-left-width:6px;background:#fdf1f0;color:#5f1410;padding:12px 16px;border-radius:6px;margin:0 0 20px}
.error-summary p{margin:0}
.test-code{border:2px dashed #8a6500;background:#fff8dc;border-radius:6px;padding:12px 16px;margin:0 0 20px}
.test-code .label{display:block;font-size:13px;font-weight:700;text-transform:uppercase;letter-spacing:.6px;color:#5c4300}
.test-code .value{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:24px;font-weight:700;letter-spacing:4px}
.failure h1{color:#8c1d18}
.failure .why{font-size:18px}
ol.steps{padding-left:22px;margin:0 0 20px}
ol.steps li{margin-bottom:6px}
details{margin-top:24px;font-size:14px;color:#374151}
details dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:8px 0 0}
details dd{margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
footer{max-width:720px;margin:0 auto 32px;padding:0 20px;font-size:13px;color:#4a5563}
@media (max-width:520px){main{margin:16px auto;padding:0 12px}.card{padding:20px}.service{grid-template-columns:1fr}.service dd{margin-bottom:6px}h1{font-size:23px}}
`;

/** Trusted: our own CSS, which must not be escaped inside <style>. */
const STYLE_SHEET = new Html(STYLE);

export interface ServiceSummary {
  readonly service: string;
  readonly provider: string;
  readonly level: string;
}

export interface PageOptions {
  readonly t: Texts;
  readonly title: string;
  readonly body: Html;
  /** Where the language switch leads. */
  readonly switchHref: string;
  readonly service?: ServiceSummary;
}

export function serviceBox(t: Texts, service: ServiceSummary): Html {
  return html`<dl class="service">
    <dt>${t.loggingInTo}</dt>
    <dd>${service.service}<span class="sub">${service.provider}</span></dd>
    <dt>${t.levelNeeded}</dt>
    <dd>${service.level}</dd>
  </dl>`;
}

export function page({ t, title, body, switchHref, service }: PageOptions): string {
  return html`<!doctype html>
    <html lang="${t.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title} - ${t.brand}</title>
        <style>
          ${STYLE_SHEET}
        </style>
      </head>
      <body>
        <header>
          <p class="test-banner" role="note">
            ${t.banner}<span lang="${t.switchLang}">${t.bannerOther}</span>
          </p>
          <div class="site">
            <div class="inner">
              <div class="brand">
                <span class="mark" aria-hidden="true">eH</span
                ><span>${t.brand}<small>${t.brandNote}</small></span>
              </div>
              <a
                class="lang-switch"
                href="${switchHref}"
                lang="${t.switchLang}"
                hreflang="${t.switchLang}"
                >${t.switchTo}</a
              >
            </div>
          </div>
        </header>
        <main><div class="card">${service ? serviceBox(t, service) : ""} ${body}</div></main>
        <footer>${t.brand} &middot; ${t.brandNote}</footer>
      </body>
    </html>`.value;
}

/** Sends a login page with the headers a makelaar's browser pages carry. */
export function sendPage(res: Response, status: number, document: string): void {
  res
    .status(status)
    .set({
      "Cache-Control": "no-cache, no-store",
      Pragma: "no-cache",
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'",
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
    })
    .type("html")
    .send(document);
}
