// The replica Mijn DUO's look: calm government colours (our own palette in
// the spirit of the Rijkshuisstijl), no real logos, class names the way a
// large site's build emits them.
import { classNames } from "../class-names.ts";

export const C = classNames("duo", [
  "body",
  "testBanner",
  "app",
  "shell",
  "skip",
  "header",
  "headerInner",
  "brand",
  "brandMark",
  "brandText",
  "brandShort",
  "brandLong",
  "metaNav",
  "portalBar",
  "portalTitle",
  "container",
  "crumbs",
  "main",
  "grid",
  "colMain",
  "colSide",
  "lead",
  "panels",
  "panel",
  "panelHead",
  "panelBody",
  "field",
  "label",
  "input",
  "hint",
  "actions",
  "btn",
  "btnSecondary",
  "btnLink",
  "alert",
  "alertError",
  "alertInfo",
  "alertSuccess",
  "sideBox",
  "helpLinks",
  "footer",
  "footerInner",
  "footerCol",
  "footerBottom",
  "cookie",
  "cookieInner",
  "facts",
  "tiles",
  "tile",
  "steps",
  "codes",
  "userMenu",
]);

export const STYLESHEET_PATH = "/static/css/site.3e91c0a.css";

export const STYLESHEET = `
:root{--lint:#154273;--donker:#01689b;--hemel:#007bc7;--grijs1:#f3f3f3;--grijs2:#e6e6e6;--grijs5:#696969;--tekst:#1a1a1a;--rood:#d52b1e;--groen:#39870c;--geel:#fff4c6}
*{box-sizing:border-box}
html{font-size:16px}
body.${C.body}{margin:0;font-family:"Liberation Sans",Arial,Helvetica,sans-serif;color:var(--tekst);background:#fff;line-height:1.5}
a{color:var(--donker)}
a:hover{color:var(--lint)}
.${C.testBanner}{background:#fdf1a6;color:#3d3300;font-size:13px;text-align:center;padding:4px 12px;border-bottom:1px solid #e4d36b}
.${C.skip}{position:absolute;left:-9999px}
.${C.skip}:focus{left:12px;top:12px;background:#fff;padding:8px;z-index:10}
.${C.container}{max-width:1140px;margin:0 auto;padding:0 24px}
.${C.header}{background:#fff}
.${C.headerInner}{display:flex;align-items:center;justify-content:space-between;min-height:96px}
.${C.brand}{display:flex;align-items:center;gap:14px;text-decoration:none;color:var(--tekst)}
.${C.brandMark}{display:block;width:44px;height:56px;background:var(--lint);border-radius:0 0 3px 3px;position:relative}
.${C.brandMark}::before,.${C.brandMark}::after{content:"";position:absolute;left:10px;right:10px;height:5px;background:#fff;border-radius:2px}
.${C.brandMark}::before{top:18px}
.${C.brandMark}::after{top:29px;right:16px}
.${C.brandText}{display:flex;flex-direction:column;line-height:1.2}
.${C.brandShort}{font-weight:700;font-size:20px;letter-spacing:.5px}
.${C.brandLong}{font-size:15px;color:#333}
.${C.metaNav} ul{list-style:none;display:flex;gap:20px;margin:0;padding:0;font-size:15px}
.${C.metaNav} a{text-decoration:none}
.${C.metaNav} a:hover{text-decoration:underline}
.${C.portalBar}{background:var(--lint);color:#fff}
.${C.portalBar} .${C.container}{display:flex;align-items:center;justify-content:space-between;min-height:52px}
.${C.portalTitle}{font-size:19px;font-weight:700}
.${C.portalTitle} span{font-weight:400;opacity:.9}
.${C.userMenu}{display:flex;align-items:center;gap:16px;font-size:15px}
.${C.userMenu} form{margin:0}
.${C.userMenu} button{background:none;border:1px solid #fff;color:#fff;border-radius:3px;padding:4px 12px;font:inherit;cursor:pointer}
.${C.crumbs}{background:var(--grijs1);font-size:14px}
.${C.crumbs} ol{list-style:none;display:flex;flex-wrap:wrap;gap:6px;margin:0;padding:10px 0}
.${C.crumbs} li+li::before{content:"›";margin-right:6px;color:var(--grijs5)}
.${C.main}{padding:32px 0 56px}
.${C.grid}{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:40px}
@media (max-width:860px){.${C.grid}{grid-template-columns:1fr}}
h1{font-size:32px;line-height:1.2;color:var(--lint);margin:0 0 12px}
h2{font-size:22px;line-height:1.3;color:var(--lint);margin:0 0 10px}
h3{font-size:18px;margin:0 0 8px}
.${C.lead}{font-size:18px;margin:0 0 28px;color:#333}
.${C.panels}{display:grid;grid-template-columns:1fr 1fr;gap:24px;align-items:start}
@media (max-width:700px){.${C.panels}{grid-template-columns:1fr}}
.${C.panel}{border:1px solid var(--grijs2);border-top:4px solid var(--hemel);background:#fff}
.${C.panelHead}{padding:16px 20px 0}
.${C.panelBody}{padding:4px 20px 20px}
.${C.panelBody} p{margin:0 0 16px}
.${C.field}{margin:0 0 16px}
.${C.label}{display:block;font-weight:700;margin:0 0 4px}
.${C.input}{display:block;width:100%;font:inherit;padding:8px 10px;border:1px solid #8c8c8c;border-radius:2px;background:#fff}
.${C.input}:focus{outline:3px solid #ffb612;outline-offset:0;border-color:var(--tekst)}
.${C.hint}{display:block;font-size:14px;color:var(--grijs5);margin:0 0 4px}
.${C.actions}{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-top:8px}
.${C.btn}{display:inline-block;font:inherit;font-weight:700;background:var(--donker);color:#fff;border:0;border-radius:3px;padding:10px 20px;cursor:pointer;text-decoration:none}
.${C.btn}:hover{background:var(--lint);color:#fff}
.${C.btn}:focus{outline:3px solid #ffb612}
.${C.btnSecondary}{background:#fff;color:var(--donker);border:2px solid var(--donker);padding:8px 18px}
.${C.btnSecondary}:hover{background:var(--grijs1);color:var(--lint)}
.${C.btnLink}{background:none;border:0;padding:0;font:inherit;color:var(--donker);text-decoration:underline;cursor:pointer}
.${C.alert}{border-left:6px solid var(--hemel);background:#e5f1f9;padding:14px 18px;margin:0 0 24px}
.${C.alert} p{margin:0 0 8px}
.${C.alert} p:last-child{margin:0}
.${C.alertError}{border-color:var(--rood);background:#f9dfdd}
.${C.alertInfo}{border-color:var(--hemel);background:#e5f1f9}
.${C.alertSuccess}{border-color:var(--groen);background:#e1eed9}
.${C.sideBox}{background:var(--grijs1);padding:20px 22px;margin:0 0 24px}
.${C.sideBox} h2{font-size:19px}
.${C.sideBox} p{margin:0 0 12px}
.${C.sideBox} ul{margin:0;padding-left:20px}
.${C.helpLinks}{list-style:none;margin:24px 0 0;padding:0}
.${C.helpLinks} li{margin:0 0 6px}
.${C.helpLinks} a::before{content:"›";margin-right:8px;text-decoration:none;display:inline-block}
.${C.facts}{border-collapse:collapse;width:100%;margin:0 0 28px}
.${C.facts} th,.${C.facts} td{text-align:left;vertical-align:top;padding:10px 12px;border-bottom:1px solid var(--grijs2)}
.${C.facts} th{width:36%;font-weight:700;background:var(--grijs1)}
.${C.tiles}{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:16px;margin:0 0 28px;padding:0;list-style:none}
@media (max-width:700px){.${C.tiles}{grid-template-columns:1fr}}
.${C.tile}{border:1px solid var(--grijs2);padding:16px;min-height:110px}
.${C.tile} a{font-weight:700}
.${C.tile} p{margin:6px 0 0;font-size:15px;color:#333}
.${C.steps}{margin:0 0 20px;padding-left:22px}
.${C.steps} li{margin:0 0 8px}
.${C.codes}{font-family:"Liberation Mono",monospace;font-size:13px;color:var(--grijs5);word-break:break-word}
.${C.footer}{background:var(--lint);color:#fff;margin-top:24px}
.${C.footer} a{color:#fff;text-decoration:none}
.${C.footer} a:hover{text-decoration:underline}
.${C.footerInner}{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:32px;padding:36px 0 28px}
.${C.footerCol} h2{color:#fff;font-size:17px;margin:0 0 10px}
.${C.footerCol} ul{list-style:none;margin:0;padding:0;font-size:15px}
.${C.footerCol} li{margin:0 0 6px}
.${C.footerBottom}{border-top:1px solid rgba(255,255,255,.25);font-size:14px;padding:14px 0 18px}
.${C.footerBottom} ul{list-style:none;display:flex;flex-wrap:wrap;gap:20px;margin:0;padding:0}
body:has(.${C.cookie}){padding-bottom:120px}
.${C.cookie}{position:fixed;left:0;right:0;bottom:0;background:#fff;border-top:4px solid var(--lint);box-shadow:0 -2px 12px rgba(0,0,0,.12);z-index:5}
.${C.cookieInner}{display:flex;gap:24px;align-items:center;justify-content:space-between;padding:14px 24px;max-width:1140px;margin:0 auto;font-size:15px}
.${C.cookieInner} p{margin:0}
.${C.cookieInner} form{margin:0;display:flex;gap:10px;flex-shrink:0}
`;
