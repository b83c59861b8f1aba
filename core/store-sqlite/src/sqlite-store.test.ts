import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '@wireup/testing';
import { createSqliteStore } from './sqlite-store.ts';

function tempDir(): { dir: string; cleanup(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'wireup-sqlite-store-'));
  return { dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

describeStoreContract('sqlite', async () => {
  const { dir, cleanup } = tempDir();
  return { store: createSqliteStore({ path: join(dir, 'wireup.db') }), cleanup };
});

describe('createSqliteStore', () => {
  it('keeps everything across close and reopen of the file', async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'nested', 'wireup.db');
    try {
      const first = createSqliteStore({ path });
      await first.start();
      await first.workflows.create('wf-1', {
        name: 'wf',
        trigger: { connector: 'stripe', trigger: 'charge-failed', connection: 'c1' },
        steps: [],
      });
      await first.workflows.publish('wf-1');
      await first.events.accept({
        key: 'c1:evt_1',
        connectionId: 'c1',
        connector: 'stripe',
        providerEventId: 'evt_1',
        type: 'charge.failed',
        payload: { a: 1 },
        status: 'received',
        receivedAt: '2024-01-01T00:00:00.000Z',
      });
      await first.runs.createIfAbsent({
        id: 'r1',
        workflowId: 'wf-1',
        version: 1,
        status: 'queued',
        event: { key: 'c1:evt_1', id: 'evt_1', type: 'charge.failed' },
        steps: [],
        replays: 0,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
      });
      await first.runs.saveStep('r1', {
        id: 's1',
        type: 'filter',
        status: 'succeeded',
        attempts: 1,
        startedAt: '2024-01-01T00:00:01.000Z',
        output: { passed: true },
      });
      await first.kv.set('cursor', { since: 5 });
      await first.stop();

      const second = createSqliteStore({ path });
      await second.start();
      expect(
        (await second.workflows.listPublishedForTrigger('stripe', 'charge-failed', 'c1')).map((w) => w.workflowId),
      ).toEqual(['wf-1']);
      expect(
        await second.events.accept({
          key: 'c1:evt_1',
          connectionId: 'c1',
          connector: 'stripe',
          providerEventId: 'evt_1',
          type: 'charge.failed',
          payload: {},
          status: 'received',
          receivedAt: '2024-01-02T00:00:00.000Z',
        }),
      ).toMatchObject({ isNew: false, record: { payload: { a: 1 } } });
      expect((await second.runs.get('r1'))?.steps.map((s) => s.id)).toEqual(['s1']);
      expect(await second.kv.get('cursor')).toEqual({ since: 5 });
      await second.stop();
    } finally {
      await cleanup();
    }
  });

  it('opens the file in WAL mode and records its schema version', async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'wireup.db');
    try {
      await createSqliteStore({ path }).stop();
      await createSqliteStore({ path }).stop();
      const db = new Database(path, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT version FROM store_schema_version ORDER BY version').pluck().all()).toEqual([1, 2, 3]);
      db.close();
    } finally {
      await cleanup();
    }
  });

  it('refuses a file written by a newer schema, with a message that says to upgrade', async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'wireup.db');
    try {
      await createSqliteStore({ path }).stop();
      const db = new Database(path);
      db.prepare('INSERT INTO store_schema_version (version, applied_at) VALUES (999, ?)').run(
        new Date().toISOString(),
      );
      db.close();
      expect(() => createSqliteStore({ path })).toThrow(/newer than this Wireup understands/);
    } finally {
      await cleanup();
    }
  });
});

describe('SqliteStore in memory lookups and checkpoints', () => {
  const run = {
    id: 'r1',
    workflowId: 'wf-1',
    version: 1,
    status: 'queued' as const,
    event: { key: 'c1:evt_1', id: 'evt_1', type: 'charge.failed' },
    steps: [],
    replays: 0,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  };
  const step = (id: string, type: string) => ({
    id,
    type,
    status: 'succeeded' as const,
    attempts: 1,
    startedAt: '2024-01-01T00:00:01.000Z',
    output: { id },
  });

  it('sees a connection change at once through the webhook-token lookup, and gives callers their own copies', async () => {
    const { dir, cleanup } = tempDir();
    const store = createSqliteStore({ path: join(dir, 'wireup.db') });
    try {
      await store.connections.create({
        id: 'c1',
        connector: 'stripe',
        name: 'S',
        authCiphertext: 'v1.old',
        publicAuth: { a: '1' },
        webhookToken: 'tok',
        createdAt: 'x',
        updatedAt: 'x',
      });
      const first = (await store.connections.getByWebhookToken('tok'))!;
      first.publicAuth.a = 'mutated';
      expect((await store.connections.getByWebhookToken('tok'))!.publicAuth).toEqual({ a: '1' });
      await store.connections.update('c1', { authCiphertext: 'v1.new' });
      expect((await store.connections.getByWebhookToken('tok'))!.authCiphertext).toBe('v1.new');
      expect((await store.connections.get('c1'))!.authCiphertext).toBe('v1.new');
      await store.connections.delete('c1');
      expect(await store.connections.getByWebhookToken('tok')).toBeNull();
    } finally {
      await store.stop();
      await cleanup();
    }
  });

  it('sees publish and unpublish at once through the trigger lookup', async () => {
    const { dir, cleanup } = tempDir();
    const store = createSqliteStore({ path: join(dir, 'wireup.db') });
    const lookup = async () =>
      (await store.workflows.listPublishedForTrigger('stripe', 'charge-failed', 'c1')).map((w) => [
        w.workflowId,
        w.version,
      ]);
    try {
      await store.workflows.create('wf-1', {
        name: 'wf',
        trigger: { connector: 'stripe', trigger: 'charge-failed', connection: 'c1' },
        steps: [],
      });
      expect(await lookup()).toEqual([]);
      await store.workflows.publish('wf-1');
      expect(await lookup()).toEqual([['wf-1', 1]]);
      await store.workflows.publish('wf-1');
      expect(await lookup()).toEqual([['wf-1', 2]]);
      await store.workflows.unpublish('wf-1');
      expect(await lookup()).toEqual([]);
    } finally {
      await store.stop();
      await cleanup();
    }
  });

  it("writes a checkpoint's steps and status together, and refuses one for a missing run", async () => {
    const { dir, cleanup } = tempDir();
    const store = createSqliteStore({ path: join(dir, 'wireup.db') });
    try {
      await store.runs.createIfAbsent(run);
      await store.runs.checkpoint!('r1', {
        steps: [step('declines', 'filter'), step('open', 'action')],
        status: 'succeeded',
        error: null,
        finishedAt: '2024-01-01T00:00:02.000Z',
      });
      const saved = (await store.runs.get('r1'))!;
      expect(saved).toMatchObject({ status: 'succeeded', finishedAt: '2024-01-01T00:00:02.000Z' });
      expect(saved.steps.map((s) => [s.id, s.type])).toEqual([
        ['declines', 'filter'],
        ['open', 'action'],
      ]);
      await store.runs.checkpoint!('r1', { steps: [{ ...step('declines', 'filter'), attempts: 2 }] });
      expect((await store.runs.get('r1'))!.steps.map((s) => [s.id, s.attempts])).toEqual([
        ['declines', 2],
        ['open', 1],
      ]);
      await expect(store.runs.checkpoint!('missing', { steps: [], status: 'failed' })).rejects.toMatchObject({
        code: 'STORE_RECORD_NOT_FOUND',
      });
    } finally {
      await store.stop();
      await cleanup();
    }
  });
});
