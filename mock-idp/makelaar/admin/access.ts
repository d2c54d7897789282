// Who may drive the admin API. The makelaar is a test tool on a developer's
// machine, and the developer's browser reaches it: any page they visit can
// send requests to 127.0.0.1, and a page whose domain resolves to 127.0.0.1
// (DNS rebinding) can even read the answers. So every admin call must:
//  - name a Host the makelaar serves. A rebinding page's Host is its own
//    domain; IP addresses and localhost are always fine, since a page is
//    same-origin with them only when it came from there;
//  - not be marked cross-origin by the browser (Origin, Sec-Fetch-Site);
//  - send a body, and every POST, as application/json (XML on the two XML
//    routes): a page may send form posts and text/plain anywhere without
//    asking (CORS-simple requests), but not these;
//  - with a token, carry `Authorization: Bearer <token>`. The CLI makes one
//    when it listens beyond the loopback address (docs/security.md).
import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { excerpt } from "../../saml-core/xml.ts";
import { AdminError } from "../error-responses.ts";

export interface AdminAccess {
  /** Host names (no port) the makelaar is reached by, besides IP addresses and localhost. */
  readonly hosts: readonly string[];
  /** When set, every admin call must carry `Authorization: Bearer <token>`. */
  readonly token?: string;
}

/** Routes that take XML bodies, by method and path below /__admin. */
const XML_ROUTES = new Set(["PUT /services", "POST /service-providers"]);
export const XML_BODY_TYPES = ["application/xml", "text/xml", "application/samlmetadata+xml"];

/** The host a Host header names, lower case, without the port; "" when absent. */
export function hostName(hostHeader: string | undefined): string {
  const trimmed = (hostHeader ?? "").trim().toLowerCase();
  if (trimmed.startsWith("[")) return trimmed.slice(0, trimmed.indexOf("]") + 1);
  return trimmed.replace(/:\d*$/, "").replace(/\.$/, "");
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function served(host: string, access: AdminAccess): boolean {
  return (
    IPV4.test(host) ||
    (host.startsWith("[") && host.endsWith("]")) ||
    host === "localhost" ||
    access.hosts.some((name) => name.toLowerCase() === host)
  );
}

function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The media type of a Content-Type header, lower case, without parameters. */
function mediaType(req: Request): string {
  return (req.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

function check(req: Request, access: AdminAccess): void {
  const host = hostName(req.headers.host);
  if (!served(host, access)) {
    const names = ["127.0.0.1", "localhost", ...access.hosts].join(", ");
    throw new AdminError(
      [
        `Host "${excerpt(host, 80)}" is not a name this makelaar serves (a page using DNS rebinding would send its own); use ${names}`,
      ],
      403,
    );
  }
  const site = req.get("sec-fetch-site");
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    throw new AdminError(
      [
        `the browser marks this call ${excerpt(site, 20)} (Sec-Fetch-Site); the admin API answers only its own pages and programs`,
      ],
      403,
    );
  }
  const origin = req.get("origin");
  if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      originHost = undefined;
    }
    if (originHost !== (req.headers.host ?? "").trim().toLowerCase()) {
      throw new AdminError(
        [
          `a call from another origin (${excerpt(origin, 80)}) is refused; the admin API answers only its own pages and programs`,
        ],
        403,
      );
    }
  }
  if (access.token !== undefined) {
    const given = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "")?.[1];
    if (given === undefined || !sameToken(given, access.token)) {
      throw new AdminError(
        [
          "the admin API wants Authorization: Bearer <token>, with the admin token the makelaar printed at start",
        ],
        401,
      );
    }
  }
  if (req.method === "GET" || req.method === "HEAD") return;
  const types = XML_ROUTES.has(`${req.method} ${req.path}`) ? XML_BODY_TYPES : ["application/json"];
  const hasBody =
    req.headers["transfer-encoding"] !== undefined ||
    Number(req.headers["content-length"] ?? 0) > 0;
  if ((req.method === "POST" || hasBody) && !types.includes(mediaType(req))) {
    throw new AdminError(
      [
        `body: expected Content-Type ${types.join(" or ")}, got ${excerpt(req.get("content-type") ?? "none", 80)}; a form post or plain text could come from any web page`,
      ],
      415,
    );
  }
}

/** The admin router's first middleware: refuses, before reading any body, what fails `check`. */
export function adminAccess(access: AdminAccess): RequestHandler {
  return (req, _res, next) => {
    check(req, access);
    next();
  };
}
