/**
 * Helpers for polling triggers: `definePollingTrigger` (a trigger with `strategy: 'polling'`
 * whose `poll` and interval the type checker requires) and `dedupeById`, for APIs whose pages
 * overlap (an inclusive `updated_since`, a cursor that repeats the last record).
 */
import type { PollContext, PollItem, PollResult, TriggerDefinition } from './types.ts';

/** A polling trigger as written by a connector: everything but `strategy` and `event`. */
export type PollingTriggerSpec = Omit<TriggerDefinition, 'strategy' | 'event' | 'poll' | 'pollIntervalSeconds'> & {
  /** How often to poll, in seconds (at least 10). */
  pollIntervalSeconds: number;
  /** Fetches the items after `ctx.cursor`, oldest first, and the cursor to start from next time. */
  poll: (ctx: PollContext) => Promise<PollResult>;
};

/** Declares a polling trigger. The engine keeps its cursor, dedupes items by id and fires nothing on the first poll. */
export function definePollingTrigger(spec: PollingTriggerSpec): TriggerDefinition {
  return { ...spec, strategy: 'polling' };
}

/** Keeps the first item of each id, in order. */
export function dedupeById<T extends Pick<PollItem, 'id'>>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out;
}
