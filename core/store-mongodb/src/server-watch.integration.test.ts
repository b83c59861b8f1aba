/**
 * The MongoDB store logs losing its server and getting it back, against the real server behind
 * a TCP proxy that the test cuts and restores.
 */
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '@wireup/store';
import { createMongoStore } from './index.ts';

const target = new URL(process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017');

/** A TCP proxy to the MongoDB server; `cut()` drops every connection and refuses new ones until `restore()`. */
async function startProxy() {
  const sockets = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) return client.destroy();
    const upstream = createConnection(Number(target.port || 27017), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(resolve);
      }),
  };
}

describe('MongoStore server watch', () => {
  const dbName = `wireup_test_watch_${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    const admin = new MongoClient(target.toString(), { serverSelectionTimeoutMS: 5000 });
    await admin
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await admin.close();
  });

  it('logs the server lost once and back once', async () => {
    const proxy = await startProxy();
    const lines: Array<[string, string]> = [];
    const record = (level: string) => (_fields: Record<string, unknown>, message: string) => {
      lines.push([level, message]);
    };
    const store = createMongoStore({
      url: `mongodb://127.0.0.1:${proxy.port}/${dbName}`,
      cacheMs: 0,
      serverSelectionTimeoutMs: 1500,
      logger: { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') },
    });
    try {
      await store.start();
      await store.kv.set('k', 1);
      expect(lines).toEqual([]);
      proxy.cut();
      await expect(store.kv.get('k')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.kv.get('k')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect.poll(() => lines, { timeout: 5000 }).toEqual([['error', 'MongoDB server unreachable']]);
      proxy.restore();
      await expect
        .poll(async () => store.kv.get('k').catch(() => 'unavailable'), { timeout: 15_000, interval: 250 })
        .toBe(1);
      await expect
        .poll(() => lines, { timeout: 5000 })
        .toEqual([
          ['error', 'MongoDB server unreachable'],
          ['info', 'MongoDB server reachable again'],
        ]);
    } finally {
      await store.stop();
      await proxy.close();
    }
  }, 40_000);
});
