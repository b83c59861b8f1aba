/**
 * Start-up recovery: runs stored as queued or running go back to `runs` (the executor never
 * repeats a checkpointed step, so re-queueing is harmless). Events need none: an event's message
 * is committed with it (the embedded outbox) or acknowledged by the bus before its 2xx (Kafka),
 * and the bus delivers it until the router has handled it; a webhook stored whose publish failed
 * was answered 503, and the provider's retry publishes it again.
 */
import type { RunRecord } from '@wireup/store';
import type { EngineContext } from './engine-context.ts';
import { runKeyOf, type RunMessage } from './messages.ts';

const RUN_PAGE = 500;

async function unfinishedRuns(ctx: EngineContext): Promise<RunRecord[]> {
  const runs: RunRecord[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await ctx.store.runs.list({
      status: ['queued', 'running'],
      limit: RUN_PAGE,
      ...(before ? { before } : {}),
    });
    runs.push(...page);
    if (page.length < RUN_PAGE) return runs;
    before = page[page.length - 1].id;
  }
}

/** Re-queues unfinished runs. Returns how many (`events` is always 0: see above). */
export async function recover(ctx: EngineContext): Promise<{ events: number; runs: number }> {
  // list() is newest first; re-queue oldest first so each workflow keeps its order.
  const runs = (await unfinishedRuns(ctx)).reverse();
  for (const run of runs)
    await ctx.bus.publish('runs', runKeyOf(run.workflowId, run.id, ctx.runLanes), {
      runId: run.id,
    } satisfies RunMessage);
  return { events: 0, runs: runs.length };
}
