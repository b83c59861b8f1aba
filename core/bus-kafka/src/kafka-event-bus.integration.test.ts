/**
 * The Kafka EventBus against a real broker at KAFKA_BROKERS (default 127.0.0.1:9092; start one
 * with `bash tools/services/services.sh up kafka`). Every test gets its own topic prefix and
 * consumer groups, removed afterwards.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BusUnavailableError, type EventBus } from '@wireup/bus';
import { describeEventBusContract } from '@wireup/testing';
import { createKafkaEventBus, type KafkaEventBusOptions } from './index.ts';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
const run = randomUUID().slice(0, 8);
let counter = 0;
const admin = new Kafka({ brokers, clientId: 'wireup-test-admin', logLevel: logLevel.NOTHING }).admin();

beforeAll(async () => {
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Kafka is not reachable at ${brokers.join(',')}; run \`bash tools/services/services.sh up kafka\` (${(error as Error).message})`,
    );
  }
});
afterAll(async () => {
  await admin.disconnect();
});

function freshPrefix(): string {
  counter += 1;
  return `wireup-test-${run}-${counter}.`;
}

function busOptions(prefix: string, extra: Partial<KafkaEventBusOptions> = {}): KafkaEventBusOptions {
  return {
    brokers,
    clientId: 'wireup-test',
    topicPrefix: prefix,
    partitions: { events: 4, runs: 4, marketplace: 1, workflows: 1 },
    connectTimeoutMs: 30_000,
    logLevel: 'nothing',
    maxDeliveries: 3,
    ...extra,
  };
}

/** The test's own admin client may see a just-created topic late; retries its retriable errors for a while. */
async function retrying<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Deletes the prefix's topics and consumer groups (best effort: a group may still be leaving). */
async function removePrefix(prefix: string): Promise<void> {
  const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
  if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
  const ours = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  if (ours.length > 0) await admin.deleteTopics({ topics: ours }).catch(() => undefined);
}

describeEventBusContract('Kafka', async () => {
  const prefix = freshPrefix();
  return {
    bus: createKafkaEventBus(busOptions(prefix)),
    maxDeliveries: 3,
    reopen: async (): Promise<EventBus> => createKafkaEventBus(busOptions(prefix)),
    cleanup: () => removePrefix(prefix),
  };
});

describe('KafkaEventBus', () => {
  it('creates its topics (those with a consumer) with the configured partition counts, and reuses them on the next start', async () => {
    const prefix = freshPrefix();
    const partitions = { events: 3, runs: 5, marketplace: 2, workflows: 1 };
    const first = createKafkaEventBus(busOptions(prefix, { partitions }));
    try {
      await first.start();
      await first.stop();
      const second = createKafkaEventBus(
        busOptions(prefix, { partitions: { events: 9, runs: 9, marketplace: 9, workflows: 9 } }),
      );
      await second.start();
      await second.stop();
      const { topics } = await retrying(() =>
        admin.fetchTopicMetadata({ topics: Object.keys(partitions).map((t) => prefix + t) }),
      );
      const counts = Object.fromEntries(topics.map((t) => [t.name.slice(prefix.length), t.partitions.length]));
      expect(counts).toEqual(partitions);
      expect((await retrying(() => admin.listTopics())).filter((t) => t.startsWith(prefix)).sort()).toEqual(
        Object.keys(partitions)
          .map((t) => prefix + t)
          .sort(),
      );
    } finally {
      await first.stop();
      await removePrefix(prefix);
    }
  });

  it('resolves publish only once the message is in the topic, keyed', async () => {
    const prefix = freshPrefix();
    const bus = createKafkaEventBus(busOptions(prefix));
    try {
      await bus.publish('events', 'conn-1:evt_1', { id: 'evt_1' });
      const offsets = await retrying(() => admin.fetchTopicOffsets(`${prefix}events`));
      expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(1);
    } finally {
      await bus.stop();
      await removePrefix(prefix);
    }
  });

  it('marks as first deliveries the messages appended while it reads the partition, and not those that were there before', async () => {
    const prefix = freshPrefix();
    const options = busOptions(prefix, { partitions: { events: 1, runs: 1, marketplace: 1 } });
    const before = createKafkaEventBus(options);
    const bus = createKafkaEventBus(options);
    try {
      // Waiting before this member joined: a crashed member may have been handed them.
      await before.publish('runs', 'wf-1', 'waiting');
      await before.stop();
      const seen: Array<[unknown, boolean | undefined]> = [];
      await bus.subscribe('runs', async (m) => {
        seen.push([m.value, m.firstDelivery]);
      });
      await bus.start();
      await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 30_000, interval: 50 });
      for (const value of ['new-1', 'new-2']) await bus.publish('runs', 'wf-1', value);
      await vi.waitFor(() => expect(seen).toHaveLength(3), { timeout: 30_000, interval: 50 });
      expect(seen).toEqual([
        ['waiting', false],
        ['new-1', true],
        ['new-2', true],
      ]);
    } finally {
      await bus.stop();
      await removePrefix(prefix);
    }
  });

  it('deletes a temporary consumer group when it stops, and keeps the others', async () => {
    const prefix = freshPrefix();
    const bus = createKafkaEventBus(busOptions(prefix));
    const groupsNow = async () =>
      (await admin.listGroups()).groups
        .map((g) => g.groupId)
        .filter((id) => id.startsWith(prefix))
        .sort();
    try {
      const heard: unknown[] = [];
      await bus.subscribe('workflows', async (m) => void heard.push(m.value), { group: 'listener-1', temporary: true });
      await bus.subscribe('runs', async (m) => void heard.push(m.value));
      await bus.start();
      for (const topic of ['workflows', 'runs'] as const) await bus.publish(topic, 'k', topic);
      await vi.waitFor(() => expect(heard.sort()).toEqual(['runs', 'workflows']), { timeout: 30_000, interval: 50 });
      expect(await groupsNow()).toEqual([`${prefix}listener-1.workflows`, `${prefix}wireup.runs`]);
      await bus.stop();
      expect(await groupsNow()).toEqual([`${prefix}wireup.runs`]);
    } finally {
      await bus.stop();
      await removePrefix(prefix);
    }
  });

  it('rejects publish with BusUnavailableError within seconds when no broker answers', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const bus = createKafkaEventBus({ brokers: [`127.0.0.1:${port}`], logLevel: 'nothing', connectTimeoutMs: 5000 });
    const began = Date.now();
    const error = await bus.publish('events', 'k', { n: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusUnavailableError);
    expect((error as BusUnavailableError).message).toContain(`127.0.0.1:${port}`);
    expect(Date.now() - began).toBeLessThan(10_000);
    await bus.stop();
  });
});
