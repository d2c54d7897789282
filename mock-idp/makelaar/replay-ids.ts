// The replay window: every AuthnRequest ID seen recently, so a replayed
// request is refused (saml/checks.ts checkReplay).
import { createHash } from "node:crypto";
import { BoundedMap } from "../shared/bounded-map.ts";
import { SamlError } from "./errors.ts";

/** How long a request ID is kept: the 5 minutes a request is fresh plus 1 minute of clock skew. */
export const REPLAY_WINDOW_MS = (5 + 1) * 60_000;
/** Request IDs kept at most: 278 requests a second for the whole window. */
export const MAX_REPLAY_IDS = 100_000;

/**
 * Request IDs seen within the replay window. An ID still inside the window is
 * never forgotten (forgetting it would let its request be replayed); when
 * MAX_REPLAY_IDS of them are held, new requests are refused until some expire.
 */
export class ReplayIds {
  private readonly ids: BoundedMap<true>;
  constructor(maxIds = MAX_REPLAY_IDS, windowMs = REPLAY_WINDOW_MS) {
    this.ids = new BoundedMap<true>(
      maxIds,
      windowMs,
      () =>
        new SamlError(
          "Responder",
          "RequestUnsupported",
          `The makelaar is busy: it holds ${maxIds} request IDs from the last ${windowMs % 60_000 === 0 ? `${windowMs / 60_000} minutes` : `${windowMs / 1000} seconds`} to refuse replays, and takes new requests again when those expire.`,
          503,
        ),
    );
  }

  // Kept as a fresh SHA-256 string: an ID read from a message can be a slice
  // that keeps the whole message alive, and an ID may be long.
  private static key(id: string): string {
    return createHash("sha256").update(id).digest("base64");
  }

  has(id: string, nowMs: number): boolean {
    return this.ids.has(ReplayIds.key(id), nowMs);
  }

  /** Remembers the ID; throws SamlError Responder/RequestUnsupported when full. */
  set(id: string, _seen: true, nowMs: number): void {
    this.ids.set(ReplayIds.key(id), true, nowMs);
  }

  get size(): number {
    return this.ids.size;
  }

  clear(): void {
    this.ids.clear();
  }
}
