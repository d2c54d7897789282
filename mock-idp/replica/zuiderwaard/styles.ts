// The invented Gemeente Zuiderwaard's business counter: a municipal look of
// our own (a river-green palette), nothing taken from a real municipality.
import { classNames } from "../class-names.ts";

export const Z = classNames("gz", [
  "body",
  "testBanner",
  "header",
  "headerRow",
  "crest",
  "town",
  "container",
  "band",
  "main",
  "grid",
  "card",
  "lead",
  "btn",
  "btnQuiet",
  "notice",
  "noticeWarn",
  "noticeError",
  "facts",
  "field",
  "label",
  "input",
  "steps",
  "codes",
  "footer",
  "who",
]);

export const STYLESHEET_PATH = "/assets/gz.5d20f1.css";

export const STYLESHEET = `
:root{--rivier:#0b5f55;--rivier2:#0f7a6d;--riet:#e9f1ee;--klei:#b65a1c;--inkt:#17211f;--lijn:#cfdcd7}
*{box-sizing:border-box}
body.${Z.body}{margin:0;font-family:"Liberation Sans",Arial,sans-serif;color:var(--inkt);line-height:1.55;background:#fbfcfb;display:flex;flex-direction:column;min-height:100vh}
a{color:var(--rivier2)}
.${Z.testBanner}{background:#fdf1a6;color:#3d3300;font-size:13px;text-align:center;padding:4px 12px;border-bottom:1px solid #e4d36b}
.${Z.container}{max-width:1060px;margin:0 auto;padding:0 24px}
.${Z.header}{background:#fff;border-bottom:4px solid var(--rivier)}
.${Z.headerRow}{display:flex;align-items:center;justify-content:space-between;min-height:88px}
.${Z.crest}{display:flex;align-items:center;gap:14px;text-decoration:none;color:var(--inkt)}
.${Z.crest} svg{display:block}
.${Z.town}{display:flex;flex-direction:column;line-height:1.15}
.${Z.town} strong{font-size:22px;color:var(--rivier)}
.${Z.town} span{font-size:14px;color:#4c5b57}
.${Z.who}{font-size:15px;display:flex;gap:14px;align-items:center}
.${Z.who} form{margin:0}
.${Z.band}{background:var(--rivier);color:#fff;padding:26px 0}
.${Z.band} h1{margin:0;font-size:32px;color:#fff}
.${Z.band} p{margin:6px 0 0;color:#d9ece8}
.${Z.main}{padding:28px 0 56px;flex:1}
.${Z.grid}{display:grid;grid-template-columns:minmax(0,1.6fr) minmax(0,1fr);gap:32px}
@media (max-width:820px){.${Z.grid}{grid-template-columns:1fr}}
h2{color:var(--rivier);font-size:22px;margin:0 0 10px}
.${Z.card}{background:#fff;border:1px solid var(--lijn);border-radius:6px;padding:20px 22px;margin:0 0 20px}
.${Z.lead}{font-size:18px;margin:0 0 18px}
.${Z.btn}{display:inline-block;background:var(--klei);color:#fff;font:inherit;font-weight:700;border:0;border-radius:24px;padding:11px 26px;cursor:pointer;text-decoration:none}
.${Z.btn}:hover{background:#8f4513;color:#fff}
.${Z.btnQuiet}{background:none;border:1px solid var(--rivier);color:var(--rivier);border-radius:20px;padding:5px 14px;font:inherit;cursor:pointer}
.${Z.notice}{border-radius:6px;background:var(--riet);border-left:6px solid var(--rivier2);padding:14px 18px;margin:0 0 20px}
.${Z.notice} p{margin:0 0 6px}
.${Z.notice} p:last-child{margin:0}
.${Z.noticeWarn}{background:#fff3e6;border-color:var(--klei)}
.${Z.noticeError}{background:#fbe5e1;border-color:#b3261e}
.${Z.facts}{width:100%;border-collapse:collapse;margin:0 0 18px}
.${Z.facts} th,.${Z.facts} td{text-align:left;padding:8px 10px;border-bottom:1px solid var(--lijn)}
.${Z.facts} th{width:40%;color:#4c5b57;font-weight:400}
.${Z.field}{margin:0 0 16px}
.${Z.label}{display:block;font-weight:700;margin:0 0 4px}
.${Z.input}{font:inherit;padding:8px 10px;border:1px solid #7f918c;border-radius:4px;width:100%;max-width:420px;background:#fff}
.${Z.steps}{padding-left:22px;margin:0 0 16px}
.${Z.steps} li{margin:0 0 6px}
.${Z.codes}{font-family:"Liberation Mono",monospace;font-size:13px;color:#4c5b57;word-break:break-word}
.${Z.footer}{background:#10302b;color:#cfe0db;padding:26px 0;font-size:14px}
.${Z.footer} a{color:#fff}
`;
