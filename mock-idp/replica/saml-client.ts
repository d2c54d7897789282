// The replica SPs' SAML side, built on the sp/ library: signed AuthnRequests
// by Redirect, answers by Artifact resolved over SOAP, every signature checked
// against the makelaar's metadata and the EncryptedIDs decrypted. It knows
// the makelaar only by its metadata and URLs, as a real dienstverlener does.
import type { Request, RequestHandler, Response } from "express";
import { serviceIndexOf } from "../../eherkenning/index.ts";
import { testKeyPair } from "../saml-core/keys.ts";
import { SignatureError } from "../saml-core/signature.ts";
import { XmlError } from "../saml-core/xml.ts";
import {
  createServiceProvider,
  ServiceProviderError,
  UnsolicitedResponseError,
  type ServiceProvider,
} from "../sp/index.ts";
import type { Person } from "../world/model.ts";
import type { WorldState } from "../world/state.ts";
import type {
  EherkenningClient,
  EherkenningIdentity,
  EherkenningResult,
  StartLogin,
} from "./eherkenning-client.ts";
import { explainFailure, type FailureContext, type FailureExplanation } from "./failures.ts";
import type { LoginCookie, Sessions } from "./session.ts";

export interface ReplicaSpOptions {
  /** Short name for its TEST key files, e.g. "duo". */
  readonly keyName: string;
  readonly entityID: string;
  readonly acsUrl: string;
  readonly service: { readonly serviceID: string; readonly name: string };
  readonly keyDirectory?: string;
  /** The makelaar's protocol clock: request and assertion times are judged by it. */
  readonly clock: () => Date;
}

/** What an SP knows of the makelaar: its signed metadata and where its endpoints are. */
export interface MakelaarEndpoints {
  readonly metadataXml: string;
  readonly ssoUrl: string;
  readonly arsUrl: string;
}

/** Creates the SP (with its own TEST keys) and its signed metadata. */
export async function createReplicaSp(options: ReplicaSpOptions): Promise<ServiceProvider> {
  const directory = options.keyDirectory ? { directory: options.keyDirectory } : {};
  const [signing, encryption] = await Promise.all([
    testKeyPair(`${options.keyName}-sp-signing`, {
      commonName: `eh-overstap replica ${options.keyName} SP signing`,
      ...directory,
    }),
    testKeyPair(`${options.keyName}-sp-encryption`, {
      commonName: `eh-overstap replica ${options.keyName} SP encryption`,
      ...directory,
    }),
  ]);
  return createServiceProvider({
    entityID: options.entityID,
    acsUrl: options.acsUrl,
    acsBinding: "artifact",
    services: [
      {
        index: serviceIndexOf(options.service.serviceID),
        serviceID: options.service.serviceID,
        name: options.service.name,
      },
    ],
    keys: { signing, encryption },
    clock: options.clock,
  });
}

const NO_LOGIN_STARTED = {
  status: "",
  message: "This browser started no login here (no login cookie), so it has none to finish.",
} as const;

/**
 * Binds an SP to a running makelaar: its metadata and clock, and the fetch
 * that reaches the makelaar's artifact resolution service.
 */
export function eherkenningClient(
  sp: ServiceProvider,
  makelaar: MakelaarEndpoints,
  serviceID: string,
  makelaarFetch: typeof fetch,
): EherkenningClient {
  sp.useMakelaarMetadata(makelaar.metadataXml);
  const serviceIndex = serviceIndexOf(serviceID);
  return {
    entityID: sp.entityID,
    metadataXml: sp.metadataXml,
    loginUrl({ requestedLevel, relayState, session }: StartLogin) {
      const message = sp.authnRequest({
        serviceIndex,
        binding: "redirect",
        destination: makelaar.ssoUrl,
        session,
        ...(requestedLevel ? { requestedLevel } : {}),
        ...(relayState !== undefined ? { relayState } : {}),
      });
      if (!message.url) throw new Error("The SP library made no Redirect URL");
      return Promise.resolve(message.url);
    },
    async finishLogin(samlArt: string, session: string | undefined): Promise<EherkenningResult> {
      // A browser that started no login here has nothing to finish; its artifact stays unspent.
      if (session === undefined) return { ok: false, failure: NO_LOGIN_STARTED };
      let result: Awaited<ReturnType<ServiceProvider["resolveArtifact"]>>;
      try {
        result = await sp.resolveArtifact(samlArt, {
          arsUrl: makelaar.arsUrl,
          fetch: makelaarFetch,
          session,
        });
      } catch (error) {
        // Signed, but not an answer this browser waits for: used already, or started elsewhere.
        if (error instanceof UnsolicitedResponseError) {
          return { ok: false, failure: { status: "", message: error.message } };
        }
        // A signature, audience or time check failed, or the answer is not XML: not trusted.
        const untrusted =
          error instanceof ServiceProviderError ||
          error instanceof SignatureError ||
          error instanceof XmlError;
        if (!untrusted) throw error;
        return { ok: false, failure: { status: "", message: error.message, untrusted: true } };
      }
      if (!result.ok) {
        return {
          ok: false,
          failure: {
            status: result.status,
            ...(result.subStatus !== undefined ? { subStatus: result.subStatus } : {}),
            message: result.message,
          },
        };
      }
      const legal = result.legalSubject;
      return {
        ok: true,
        identity: {
          pseudo: result.actingSubject.value,
          level: result.level,
          serviceID: result.serviceID,
          ...(legal.type === "KvKnr" ? { kvk: legal.value } : {}),
          ...(legal.type === "RSIN" ? { rsin: legal.value } : {}),
        },
      };
    },
  };
}

export interface AcsOptions {
  readonly client: EherkenningClient | undefined;
  readonly world: WorldState;
  /** Names the service, today's level and the helpdesk on the failure page. */
  readonly failureContext: () => FailureContext;
  readonly failures: Sessions<FailureExplanation>;
  /** The cookie the login started with (set where the site calls loginUrl). */
  readonly logins: LoginCookie;
  /** Where the failure is shown, after a redirect. */
  readonly failurePath: string;
  /** The page for a request that brought no artifact (or when there is no SAML side). */
  readonly noArtifact: (req: Request, res: Response) => void;
  /** Starts the service's session; `person` is absent for an unknown pseudonym. */
  readonly startSession: (
    res: Response,
    identity: EherkenningIdentity,
    person: Person | undefined,
  ) => void;
  /** Where a logged-in person goes. */
  readonly home: string;
}

/** The login-return (ACS) handler the replicas share, for GET and POST. */
export function acsHandler(options: AcsOptions): RequestHandler {
  const acs = async (req: Request, res: Response): Promise<void> => {
    // HEAD runs as GET in Express: answering it would resolve (and spend) the artifact.
    if (req.method === "HEAD") {
      res.status(200).type("html").end();
      return;
    }
    const body = req.body as Record<string, unknown> | undefined;
    const fromQuery = req.query["SAMLart"];
    const fromBody = body?.["SAMLart"];
    const samlArt =
      typeof fromQuery === "string" ? fromQuery : typeof fromBody === "string" ? fromBody : "";
    const { client } = options;
    if (!client || !samlArt) return options.noArtifact(req, res);
    const result = await client.finishLogin(samlArt, options.logins.read(req));
    if (!result.ok) {
      // Shown after a redirect, so the artifact leaves the address bar and a reload is harmless.
      options.failures.start(res, explainFailure(result.failure, options.failureContext()));
      return res.redirect(303, options.failurePath);
    }
    const { identity } = result;
    const person = options.world.personByPseudo(identity.pseudo);
    options.startSession(res, identity, person);
    res.redirect(303, options.home);
  };
  return (req, res, next) => void acs(req, res).catch(next);
}
