/** Replay of a failed run: its succeeded steps are kept (and not repeated), the rest run again. */
import type { RunRecord } from '@wireup/store';
import type { EngineContext } from './engine-context.ts';
import { RunNotFoundError, RunNotReplayableError } from './errors.ts';
import { runKeyOf, type RunMessage } from './messages.ts';

/** Resets a failed run to queued and publishes it to `runs`. Throws when absent (404) or not failed (409). */
export async function replayRun(ctx: EngineContext, runId: string): Promise<RunRecord> {
  const run = await ctx.store.runs.get(runId);
  if (!run) throw new RunNotFoundError(runId);
  if (run.status !== 'failed') throw new RunNotReplayableError(runId, run.status);
  const reset = await ctx.store.runs.resetForReplay(runId);
  if (!reset) throw new RunNotFoundError(runId);
  ctx.observer.runUpdated(reset);
  // If this publish fails the run stays queued, and recovery at the next start re-queues it.
  await ctx.bus.publish('runs', runKeyOf(reset.workflowId, runId, ctx.runLanes), { runId } satisfies RunMessage);
  return reset;
}
