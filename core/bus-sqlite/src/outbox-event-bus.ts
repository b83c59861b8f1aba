/**
 * OutboxEventBus: the embedded EventBus. `publish` is a committed insert into an outbox table
 * of a SQLite file (the publishes of one event-loop turn share one commit: outbox-journal.ts);
 * in-process consumers read it in batches (woken by each publish, and by a poll as a safety
 * net) and delete a message only after its handler resolved. A handler that throws gets the
 * message again after an exponential, capped delay. Per key: one at a time, publish order;
 * across keys: up to `concurrency` per subscription. Everything not yet acknowledged is
 * delivered again after a restart (at least once). A message that failed `maxDeliveries` times
 * goes to the dead-letter sink and is then deleted. One process owns the file.
 */
import { BusUnavailableError } from '@wireup/bus';
import {
  DEFAULT_MAX_DELIVERIES,
  topics,
  type BusMessage,
  type DeadLetterSink,
  type EventBus,
  type MessageHandler,
  type SubscribeOptions,
  type Topic,
} from '@wireup/bus';
import { deadLetterOf } from '@wireup/bus';
import { exponentialDelay } from '@wireup/bus';
import { createOutboxConsumer, type OutboxConsumer } from './outbox-consumer.ts';
import { migrateOutbox, openOutboxDatabase } from './outbox-database.ts';
import { createOutboxJournal, type SharedSqlite } from './outbox-journal.ts';

export type { SharedSqlite } from './outbox-journal.ts';

export interface OutboxEventBusOptions {
  /** The SQLite file (may be the store's file), created with its folder when absent. Ignored with `sqlite`. */
  path?: string;
  /**
   * The store's connection (@wireup/store-sqlite `SqliteStore.sqlite`): the outbox lives in the
   * store's file, writes through the store's group commit, and can `stage` a message inside a
   * store transaction. The store opens and closes it.
   */
  sqlite?: SharedSqlite;
  /** How often consumers look for rows they were not woken for. Default 250 ms. */
  pollIntervalMs?: number;
  /** Delay before the first redelivery after a handler throws; doubles each time. Default 100 ms. */
  redeliveryDelayMs?: number;
  /** Upper bound of the redelivery delay. Default 30 000 ms. */
  maxRedeliveryDelayMs?: number;
  /** Rows read per query. Default 256. */
  batchSize?: number;
  /** Messages held in memory per subscription group; the rest wait in the file. Default 2048. */
  maxBuffered?: number;
  /** Messages of one key held in memory (at most half of maxBuffered), so a stuck key cannot starve the others. Default 64. */
  maxBufferedPerKey?: number;
  /** Failed deliveries (not counting outages) after which a message goes to the dead-letter sink. Default 10. */
  maxDeliveries?: number;
  /** How long a write waits for another connection's lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Hears handler failures (with the message; it is redelivered regardless) and internal read/write errors (without). */
  onError?(error: unknown, message?: BusMessage): void;
}

const DEFAULT_GROUP = 'wireup';
const DEFAULT_CONCURRENCY = 16;

/** The embedded EventBus, and what only it offers. */
export interface OutboxEventBus extends EventBus {
  /**
   * Publishes inside a transaction the store is running on the shared connection (option
   * `sqlite`): the message is committed, or rolled back, with the store's write. Synchronous:
   * call it only from a write of that connection's group commit.
   */
  stage(topic: Topic, key: string, value: unknown): void;
}

/** Opens (and migrates) the outbox in the SQLite file at `options.path`, or on the store's connection (`options.sqlite`). Throws BusUnavailableError when it cannot. */
export function createOutboxEventBus(options: OutboxEventBusOptions): OutboxEventBus {
  if (!options.sqlite && options.path === undefined)
    throw new TypeError('createOutboxEventBus needs `path` or `sqlite`.');
  const db = options.sqlite
    ? migrateOutbox(options.sqlite.db)
    : openOutboxDatabase(options.path!, options.busyTimeoutMs);
  const journal = createOutboxJournal(db, (error) => options.onError?.(error), options.sqlite);
  const redeliveryDelayMs = exponentialDelay(options.redeliveryDelayMs ?? 100, options.maxRedeliveryDelayMs ?? 30_000);
  const consumers = new Map<Topic, Map<string, OutboxConsumer>>(topics.map((t) => [t, new Map()]));
  let started = false;
  let stopping: Promise<void> | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  let sink: DeadLetterSink | undefined;
  const maxDeliveries = Math.max(1, options.maxDeliveries ?? DEFAULT_MAX_DELIVERIES);

  const assertOpen = (topic: Topic): void => {
    if (!consumers.has(topic))
      throw new TypeError(`Unknown topic "${String(topic)}"; expected one of ${topics.join(', ')}.`);
    if (stopping) throw new BusUnavailableError('The outbox bus is stopped.');
  };
  const everyConsumer = (): OutboxConsumer[] => [...consumers.values()].flatMap((byGroup) => [...byGroup.values()]);

  return {
    async publish(topic, key, value) {
      assertOpen(topic);
      try {
        await journal.append(topic, key, JSON.stringify(value ?? null));
      } catch (error) {
        throw new BusUnavailableError(`The outbox could not store the message: ${(error as Error).message}`, error);
      }
      for (const consumer of consumers.get(topic)!.values()) consumer.wake();
    },

    stage(topic, key, value) {
      assertOpen(topic);
      journal.stage(topic, key, JSON.stringify(value ?? null));
      // Woken after the store's commit (the group commit runs synchronously in this turn).
      setImmediate(() => {
        for (const consumer of consumers.get(topic)!.values()) consumer.wake();
      });
    },

    async subscribe<T>(topic: Topic, handler: MessageHandler<T>, subscribeOptions: SubscribeOptions = {}) {
      assertOpen(topic);
      const group = subscribeOptions.group ?? DEFAULT_GROUP;
      const byGroup = consumers.get(topic)!;
      let consumer = byGroup.get(group);
      if (!consumer) {
        journal.registerGroup(topic, group);
        consumer = createOutboxConsumer({
          topic,
          group,
          journal,
          redeliveryDelayMs,
          maxDeliveries: () => (sink ? maxDeliveries : 0),
          deadLetter: (message, error) => sink!(deadLetterOf(message, group, error)),
          batchSize: Math.max(1, options.batchSize ?? 256),
          maxBuffered: Math.max(2, options.maxBuffered ?? 2048),
          maxBufferedPerKey: Math.max(1, options.maxBufferedPerKey ?? 64),
          onError: options.onError,
        });
        byGroup.set(group, consumer);
        if (started) consumer.start();
      }
      consumer.addHandler(handler as MessageHandler, Math.max(1, subscribeOptions.concurrency ?? DEFAULT_CONCURRENCY));
    },

    setDeadLetterSink(next) {
      sink = next;
    },

    async start() {
      if (stopping) throw new BusUnavailableError('The outbox bus is stopped.');
      if (started) return;
      started = true;
      for (const consumer of everyConsumer()) consumer.start();
      poll = setInterval(
        () => {
          for (const consumer of everyConsumer()) consumer.wake();
        },
        Math.max(1, options.pollIntervalMs ?? 250),
      );
      poll.unref();
    },

    stop() {
      stopping ??= (async () => {
        if (poll) clearInterval(poll);
        await Promise.all(everyConsumer().map((consumer) => consumer.stop()));
        journal.flush();
        // A shared connection is the store's to close (it commits what the flush queued).
        if (!options.sqlite) db.close();
      })();
      return stopping;
    },
  };
}
