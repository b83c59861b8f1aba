/** Options of the Kafka EventBus, their defaults, and how topic and group names are made. */
import type { BusMessage, Topic } from '@wireup/bus';

export interface KafkaEventBusOptions {
  /** Bootstrap brokers, `host:port`. `KAFKA_BROKERS` split on commas is the usual source. */
  brokers: string[];
  /** Client id shown in broker logs. Default `wireup`. */
  clientId?: string;
  /** Prefix of every topic name: `<prefix>events`, `<prefix>runs`... Default `wireup.`. */
  topicPrefix?: string;
  /**
   * Prefix of Kafka consumer group ids. A subscription of group `g` to topic `t` consumes as
   * Kafka group `<groupPrefix><g>.<t>`, one Kafka group per topic so members never disagree on
   * their subscriptions. Default: the topic prefix.
   */
  groupPrefix?: string;
  /** Partitions per topic when the bus creates it. Existing topics are left as they are. */
  partitions?: Partial<Record<Topic, number>>;
  /** Replication factor of created topics. Default: the broker's default. */
  replicationFactor?: number;
  /** How long `publish` may take, retries included, before it rejects with BusUnavailableError. Default 5000 ms. */
  publishTimeoutMs?: number;
  /** How long `start` (and the first publish) waits for the broker. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** Delay before the first redelivery after a handler throws; doubles each time. Default 100 ms. */
  redeliveryDelayMs?: number;
  /** Upper bound of the redelivery delay. Default 30 000 ms. */
  maxRedeliveryDelayMs?: number;
  /** Failed deliveries (not counting outages) after which a message goes to the dead-letter sink. Default 10. */
  maxDeliveries?: number;
  /**
   * Messages of one partition held in memory (running, queued, or done but not yet committable).
   * Above it the partition is paused until half of them are committed. Default 512.
   */
  maxBufferedPerPartition?: number;
  /** Longest time the broker holds a fetch open when there is nothing to read; bounds `stop`. Default 1000 ms. */
  fetchMaxWaitMs?: number;
  /**
   * How long the offsets of handled messages wait before they are committed, so that the
   * acknowledgements of that time share one OffsetCommit request (one per message otherwise, at
   * low rates: a request each for Wireup and the broker). A crash or rebalance redelivers at most
   * this much more; `stop` commits at once. Default 200 ms.
   */
  commitIntervalMs?: number;
  /** kafkajs log level that reaches `log`. Default `error`. */
  logLevel?: 'nothing' | 'error' | 'warn' | 'info' | 'debug';
  /** Where kafkajs log lines go. Default: one line on stderr. */
  log?(level: 'error' | 'warn' | 'info' | 'debug', message: string): void;
  /** Hears handler failures (with the message; it is redelivered regardless) and consumer errors (without). */
  onError?(error: unknown, message?: BusMessage): void;
}

export const defaultPartitions: Record<Topic, number> = { events: 12, runs: 12, marketplace: 1, workflows: 1 };

export const DEFAULT_GROUP = 'wireup';
export const DEFAULT_CONCURRENCY = 16;

/** Kafka topic name of a bus topic. */
export function topicName(prefix: string, topic: Topic): string {
  return `${prefix}${topic}`;
}

/** Kafka consumer group id of a subscription. */
export function groupName(prefix: string, group: string, topic: Topic): string {
  return `${prefix}${group}.${topic}`;
}
