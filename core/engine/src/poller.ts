/**
 * The poller (worker role): one loop per polling target (a connection's polling trigger that a
 * published workflow uses). A scan every `polling.scanIntervalMs` starts loops for new targets;
 * each loop polls at once, then every `pollIntervalSeconds` (times `polling.intervalScale`),
 * and ends by itself when no published workflow uses its target any more (forgetting the
 * cursor, so a later publish starts with a fresh baseline). Failures are reported to the
 * observer and retried at a growing interval; they never end the loop or the worker.
 */
import { RateLimitedError, isRetriable, type TriggerDefinition } from '@wireup/sdk';
import type { PollTarget } from './engine.ts';
import type { EngineContext } from './engine-context.ts';
import { forgetPollState, isPollable, pollOnce } from './poll-once.ts';
import { isPublished, listPollTargets, pollTargetId } from './poll-targets.ts';

export interface Poller {
  /** Starts scanning for targets (the first scan at once). */
  start(): void;
  /** Resolves when every loop has ended (the engine's stop signal ends them), or after a grace period. */
  stopped(): Promise<void>;
}

type StopReason = 'unpublished' | 'stopping' | 'unavailable';
type Tick = { wait: number; failures: number } | { end: StopReason };

/** How long `stopped()` waits for a connector's poll that ignores the abort signal. */
const STOP_GRACE_MS = 10_000;
const DEFAULT_INTERVAL_SECONDS = 60;

/** Waits `ms`, or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function intervalOf(ctx: EngineContext, trigger: TriggerDefinition | undefined): number {
  return Math.max(1, (trigger?.pollIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS) * 1000 * ctx.polling.intervalScale);
}

/** The wait after the n-th failure in a row: the interval doubled each time, capped; a provider's Retry-After when longer. */
export function backoffDelay(intervalMs: number, failures: number, maxBackoffMs: number, error: unknown): number {
  const cap = Math.max(intervalMs, maxBackoffMs);
  const delay = Math.min(cap, intervalMs * 2 ** Math.min(failures - 1, 30));
  return error instanceof RateLimitedError ? Math.max(delay, Math.min(cap, error.retryAfterMs)) : delay;
}

async function tick(ctx: EngineContext, target: PollTarget, failures: number): Promise<Tick> {
  const trigger = ctx.connectors.get(target.connector)?.triggers.get(target.trigger);
  const interval = intervalOf(ctx, trigger);
  try {
    if (!(await isPublished(ctx, target))) {
      await forgetPollState(ctx, target);
      return { end: 'unpublished' };
    }
    const connection = await ctx.store.connections.get(target.connectionId);
    if (!isPollable(trigger) || !connection) {
      ctx.observer.error(
        `Polling ${pollTargetId(target)} ended: ${connection ? 'the connector or its polling trigger is not installed' : 'the connection no longer exists'}.`,
        undefined,
      );
      return { end: 'unavailable' };
    }
    const report = await pollOnce(ctx, target, trigger, connection);
    if (ctx.stopping.aborted) return { end: 'stopping' };
    ctx.observer.polled(report);
    return { wait: interval, failures: 0 };
  } catch (error) {
    if (ctx.stopping.aborted) return { end: 'stopping' };
    const wait = backoffDelay(interval, failures + 1, ctx.polling.maxBackoffMs, error);
    const kind = isRetriable(error) ? 'retriable' : 'not retriable';
    ctx.observer.error(
      `Polling ${pollTargetId(target)} failed (${kind}, ${failures + 1} in a row); the cursor was kept, next poll in ${wait} ms.`,
      error,
    );
    return { wait, failures: failures + 1 };
  }
}

async function runLoop(ctx: EngineContext, target: PollTarget): Promise<void> {
  let failures = 0;
  for (;;) {
    const next = ctx.stopping.aborted ? { end: 'stopping' as const } : await tick(ctx, target, failures);
    if ('end' in next) {
      ctx.observer.pollStopped(target, next.end);
      return;
    }
    failures = next.failures;
    await pause(next.wait, ctx.stopping);
  }
}

/** Creates the poller of an engine; it ends when the engine's `stopping` signal aborts. */
export function createPoller(ctx: EngineContext): Poller {
  const loops = new Map<string, Promise<void>>();
  let scanner: Promise<void> | undefined;

  async function scan(): Promise<void> {
    while (!ctx.stopping.aborted) {
      try {
        for (const target of await listPollTargets(ctx)) {
          const id = pollTargetId(target);
          if (loops.has(id) || ctx.stopping.aborted) continue;
          loops.set(
            id,
            runLoop(ctx, target).finally(() => loops.delete(id)),
          );
        }
      } catch (error) {
        ctx.observer.error('Could not list the published polling workflows; trying again at the next scan.', error);
      }
      await pause(ctx.polling.scanIntervalMs, ctx.stopping);
    }
  }

  return {
    start() {
      if (!scanner && ctx.polling.enabled) scanner = scan();
    },
    async stopped() {
      const all = Promise.allSettled([scanner, ...loops.values()]);
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_GRACE_MS);
        timer.unref();
      });
      await Promise.race([all, grace]);
      clearTimeout(timer);
    },
  };
}
