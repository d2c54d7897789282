// A bounded, expiring map, for state that must stay flat under load: the
// makelaar's protocol state and the replica sites' sessions.

/** A bound on the bytes a map holds: the most, and how to count one value. */
export interface ByteBound<V> {
  readonly maxBytes: number;
  /** The bytes one value holds (its strings in UTF-8 plus a fixed overhead is close enough). */
  readonly sizeOf: (value: V) => number;
}

/**
 * A bounded, expiring map: old entries fall out by age, by count and, with a
 * ByteBound, by the bytes their values hold (entries alone do not bound
 * memory when one value can be large). With `refuseWhenFull` an unexpired
 * entry is never dropped; a write that finds the map full of unexpired
 * entries throws that error instead.
 */
export class BoundedMap<V> {
  private readonly entries = new Map<string, { value: V; expires: number; bytes: number }>();
  private heldBytes = 0;
  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly refuseWhenFull?: () => Error,
    private readonly byteBound?: ByteBound<V>,
  ) {}

  set(key: string, value: V, nowMs: number): void {
    this.remove(key);
    const bytes = this.byteBound?.sizeOf(value) ?? 0;
    const maxBytes = this.byteBound?.maxBytes ?? Infinity;
    const full = () => this.entries.size >= this.maxEntries || this.heldBytes + bytes > maxBytes;
    // Map iterates in insertion order: the first keys are the oldest and, with
    // one TTL, the first to expire. Drop them so memory follows the window.
    for (const [oldest, entry] of this.entries) {
      if (entry.expires > nowMs) break;
      this.remove(oldest);
    }
    if (full()) {
      if (this.refuseWhenFull) {
        // A clock set back can leave expired entries behind younger ones.
        for (const [key, entry] of this.entries) {
          if (entry.expires <= nowMs) this.remove(key);
        }
        if (full()) throw this.refuseWhenFull();
      } else {
        for (const oldest of this.entries.keys()) {
          if (!full()) break;
          this.remove(oldest);
        }
      }
    }
    this.entries.set(key, { value, expires: nowMs + this.ttlMs, bytes });
    this.heldBytes += bytes;
  }

  get(key: string, nowMs: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= nowMs) {
      this.remove(key);
      return undefined;
    }
    return entry.value;
  }

  /** Returns the value once and forgets it (one-time artifacts). */
  take(key: string, nowMs: number): V | undefined {
    const value = this.get(key, nowMs);
    this.remove(key);
    return value;
  }

  has(key: string, nowMs: number): boolean {
    return this.get(key, nowMs) !== undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The bytes the values hold, as the ByteBound counts them (0 without one). */
  get bytes(): number {
    return this.heldBytes;
  }

  clear(): void {
    this.entries.clear();
    this.heldBytes = 0;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }
}

/** UTF-8 bytes of the strings given (undefined counts 0), for a ByteBound's sizeOf. */
export function stringBytes(...values: readonly (string | undefined)[]): number {
  let total = 0;
  for (const value of values) if (value !== undefined) total += Buffer.byteLength(value, "utf8");
  return total;
}
