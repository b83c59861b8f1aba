import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEventBusContract } from '@wireup/testing';
import type { EventBus } from '@wireup/bus';
import { createOutboxEventBus, type OutboxEventBusOptions } from './outbox-event-bus.ts';

describeEventBusContract('sqlite outbox', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wireup-outbox-'));
  const path = join(dir, 'wireup.db');
  const open = () => createOutboxEventBus({ path, redeliveryDelayMs: 10, maxRedeliveryDelayMs: 100, maxDeliveries: 3 });
  return {
    bus: open(),
    maxDeliveries: 3,
    reopen: async () => open(),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('createOutboxEventBus', () => {
  let dir: string;
  const open: EventBus[] = [];
  const bus = (options: Partial<OutboxEventBusOptions> = {}): EventBus => {
    const created = createOutboxEventBus({ path: join(dir, 'wireup.db'), ...options });
    open.push(created);
    return created;
  };
  const rowsLeft = (): { messages: number; pending: number } => {
    const db = new Database(join(dir, 'wireup.db'), { readonly: true });
    const count = (table: string): number => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    const result = { messages: count('outbox_messages'), pending: count('outbox_pending') };
    db.close();
    return result;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wireup-outbox-unit-'));
  });

  afterEach(async () => {
    for (const b of open.splice(0)) await b.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a backlog larger than its memory buffer, in order per key', async () => {
    const b = bus({ batchSize: 3, maxBuffered: 8 });
    for (let n = 0; n < 120; n += 1) await b.publish('events', `k${n % 4}`, { n });
    const seen = new Map<string, number[]>();
    await b.subscribe<{ n: number }>(
      'events',
      async (m) => {
        seen.set(m.key, [...(seen.get(m.key) ?? []), m.value.n]);
      },
      { concurrency: 3 },
    );
    await b.start();
    await until(() => [...seen.values()].reduce((sum, list) => sum + list.length, 0) === 120, '120 messages');
    for (let k = 0; k < 4; k += 1) {
      expect(seen.get(`k${k}`)).toEqual(Array.from({ length: 30 }, (_, i) => i * 4 + k));
    }
  });

  it('keeps other keys moving while one key with a long backlog is stuck, then delivers that backlog in order', async () => {
    const b = bus({
      batchSize: 4,
      maxBuffered: 8,
      maxBufferedPerKey: 2,
      redeliveryDelayMs: 5,
      maxRedeliveryDelayMs: 20,
    });
    let healthy = false;
    const busy: number[] = [];
    const others: number[] = [];
    await b.subscribe<{ n: number }>(
      'runs',
      async (m) => {
        if (m.key !== 'busy') {
          others.push(m.value.n);
          return;
        }
        if (!healthy) throw new Error('workflow store unavailable');
        busy.push(m.value.n);
      },
      { concurrency: 4 },
    );
    for (let n = 0; n < 60; n += 1) await b.publish('runs', 'busy', { n });
    for (let n = 0; n < 30; n += 1) await b.publish('runs', `quiet-${n % 3}`, { n });
    await b.start();
    await until(() => others.length === 30, 'the other keys behind 60 stuck messages');
    healthy = true;
    await until(() => busy.length === 60, 'the stuck key once it recovers');
    expect(busy).toEqual(Array.from({ length: 60 }, (_, n) => n));
  });

  it('leaves no rows behind once every group has handled a message', async () => {
    const b = bus();
    let audited = 0;
    let worked = 0;
    const releaseAudit = { open: false };
    await b.subscribe(
      'events',
      async () => {
        worked += 1;
      },
      { group: 'workers' },
    );
    await b.subscribe(
      'events',
      async () => {
        await until(() => releaseAudit.open, 'the audit release');
        audited += 1;
      },
      { group: 'audit' },
    );
    await b.start();
    for (let n = 0; n < 10; n += 1) await b.publish('events', `k${n}`, { n });
    await until(() => worked === 10, 'the workers group');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rowsLeft().messages).toBe(10);
    releaseAudit.open = true;
    await until(() => audited === 10, 'the audit group');
    await until(() => rowsLeft().messages === 0 && rowsLeft().pending === 0, 'the outbox to empty');
  });

  it('drops, when it opens an outbox, the marketplace groups earlier Wireup versions named per start, and their rows', async () => {
    const first = bus();
    for (const group of ['marketplace-1a2b3c', 'marketplace-4d5e6f'])
      await first.subscribe('marketplace', async () => {}, { group });
    await first.subscribe('events', async () => {}, { group: 'marketplace-looking-but-not-marketplace' });
    await first.publish('marketplace', 'acme', { installed: '1.0.0' });
    await first.publish('events', 'k', { n: 1 });
    await first.stop();
    // As an outbox of schema version 2 was left: the groups and rows are there, the cleanup not yet applied.
    const db = new Database(join(dir, 'wireup.db'));
    db.prepare('DELETE FROM outbox_schema_version WHERE version >= 3').run();
    expect(db.prepare("SELECT COUNT(*) FROM outbox_pending WHERE topic = 'marketplace'").pluck().get()).toBe(2);
    db.close();

    const second = bus();
    await second.start();
    const check = new Database(join(dir, 'wireup.db'), { readonly: true });
    const groups = check.prepare('SELECT topic, grp FROM outbox_groups ORDER BY topic').all();
    const marketplaceMessages = check.prepare("SELECT COUNT(*) FROM outbox_messages WHERE topic = 'marketplace'");
    expect(groups).toEqual([{ topic: 'events', grp: 'marketplace-looking-but-not-marketplace' }]);
    expect(marketplaceMessages.pluck().get()).toBe(0);
    expect(rowsLeft()).toEqual({ messages: 1, pending: 1 });
    check.close();
  });

  it('backs off exponentially between redeliveries, up to the cap, and counts attempts across a reopen', async () => {
    const first = bus({ redeliveryDelayMs: 40, maxRedeliveryDelayMs: 80 });
    const times: number[] = [];
    const attempts: number[] = [];
    await first.subscribe('runs', async (m) => {
      times.push(Date.now());
      attempts.push(m.deliveryAttempt);
      throw new Error('still failing');
    });
    await first.start();
    await first.publish('runs', 'wf-1', 'r1');
    await until(() => times.length >= 4, 'four attempts');
    await first.stop();
    expect(attempts.slice(0, 4)).toEqual([1, 2, 3, 4]);
    const gaps = times.slice(1, 4).map((t, i) => t - times[i]);
    // Lower bounds only (timers fire late, never early): 40 ms, then 80 ms twice. The cap itself is tested in keyed-dispatcher.test.ts.
    expect(gaps[0]).toBeGreaterThanOrEqual(38);
    expect(gaps[1]).toBeGreaterThanOrEqual(78);
    expect(gaps[2]).toBeGreaterThanOrEqual(78);

    const second = bus();
    const after: number[] = [];
    await second.subscribe('runs', async (m) => {
      after.push(m.deliveryAttempt);
    });
    await second.start();
    await until(() => after.length === 1, 'the redelivery after reopen');
    expect(after[0]).toBe(attempts.length + 1);
  });

  it('refuses to publish once stopped, with a retriable BUS_UNAVAILABLE error', async () => {
    const b = bus();
    await b.start();
    await b.stop();
    await expect(b.publish('events', 'k', {})).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE', retriable: true });
  });

  it('shares the file with other tables (the store) without touching them', async () => {
    const db = new Database(join(dir, 'wireup.db'));
    db.exec("CREATE TABLE runs (id TEXT PRIMARY KEY); INSERT INTO runs VALUES ('r1')");
    const b = bus();
    const got: unknown[] = [];
    await b.subscribe('runs', async (m) => {
      got.push(m.value);
    });
    await b.start();
    await b.publish('runs', 'wf', 'hello');
    await until(() => got.length === 1, 'the message');
    expect(db.prepare('SELECT id FROM runs').pluck().all()).toEqual(['r1']);
    db.close();
  });
});
