/**
 * One (topic, group) of the outbox bus: reads pending rows in batches into a keyed dispatcher
 * and turns handler outcomes into acknowledgements or failure counts. At most `maxBuffered`
 * messages are held in memory; the rest wait in the file.
 */
import type { BusMessage, MessageHandler, Topic } from './event-bus.ts';
import { createKeyedDispatcher, type Delivery, type KeyedDispatcher } from './keyed-dispatcher.ts';
import type { OutboxJournal } from './outbox-journal.ts';

interface OutboxDelivery extends Delivery {
  id: number;
  value: string;
}

export interface OutboxConsumerOptions {
  topic: Topic;
  group: string;
  journal: OutboxJournal;
  concurrency: number;
  batchSize: number;
  maxBuffered: number;
  redeliveryDelayMs(failures: number): number;
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
  const { topic, group, journal } = options;
  const handlers: MessageHandler[] = [];
  let concurrency = 0;
  let cursor = 0;
  let started = false;
  let stopped = false;
  let wakeScheduled = false;
  let moreInFile = false;

  const message = (d: OutboxDelivery): BusMessage => ({ topic, key: d.key, value: JSON.parse(d.value) as unknown, deliveryAttempt: d.deliveryAttempt });

  const dispatcher: KeyedDispatcher<OutboxDelivery> = createKeyedDispatcher<OutboxDelivery>({
    concurrency: 1,
    redeliveryDelayMs: options.redeliveryDelayMs,
    run: (d) => pickHandler(handlers, d.key)(message(d)),
    acknowledge(d) {
      journal.acknowledge(topic, group, d.id);
      // Room freed in the buffer: read the rows left in the file by a full batch.
      if (moreInFile && dispatcher.pending < options.maxBuffered / 2) wake();
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

  const fill = (): void => {
    wakeScheduled = false;
    if (!started || stopped) return;
    const room = options.maxBuffered - dispatcher.pending;
    if (room <= 0) {
      moreInFile = true;
      return;
    }
    const limit = Math.min(room, options.batchSize);
    const rows = journal.fetch(topic, group, cursor, limit);
    for (const row of rows) dispatcher.push({ id: row.id, key: row.key, value: row.value, deliveryAttempt: row.failures + 1 });
    if (rows.length > 0) cursor = rows[rows.length - 1].id;
    moreInFile = rows.length === limit;
    if (moreInFile && dispatcher.pending < options.maxBuffered) wake();
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
