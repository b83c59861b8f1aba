/**
 * Start-up recovery: work a crash left half done is queued again. Events stored but not routed
 * go back to `events`; runs queued or running go back to `runs` (the executor never repeats a
 * checkpointed step, and the router never creates a run twice, so re-queueing is harmless).
 */
import type { RunRecord } from '@wireup/store';
import type { EngineContext } from './engine-context.ts';
import { runKeyOf, type EventMessage, type RunMessage } from './messages.ts';

/** Events recovered in one start (the oldest first); more stay unrouted until the next start. */
const EVENT_LIMIT = 10_000;
const RUN_PAGE = 500;

async function unfinishedRuns(ctx: EngineContext): Promise<RunRecord[]> {
  const runs: RunRecord[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await ctx.store.runs.list({ status: ['queued', 'running'], limit: RUN_PAGE, ...(before ? { before } : {}) });
    runs.push(...page);
    if (page.length < RUN_PAGE) return runs;
    before = page[page.length - 1].id;
  }
}

/** Re-queues unrouted events and unfinished runs. Returns how many of each. */
export async function recover(ctx: EngineContext): Promise<{ events: number; runs: number }> {
  const events = await ctx.store.events.listUnrouted(EVENT_LIMIT);
  for (const event of events) await ctx.bus.publish('events', event.key, { key: event.key } satisfies EventMessage);
  // list() is newest first; re-queue oldest first so each workflow keeps its order.
  const runs = (await unfinishedRuns(ctx)).reverse();
  for (const run of runs) await ctx.bus.publish('runs', runKeyOf(run.workflowId, run.id, ctx.runLanes), { runId: run.id } satisfies RunMessage);
  return { events: events.length, runs: runs.length };
}
