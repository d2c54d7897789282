// One style sheet for everything we inject. The host gets a full reset so the
// page's CSS cannot reach in; sizes are px because rem follows the host page.
// Colours meet WCAG AA against their backgrounds (checked by the axe scan).
export const STYLES = /* css */ `
:host{all:initial;display:block;color-scheme:light;font:400 14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;text-align:left;}
:host([data-inline]){display:inline;margin-left:6px;}
*,*::before,*::after{box-sizing:border-box;}
.panel{margin:16px 0 0;padding:16px 16px 14px;background:#f3f6fa;border:1px solid #c5d2e3;border-left:4px solid #154273;border-radius:6px;max-width:640px;}
.head{display:flex;align-items:flex-start;gap:12px;}
.title{flex:1;margin:0;font-size:16px;font-weight:700;line-height:1.3;color:#0b2545;}
.brand{display:block;margin-bottom:2px;font-size:12px;font-weight:600;letter-spacing:0.02em;color:#3f4a57;}
p{margin:8px 0 0;}
.note{font-size:12px;color:#4a5360;}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:700;line-height:18px;white-space:nowrap;background:#154273;color:#fff;}
.badge.ok{background:#1c6434;}
.badge.warn{background:#a3300b;}
.badge.low{background:#fff;color:#8a2a06;border:1px solid #c25a1b;line-height:16px;font-weight:600;}
.badge.muted{background:#e6ebf1;color:#1b1b1b;font-weight:600;}
.badges{display:inline-flex;flex-wrap:wrap;gap:4px;align-items:center;}
.hint{display:block;margin:2px 0 0;font-size:12px;color:#3f4a57;white-space:normal;max-width:360px;}
button{font:inherit;font-size:13px;cursor:pointer;border-radius:4px;padding:4px 10px;border:1px solid #154273;background:#fff;color:#154273;}
button:hover{background:#e8eef6;}
button:focus-visible,summary:focus-visible,a:focus-visible{outline:2px solid #154273;outline-offset:2px;}
a{color:#154273;text-decoration:underline;}
button.link{border:0;padding:0;background:none;text-decoration:underline;color:#154273;}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;margin:8px 0;padding:8px 12px;background:#f3f6fa;border:1px solid #c5d2e3;border-left:4px solid #154273;border-radius:6px;}
.bar .text{flex:1;min-width:200px;}
table{border-collapse:collapse;margin-top:8px;width:100%;}
th,td{text-align:left;padding:4px 8px 4px 0;border-bottom:1px solid #d5dde8;vertical-align:top;}
th{font-size:12px;color:#3f4a57;}
`;

/** Only the login panel uses these. */
export const LOGIN_STYLES = /* css */ `
dl{margin:10px 0 0;display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;}
dt{font-weight:600;color:#3f4a57;}
dd{margin:0;}
h3{margin:14px 0 4px;font-size:14px;font-weight:700;color:#0b2545;}
ol,ul{margin:4px 0 0;padding-left:20px;}
li{margin:3px 0;}
.facts li{margin:5px 0;}
.warning{margin-top:12px;padding:8px 10px;background:#fff3e8;border:1px solid #c25a1b;border-radius:4px;color:#1b1b1b;}
.warning strong{color:#8a2a06;}
.fine{margin-top:12px;padding:8px 10px;background:#eaf5ee;border:1px solid #3b8a55;border-radius:4px;}
details{margin-top:8px;}
summary{cursor:pointer;color:#154273;font-weight:600;}
`;
