// Cookie sessions for the replica sites: an opaque random id in a cookie, the
// data in a bounded, expiring map per site, so a harness restart logs out.
import { randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import { BoundedMap } from "../shared/bounded-map.ts";

/** The value of one cookie from the request's Cookie header. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export class Sessions<T> {
  private readonly data: BoundedMap<T>;

  constructor(
    readonly cookieName: string,
    ttlMs = 30 * 60_000,
    maxSessions = 10_000,
  ) {
    this.data = new BoundedMap<T>(maxSessions, ttlMs);
  }

  get(req: Request): T | undefined {
    const id = readCookie(req, this.cookieName);
    return id ? this.data.get(id, Date.now()) : undefined;
  }

  /** Starts a new session (a fresh id, so a login never reuses an old one). */
  start(res: Response, value: T): void {
    const id = randomBytes(24).toString("base64url");
    this.data.set(id, value, Date.now());
    res.cookie(this.cookieName, id, { httpOnly: true, secure: true, sameSite: "lax", path: "/" });
  }

  end(req: Request, res: Response): void {
    const id = readCookie(req, this.cookieName);
    if (id) this.data.take(id, Date.now());
    res.clearCookie(this.cookieName, { path: "/" });
  }

  clear(): void {
    this.data.clear();
  }
}

const LOGIN_ID = /^[A-Za-z0-9_-]{32}$/;

/**
 * The browser's login attempts: an opaque id in a cookie, set when a login
 * starts and read at the ACS. The SP library keys the AuthnRequests it waits
 * for by it, so an answer to a login that another browser started (login
 * CSRF) finds nothing to answer here. Lax is enough: the makelaar sends the
 * browser back to the ACS by a top-level GET.
 */
export class LoginCookie {
  constructor(
    readonly cookieName: string,
    private readonly maxAgeMs = 30 * 60_000,
  ) {}

  /** This browser's id: kept when it has one (logins in two tabs), else a new one. */
  start(req: Request, res: Response): string {
    const held = this.read(req);
    const id = held ?? randomBytes(24).toString("base64url");
    res.cookie(this.cookieName, id, {
      httpOnly: true,
      secure: true,
      sameSite: "lax",
      path: "/",
      maxAge: this.maxAgeMs,
    });
    return id;
  }

  /** The id this browser started its logins with; undefined when none (or not ours). */
  read(req: Request): string | undefined {
    const id = readCookie(req, this.cookieName);
    return id !== undefined && LOGIN_ID.test(id) ? id : undefined;
  }
}
