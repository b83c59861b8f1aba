/**
 * KafkaEventBus: the production EventBus on Apache Kafka (kafkajs). Each bus topic is a Kafka
 * topic (`<prefix>events`, `runs`, `marketplace`, `workflows`), created at start with the
 * configured partition counts. `publish` goes through an idempotent producer and resolves once
 * all in-sync replicas acknowledged; messages are keyed, so one key stays in one partition and
 * keeps its order. Consumption, commits and redelivery: see kafka-subscription.ts.
 */
import { Partitioners, type Admin, type Producer } from 'kafkajs';
import {
  BusUnavailableError,
  DEFAULT_MAX_DELIVERIES,
  exponentialDelay,
  topics,
  type DeadLetterSink,
  type EventBus,
  type MessageHandler,
  type SubscribeOptions,
  type Topic,
} from '@wireup/bus';
import { createKafkaClient } from './kafka-client.ts';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_GROUP,
  defaultPartitions,
  groupName,
  topicName,
  type KafkaEventBusOptions,
} from './kafka-options.ts';
import { createKafkaSubscription, type KafkaSubscription } from './kafka-subscription.ts';
import { createSendBatcher } from './send-batcher.ts';

/** Rejects with BusUnavailableError(`what`) when `promise` takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BusUnavailableError(`${what} (no answer within ${ms} ms).`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Creates a bus on the Kafka cluster at `options.brokers`. Nothing connects until `start` or the
 * first `publish`; an unreachable cluster then rejects with BusUnavailableError within
 * `connectTimeoutMs` / `publishTimeoutMs`.
 */
export function createKafkaEventBus(options: KafkaEventBusOptions): EventBus {
  if (!options.brokers?.length) throw new TypeError('createKafkaEventBus needs at least one broker (host:port).');
  const kafka = createKafkaClient(options);
  const topicPrefix = options.topicPrefix ?? 'wireup.';
  const groupPrefix = options.groupPrefix ?? topicPrefix;
  const partitions = { ...defaultPartitions, ...options.partitions };
  const publishTimeoutMs = options.publishTimeoutMs ?? 5000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const where = options.brokers.join(',');
  const subscriptions = new Map<string, KafkaSubscription>();
  /** Groups subscribed with `temporary`: deleted once their consumers have left, at stop. */
  const temporaryGroups = new Set<string>();
  let producer: Producer | undefined;
  let ready: Promise<void> | undefined;
  let started = false;
  let stopping: Promise<void> | undefined;
  let sink: DeadLetterSink | undefined;
  const maxDeliveries = Math.max(1, options.maxDeliveries ?? DEFAULT_MAX_DELIVERIES);

  async function createTopics(admin: Admin): Promise<void> {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(topicName(topicPrefix, t)));
    if (missing.length > 0) {
      // Another process creating the same topics at once is fine: kafkajs treats "already exists" as done.
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((t) => ({
          topic: topicName(topicPrefix, t),
          numPartitions: Math.max(1, partitions[t]),
          ...(options.replicationFactor ? { replicationFactor: options.replicationFactor } : {}),
        })),
      });
    }
    await waitForLeaders(admin);
  }

  /**
   * kafkajs's own waitForLeaders gives up when metadata of a just-created topic is not on the
   * broker yet ("does not host this topic-partition"); this waits through it (bounded by connectTimeoutMs).
   */
  async function waitForLeaders(admin: Admin): Promise<void> {
    const names = topics.map((t) => topicName(topicPrefix, t));
    const deadline = Date.now() + connectTimeoutMs;
    while (Date.now() < deadline) {
      const metadata = await admin.fetchTopicMetadata({ topics: names }).catch((error: { retriable?: boolean }) => {
        if (error.retriable) return undefined;
        throw error;
      });
      if (metadata?.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the partitions of ${names.join(', ')} have no leader`);
  }

  async function connect(): Promise<void> {
    const admin = kafka.admin();
    const p = kafka.producer({
      idempotent: true, // implies acks from all in-sync replicas
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 4, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    try {
      await admin.connect();
      await createTopics(admin);
      await p.connect();
      producer = p;
    } catch (error) {
      await p.disconnect().catch(() => undefined);
      throw error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Best effort: a group the broker cannot delete now is expired by Kafka later (offsets.retention). */
  async function deleteGroups(groupIds: string[]): Promise<void> {
    const admin = kafka.admin();
    try {
      await within(
        admin.connect().then(() => admin.deleteGroups(groupIds)),
        connectTimeoutMs,
        `Kafka at ${where} did not delete the groups`,
      );
    } catch (error) {
      options.onError?.(error);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Connects once (topics, producer); a failure is reported and the next call tries again. */
  function ensureReady(): Promise<void> {
    ready ??= within(connect(), connectTimeoutMs, `Kafka at ${where} is not reachable`).catch((error: unknown) => {
      ready = undefined;
      if (error instanceof BusUnavailableError) throw error;
      throw new BusUnavailableError(`Kafka at ${where} is not reachable: ${(error as Error).message}`, error);
    });
    return ready;
  }

  // Messages published while a request is in flight share the next one (see send-batcher.ts).
  const sendOne = createSendBatcher((topicMessages) => producer!.sendBatch({ acks: -1, topicMessages }));

  const assertOpen = (topic: Topic): void => {
    if (!topics.includes(topic))
      throw new TypeError(`Unknown topic "${String(topic)}"; expected one of ${topics.join(', ')}.`);
    if (stopping) throw new BusUnavailableError('The Kafka bus is stopped.');
  };

  return {
    async publish(topic, key, value) {
      assertOpen(topic);
      await ensureReady();
      const send = sendOne(topicName(topicPrefix, topic), { key, value: JSON.stringify(value ?? null) }).catch(
        (error: unknown) => {
          throw new BusUnavailableError(
            `Kafka at ${where} did not take the message: ${(error as Error).message}`,
            error,
          );
        },
      );
      await within(send, publishTimeoutMs, `Kafka at ${where} did not acknowledge the message`);
    },

    async subscribe<T>(topic: Topic, handler: MessageHandler<T>, subscribeOptions: SubscribeOptions = {}) {
      assertOpen(topic);
      const group = subscribeOptions.group ?? DEFAULT_GROUP;
      const id = groupName(groupPrefix, group, topic);
      let subscription = subscriptions.get(id);
      const isNew = !subscription;
      subscription ??= createKafkaSubscription({
        kafka,
        topic,
        kafkaTopic: topicName(topicPrefix, topic),
        groupId: id,
        group,
        maxDeliveries: () => (sink ? maxDeliveries : 0),
        deadLetter: (letter) => sink!(letter),
        redeliveryDelayMs: exponentialDelay(options.redeliveryDelayMs ?? 100, options.maxRedeliveryDelayMs ?? 30_000),
        maxBufferedPerPartition: Math.max(2, options.maxBufferedPerPartition ?? 512),
        fetchMaxWaitMs: options.fetchMaxWaitMs ?? 1000,
        commitIntervalMs: options.commitIntervalMs ?? 200,
        onError: options.onError,
      });
      subscription.addHandler(handler as MessageHandler, subscribeOptions.concurrency ?? DEFAULT_CONCURRENCY);
      if (subscribeOptions.temporary) temporaryGroups.add(id);
      subscriptions.set(id, subscription);
      if (isNew && started)
        await within(subscription.start(), connectTimeoutMs, `Kafka at ${where} did not let group ${id} join`);
    },

    setDeadLetterSink(next) {
      sink = next;
    },

    async start() {
      if (stopping) throw new BusUnavailableError('The Kafka bus is stopped.');
      if (started) return;
      await ensureReady();
      started = true;
      await within(
        Promise.all([...subscriptions.values()].map((s) => s.start())),
        connectTimeoutMs,
        `Kafka at ${where} did not let the consumer groups join`,
      );
    },

    stop() {
      stopping ??= (async () => {
        await Promise.allSettled([...subscriptions.values()].map((s) => s.stop()));
        await producer?.disconnect().catch(() => undefined);
        if (started && temporaryGroups.size) await deleteGroups([...temporaryGroups]);
      })();
      return stopping;
    },
  };
}
