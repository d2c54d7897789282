// Bedrijvenloket Noordvliet: a small service of an (INVENTED) municipality
// that logs businesses in with eHerkenning. It is what a team writes with a
// general SAML library, here @node-saml/node-saml: the AuthnRequest goes by
// Redirect, the makelaar answers by HTTP-POST to /saml/acs. Nothing in it
// knows about eh-overstap; only its tests do.
import { randomBytes } from "node:crypto";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { SAML, SamlStatusError } from "@node-saml/node-saml";
import express from "express";
import { decrypt } from "xml-encryption";

const SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const XENC_NS = "http://www.w3.org/2001/04/xmlenc#";
const DS_NS = "http://www.w3.org/2000/09/xmldsig#";
const LEGAL_SUBJECT = "urn:etoegang:core:LegalSubjectID";
const COMPANY_NAME = "urn:etoegang:1.11:attribute-represented:CompanyName";
const KVK_QUALIFIER = "urn:etoegang:1.9:EntityConcernedID:KvKnr";
const LEVELS = {
  "urn:etoegang:core:assurance-class:loa1": "EH1",
  "urn:etoegang:core:assurance-class:loa2": "EH2",
  "urn:etoegang:core:assurance-class:loa2plus": "EH2+",
  "urn:etoegang:core:assurance-class:loa3": "EH3",
  "urn:etoegang:core:assurance-class:loa4": "EH4",
};

/**
 * @typedef {object} Dienst
 * @property {string} name shown to people
 * @property {number} index the AttributeConsumingServiceIndex that selects it
 * @property {string} [requestedLevel] an AuthnContextClassRef to ask (minimum); else none, so the catalogue level applies
 *
 * @typedef {object} ServiceConfig
 * @property {string} baseUrl where browsers reach this service, no trailing slash
 * @property {string} entityID our eHerkenning entityID
 * @property {string} makelaarUrl the makelaar's base URL
 * @property {string} signingKeyPem signs our AuthnRequests
 * @property {string} decryptionKeyPem opens the EncryptedIDs
 * @property {Record<string, Dienst>} diensten by the path segment of /inloggen/<dienst>
 */

const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );

function page(title, body) {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;line-height:1.5">
<p style="background:#e7f0fb;padding:4px 8px">Bedrijvenloket Noordvliet (voorbeeld, gemeente verzonnen)</p>
${body}</body></html>`;
}

/** The makelaar's signing certificate(s), read from its metadata once. */
function makelaarCertificates(makelaarUrl) {
  let cached;
  return async () => {
    cached ??= fetch(`${makelaarUrl}/broker/metadata/1.13`)
      .then((response) => {
        if (!response.ok) throw new Error(`makelaar metadata: HTTP ${response.status}`);
        return response.text();
      })
      .then((xml) => {
        const doc = new DOMParser().parseFromString(xml, "text/xml");
        const certificates = [];
        for (const descriptor of Array.from(doc.getElementsByTagNameNS("*", "KeyDescriptor"))) {
          if (descriptor.getAttribute("use") === "encryption") continue;
          const parent = descriptor.parentNode;
          if (parent?.localName !== "IDPSSODescriptor") continue;
          for (const c of Array.from(descriptor.getElementsByTagNameNS(DS_NS, "X509Certificate"))) {
            certificates.push(c.textContent.replace(/\s+/g, ""));
          }
        }
        if (certificates.length === 0) throw new Error("makelaar metadata: no signing certificate");
        return certificates;
      })
      .catch((error) => {
        cached = undefined; // try again on the next login
        throw error;
      });
    return cached;
  };
}

/** Decrypts an EncryptedID, whether its EncryptedKey sits in KeyInfo or beside the data. */
function decryptEncryptedId(encryptedId, keyPem) {
  const data = encryptedId.getElementsByTagNameNS(XENC_NS, "EncryptedData")[0];
  if (!data) return Promise.reject(new Error("EncryptedID without EncryptedData"));
  const copy = data.cloneNode(true);
  const hasKeyInside = copy.getElementsByTagNameNS(XENC_NS, "EncryptedKey").length > 0;
  const beside = Array.from(encryptedId.childNodes).find(
    (n) => n.namespaceURI === XENC_NS && n.localName === "EncryptedKey",
  );
  if (!hasKeyInside && beside) {
    let keyInfo = Array.from(copy.childNodes).find(
      (n) => n.namespaceURI === DS_NS && n.localName === "KeyInfo",
    );
    if (!keyInfo) {
      keyInfo = copy.ownerDocument.createElementNS(DS_NS, "ds:KeyInfo");
      copy.insertBefore(keyInfo, copy.firstChild?.nextSibling ?? null);
    }
    keyInfo.appendChild(beside.cloneNode(true));
  }
  const xml = new XMLSerializer().serializeToString(copy);
  return new Promise((resolve, reject) =>
    decrypt(xml, { key: keyPem }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

/** What the verified assertion tells us: level, KvK number, company name. */
async function readAssertion(assertionXml, keyPem) {
  const doc = new DOMParser().parseFromString(assertionXml, "text/xml");
  const classRef = doc.getElementsByTagNameNS(SAML_NS, "AuthnContextClassRef")[0]?.textContent;
  let kvk;
  let companyName;
  for (const attribute of Array.from(doc.getElementsByTagNameNS(SAML_NS, "Attribute"))) {
    const name = attribute.getAttribute("Name");
    if (name === COMPANY_NAME) {
      companyName = attribute.getElementsByTagNameNS(SAML_NS, "AttributeValue")[0]?.textContent;
    }
    if (name !== LEGAL_SUBJECT) continue;
    const encryptedIds = Array.from(attribute.getElementsByTagNameNS(SAML_NS, "EncryptedID"));
    const nameIds = await Promise.all(
      encryptedIds.map((id) => decryptEncryptedId(id, keyPem).catch(() => "")),
    );
    const plain = Array.from(attribute.getElementsByTagNameNS(SAML_NS, "NameID")).map((n) =>
      new XMLSerializer().serializeToString(n),
    );
    for (const nameId of [...nameIds, ...plain]) {
      const parsed = new DOMParser().parseFromString(nameId || "<x/>", "text/xml").documentElement;
      if (parsed?.getAttribute("NameQualifier") === KVK_QUALIFIER) kvk = parsed.textContent;
    }
  }
  return { level: LEVELS[classRef ?? ""] ?? classRef ?? "onbekend", kvk, companyName };
}

/**
 * Checks node-saml 5.1 leaves to us: the Response's Destination and the
 * bearer SubjectConfirmation's Recipient must be our ACS URL (SAML core
 * 3.2.2, profiles 4.1.4.3). Both sit under node-saml's verified signatures.
 */
function checkAddressedToUs(responseXml, assertionXml, acsUrl) {
  const response = new DOMParser().parseFromString(responseXml, "text/xml").documentElement;
  const destination = response?.getAttribute("Destination");
  if (destination !== acsUrl) {
    throw new Error(`Response Destination "${destination}" is not our ACS ${acsUrl}`);
  }
  const assertion = new DOMParser().parseFromString(assertionXml, "text/xml");
  const data = assertion.getElementsByTagNameNS(SAML_NS, "SubjectConfirmationData")[0];
  const recipient = data?.getAttribute("Recipient");
  if (recipient !== acsUrl) {
    throw new Error(`SubjectConfirmationData Recipient "${recipient}" is not our ACS ${acsUrl}`);
  }
}

/** @param {ServiceConfig} config */
export function createService(config) {
  const acsUrl = `${config.baseUrl}/saml/acs`;
  const certificates = makelaarCertificates(config.makelaarUrl);
  // One node-saml instance per dienst (its AttributeConsumingServiceIndex),
  // sharing one cache of request IDs so every answer is matched to a request.
  const shared = {
    entryPoint: `${config.makelaarUrl}/broker/sso/1.13`,
    issuer: config.entityID,
    audience: config.entityID,
    callbackUrl: acsUrl,
    idpCert: (callback) => {
      certificates().then(
        (certs) => callback(null, certs),
        (error) => callback(error),
      );
    },
    privateKey: config.signingKeyPem,
    decryptionPvk: config.decryptionKeyPem,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "sha256",
    identifierFormat: null,
    forceAuthn: true,
    // The catalogue level applies (and a transition window, when one is open).
    disableRequestedAuthnContext: true,
    validateInResponseTo: "always",
  };
  const saml = new Map();
  let cacheProvider;
  for (const [key, dienst] of Object.entries(config.diensten)) {
    const instance = new SAML({
      ...shared,
      attributeConsumingServiceIndex: String(dienst.index),
      ...(dienst.requestedLevel
        ? {
            disableRequestedAuthnContext: false,
            authnContext: [dienst.requestedLevel],
            racComparison: "minimum",
          }
        : {}),
      ...(cacheProvider ? { cacheProvider } : {}),
    });
    cacheProvider ??= instance.cacheProvider;
    saml.set(key, instance);
  }
  /** @type {Map<string, {dienst: string, level: string, kvk?: string, companyName?: string}>} */
  const sessions = new Map();

  const app = express();
  app.disable("x-powered-by");
  app.use(express.urlencoded({ extended: false, limit: "1mb" }));

  const sessionOf = (req) => {
    const id = /(?:^|;\s*)loket=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? "")?.[1];
    return id ? sessions.get(id) : undefined;
  };

  app.get("/", (_req, res) => {
    const links = Object.entries(config.diensten)
      .map(([key, d]) => `<li><a href="/inloggen/${key}">${escapeHtml(d.name)}</a></li>`)
      .join("");
    res.send(
      page(
        "Bedrijvenloket",
        `<h1>Bedrijvenloket</h1><p>Log in met eHerkenning voor:</p><ul>${links}</ul>`,
      ),
    );
  });

  app.get("/inloggen/:dienst", async (req, res, next) => {
    const instance = saml.get(req.params.dienst);
    if (!instance) return next();
    try {
      res.redirect(302, await instance.getAuthorizeUrlAsync(req.params.dienst, undefined, {}));
    } catch (error) {
      next(error);
    }
  });

  app.post("/saml/acs", async (req, res) => {
    const dienstKey = typeof req.body.RelayState === "string" ? req.body.RelayState : "";
    const instance = saml.get(dienstKey);
    const samlResponse = req.body.SAMLResponse;
    const refuse = (status, reason) => {
      console.log(`acs: refused: ${reason}`);
      res
        .status(status)
        .send(
          page(
            "Inloggen is niet gelukt",
            `<h1>Inloggen is niet gelukt</h1><p role="alert" id="reden">${escapeHtml(reason)}</p><p><a href="/">Terug naar het loket</a></p>`,
          ),
        );
    };
    if (!instance || typeof samlResponse !== "string") {
      return refuse(400, "Het antwoord hoort bij geen dienst van dit loket.");
    }
    try {
      const { profile } = await instance.validatePostResponseAsync({ SAMLResponse: samlResponse });
      const assertionXml = profile?.getAssertionXml?.();
      if (!assertionXml) throw new Error("the answer holds no assertion");
      checkAddressedToUs(
        Buffer.from(samlResponse, "base64").toString("utf8"),
        assertionXml,
        acsUrl,
      );
      const read = await readAssertion(assertionXml, config.decryptionKeyPem);
      const id = randomBytes(18).toString("base64url");
      sessions.set(id, { dienst: dienstKey, ...read });
      res.cookie("loket", id, { httpOnly: true, sameSite: "lax", path: "/" });
      res.redirect(303, "/mijn");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof SamlStatusError) {
        return refuse(403, `De makelaar meldt: ${message}`);
      }
      return refuse(403, `Het antwoord van de makelaar is afgewezen: ${message}`);
    }
  });

  app.get("/mijn", (req, res) => {
    const session = sessionOf(req);
    if (!session) return res.redirect(303, "/");
    const dienst = config.diensten[session.dienst];
    res.send(
      page(
        "Mijn loket",
        `<h1>Welkom bij ${escapeHtml(dienst?.name ?? session.dienst)}</h1>
<dl><dt>Organisatie</dt><dd id="organisatie">${escapeHtml(session.companyName ?? "onbekend")}</dd>
<dt>KvK-nummer</dt><dd id="kvk">${escapeHtml(session.kvk ?? "onbekend")}</dd>
<dt>Niveau</dt><dd id="niveau">${escapeHtml(session.level)}</dd></dl>`,
      ),
    );
  });

  app.use((error, _req, res, _next) => {
    console.log("loket:", error);
    res.status(500).send(page("Fout", `<h1>Er ging iets mis</h1><p>${escapeHtml(error)}</p>`));
  });

  return { app, acsUrl };
}
