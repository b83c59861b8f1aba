/**
 * Parked runs (status `waiting`: an action's next attempt is due only after a provider's long
 * Retry-After) are published to `runs` again when their wait is over. The store is the record:
 * the executor parks a run by writing it `waiting` with the step's `retryAt`, and schedules a
 * timer here. A sweep of the store (at start and every `resumeSweepMs`) schedules the waiting
 * runs due soon that this process has no timer for: runs parked before a restart, or by another
 * worker that stopped. Publishing twice is harmless: the executor re-parks a run woken early
 * and skips a finished one.
 */
import type { RunRecord } from '@wireup/store';
import type { EngineContext } from './engine-context.ts';
import { runKeyOf, type RunMessage } from './messages.ts';

/** Waiting runs read per sweep page, and pages per sweep at most. */
const SWEEP_PAGE = 500;
const SWEEP_PAGES = 20;

export interface ResumeScheduler {
  /** Publishes the run to `runs` at `at` (epoch ms) from a timer of this process. */
  schedule(run: Pick<RunRecord, 'id' | 'workflowId'>, at: number): void;
  /** Sweeps now and then every `resumeSweepMs`. */
  start(): void;
  /** Cancels every timer (the store still says waiting: the next start's sweep picks them up). */
  stop(): void;
}

/** When a waiting run's next attempt is due: its waiting step's `retryAt` (now when it has none). */
export function resumeAtOf(run: RunRecord, now = Date.now()): number {
  const at = Date.parse(run.steps.find((s) => s.status === 'waiting')?.retryAt ?? '');
  return Number.isFinite(at) ? at : now;
}

export function createResumeScheduler(ctx: EngineContext): ResumeScheduler {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let sweeper: ReturnType<typeof setInterval> | undefined;
  let sweeping = false;
  let stopped = false;

  const publish = async (run: Pick<RunRecord, 'id' | 'workflowId'>): Promise<void> => {
    timers.delete(run.id);
    try {
      await ctx.bus.publish('runs', runKeyOf(run.workflowId, run.id, ctx.runLanes), {
        runId: run.id,
      } satisfies RunMessage);
    } catch (error) {
      // The run is still waiting in the store: the next sweep schedules it again.
      ctx.observer.error(`Could not resume parked run ${run.id}; the next sweep tries again`, error);
    }
  };

  const schedule = (run: Pick<RunRecord, 'id' | 'workflowId'>, at: number): void => {
    if (stopped) return;
    const previous = timers.get(run.id);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => void publish(run), Math.max(0, at - Date.now()));
    timer.unref?.();
    timers.set(run.id, timer);
  };

  const sweep = async (): Promise<void> => {
    if (sweeping || stopped) return;
    sweeping = true;
    try {
      const horizon = Date.now() + 2 * ctx.resumeSweepMs;
      let before: string | undefined;
      for (let page = 0; page < SWEEP_PAGES; page += 1) {
        const runs = await ctx.store.runs.list({
          status: ['waiting'],
          limit: SWEEP_PAGE,
          ...(before ? { before } : {}),
        });
        for (const run of runs) {
          const at = resumeAtOf(run);
          if (!timers.has(run.id) && at <= horizon) schedule(run, at);
        }
        if (runs.length < SWEEP_PAGE) break;
        before = runs[runs.length - 1].id;
      }
    } catch (error) {
      ctx.observer.error('Could not look for parked runs to resume; the next sweep tries again', error);
    } finally {
      sweeping = false;
    }
  };

  return {
    schedule,
    start() {
      if (sweeper || stopped) return;
      void sweep();
      sweeper = setInterval(() => void sweep(), ctx.resumeSweepMs);
      sweeper.unref?.();
    },
    stop() {
      stopped = true;
      if (sweeper) clearInterval(sweeper);
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
