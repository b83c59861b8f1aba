/**
 * The EventBus port. Delivery is at least once; messages with the same key are handled one
 * at a time in publish order; a handler that throws gets the message again later. Every
 * adapter passes the contract suite in core/testing/src/contracts/bus-contract.ts.
 */

/**
 * The topics Wireup uses, each with its consumer: `events` (accepted provider events, for the
 * router), `runs` (run requests, for the executor), `marketplace` (domain events, a connector
 * version installed or removed, that every process follows: each subscribes with a group of its
 * own) and `workflows` (the workflow lifecycle's domain events and "listen for a test event"
 * requests and deliveries, followed the same way by every process of a deployment that shares
 * the bus). Retries wait in the executor or park the run in the Store; failed runs are the
 * dead-letter list in the Store; so neither has a topic.
 */
export type Topic = 'events' | 'runs' | 'marketplace' | 'workflows';
export const topics: readonly Topic[] = ['events', 'runs', 'marketplace', 'workflows'];

export interface BusMessage<T = unknown> {
  topic: Topic;
  key: string;
  value: T;
  /** 1 on first delivery, more on redelivery. */
  deliveryAttempt: number;
  /**
   * True only when the adapter knows that no consumer, in any process, was handed this message
   * before (Kafka: it was appended after this member took its partition). False or absent:
   * it may be a redelivery, e.g. after a crash before the commit. A handler may skip a
   * "did I do this already?" read only when this is true.
   */
  firstDelivery?: boolean;
}

export type MessageHandler<T = unknown> = (message: BusMessage<T>) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group: processes in one group share the messages (Kafka). Default `wireup`. */
  group?: string;
  /** Messages handled at once, across different keys. Default 16. */
  concurrency?: number;
  /**
   * The group is this process's alone (a name made at start, for a topic every process of a
   * shared bus follows): Kafka deletes the consumer group, offsets included, when the bus stops,
   * so restarts do not pile up groups (a crash still leaves it; Kafka expires it). The outbox and
   * the in-memory bus ignore it: one process owns them, so give such a group a fixed name there.
   */
  temporary?: boolean;
}

/**
 * A message handed to the dead-letter sink instead of being delivered again: its handler failed
 * `maxDeliveries` times (an adapter option). Failures marked `retriable` (store or bus down,
 * engine stopping) are outages, not the message's fault: they never count.
 */
export interface BusDeadLetter {
  topic: Topic;
  key: string;
  value: unknown;
  /** The consumer group whose handler kept failing. */
  group: string;
  /** Deliveries made, the last one included. */
  deliveries: number;
  /** The last handler error. */
  error: { code?: string; message: string };
}

/** Takes a dead letter; resolving lets the bus drop the message, rejecting means it is delivered again later. */
export type DeadLetterSink = (letter: BusDeadLetter) => Promise<void>;

/** Deliveries of a failing message before it is dead-lettered, when the adapter is given none. */
export const DEFAULT_MAX_DELIVERIES = 10;

export interface EventBus {
  /** Resolves only when the message is durable (outbox row committed, or acknowledged by all in-sync replicas). */
  publish(topic: Topic, key: string, value: unknown): Promise<void>;
  /** Registers a handler; delivery starts at `start()` (or at once when already started). */
  subscribe<T = unknown>(topic: Topic, handler: MessageHandler<T>, options?: SubscribeOptions): Promise<void>;
  /**
   * Where messages go that failed `maxDeliveries` times (see BusDeadLetter). Without a sink a
   * failing message is delivered again forever (nothing is ever dropped).
   */
  setDeadLetterSink(sink: DeadLetterSink): void;
  start(): Promise<void>;
  /** Stops taking new messages, waits for handlers in flight, then closes. */
  stop(): Promise<void>;
}
