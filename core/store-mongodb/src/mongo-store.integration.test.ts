/**
 * The MongoDB Store against a real server at MONGODB_URL (default mongodb://127.0.0.1:27017,
 * FerretDB from `bash tools/services/services.sh up ferretdb`). Every test uses its own database,
 * dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError, type Store } from '@wireup/store';
import { describeStoreContract } from '@wireup/testing';
import { createMongoStore, redactMongoUrl } from './index.ts';

const url = process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017';
const run = randomUUID().slice(0, 8);
let counter = 0;
const admin = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });

beforeAll(async () => {
  try {
    await admin.connect();
    await admin.db('admin').command({ ping: 1 });
  } catch (error) {
    throw new Error(
      `MongoDB is not reachable at ${redactMongoUrl(url)}; run \`bash tools/services/services.sh up ferretdb\` (${(error as Error).message})`,
    );
  }
});
afterAll(async () => {
  await admin.close();
});

function freshDbName(): string {
  counter += 1;
  return `wireup_test_${run}_${counter}`;
}

/** Two started stores on one fresh database, as two Wireup processes would be; stopped and dropped afterwards. */
async function withTwoProcesses(
  options: { cacheMs?: number },
  test: (a: Store, b: Store) => Promise<void>,
): Promise<void> {
  const dbName = freshDbName();
  const a = createMongoStore({ url, dbName, ...options });
  const b = createMongoStore({ url, dbName, ...options });
  try {
    await a.start();
    await b.start();
    await test(a, b);
  } finally {
    await a.stop();
    await b.stop();
    await admin.db(dbName).dropDatabase();
  }
}

describeStoreContract('MongoDB', async () => {
  const dbName = freshDbName();
  return {
    store: createMongoStore({ url, dbName }),
    cleanup: async () => {
      await admin.db(dbName).dropDatabase();
    },
  };
});

describe('MongoStore', () => {
  it('creates its indexes at start: unique webhook token, runs by workflow and by status', async () => {
    const dbName = freshDbName();
    const store = createMongoStore({ url, dbName });
    try {
      await store.start();
      await store.start(); // a second start (or a restart on an existing database) is harmless
      const runs = (await admin.db(dbName).collection('runs').indexes()).map((i) => i.key);
      expect(runs).toEqual(
        expect.arrayContaining([
          { workflowId: 1, createdAt: -1, _id: -1 },
          { status: 1, createdAt: -1, _id: -1 },
        ]),
      );
      const tokens = (await admin.db(dbName).collection('connections').indexes()).find(
        (i) => i.name === 'webhookToken_unique',
      );
      expect(tokens).toMatchObject({ key: { webhookToken: 1 }, unique: true });
    } finally {
      await store.stop();
      await admin.db(dbName).dropDatabase();
    }
  });

  it('keeps a step another process saved in between: a later update never overwrites it with an older revision', async () => {
    await withTwoProcesses({}, async (a, b) => {
      const now = new Date().toISOString();
      const step = (id: string) => ({
        id,
        type: 'action',
        status: 'succeeded' as const,
        attempts: 1,
        startedAt: now,
        finishedAt: now,
      });
      await a.runs.createIfAbsent({
        id: 'run-1',
        workflowId: 'wf',
        version: 1,
        status: 'queued',
        event: { key: 'c:e', id: 'e', type: 't' },
        steps: [],
        replays: 0,
        createdAt: now,
        updatedAt: now,
      });
      await a.runs.saveStep('run-1', step('first')); // `a` now remembers the run at this revision
      await b.runs.saveStep('run-1', step('second'));
      await a.runs.setStatus('run-1', 'succeeded', { finishedAt: now });
      const seen = await b.runs.get('run-1');
      expect(seen?.steps.map((s) => s.id)).toEqual(['first', 'second']);
      expect(seen?.status).toBe('succeeded');
    });
  });

  it('shows a connection changed through another process once the cache time has passed, and its own changes at once', async () => {
    await withTwoProcesses({ cacheMs: 300 }, async (a, b) => {
      const now = new Date().toISOString();
      await a.connections.create({
        id: 'conn_1',
        connector: 'stripe',
        name: 'Old name',
        authCiphertext: 'x',
        publicAuth: {},
        webhookToken: 'tok_1',
        createdAt: now,
        updatedAt: now,
      });
      expect((await b.connections.getByWebhookToken('tok_1'))?.name).toBe('Old name'); // b now remembers it
      await a.connections.update('conn_1', { name: 'New name' });
      expect((await a.connections.get('conn_1'))?.name).toBe('New name');
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await b.connections.getByWebhookToken('tok_1'))?.name).toBe('New name');
      expect((await b.connections.get('conn_1'))?.name).toBe('New name');
    });
  });

  it('restarts on a database that already has data and indexes (a new process after a restart)', async () => {
    const dbName = freshDbName();
    const first = createMongoStore({ url, dbName });
    await first.start();
    const now = new Date().toISOString();
    await first.connections.create({
      id: 'conn_1',
      connector: 'stripe',
      name: 'Stripe',
      authCiphertext: 'x',
      publicAuth: {},
      webhookToken: 'tok_1',
      createdAt: now,
      updatedAt: now,
    });
    await first.stop();
    const second = createMongoStore({ url, dbName });
    try {
      await second.start();
      expect((await second.connections.getByWebhookToken('tok_1'))?.id).toBe('conn_1');
    } finally {
      await second.stop();
      await admin.db(dbName).dropDatabase();
    }
  });

  it('stores provider payloads whose keys MongoDB-compatible servers refuse as field names', async () => {
    const dbName = freshDbName();
    const store = createMongoStore({ url, dbName });
    try {
      await store.start();
      const payload = { metadata: { 'order.id': '42', $weird: true }, matrix: [[1, 2], [3]] };
      await store.events.accept({
        key: 'c:evt_1',
        connectionId: 'c',
        connector: 'stripe',
        providerEventId: 'evt_1',
        type: 'charge.failed',
        payload,
        status: 'received',
        receivedAt: new Date().toISOString(),
      });
      expect((await store.events.get('c:evt_1'))?.payload).toEqual(payload);
    } finally {
      await store.stop();
      await admin.db(dbName).dropDatabase();
    }
  });

  it('fails start quickly with StoreUnavailableError, without the password, when no server answers', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const store = createMongoStore({
      url: `mongodb://wireup:s3cret@127.0.0.1:${port}/wireup`,
      serverSelectionTimeoutMs: 1500,
    });
    const began = Date.now();
    const error = await store.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).not.toContain('s3cret');
    expect(Date.now() - began).toBeLessThan(10_000);
    await expect(store.kv.get('x')).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.stop();
  });
});
