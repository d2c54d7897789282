// Namespaces: one running makelaar serves many test workers at once, each in
// a makelaar of its own (world, business clock, logins, logs, faults) behind
// the same URL. A browser names its namespace by a cookie (the e2e kit sets
// it), Node code by a header (the admin client), so the service under test,
// started once for the whole run, needs to know nothing. Back-channel
// requests carry neither: an ArtifactResolve goes to the namespace that
// issued its artifact. Requests that name no namespace reach the makelaar of
// the server itself.
import type { IncomingMessage, ServerResponse } from "node:http";
import express from "express";
import { parseArtifact } from "./artifacts.ts";
import { ENDPOINTS } from "./endpoints.ts";
import type { Makelaar } from "./makelaar.ts";
import { NAMESPACE_COOKIE, NAMESPACE_HEADER, NAMESPACE_PATTERN } from "./namespace-names.ts";
import { SOAP_CONTENT_TYPES } from "./saml/ars.ts";
import { MAX_FORM_BYTES } from "./saml/routes.ts";

export { NAMESPACE_COOKIE, NAMESPACE_HEADER } from "./namespace-names.ts";

/** Namespaces kept at most; the one used least recently goes first. */
export const MAX_NAMESPACES = 64;

function namespaceOf(req: IncomingMessage): string | undefined {
  const header = req.headers[NAMESPACE_HEADER];
  if (typeof header === "string" && header !== "") return header;
  const cookie = req.headers.cookie ?? "";
  for (const part of cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === NAMESPACE_COOKIE) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return undefined;
}

export interface NamespacedMakelaar {
  /** The request listener for the server. */
  readonly listener: (req: IncomingMessage, res: ServerResponse) => void;
  /** The namespace's makelaar, made on first use. */
  namespace(name: string): Promise<Makelaar>;
  readonly names: () => readonly string[];
}

/**
 * Serves `root` and, for requests that name one, a namespace makelaar made
 * by `create` (a fresh makelaar over the configured world).
 */
export function namespaced(
  root: Makelaar,
  create: () => Promise<Makelaar>,
  max = MAX_NAMESPACES,
): NamespacedMakelaar {
  // Insertion order is use order: a used namespace is moved to the end.
  const made = new Map<string, Promise<Makelaar>>();
  const namespace = (name: string): Promise<Makelaar> => {
    let makelaar = made.get(name);
    if (makelaar) made.delete(name);
    else makelaar = create();
    made.set(name, makelaar);
    while (made.size > max) {
      const oldest = made.keys().next().value;
      if (oldest === undefined) break;
      made.delete(oldest);
    }
    return makelaar;
  };

  const front = express();
  front.disable("x-powered-by");
  // An ArtifactResolve names no namespace: find the one holding its artifact.
  front.post(
    ENDPOINTS.ars,
    (req, _res, next) => (namespaceOf(req) === undefined ? next() : next("route")),
    express.text({ type: SOAP_CONTENT_TYPES, limit: MAX_FORM_BYTES }),
    async (req, res, next) => {
      const body = typeof req.body === "string" ? req.body : "";
      const text = /<(?:[A-Za-z0-9_.-]+:)?Artifact>\s*([^<\s]*)\s*<\//.exec(body)?.[1];
      const artifact = text === undefined ? undefined : parseArtifact(text);
      let owner = root;
      if (artifact) {
        for (const candidate of made.values()) {
          const makelaar = await candidate;
          if (makelaar.state.artifacts.holds(artifact, makelaar.protocolNow().getTime())) {
            owner = makelaar;
            break;
          }
        }
      }
      // The body is read already; the owner's own route and error handler take it from here.
      owner.app(req, res, next);
    },
  );
  front.use((req, res, next) => {
    const name = namespaceOf(req);
    if (name === undefined) {
      root.app(req, res, next);
      return;
    }
    if (!NAMESPACE_PATTERN.test(name)) {
      res
        .status(400)
        .type("text/plain")
        .send(
          `Namespace "${name.slice(0, 80)}" (${NAMESPACE_HEADER} header or ${NAMESPACE_COOKIE} cookie): use letters, digits, '.', '_' or '-', at most 64.\n`,
        );
      return;
    }
    namespace(name).then(
      (makelaar) => makelaar.app(req, res, next),
      (error: unknown) => next(error),
    );
  });
  // Only the body parser above can fail here (too large, bad charset): a 4xx.
  front.use(((error, _req, res, _next) => {
    const status = (error as { status?: unknown }).status;
    res
      .status(typeof status === "number" && status >= 400 && status < 500 ? status : 400)
      .type("text/plain")
      .send(`Bad request: ${error instanceof Error ? error.message : String(error)}\n`);
  }) as express.ErrorRequestHandler);
  return {
    listener: (req, res) => front(req, res),
    namespace,
    names: () => [...made.keys()],
  };
}
