// A login on the pages: the request it answers and what the person did so far.
// The SSO endpoint starts one (saml/sso.ts); the login pages move it on.
import type { AuthnRequestContext, LoginOutcome } from "../flow.ts";

export interface LoginTransaction {
  readonly context: AuthnRequestContext;
  leverancier?: string;
  /** Set once username and password are right. */
  personId?: string;
  /** Set once password (and second factor when needed) are right. */
  authenticated?: boolean;
  /** Wrong passwords, then (after the password) wrong second-factor codes. */
  failedAttempts: number;
  language: "nl" | "en";
  /** A refusal shown on the page, answered to the SP when the person goes back. */
  refusal?: {
    readonly outcome: LoginOutcome & { readonly ok: false };
    /** Which advice the page gives: a RefusalReason or the pages' own (WRONG_PASSWORD ...). */
    readonly kind: string;
    /** The organisation chosen, when the refusal concerns it. */
    readonly kvk?: string;
  };
}
