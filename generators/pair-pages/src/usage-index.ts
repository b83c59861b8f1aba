/** Indexes usage records by ordered app pair, most-used first. */
import type { UsageRecord } from './types.ts';

/** One trigger × action pairing of an app pair, with its workflow count. */
export interface PairUsage {
  trigger: string;
  action: string;
  count: number;
}

/** Usage per `"<triggerApp>\u0000<actionApp>"`, each list sorted by count descending. */
export type UsageIndex = Map<string, PairUsage[]>;

/** The index key of an ordered app pair. */
export const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;

function split(id: string): [string, string] | undefined {
  const dot = id.indexOf('.');
  return dot > 0 && dot < id.length - 1 ? [id.slice(0, dot), id.slice(dot + 1)] : undefined;
}

/** Builds the index; records with malformed ids or a count ≤ 0 are ignored, duplicates are summed. */
export function indexUsage(records: UsageRecord[] = []): UsageIndex {
  const sums = new Map<string, Map<string, PairUsage>>();
  for (const r of records) {
    const t = split(r.trigger);
    const a = split(r.action);
    if (!t || !a || !(r.count > 0)) continue;
    const key = pairKey(t[0], a[0]);
    const byPairing = sums.get(key) ?? new Map<string, PairUsage>();
    const id = `${t[1]} ${a[1]}`;
    const entry = byPairing.get(id) ?? { trigger: t[1], action: a[1], count: 0 };
    entry.count += r.count;
    byPairing.set(id, entry);
    sums.set(key, byPairing);
  }
  const index: UsageIndex = new Map();
  for (const [key, byPairing] of sums)
    index.set(
      key,
      [...byPairing.values()].sort((x, y) => y.count - x.count),
    );
  return index;
}
