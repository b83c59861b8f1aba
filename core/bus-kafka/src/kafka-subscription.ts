/**
 * One Kafka consumer group member for one (group, topic) of a bus. kafkajs fetches; Wireup's
 * keyed dispatcher (from @wireup/bus) runs the handlers: one at a time per key in offset order,
 * different keys concurrently — also keys that share a partition, so a busy key never holds up
 * the rest of its partition. The committed offset of a partition only moves past a message once
 * every message before it was handled (PartitionTracker), so a crash redelivers, never skips.
 *
 * Why not kafkajs's own `eachMessage`: kafkajs fetches again only once every batch of the last
 * fetch was processed, so one slow handler would stall every partition of the broker.
 *
 * A handler that throws: the message stays first in its key's lane and is delivered again after
 * an exponential delay (in place, in this process), so the key's later messages wait behind it;
 * the partition's commit point waits too — but not indefinitely: after `maxDeliveries` counted
 * failures the message goes to the dead-letter sink and counts as handled, so the key and the
 * commit point move on. Memory is bounded by pausing a partition that holds more than
 * `maxBufferedPerPartition` uncommitted messages.
 *
 * `firstDelivery`: a message is marked as delivered for the first time only when it was
 * appended after this member began reading its partition — its offset is at or past the high
 * watermark of the first fetch after the last (re)join — and it has not failed here. Anything
 * older may have been handed to the partition's previous owner (a crash before the commit).
 */
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import {
  createKeyedDispatcher,
  deadLetterOf,
  type BusDeadLetter,
  type BusMessage,
  type Delivery,
  type MessageHandler,
  type Topic,
} from '@wireup/bus';
import { createPartitionTracker, type PartitionTracker } from './partition-tracker.ts';

export interface KafkaSubscriptionOptions {
  kafka: Kafka;
  topic: Topic;
  kafkaTopic: string;
  groupId: string;
  /** The bus group name (dead letters say it). */
  group: string;
  redeliveryDelayMs(failures: number): number;
  /** Counted failures after which a message goes to `deadLetter` (0: never). */
  maxDeliveries(): number;
  /** Takes a message that failed maxDeliveries times; resolving lets its offset be committed. */
  deadLetter(letter: BusDeadLetter): Promise<void>;
  maxBufferedPerPartition: number;
  fetchMaxWaitMs: number;
  /** How long handled offsets wait to be committed together (KafkaEventBusOptions.commitIntervalMs). */
  commitIntervalMs: number;
  onError?(error: unknown, message?: BusMessage): void;
}

export interface KafkaSubscription {
  /** Adds a handler; messages are spread over handlers by key. Concurrency adds up. */
  addHandler(handler: MessageHandler, concurrency: number): void;
  /** Joins the group and begins delivering. Resolves once the member joined. */
  start(): Promise<void>;
  /** Stops delivering, waits for handlers in flight, commits what they finished, leaves the group. */
  stop(): Promise<void>;
}

interface KafkaDelivery extends Delivery {
  tracker: PartitionTracker;
  offset: bigint;
  value: unknown;
  /** Appended after this member began reading the partition (see firstDelivery above). */
  appendedSinceJoin: boolean;
}

const COMMIT_RETRY_MS = 1000;

/** FNV-1a: spreads keys over the handlers of one subscription. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function createKafkaSubscription(options: KafkaSubscriptionOptions): KafkaSubscription {
  const { topic, kafkaTopic } = options;
  const handlers: MessageHandler[] = [];
  const trackers = new Map<number, PartitionTracker>();
  const paused = new Set<number>();
  let consumer: Consumer | undefined;
  let concurrency = 0;
  let stopped = false;
  let committing: Promise<void> | undefined;
  let commitAgain = false;
  let commitRetry: ReturnType<typeof setTimeout> | undefined;
  let commitTimer: ReturnType<typeof setTimeout> | undefined;

  const toMessage = (d: KafkaDelivery): BusMessage => ({
    topic,
    key: d.key,
    value: d.value,
    deliveryAttempt: d.deliveryAttempt,
    firstDelivery: d.appendedSinceJoin && d.deliveryAttempt === 1,
  });

  const dispatcher = createKeyedDispatcher<KafkaDelivery>({
    concurrency: 1,
    async run(d) {
      if (d.tracker.revoked) return; // another member owns the partition now and reads it from the commit point
      await handlers[hash(d.key) % handlers.length](toMessage(d));
    },
    acknowledge(d) {
      if (d.tracker.revoked) return;
      d.tracker.done(d.offset);
      scheduleCommit();
      resumeIfDrained(d.tracker);
    },
    failed: (d, error) => options.onError?.(error, toMessage(d)),
    redeliveryDelayMs: options.redeliveryDelayMs,
    maxDeliveries: options.maxDeliveries,
    deadLetter: (d, error) =>
      d.tracker.revoked
        ? Promise.reject(new Error('partition revoked'))
        : options.deadLetter(deadLetterOf(toMessage(d), options.group, error)),
  });

  const partitionRef = (partition: number) => [{ topic: kafkaTopic, partitions: [partition] }];

  function resumeIfDrained(tracker: PartitionTracker): void {
    if (!paused.has(tracker.partition) || tracker.buffered > options.maxBufferedPerPartition / 2) return;
    paused.delete(tracker.partition);
    consumer?.resume(partitionRef(tracker.partition));
  }

  /** Commits within commitIntervalMs: the acknowledgements of that time share one OffsetCommit request. */
  function scheduleCommit(): void {
    if (commitTimer || stopped) return;
    commitTimer = setTimeout(() => {
      commitTimer = undefined;
      commitNow();
    }, options.commitIntervalMs);
  }

  function commitNow(): void {
    if (committing) {
      commitAgain = true;
      return;
    }
    committing = commit().finally(() => {
      committing = undefined;
    });
  }

  async function commit(): Promise<void> {
    do {
      commitAgain = false;
      const points = [...trackers.values()]
        .map((tracker) => ({ tracker, offset: tracker.commitPoint() }))
        .filter((p): p is { tracker: PartitionTracker; offset: bigint } => p.offset !== null);
      if (points.length === 0 || !consumer) return;
      try {
        await consumer.commitOffsets(
          points.map(({ tracker, offset }) => ({
            topic: kafkaTopic,
            partition: tracker.partition,
            offset: offset.toString(),
          })),
        );
        for (const { tracker, offset } of points) tracker.committed(offset);
      } catch (error) {
        // Typically a rebalance in progress; the points stay pending and go with the next commit.
        options.onError?.(error);
        if (!stopped && !commitRetry)
          commitRetry = setTimeout(() => {
            commitRetry = undefined;
            scheduleCommit();
          }, COMMIT_RETRY_MS);
        return;
      }
    } while (commitAgain);
  }

  function onAssignment(partitions: number[]): void {
    const assigned = new Set(partitions);
    // Another member may have held any partition between two joins of this one (eager
    // rebalancing revokes all): what it was handed is told apart again from the next fetch on.
    for (const tracker of trackers.values()) tracker.readingSince = null;
    for (const [partition, tracker] of trackers) {
      if (assigned.has(partition)) continue;
      tracker.revoked = true;
      trackers.delete(partition);
      if (paused.delete(partition)) consumer?.resume(partitionRef(partition));
    }
    for (const partition of assigned) {
      if (!trackers.has(partition)) trackers.set(partition, createPartitionTracker(kafkaTopic, partition));
    }
  }

  async function intake({ batch }: EachBatchPayload): Promise<void> {
    let tracker = trackers.get(batch.partition);
    if (!tracker) {
      tracker = createPartitionTracker(kafkaTopic, batch.partition);
      trackers.set(batch.partition, tracker);
    }
    // The first fetch after a join: its messages (all below its high watermark) are old.
    tracker.readingSince ??= BigInt(batch.highWatermark);
    const readingSince = tracker.readingSince;
    for (const message of batch.messages) {
      const offset = BigInt(message.offset);
      if (!tracker.isNew(offset)) continue; // refetched after a rebalance; already queued or handled here
      tracker.take(offset);
      let value: unknown;
      try {
        value = JSON.parse(message.value?.toString('utf8') ?? 'null');
      } catch (error) {
        options.onError?.(
          new Error(`Skipped a message that is not JSON at ${kafkaTopic}/${batch.partition}@${message.offset}`, {
            cause: error,
          }),
        );
        tracker.done(offset);
        continue;
      }
      dispatcher.push({
        key: message.key?.toString('utf8') ?? '',
        deliveryAttempt: 1,
        tracker,
        offset,
        value,
        appendedSinceJoin: offset >= readingSince,
      });
    }
    if (tracker.buffered >= options.maxBufferedPerPartition && !paused.has(batch.partition)) {
      paused.add(batch.partition);
      consumer?.pause(partitionRef(batch.partition));
    }
    scheduleCommit();
  }

  return {
    addHandler(handler, handlerConcurrency) {
      handlers.push(handler);
      concurrency += Math.max(1, handlerConcurrency);
      dispatcher.setConcurrency(concurrency);
    },

    async start() {
      const c = options.kafka.consumer({
        groupId: options.groupId,
        maxWaitTimeInMs: options.fetchMaxWaitMs,
        allowAutoTopicCreation: false,
        retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5000 },
      });
      consumer = c;
      c.on(c.events.GROUP_JOIN, (event) => onAssignment(event.payload.memberAssignment[kafkaTopic] ?? []));
      c.on(c.events.CRASH, (event) => options.onError?.(event.payload.error));
      await c.connect();
      await c.subscribe({ topics: [kafkaTopic], fromBeginning: true });
      dispatcher.start();
      await c.run({ autoCommit: false, eachBatchAutoResolve: true, eachBatch: intake });
    },

    async stop() {
      stopped = true;
      if (commitRetry) clearTimeout(commitRetry);
      if (commitTimer) clearTimeout(commitTimer);
      await dispatcher.stop();
      while (committing) await committing;
      await commit();
      await consumer?.disconnect();
    },
  };
}
