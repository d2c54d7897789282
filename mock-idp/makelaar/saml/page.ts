// The page a browser gets when a request cannot be answered to the SP.
import type { Response } from "express";
import { noStore } from "./answer.ts";
import { escapeXml } from "../../saml-core/xml.ts";

export function sendErrorPage(res: Response, status: number, message: string): void {
  noStore(res);
  res.status(status).type("html").send(`<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Verzoek geweigerd / Request refused</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem; max-width: 40rem">
<p style="background:#ffe08a;color:#1a1a1a;padding:6px 10px;font-weight:600">Testomgeving: mock makelaar (eh-overstap), geen echte eHerkenning. / Test environment.</p>
<h1>Het inlogverzoek is geweigerd</h1>
<p>De dienst stuurde een verzoek dat de makelaar niet kan beantwoorden. / The service sent a request the makelaar cannot answer.</p>
<p><strong>Reden / Reason:</strong> <span id="reason">${escapeXml(message)}</span></p>
</body></html>
`);
}
