/**
 * The engine: webhook intake, workflow validation, replay, and the worker role (router on
 * `events`, executor on `runs`, recovery at start, the poller). See engine.ts for the public shape.
 */
import { setMaxListeners } from 'node:events';
import type { BusMessage, MessageHandler } from '@wireup/bus';
import type { Engine, EngineOptions } from './engine.ts';
import { createEngineContext } from './engine-context.ts';
import { acceptWebhook } from './intake.ts';
import { createRouter } from './router.ts';
import { createExecutor } from './executor.ts';
import { replayRun } from './replay.ts';
import { startTestRun } from './test-run.ts';
import { createDeadLetterSink, replayDeadLetter } from './dead-letters.ts';
import { recover } from './recovery.ts';
import { createPoller } from './poller.ts';
import { validateWorkflowDocument } from './validate-workflow.ts';
import { EngineStoppingError } from './errors.ts';

/** Events routed at once by one worker. */
const ROUTER_CONCURRENCY = 64;

/** Creates an engine over the given ports. Nothing runs until `startWorkers()`. */
export function createEngine(options: EngineOptions): Engine {
  const stopper = new AbortController();
  // Every action in flight and every retry wait listens for the stop: more than the default 10 is normal.
  setMaxListeners(0, stopper.signal);
  const ctx = createEngineContext(options, stopper.signal);
  const poller = createPoller(ctx);
  let started = false;

  // Once stop() begins, a delivered message is refused, so the bus keeps it for the next start;
  // the ones already being handled may finish within the stop's grace period.
  let draining = false;
  const inFlight = new Set<Promise<void>>();
  const guard =
    <T>(handler: (m: BusMessage<T>) => Promise<void>): MessageHandler<T> =>
    async (message) => {
      if (draining || stopper.signal.aborted) throw new EngineStoppingError();
      const handled = handler(message);
      inFlight.add(handled);
      try {
        await handled;
      } finally {
        inFlight.delete(handled);
      }
    };

  return {
    acceptWebhook: (delivery) => acceptWebhook(ctx, delivery),
    validateWorkflow: (document) => validateWorkflowDocument(document, ctx.connectors, { codeMaxima: ctx.code.maxima }),
    replayRun: (runId) => replayRun(ctx, runId),
    testRun: (request) => startTestRun(ctx, request),
    replayDeadLetter: (id) => replayDeadLetter(ctx, id),
    async startWorkers() {
      if (started) return;
      if (stopper.signal.aborted) throw new EngineStoppingError();
      started = true;
      ctx.bus.setDeadLetterSink(createDeadLetterSink(ctx));
      // Events are independent of each other (each has its own key), and routing one waits on a few
      // store and bus writes: more of them at once keeps the router from becoming the bottleneck.
      await ctx.bus.subscribe('events', guard(createRouter(ctx)), { concurrency: ROUTER_CONCURRENCY });
      await ctx.bus.subscribe('runs', guard(createExecutor(ctx)), { concurrency: ctx.runConcurrency });
      await recover(ctx);
      ctx.resumer.start();
      poller.start();
    },
    async stop(options = {}) {
      draining = true;
      const graceMs = options.graceMs ?? 0;
      let drained = inFlight.size === 0;
      if (!drained && graceMs > 0) {
        let timer: NodeJS.Timeout | undefined;
        drained = await Promise.race([
          Promise.allSettled([...inFlight]).then(() => true),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), graceMs);
          }),
        ]);
        clearTimeout(timer);
      }
      stopper.abort();
      ctx.resumer.stop();
      await poller.stopped();
      await ctx.code.sandbox.stop();
      return { drained };
    },
  };
}
