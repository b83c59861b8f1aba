/**
 * What every process of a deployment hears from the others: messages on the bus topic
 * `workflows`, to which each process subscribes with a consumer group of its own (as the
 * marketplace's topic; `temporary`, so the bus deletes it at stop), so every process gets every
 * message. Each message names the process that sent it (`origin`); a process skips its own,
 * since it already acted on them in-process.
 *
 * Only a bus that several processes share (Kafka) carries them: on the embedded outbox the
 * process is alone, `send` does nothing and nothing subscribes. A new consumer group reads the
 * topic from its beginning, so messages sent well before this process started (it read the
 * Store at start-up instead) are skipped. Handlers are best effort: a failure is logged, not
 * redelivered (a missed message costs a page rebuild or a test event, never data).
 */
import { randomBytes } from 'node:crypto';
import type { EventBus } from '@wireup/bus';
import type { Logger } from '@wireup/runtime';

/** What a broadcast message carries besides its own fields. */
export interface BroadcastEnvelope {
  type: string;
  /** The sending process (`Broadcast.origin`). */
  origin: string;
  /** When it was sent (ISO 8601). */
  at: string;
}

export type BroadcastHandler<T> = (message: T & BroadcastEnvelope) => void | Promise<void>;

export interface Broadcast {
  /** This process's id, carried by every message it sends. */
  readonly origin: string;
  /** Whether other processes can hear this one (the bus is shared); false on the embedded outbox. */
  readonly shared: boolean;
  /** Sends to every other process; resolves once the bus holds the message. Does nothing when not shared. */
  send(key: string, message: { type: string } & Record<string, unknown>): Promise<void>;
  /** Calls `handler` on each message of `type` another process sent. */
  on<T>(type: string, handler: BroadcastHandler<T>): void;
}

/** Messages sent this long before the process started are skipped (a new group replays the whole topic). */
export const REPLAY_CUTOFF_MS = 30_000;

/** Subscribes (before `bus.start()`) when `shared`; handlers may be added later. */
export async function createBroadcast(options: {
  bus: EventBus;
  shared: boolean;
  log: Logger;
  now?: () => number;
}): Promise<Broadcast> {
  const { bus, shared, log } = options;
  const now = options.now ?? Date.now;
  const origin = randomBytes(6).toString('hex');
  const since = now() - REPLAY_CUTOFF_MS;
  const handlers = new Map<string, Array<BroadcastHandler<unknown>>>();

  if (shared) {
    await bus.subscribe<BroadcastEnvelope>(
      'workflows',
      async ({ value }) => {
        if (!value || typeof value !== 'object' || value.origin === origin) return;
        if (!(Date.parse(value.at) >= since)) return;
        for (const handler of handlers.get(value.type) ?? []) {
          try {
            await handler(value);
          } catch (error) {
            log.error({ err: error, type: value.type, from: value.origin }, `a ${value.type} broadcast handler failed`);
          }
        }
      },
      { group: `workflows-${origin}`, concurrency: 4, temporary: true },
    );
  }

  return {
    origin,
    shared,
    async send(key, message) {
      if (!shared) return;
      await bus.publish('workflows', key, { ...message, origin, at: new Date(now()).toISOString() });
    },
    on(type, handler) {
      const list = handlers.get(type) ?? [];
      list.push(handler as BroadcastHandler<unknown>);
      handlers.set(type, list);
    },
  };
}
