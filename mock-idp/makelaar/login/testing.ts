// Test helpers for the login pages: start a login the way the SSO endpoint
// does (a LoginTransaction in the makelaar's state.logins), and read the SAML answer a page
// sent to the SP. Used by the page tests; not part of the server.
import { randomUUID } from "node:crypto";
import { inventedOin } from "../../../eherkenning/fixtures/catalogue.ts";
import { entityId, TEST_ENTITY_INDEX, type Level } from "../../../eherkenning/index.ts";
import type { Makelaar } from "../makelaar.ts";
import type { AuthnRequestContext } from "../flow.ts";

export interface StartOptions {
  readonly serviceID: string;
  readonly requestedLevel?: Level;
  readonly acsBinding?: "post" | "artifact";
  readonly language?: "nl" | "en";
  readonly relayState?: string;
}

export const TEST_SP_ENTITY_ID = entityId("DV", inventedOin(10), TEST_ENTITY_INDEX);
export const TEST_ACS_URL = "https://sp.example/saml/acs";

/** Stores a login as the SSO endpoint would and returns its page path. */
export function startLogin(
  makelaar: Makelaar,
  options: StartOptions,
): { id: string; path: string } {
  const service = makelaar.world.catalogue.byServiceID(options.serviceID);
  if (!service) throw new Error(`no service ${options.serviceID} in the catalogue`);
  const context: AuthnRequestContext = {
    id: `_${randomUUID()}`,
    spEntityID: TEST_SP_ENTITY_ID,
    serviceID: options.serviceID,
    service,
    ...(options.requestedLevel ? { requestedLevel: options.requestedLevel } : {}),
    acs: { url: TEST_ACS_URL, binding: options.acsBinding ?? "post", index: 0 },
    ...(options.relayState ? { relayState: options.relayState } : {}),
    binding: "redirect",
    forceAuthn: true,
  };
  const id = randomUUID();
  makelaar.state.logins.set(
    id,
    { context, failedAttempts: 0, language: options.language ?? "nl" },
    makelaar.protocolNow().getTime(),
  );
  return { id, path: `/login/${id}` };
}

export interface SentAnswer {
  readonly status: string;
  readonly subStatus?: string;
  readonly statusMessage?: string;
  readonly level?: string;
  readonly inResponseTo?: string;
  readonly relayState?: string;
}

const decodeEntities = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Reads the SAML Response from the auto-submitting POST form a page sent. */
export function answerInForm(formHtml: string): SentAnswer {
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(formHtml)?.[1];
  const encoded = field("SAMLResponse");
  if (!encoded) throw new Error(`no SAMLResponse in the page:\n${formHtml.slice(0, 400)}`);
  const xml = Buffer.from(decodeEntities(encoded), "base64").toString("utf8");
  const codes = [
    ...xml.matchAll(/StatusCode Value="urn:oasis:names:tc:SAML:2\.0:status:(\w+)"/g),
  ].map((m) => m[1] ?? "");
  const message = /<samlp:StatusMessage>([^<]*)<\/samlp:StatusMessage>/.exec(xml)?.[1];
  const level = /AuthnContextClassRef>([^<]*)</.exec(xml)?.[1];
  const inResponseTo = /<samlp:Response[^>]*InResponseTo="([^"]*)"/.exec(xml)?.[1];
  const relayState = field("RelayState");
  return {
    status: codes[0] ?? "",
    ...(codes[1] ? { subStatus: codes[1] } : {}),
    ...(message !== undefined ? { statusMessage: decodeEntities(message) } : {}),
    ...(level ? { level } : {}),
    ...(inResponseTo ? { inResponseTo } : {}),
    ...(relayState !== undefined ? { relayState: decodeEntities(relayState) } : {}),
  };
}
