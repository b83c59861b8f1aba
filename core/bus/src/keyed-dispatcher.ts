/**
 * Per-key ordered, cross-key concurrent dispatch with redelivery: the delivery rules of the
 * EventBus port, shared by the embedded outbox bus and the in-memory bus. Deliveries with the
 * same key run one at a time in push order; a delivery whose handler throws blocks its key and
 * runs again after a delay; different keys run concurrently up to `concurrency`. A delivery
 * that failed `maxDeliveries` times (failures marked `retriable` do not count: outages are not
 * the message's fault) goes to `deadLetter` and, once that resolved, counts as handled.
 */
import { isRetriable } from '@wireup/sdk';

/** One message on its way to a handler. `deliveryAttempt` is bumped by the dispatcher after a failure. */
export interface Delivery {
  readonly key: string;
  deliveryAttempt: number;
  /** Failures counted towards maxDeliveries in this process (set by the dispatcher). */
  strikes?: number;
}

export interface KeyedDispatcherOptions<D extends Delivery> {
  /** Deliveries running at once, across keys. */
  concurrency: number;
  /** Runs the handler; a rejection means "deliver again later". */
  run(delivery: D): Promise<void>;
  /** Called once the handler resolved, before the next delivery of the same key starts. */
  acknowledge(delivery: D): void;
  /** Called after the handler rejected, with the attempt that failed (before it is bumped). */
  failed?(delivery: D, error: unknown): void;
  /** Delay before delivering again after `failures` failed attempts (1, 2, ...). */
  redeliveryDelayMs(failures: number): number;
  /** Counted failures after which a delivery is dead-lettered (read on every failure). Unset or 0: never. */
  maxDeliveries?(): number;
  /** Takes a delivery that failed maxDeliveries times; resolving acknowledges it, rejecting redelivers it. */
  deadLetter?(delivery: D, error: unknown): Promise<void>;
}

export interface KeyedDispatcher<D extends Delivery> {
  /** Queues a delivery behind the others of its key. Ignored once stopped. */
  push(delivery: D): void;
  /** Begins running deliveries (pushes before this only queue). */
  start(): void;
  /** Deliveries queued or running, not yet acknowledged. */
  readonly pending: number;
  /** Deliveries of one key queued or running. */
  queued(key: string): number;
  setConcurrency(concurrency: number): void;
  /** Stops starting deliveries, cancels pending redeliveries, and resolves when handlers in flight have settled. */
  stop(): Promise<void>;
}

/** Exponential redelivery delay: base, 2×base, 4×base, ... capped at max. */
export function exponentialDelay(baseMs: number, maxMs: number): (failures: number) => number {
  return (failures) => Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
}

/** Creates a dispatcher; see the module comment for its rules. */
export function createKeyedDispatcher<D extends Delivery>(options: KeyedDispatcherOptions<D>): KeyedDispatcher<D> {
  let concurrency = Math.max(1, options.concurrency);
  const lanes = new Map<string, D[]>();
  let ready: string[] = [];
  let readyHead = 0;
  let running = 0;
  let pending = 0;
  let started = false;
  let stopped = false;
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const markReady = (key: string): void => {
    ready.push(key);
  };

  const takeReady = (): string | undefined => {
    if (readyHead >= ready.length) return undefined;
    const key = ready[readyHead++];
    if (readyHead > 1024 && readyHead * 2 > ready.length) {
      ready = ready.slice(readyHead);
      readyHead = 0;
    }
    return key;
  };

  const settle = (key: string, lane: D[], delivery: D, _error: unknown, ok: boolean): void => {
    running -= 1;
    if (ok) {
      lane.shift();
      pending -= 1;
      options.acknowledge(delivery);
      if (lane.length > 0) markReady(key);
      else lanes.delete(key);
    } else if (!stopped) {
      const delay = options.redeliveryDelayMs(delivery.deliveryAttempt);
      delivery.deliveryAttempt += 1;
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (stopped) return;
        markReady(key);
        pump();
      }, delay);
      timers.add(timer);
    }
    pump();
  };

  /** After a failure: whether this delivery has failed often enough to be dead-lettered. */
  const exhausted = (delivery: D, error: unknown): boolean => {
    if (!isRetriable(error)) delivery.strikes = (delivery.strikes ?? 0) + 1;
    const max = options.maxDeliveries?.() ?? 0;
    return options.deadLetter !== undefined && max > 0 && (delivery.strikes ?? 0) >= max;
  };

  /** After the handler rejected: reports it, then dead-letters the delivery or schedules it again. */
  const onFailure = async (key: string, lane: D[], delivery: D, error: unknown): Promise<void> => {
    if (stopped) return settle(key, lane, delivery, error, false);
    const dead = exhausted(delivery, error);
    options.failed?.(delivery, error);
    if (dead) {
      try {
        await options.deadLetter!(delivery, error);
        return settle(key, lane, delivery, undefined, true);
      } catch (sinkError) {
        // Not taken: the message stays, and is delivered (and offered to the sink) again.
        options.failed?.(delivery, sinkError);
      }
    }
    settle(key, lane, delivery, error, false);
  };

  const begin = (key: string, lane: D[]): void => {
    const delivery = lane[0];
    running += 1;
    const task = Promise.resolve()
      .then(() => options.run(delivery))
      .then(
        () => settle(key, lane, delivery, undefined, true),
        (error: unknown) => onFailure(key, lane, delivery, error),
      )
      // acknowledge/failed are the caller's bookkeeping and must not throw; never leave a rejection unhandled.
      .catch(() => undefined);
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };

  function pump(): void {
    while (started && !stopped && running < concurrency) {
      const key = takeReady();
      if (key === undefined) return;
      const lane = lanes.get(key);
      if (lane && lane.length > 0) begin(key, lane);
    }
  }

  return {
    push(delivery) {
      if (stopped) return;
      pending += 1;
      const lane = lanes.get(delivery.key);
      if (lane) {
        lane.push(delivery);
        return;
      }
      lanes.set(delivery.key, [delivery]);
      markReady(delivery.key);
      pump();
    },
    start() {
      started = true;
      pump();
    },
    get pending() {
      return pending;
    },
    queued: (key) => lanes.get(key)?.length ?? 0,
    setConcurrency(next) {
      concurrency = Math.max(1, next);
      pump();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
