/**
 * A bounded in-memory map whose entries expire: what the hot path reads on every event
 * (connections by webhook token and id, published workflows per trigger, event records) is
 * answered from memory for a short while instead of by one more database round trip.
 *
 * Several processes share one MongoDB, so another process's write reaches this one only when
 * the entry expires (`ttlMs`); this process's own writes clear the entries they touch at once.
 * docs/decisions.md says what that means for a user (a change made through one process is
 * seen by the others within `ttlMs`).
 */
export interface RecentCache<V> {
  get(key: string): V | undefined;
  /**
   * The entry, else `loader`'s answer (kept unless null). Callers asking for a key while it is
   * being loaded share that load, so an expired entry read by many requests at once costs one
   * query, not one each. A load begun before a `clear()`/`delete()` is not kept.
   */
  load(key: string, loader: () => Promise<V | null>): Promise<V | null>;
  /** Entries held now, expired ones not yet dropped included. */
  readonly size: number;
  set(key: string, value: V): void;
  delete(key: string): void;
  clear(): void;
}

export function createRecentCache<V>(ttlMs: number, limit: number, now: () => number = Date.now): RecentCache<V> {
  const entries = new Map<string, { value: V; expires: number }>();
  const loading = new Map<string, Promise<V | null>>();
  let generation = 0;
  const cache: RecentCache<V> = {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value) {
      if (ttlMs <= 0) return;
      entries.delete(key);
      // Entries are in the order they were set, which is the order they expire in: drop the
      // expired ones from the front, so memory holds about `ttlMs` worth of entries, not `limit`.
      const at = now();
      for (const [oldest, entry] of entries) {
        if (entry.expires > at && entries.size < limit) break;
        entries.delete(oldest);
      }
      entries.set(key, { value, expires: at + ttlMs });
    },
    load(key, loader) {
      const hit = cache.get(key);
      if (hit !== undefined) return Promise.resolve(hit);
      let pending = loading.get(key);
      if (!pending) {
        const started = generation;
        pending = loader()
          .then((value) => {
            if (value !== null && started === generation) cache.set(key, value);
            return value;
          })
          .finally(() => {
            if (loading.get(key) === pending) loading.delete(key);
          });
        loading.set(key, pending);
      }
      return pending;
    },
    get size() {
      return entries.size;
    },
    delete(key) {
      entries.delete(key);
      loading.delete(key);
      generation += 1;
    },
    clear() {
      entries.clear();
      loading.clear();
      generation += 1;
    },
  };
  return cache;
}
