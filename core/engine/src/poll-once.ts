/**
 * One poll of one polling target (a connection's polling trigger): calls the trigger's `poll`
 * with the stored cursor, stores each item as an event deduplicated by
 * `<connectionId>:<connector>.<trigger>:<item id>`, publishes the new ones to `events`, and only
 * then saves the cursor. A crash or failure before the save repeats the poll from the old
 * cursor, and the dedupe makes that harmless.
 *
 * The first poll of a target (no state stored) is the baseline: the items it sees are stored
 * as already routed, so they never fire, and connecting an app with 10 000 records starts no
 * run. The baseline follows `hasMore` to the end before the target turns live.
 */
import { dedupeById, type Connector, type PollItem, type PollResult, type TriggerDefinition } from '@wireup/sdk';
import type { ConnectionRecord, EventRecord } from '@wireup/store';
import type { PollReport, PollTarget } from './engine.ts';
import type { EngineContext } from './engine-context.ts';
import { storeAndQueue } from './intake.ts';
import { PollResultInvalidError } from './errors.ts';
import { pollEventKeyOf, pollEventTypeOf, pollStateKeyOf } from './messages.ts';

/** What the Store's kv keeps per target, under `poll-cursor:<connectionId>:<connector>.<trigger>`. */
export interface PollState {
  cursor: string | null;
  /** `baseline` until the first poll has read everything that existed; `live` after. */
  phase: 'baseline' | 'live';
  updatedAt: string;
}

/** Pages fetched in one poll at most; a connector still saying `hasMore` continues at the next poll. */
export const MAX_PAGES_PER_POLL = 100;

/** Checks the shape a connector returned (connector code is third-party code). */
function checkResult(target: PollTarget, result: unknown): PollResult {
  const fail = (problem: string): never => {
    throw new PollResultInvalidError(target.connector, target.trigger, problem);
  };
  if (typeof result !== 'object' || result === null) return fail('it is not an object');
  const { items, cursor, hasMore } = result as Partial<PollResult>;
  if (!Array.isArray(items)) return fail('items is not an array');
  if (cursor !== null && typeof cursor !== 'string') return fail('cursor is neither a string nor null');
  if (hasMore !== undefined && typeof hasMore !== 'boolean') return fail('hasMore is not a boolean');
  items.forEach((item: Partial<PollItem>, i) => {
    if (typeof item !== 'object' || item === null || typeof item.id !== 'string' || item.id === '')
      fail(`items[${i}].id is not a non-empty string`);
  });
  return { items, cursor, hasMore: hasMore === true };
}

interface Counts {
  items: number;
  accepted: number;
  duplicates: number;
}

/** Stores a page's items (routed already in the baseline) and publishes those waiting to be routed. */
async function acceptItems(
  ctx: EngineContext,
  target: PollTarget,
  items: PollItem[],
  baseline: boolean,
  counts: Counts,
): Promise<void> {
  const type = pollEventTypeOf(target.connector, target.trigger);
  // One at a time, in the connector's order (oldest first), so events are stored and queued in the records'
  // order (runs may still start in another: the router takes several events at once).
  for (const item of dedupeById(items)) {
    const record: EventRecord = {
      key: pollEventKeyOf(target.connectionId, type, item.id),
      connectionId: target.connectionId,
      connector: target.connector,
      providerEventId: item.id,
      type,
      payload: baseline ? null : item.payload,
      status: baseline ? 'routed' : 'received',
      receivedAt: new Date().toISOString(),
    };
    // The baseline is stored as seen, never routed; other items are stored and queued (a duplicate
    // stored earlier but perhaps never queued, by a crash before the cursor was saved, is queued again).
    const { isNew, record: stored } = baseline
      ? await ctx.store.events.accept(record)
      : await storeAndQueue(ctx, record);
    if (isNew) counts.accepted++;
    else counts.duplicates++;
    if (!baseline) ctx.observer.eventAccepted(target.connector, !isNew);
    if (!baseline) ctx.observer.eventStored(stored, !isNew);
  }
  counts.items += items.length;
}

/** Polls one target until the connector has no more (or MAX_PAGES_PER_POLL), saving the cursor after each page. */
export async function pollOnce(
  ctx: EngineContext,
  target: PollTarget,
  trigger: TriggerDefinition,
  connection: ConnectionRecord,
): Promise<PollReport> {
  const t0 = performance.now();
  const key = pollStateKeyOf(target.connectionId, pollEventTypeOf(target.connector, target.trigger));
  const stored = await ctx.store.kv.get<PollState>(key);
  const baseline = !stored || stored.phase === 'baseline';
  let cursor = stored?.cursor ?? null;
  const counts: Counts = { items: 0, accepted: 0, duplicates: 0 };
  let pages = 0;
  const auth = ctx.openAuth(connection);
  while (pages < MAX_PAGES_PER_POLL && !ctx.stopping.aborted) {
    const result = checkResult(
      target,
      await trigger.poll!({
        auth,
        http: ctx.http,
        settings: ctx.settingsOf(target.connector),
        signal: ctx.stopping,
        cursor,
      }),
    );
    pages++;
    await acceptItems(ctx, target, result.items, baseline, counts);
    cursor = result.cursor;
    const state: PollState = {
      cursor,
      phase: baseline && result.hasMore ? 'baseline' : 'live',
      updatedAt: new Date().toISOString(),
    };
    await ctx.store.kv.set(key, state);
    if (!result.hasMore) break;
  }
  return {
    ...target,
    phase: baseline ? 'baseline' : 'live',
    pages,
    ...counts,
    durationMs: Math.round(performance.now() - t0),
  };
}

/** Forgets a target's cursor: the next workflow published on it starts with a new baseline. */
export async function forgetPollState(ctx: EngineContext, target: PollTarget): Promise<void> {
  await ctx.store.kv.delete(pollStateKeyOf(target.connectionId, pollEventTypeOf(target.connector, target.trigger)));
}

/** A trigger the poller can run: polling strategy and a `poll` function. */
export function isPollable(
  trigger: TriggerDefinition | undefined,
): trigger is TriggerDefinition & Required<Pick<TriggerDefinition, 'poll'>> {
  return trigger?.strategy === 'polling' && typeof trigger.poll === 'function';
}

/** The installed connectors that have at least one pollable trigger. */
export function pollingConnectors(connectors: Connector[]): Connector[] {
  return connectors.filter((c) => [...c.triggers.values()].some(isPollable));
}
