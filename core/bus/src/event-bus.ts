/**
 * The EventBus port. Delivery is at least once; messages with the same key are handled one
 * at a time in publish order; a handler that throws gets the message again later. Every
 * adapter passes the contract suite in core/testing/src/contracts/bus-contract.ts.
 */

/** The topics Wireup uses. */
export type Topic = 'events' | 'runs' | 'retries' | 'dead-letters';
export const topics: readonly Topic[] = ['events', 'runs', 'retries', 'dead-letters'];

export interface BusMessage<T = unknown> {
  topic: Topic;
  key: string;
  value: T;
  /** 1 on first delivery, more on redelivery. */
  deliveryAttempt: number;
}

export type MessageHandler<T = unknown> = (message: BusMessage<T>) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group: processes in one group share the messages (Kafka). Default `wireup`. */
  group?: string;
  /** Messages handled at once, across different keys. Default 16. */
  concurrency?: number;
}

export interface EventBus {
  /** Resolves only when the message is durable (outbox row committed, or acknowledged by all in-sync replicas). */
  publish(topic: Topic, key: string, value: unknown): Promise<void>;
  /** Registers a handler; delivery starts at `start()` (or at once when already started). */
  subscribe<T = unknown>(topic: Topic, handler: MessageHandler<T>, options?: SubscribeOptions): Promise<void>;
  start(): Promise<void>;
  /** Stops taking new messages, waits for handlers in flight, then closes. */
  stop(): Promise<void>;
}
