/**
 * An in-memory EventBus for tests, with the port's delivery rules: at least once, one key at
 * a time in publish order, different keys concurrently, redelivery after a throw (short,
 * exponential delay), and Kafka-like groups (each group receives every message; handlers that
 * share a group share the keys). Values travel as JSON, as on a real bus. Nothing survives
 * the object.
 */
import {
  BusUnavailableError,
  createKeyedDispatcher,
  deadLetterOf,
  DEFAULT_MAX_DELIVERIES,
  exponentialDelay,
  topics,
} from '@wireup/bus';
import type {
  BusMessage,
  DeadLetterSink,
  Delivery,
  EventBus,
  KeyedDispatcher,
  MessageHandler,
  Topic,
} from '@wireup/bus';

export interface MemoryEventBusOptions {
  /** Delay before the first redelivery after a handler throws; doubles each time. Default 10 ms. */
  redeliveryDelayMs?: number;
  /** Upper bound of the redelivery delay. Default 200 ms. */
  maxRedeliveryDelayMs?: number;
  /** Failed deliveries (not counting outages) after which a message goes to the dead-letter sink. Default 10. */
  maxDeliveries?: number;
  /** Told about each handler failure (the message is redelivered regardless). */
  onError?(error: unknown, message?: BusMessage): void;
}

interface Entry {
  seq: number;
  key: string;
  json: string;
  /** Groups that have not yet handled this message. */
  remaining: Set<string>;
}

interface MemoryDelivery extends Delivery {
  entry: Entry;
}

interface Group {
  name: string;
  handlers: MessageHandler[];
  concurrency: number;
  dispatcher: KeyedDispatcher<MemoryDelivery>;
}

const DEFAULT_GROUP = 'wireup';
const DEFAULT_CONCURRENCY = 16;

function pickHandler(handlers: MessageHandler[], key: string): MessageHandler {
  if (handlers.length === 1) return handlers[0];
  let hash = 0;
  for (let i = 0; i < key.length; i += 1) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return handlers[Math.abs(hash) % handlers.length];
}

/** Creates an in-memory EventBus. */
export function createMemoryEventBus(options: MemoryEventBusOptions = {}): EventBus {
  const delay = exponentialDelay(options.redeliveryDelayMs ?? 10, options.maxRedeliveryDelayMs ?? 200);
  const retained = new Map<Topic, Map<number, Entry>>(topics.map((t) => [t, new Map()]));
  const groups = new Map<Topic, Map<string, Group>>(topics.map((t) => [t, new Map()]));
  let seq = 0;
  let started = false;
  let stopped = false;
  let sink: DeadLetterSink | undefined;
  const maxDeliveries = Math.max(1, options.maxDeliveries ?? DEFAULT_MAX_DELIVERIES);
  const messageOf = (topic: Topic, d: MemoryDelivery): BusMessage => ({
    topic,
    key: d.key,
    value: JSON.parse(d.entry.json),
    deliveryAttempt: d.deliveryAttempt,
    // Nothing outlives this process, so a first attempt here is the first delivery anywhere.
    firstDelivery: d.deliveryAttempt === 1,
  });

  const createGroup = (topic: Topic, name: string): Group => {
    const group: Group = {
      name,
      handlers: [],
      concurrency: 0,
      dispatcher: createKeyedDispatcher<MemoryDelivery>({
        concurrency: DEFAULT_CONCURRENCY,
        redeliveryDelayMs: delay,
        run: (d) => pickHandler(group.handlers, d.key)(messageOf(topic, d)),
        acknowledge: (d) => {
          d.entry.remaining.delete(name);
          if (d.entry.remaining.size === 0) retained.get(topic)!.delete(d.entry.seq);
        },
        failed: (d, error) => options.onError?.(error, messageOf(topic, d)),
        maxDeliveries: () => (sink ? maxDeliveries : 0),
        deadLetter: (d, error) => sink!(deadLetterOf(messageOf(topic, d), name, error)),
      }),
    };
    // A group joining late starts from the oldest message still retained, like a Kafka group at the earliest offset.
    for (const entry of retained.get(topic)!.values()) {
      entry.remaining.add(name);
      group.dispatcher.push({ key: entry.key, deliveryAttempt: 1, entry });
    }
    if (started) group.dispatcher.start();
    return group;
  };

  const assertTopic = (topic: Topic): void => {
    if (!retained.has(topic))
      throw new TypeError(`Unknown topic "${String(topic)}"; expected one of ${topics.join(', ')}.`);
  };

  return {
    async publish(topic, key, value) {
      assertTopic(topic);
      if (stopped) throw new BusUnavailableError('The in-memory bus is stopped.');
      const topicGroups = groups.get(topic)!;
      const entry: Entry = {
        seq: ++seq,
        key,
        json: JSON.stringify(value ?? null),
        remaining: new Set(topicGroups.keys()),
      };
      retained.get(topic)!.set(entry.seq, entry);
      for (const group of topicGroups.values()) group.dispatcher.push({ key, deliveryAttempt: 1, entry });
    },
    async subscribe<T>(
      topic: Topic,
      handler: MessageHandler<T>,
      subscribeOptions: { group?: string; concurrency?: number } = {},
    ) {
      assertTopic(topic);
      if (stopped) throw new BusUnavailableError('The in-memory bus is stopped.');
      const name = subscribeOptions.group ?? DEFAULT_GROUP;
      const topicGroups = groups.get(topic)!;
      let group = topicGroups.get(name);
      if (!group) {
        group = createGroup(topic, name);
        topicGroups.set(name, group);
      }
      group.handlers.push(handler as MessageHandler);
      group.concurrency += Math.max(1, subscribeOptions.concurrency ?? DEFAULT_CONCURRENCY);
      group.dispatcher.setConcurrency(group.concurrency);
    },
    setDeadLetterSink(next) {
      sink = next;
    },
    async start() {
      if (stopped) throw new BusUnavailableError('The in-memory bus is stopped.');
      started = true;
      for (const topicGroups of groups.values()) for (const group of topicGroups.values()) group.dispatcher.start();
    },
    async stop() {
      stopped = true;
      const all = [...groups.values()].flatMap((g) => [...g.values()]);
      await Promise.all(all.map((g) => g.dispatcher.stop()));
    },
  };
}
