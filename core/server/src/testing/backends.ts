/**
 * The production backends for tests: the real Kafka broker and MongoDB wire-protocol server that
 * `tools/services/services.sh up` starts (or KAFKA_BROKERS / MONGODB_URL). Each call gets its own
 * topic prefix and database, so tests never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';

export const kafkaBrokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const mongoBaseUrl = process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017';

/** A MongoDB URL naming a fresh database. */
export function freshMongoUrl(tag: string): string {
  const url = new URL(mongoBaseUrl);
  url.pathname = `/wireup_${tag}_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

/** Config overrides for Kafka + MongoDB with a fresh topic prefix and database. */
export function kafkaMongoOverrides(tag: string): Partial<Config> {
  return {
    kafkaBrokers,
    mongodbUrl: freshMongoUrl(tag),
    kafkaTopicPrefix: `test.${tag}.${randomBytes(4).toString('hex')}.`,
  };
}

/** The same as environment variables, for spawned `wireup start` processes. */
export function kafkaMongoEnv(tag: string): Record<string, string> {
  const o = kafkaMongoOverrides(tag);
  return {
    KAFKA_BROKERS: o.kafkaBrokers!.join(','),
    MONGODB_URL: o.mongodbUrl!,
    WIREUP_KAFKA_TOPIC_PREFIX: o.kafkaTopicPrefix!,
  };
}
