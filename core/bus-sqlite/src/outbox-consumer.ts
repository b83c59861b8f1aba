/**
 * One (topic, group) of the outbox bus: reads pending rows in batches into a keyed dispatcher
 * and turns handler outcomes into acknowledgements or failure counts.
 *
 * Memory is bounded twice. At most `maxBuffered` messages are held in all; the rest wait in
 * the file. And one key holds at most `maxBufferedPerKey`: past that its messages are
 * "parked" (left in the file from `parkedFrom` on) and read back by key as its queue drains,
 * so a key whose handler keeps failing cannot fill the buffer and starve the other keys.
 */
import type { BusMessage, MessageHandler, Topic } from '@wireup/bus';
import { createKeyedDispatcher, type Delivery, type KeyedDispatcher } from '@wireup/bus';
import type { OutboxJournal, OutboxRow } from './outbox-journal.ts';

interface OutboxDelivery extends Delivery {
  id: number;
  value: string;
}

export interface OutboxConsumerOptions {
  topic: Topic;
  group: string;
  journal: OutboxJournal;
  batchSize: number;
  maxBuffered: number;
  maxBufferedPerKey: number;
  redeliveryDelayMs(failures: number): number;
  /** Counted failures after which a message goes to `deadLetter` (0: never). */
  maxDeliveries(): number;
  /** Takes a message that failed maxDeliveries times; resolving acknowledges it. */
  deadLetter(message: BusMessage, error: unknown): Promise<void>;
  /** Hears handler failures (with the message) and read errors (without). */
  onError?(error: unknown, message?: BusMessage): void;
}

export interface OutboxConsumer {
  addHandler(handler: MessageHandler, concurrency: number): void;
  start(): void;
  /** Reads newly pending rows (soon, coalesced). */
  wake(): void;
  stop(): Promise<void>;
}

function pickHandler(handlers: MessageHandler[], key: string): MessageHandler {
  if (handlers.length === 1) return handlers[0];
  let hash = 0;
  for (let i = 0; i < key.length; i += 1) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return handlers[Math.abs(hash) % handlers.length];
}

export function createOutboxConsumer(options: OutboxConsumerOptions): OutboxConsumer {
  const { topic, group, journal, maxBuffered } = options;
  const perKey = Math.max(1, Math.min(options.maxBufferedPerKey, Math.floor(maxBuffered / 2)));
  const handlers: MessageHandler[] = [];
  let concurrency = 0;
  /** Highest message id read by the main scan; parked keys are read back up to it. */
  let cursor = 0;
  /** Parked keys and the first message id of theirs left in the file. */
  const parked = new Map<string, number>();
  const toRefill = new Set<string>();
  let started = false;
  let stopped = false;
  let wakeScheduled = false;
  let moreInFile = false;

  const message = (d: OutboxDelivery): BusMessage => ({
    topic,
    key: d.key,
    value: JSON.parse(d.value) as unknown,
    deliveryAttempt: d.deliveryAttempt,
  });
  const deliver = (row: OutboxRow): void => {
    dispatcher.push({ id: row.id, key: row.key, value: row.value, deliveryAttempt: row.failures + 1 });
  };

  const dispatcher: KeyedDispatcher<OutboxDelivery> = createKeyedDispatcher<OutboxDelivery>({
    concurrency: 1,
    redeliveryDelayMs: options.redeliveryDelayMs,
    maxDeliveries: options.maxDeliveries,
    deadLetter: (d, error) => options.deadLetter(message(d), error),
    run: (d) => pickHandler(handlers, d.key)(message(d)),
    acknowledge(d) {
      journal.acknowledge(topic, group, d.id);
      if (parked.has(d.key) && dispatcher.queued(d.key) <= Math.ceil(perKey / 2)) toRefill.add(d.key);
      if (toRefill.size > 0 || (moreInFile && dispatcher.pending < maxBuffered / 2)) wake();
    },
    failed(d, error) {
      try {
        journal.recordFailure(topic, group, d.id, d.deliveryAttempt);
      } catch {
        // Only the attempt count after a restart is affected; the message itself is still pending.
      }
      options.onError?.(error, message(d));
    },
  });

  /** Reads back a parked key's messages, oldest first, up to what the main scan has passed. */
  const refill = (key: string): void => {
    const from = parked.get(key);
    if (from === undefined) return;
    const limit = perKey - dispatcher.queued(key);
    if (limit <= 0) return;
    const rows = journal.fetchKey(topic, group, key, from, cursor, limit);
    rows.forEach(deliver);
    if (rows.length < limit) parked.delete(key);
    else parked.set(key, rows[rows.length - 1].id + 1);
  };

  const scan = (): void => {
    const room = maxBuffered - dispatcher.pending;
    if (room <= 0) {
      moreInFile = true;
      return;
    }
    const limit = Math.min(room, options.batchSize);
    const rows = journal.fetch(topic, group, cursor, limit);
    for (const row of rows) {
      if (parked.has(row.key)) continue;
      if (dispatcher.queued(row.key) >= perKey) parked.set(row.key, row.id);
      else deliver(row);
    }
    if (rows.length > 0) cursor = rows[rows.length - 1].id;
    moreInFile = rows.length === limit;
  };

  const fill = (): void => {
    wakeScheduled = false;
    if (!started || stopped) return;
    for (const key of toRefill) refill(key);
    toRefill.clear();
    scan();
    if (moreInFile && dispatcher.pending < maxBuffered) wake();
  };

  function wake(): void {
    if (wakeScheduled || !started || stopped) return;
    wakeScheduled = true;
    setImmediate(() => {
      try {
        fill();
      } catch (error) {
        // The file is busy or closing; the next poll tries again.
        options.onError?.(error);
      }
    });
  }

  return {
    addHandler(handler, handlerConcurrency) {
      handlers.push(handler);
      concurrency += handlerConcurrency;
      dispatcher.setConcurrency(concurrency);
      wake();
    },
    start() {
      started = true;
      dispatcher.start();
      wake();
    },
    wake,
    async stop() {
      stopped = true;
      await dispatcher.stop();
    },
  };
}
