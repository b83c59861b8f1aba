import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '@wireup/store';
import { createSqliteStore, type SqliteStore } from '@wireup/store-sqlite';
import { createOutboxEventBus, type OutboxEventBus } from '@wireup/bus-sqlite';
import type { EventMessage } from '@wireup/engine';
import { embeddedEventIntake } from './embedded-intake.ts';

const dirs: string[] = [];
const open: Array<{ store: SqliteStore; bus: OutboxEventBus }> = [];
afterEach(async () => {
  for (const { store, bus } of open.splice(0)) {
    await bus.stop();
    await store.stop();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function backend(path?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'wireup-intake-'));
  dirs.push(dir);
  const store = createSqliteStore({ path: path ?? join(dir, 'wireup.db') });
  const bus = createOutboxEventBus({ sqlite: store.sqlite, pollIntervalMs: 20 });
  const pair = { store, bus };
  open.push(pair);
  return { ...pair, dir, accept: embeddedEventIntake(store, bus) };
}

const event = (id: string): EventRecord => ({
  key: `conn_1:${id}`,
  connectionId: 'conn_1',
  connector: 'stripe',
  providerEventId: id,
  type: 'charge.failed',
  payload: { id, data: { object: { amount: 1000 } } },
  status: 'received',
  receivedAt: new Date().toISOString(),
});
const message = (record: EventRecord): EventMessage => ({
  key: record.key,
  connector: record.connector,
  connectionId: record.connectionId,
  type: record.type,
  payload: record.payload,
});

describe("embedded event intake (one transaction on the store's connection)", () => {
  it('stores the event and queues its message carrying the event; a duplicate queues nothing', async () => {
    const { store, bus, accept } = backend();
    const received: EventMessage[] = [];
    await bus.subscribe<EventMessage>('events', async (m) => {
      received.push(m.value);
    });
    await bus.start();
    const record = event('evt_1');
    expect((await accept(record, message(record))).isNew).toBe(true);
    expect((await accept(record, message(record))).isNew).toBe(false);
    await expect.poll(() => received.length).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(received).toEqual([message(record)]);
    expect((await store.events.get(record.key))?.payload).toEqual(record.payload);
  });

  it('stores nothing when the message cannot be queued: both are rolled back together', async () => {
    const { store, bus, accept } = backend();
    await bus.start();
    await bus.stop();
    const record = event('evt_2');
    await expect(accept(record, message(record))).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE' });
    expect(await store.events.get(record.key)).toBeNull();
  });

  it('keeps the queued message across a restart of the process', async () => {
    const first = backend();
    const path = join(first.dir, 'wireup.db');
    await first.bus.subscribe('events', async () => {
      throw new Error('not yet');
    });
    const record = event('evt_3');
    await first.accept(record, message(record));
    await first.bus.stop();
    await first.store.stop();
    open.splice(open.indexOf(first), 1);
    const second = backend(path);
    const received: EventMessage[] = [];
    await second.bus.subscribe<EventMessage>('events', async (m) => {
      received.push(m.value);
    });
    await second.bus.start();
    await expect.poll(() => received.map((m) => m.key)).toEqual([record.key]);
  });
});
