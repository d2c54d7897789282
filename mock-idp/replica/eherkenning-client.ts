// What a replica service provider needs from its SAML side: start a login at
// the makelaar and turn the artifact that comes back into an identity or a
// refusal. The implementation (saml-client.ts) uses the SP library; pages and
// tests only see this.
import type { Level } from "../../eherkenning/index.ts";
import type { LoginFailure } from "./failures.ts";

export interface EherkenningIdentity {
  /** ActingSubjectID: the person's pseudonym at the makelaar. */
  readonly pseudo: string;
  /** LegalSubjectID: the organisation, by KvK number or RSIN. */
  readonly kvk?: string;
  readonly rsin?: string;
  /** AuthnContextClassRef: the level reached. */
  readonly level: Level;
  readonly serviceID?: string;
}

export type EherkenningResult =
  | { readonly ok: true; readonly identity: EherkenningIdentity }
  | { readonly ok: false; readonly failure: LoginFailure };

export interface StartLogin {
  /** Sent as RequestedAuthnContext (Comparison minimum); the catalogue level applies when absent. */
  readonly requestedLevel?: Level;
  readonly relayState?: string;
  /** The browser that starts the login (session.ts's LoginCookie): only it may finish it. */
  readonly session: string;
}

export interface EherkenningClient {
  readonly entityID: string;
  /** The SP's signed metadata, as registered with the makelaar. */
  readonly metadataXml: string;
  /** The URL (signed AuthnRequest, Redirect binding) to send the browser to. */
  loginUrl(options: StartLogin): Promise<string>;
  /**
   * Resolves the SAMLart the browser brought to the ACS and checks the answer:
   * it must answer a login this browser (`session`) started, once.
   */
  finishLogin(samlArt: string, session: string | undefined): Promise<EherkenningResult>;
}
