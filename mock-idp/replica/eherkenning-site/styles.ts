// The replica www.eherkenning.nl's look: our own design for an information
// site of the Dutch government's business login scheme (no real logo).
import { classNames } from "../class-names.ts";

export const E = classNames("eh", [
  "body",
  "testBanner",
  "wrap",
  "container",
  "topbar",
  "header",
  "headerRow",
  "logo",
  "logoDot",
  "nav",
  "navItem",
  "navActive",
  "lang",
  "hero",
  "crumbs",
  "main",
  "layout",
  "article",
  "aside",
  "intro",
  "table",
  "levelTable",
  "levelBadge",
  "usedBy",
  "search",
  "searchInput",
  "btn",
  "btnGhost",
  "note",
  "cards",
  "card",
  "cardTitle",
  "cardMeta",
  "cardCheck",
  "stepper",
  "step",
  "stepDone",
  "stepNow",
  "formFoot",
  "summary",
  "tiles",
  "tile",
  "footer",
  "footerGrid",
  "footerSmall",
  "sideNav",
  "muted",
]);

export const STYLESHEET_PATH = "/_assets/app.b7d41e.css";

export const STYLESHEET = `
:root{--navy:#1d2f5e;--navy2:#2a4380;--teal:#00776f;--teal-l:#e3f2f0;--sand:#f6f4ef;--line:#d9dde6;--ink:#1b1f29;--muted:#5b6272}
*{box-sizing:border-box}
body.${E.body}{margin:0;font-family:"Liberation Sans",Arial,Helvetica,sans-serif;color:var(--ink);background:#fff;line-height:1.55;font-size:16px}
a{color:var(--teal)}
a:hover{color:var(--navy)}
.${E.testBanner}{background:#fdf1a6;color:#3d3300;font-size:13px;text-align:center;padding:4px 12px;border-bottom:1px solid #e4d36b}
.${E.container}{max-width:1180px;margin:0 auto;padding:0 28px}
.${E.topbar}{background:var(--navy);color:#cfd7ea;font-size:13px}
.${E.topbar} .${E.container}{display:flex;justify-content:flex-end;gap:22px;padding-top:6px;padding-bottom:6px}
.${E.topbar} a{color:#fff;text-decoration:none}
.${E.header}{border-bottom:1px solid var(--line);background:#fff}
.${E.headerRow}{display:flex;align-items:center;justify-content:space-between;min-height:84px;gap:24px}
.${E.logo}{font-size:27px;font-weight:700;color:var(--navy);text-decoration:none;letter-spacing:-.5px;display:flex;align-items:center;gap:8px}
.${E.logoDot}{display:inline-block;width:14px;height:14px;border-radius:50%;background:var(--teal);box-shadow:18px 0 0 #f0a830}
.${E.logo} span:last-child{margin-left:18px}
.${E.nav} ul{display:flex;gap:6px;list-style:none;margin:0;padding:0}
.${E.navItem} a{display:block;padding:10px 14px;color:var(--ink);text-decoration:none;font-weight:700;border-radius:4px}
.${E.navItem} a:hover{background:var(--sand)}
.${E.navActive} a{color:var(--teal);box-shadow:inset 0 -3px 0 var(--teal);border-radius:0}
.${E.hero}{background:linear-gradient(100deg,var(--navy) 0%,var(--navy2) 100%);color:#fff;padding:38px 0 34px}
.${E.hero} h1{color:#fff;margin:0 0 8px;font-size:36px}
.${E.hero} p{margin:0;max-width:720px;font-size:18px;color:#e3e8f4}
.${E.crumbs}{font-size:14px;color:var(--muted);padding:14px 0 0}
.${E.crumbs} a{color:var(--muted)}
.${E.main}{padding:18px 0 64px}
.${E.layout}{display:grid;grid-template-columns:minmax(0,1fr) 280px;gap:48px}
@media (max-width:900px){.${E.layout}{grid-template-columns:1fr}}
h1{font-size:34px;line-height:1.2;color:var(--navy);margin:8px 0 14px}
h2{font-size:24px;color:var(--navy);margin:28px 0 12px}
h3{font-size:19px;color:var(--navy);margin:0 0 6px}
.${E.intro}{font-size:19px;color:#333;margin:0 0 24px}
.${E.table}{width:100%;border-collapse:collapse;margin:10px 0 24px;font-size:15px}
.${E.table} caption{text-align:left;font-weight:700;color:var(--navy);padding:0 0 8px}
.${E.table} th{background:var(--navy);color:#fff;text-align:left;padding:10px 12px;font-weight:700}
.${E.table} td{padding:10px 12px;border-bottom:1px solid var(--line);vertical-align:top}
.${E.table} tbody tr:nth-child(even) td{background:#f8f9fb}
.${E.levelTable}{width:100%;border-collapse:collapse;margin:8px 0 28px}
.${E.levelTable} th,.${E.levelTable} td{padding:12px 14px;border:1px solid var(--line);vertical-align:top;text-align:left}
.${E.levelTable} th{width:34%;background:var(--sand);font-weight:700}
.${E.levelTable} ul{margin:0;padding-left:18px}
ul.${E.usedBy}{margin:0 0 24px;padding-left:20px;line-height:1.7}
dl.${E.usedBy}{margin:0 0 24px}
dl.${E.usedBy} dt{font-weight:700;margin-bottom:6px}
dl.${E.usedBy} dd{margin:0 0 4px 18px}
p.${E.usedBy}{margin:0 0 24px;line-height:1.8}
.${E.levelBadge}{display:inline-block;min-width:52px;text-align:center;padding:2px 8px;border-radius:12px;background:var(--teal-l);color:#004f49;font-weight:700;font-size:14px}
.${E.search}{display:flex;gap:10px;margin:0 0 16px;max-width:560px}
.${E.searchInput}{flex:1;font:inherit;padding:9px 12px;border:1px solid #8a93a6;border-radius:4px}
.${E.btn}{font:inherit;font-weight:700;background:var(--teal);color:#fff;border:0;border-radius:4px;padding:10px 20px;cursor:pointer;text-decoration:none;display:inline-block}
.${E.btn}:hover{background:#005c56;color:#fff}
.${E.btnGhost}{background:#fff;color:var(--teal);border:2px solid var(--teal);padding:8px 18px}
.${E.note}{background:var(--sand);border-left:5px solid #f0a830;padding:14px 18px;margin:0 0 22px}
.${E.note} p{margin:0}
.${E.stepper}{display:flex;gap:0;list-style:none;margin:0 0 24px;padding:0;counter-reset:st;font-size:14px}
.${E.step}{flex:1;padding:10px 12px;border-bottom:4px solid var(--line);color:var(--muted)}
.${E.step}::before{counter-increment:st;content:counter(st) ". "}
.${E.stepDone}{border-color:#9fc9c4;color:var(--ink)}
.${E.stepNow}{border-color:var(--teal);color:var(--ink);font-weight:700}
.${E.cards}{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px;list-style:none;margin:0 0 24px;padding:0}
@media (max-width:760px){.${E.cards}{grid-template-columns:1fr}}
.${E.card}{border:1px solid var(--line);border-radius:8px;padding:18px 20px 16px;background:#fff;box-shadow:0 1px 2px rgba(20,30,60,.06);display:flex;flex-direction:column;gap:6px}
.${E.cardTitle}{font-size:18px;font-weight:700;color:var(--navy);margin:0}
.${E.cardMeta}{margin:0;font-size:15px;color:#333}
.${E.cardMeta} dt{display:inline;color:var(--muted)}
.${E.cardMeta} dd{display:inline;margin:0 12px 0 4px}
.${E.cardCheck}{margin-top:8px;padding-top:10px;border-top:1px dashed var(--line);display:flex;align-items:center;gap:10px;font-weight:700}
.${E.cardCheck} input{width:20px;height:20px;accent-color:var(--teal)}
.${E.formFoot}{display:flex;justify-content:space-between;align-items:center;border-top:1px solid var(--line);padding-top:18px}
.${E.summary}{background:var(--teal-l);border-radius:8px;padding:18px 22px;margin:0 0 24px}
.${E.tiles}{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:18px;list-style:none;margin:0 0 28px;padding:0}
@media (max-width:760px){.${E.tiles}{grid-template-columns:1fr}}
.${E.tile}{background:var(--sand);border-radius:8px;padding:20px}
.${E.tile} a{font-weight:700;font-size:18px;text-decoration:none}
.${E.tile} p{margin:6px 0 0;color:#333}
.${E.sideNav}{background:var(--sand);border-radius:8px;padding:18px 20px}
.${E.sideNav} h2{font-size:17px;margin:0 0 10px}
.${E.sideNav} ul{list-style:none;margin:0;padding:0}
.${E.sideNav} li{padding:6px 0;border-bottom:1px solid var(--line)}
.${E.sideNav} li:last-child{border:0}
.${E.sideNav} a{text-decoration:none}
.${E.muted}{color:var(--muted);font-size:14px}
.${E.footer}{background:#141f3d;color:#c8d0e4;padding:36px 0 26px;font-size:15px}
.${E.footer} a{color:#fff;text-decoration:none}
.${E.footer} h2{color:#fff;font-size:16px;margin:0 0 10px}
.${E.footerGrid}{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:28px}
.${E.footerGrid} ul{list-style:none;margin:0;padding:0}
.${E.footerGrid} li{margin:0 0 6px}
.${E.footerSmall}{border-top:1px solid #2c3a60;margin-top:26px;padding-top:14px;font-size:13px}
`;
