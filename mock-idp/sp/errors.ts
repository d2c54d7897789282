// The SP refused what the makelaar sent: a signature, audience, destination or
// time check failed, or the answer is not what the protocol says.
export class ServiceProviderError extends Error {
  override readonly name: string = "ServiceProviderError";
}

/**
 * A correctly signed answer to a request this session is not waiting for: it
 * was answered already (a replay, or the browser's back button), or another
 * browser started it (login CSRF: an attacker's own login planted in this
 * browser), or no request at all (unsolicited). A site shows "this login
 * attempt is no longer valid" and lets the person start again.
 */
export class UnsolicitedResponseError extends ServiceProviderError {
  override readonly name = "UnsolicitedResponseError";
  constructor(
    message: string,
    /** The Response's InResponseTo ("" when it has none). */
    readonly inResponseTo: string,
  ) {
    super(message);
  }
}
