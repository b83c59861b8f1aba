/**
 * "Listen for a test event" (the editor's mapping panel): a request waits here for the next
 * event the engine durably stores (its `eventStored` hook, after the bus has the event, so the
 * 2xx promise is kept first) that its workflow's trigger fires on. The hub itself is in-process;
 * test-event-relay.ts brings it the deliveries other processes take.
 */
import type { EventRecord } from '@wireup/store';

/** Listeners waiting at once, across all workflows; one more ends the oldest (it answers "nothing yet" and may listen again). */
const MAX_LISTENERS = 100;

export interface TestEventHub {
  /** Hands a stored event to the listeners it matches (each gets it once, then stops listening). */
  deliver(event: EventRecord): void;
  /**
   * The next delivered event `accepts`, or null when `timeoutMs` passes, `signal` aborts, or
   * MAX_LISTENERS newer listeners came after this one.
   */
  next(listener: TestEventListener, timeoutMs: number, signal?: AbortSignal): Promise<EventRecord | null>;
  /** How many requests are listening. */
  readonly listening: number;
}

/** What a listener waits for: an event of its trigger connection that its trigger fires on. */
export interface TestEventListener {
  connectionId: string;
  accepts(event: EventRecord): boolean;
}

interface Waiter {
  accepts(event: EventRecord): boolean;
  settle(event: EventRecord | null): void;
}

export function createTestEventHub(): TestEventHub {
  const waiters = new Set<Waiter>();
  return {
    deliver(event) {
      for (const waiter of [...waiters]) {
        if (waiter.accepts(event)) waiter.settle(event);
      }
    },
    next({ accepts }, timeoutMs, signal) {
      if (waiters.size >= MAX_LISTENERS) waiters.values().next().value!.settle(null);
      return new Promise((resolve) => {
        const onAbort = (): void => waiter.settle(null);
        const timer = setTimeout(onAbort, timeoutMs);
        const waiter: Waiter = {
          accepts,
          settle(event) {
            if (!waiters.delete(waiter)) return;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            resolve(event);
          },
        };
        waiters.add(waiter);
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    get listening() {
      return waiters.size;
    },
  };
}
