// A bounded, expiring map, for state that must stay flat under load: the
// makelaar's protocol state and the replica sites' sessions.

/**
 * A bounded, expiring map: old entries fall out by age and by count. With
 * `refuseWhenFull` an unexpired entry is never dropped; a write that finds the
 * map full of unexpired entries throws that error instead.
 */
export class BoundedMap<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly refuseWhenFull?: () => Error,
  ) {}

  set(key: string, value: V, nowMs: number): void {
    this.entries.delete(key);
    // Map iterates in insertion order: the first keys are the oldest and, with
    // one TTL, the first to expire. Drop them so memory follows the window.
    for (const [oldest, entry] of this.entries) {
      if (entry.expires > nowMs) break;
      this.entries.delete(oldest);
    }
    if (this.entries.size >= this.maxEntries) {
      if (this.refuseWhenFull) {
        // A clock set back can leave expired entries behind younger ones.
        for (const [key, entry] of this.entries) {
          if (entry.expires <= nowMs) this.entries.delete(key);
        }
        if (this.entries.size >= this.maxEntries) throw this.refuseWhenFull();
      } else {
        for (const oldest of this.entries.keys()) {
          if (this.entries.size < this.maxEntries) break;
          this.entries.delete(oldest);
        }
      }
    }
    this.entries.set(key, { value, expires: nowMs + this.ttlMs });
  }

  get(key: string, nowMs: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Returns the value once and forgets it (one-time artifacts). */
  take(key: string, nowMs: number): V | undefined {
    const value = this.get(key, nowMs);
    this.entries.delete(key);
    return value;
  }

  has(key: string, nowMs: number): boolean {
    return this.get(key, nowMs) !== undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
