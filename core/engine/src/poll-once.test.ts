import { describe, expect, it } from 'vitest';
import { defineConnector, definePollingTrigger, type PollContext, type PollResult } from '@wireup/sdk';
import { BusUnavailableError, type EventBus } from '@wireup/bus';
import type { ConnectionRecord } from '@wireup/store';
import { createMemoryStore } from '@wireup/testing';
import { createEngineContext } from './engine-context.ts';
import { pollOnce, type PollState } from './poll-once.ts';

type Script = (ctx: PollContext) => Promise<unknown>;

/** A connector with two polling triggers whose poll does what the test's script says. */
function setup() {
  const scripts: Record<string, Script> = {};
  const trigger = (key: string) =>
    definePollingTrigger({
      key,
      displayName: key,
      description: `Test trigger ${key}.`,
      pollIntervalSeconds: 10,
      outputSchema: { type: 'object' },
      sample: {},
      poll: (ctx) => scripts[key](ctx) as Promise<PollResult>,
    });
  const connector = defineConnector({
    name: 'rows',
    version: '1.0.0',
    displayName: 'Rows',
    description: 'Rows.',
    categories: ['testing'],
    sdk: '^0.1.0',
    auth: { kind: 'api-key', fields: [{ key: 'apiKey', label: 'API key', secret: true, required: true }] },
    triggers: [trigger('new-row'), trigger('updated-row')],
    actions: [],
  });
  const store = createMemoryStore();
  const published: string[] = [];
  let failPublish = false;
  const bus = {
    async publish(_topic: string, key: string) {
      if (failPublish) throw new BusUnavailableError('the bus is down');
      published.push(key);
    },
  } as unknown as EventBus;
  const ctx = createEngineContext(
    {
      store,
      bus,
      connectors: { get: () => connector, list: () => [connector] },
      openAuth: () => ({ apiKey: 'k' }),
      http: {
        request: async () => {
          throw new Error('no HTTP here');
        },
      },
    },
    new AbortController().signal,
  );
  const connection = { id: 'conn_rows', connector: 'rows' } as ConnectionRecord;
  const poll = (key: string) =>
    pollOnce(
      ctx,
      { connectionId: 'conn_rows', connector: 'rows', trigger: key },
      connector.triggers.get(key)!,
      connection,
    );
  const state = (key: string) => store.kv.get<PollState>(`poll-cursor:conn_rows:rows.${key}`);
  return {
    scripts,
    store,
    published,
    poll,
    state,
    setBusDown: (down: boolean) => {
      failPublish = down;
    },
  };
}

const rows = (...ids: string[]) => ids.map((id) => ({ id, payload: { id } }));

describe('pollOnce', () => {
  it('keeps the cursor when an item cannot be queued, and queues the stored item at the next poll', async () => {
    const t = setup();
    t.scripts['new-row'] = async ({ cursor }) =>
      cursor === null ? { items: rows('r1'), cursor: 'c1' } : { items: rows('r2'), cursor: 'c2' };
    await t.poll('new-row');
    t.setBusDown(true);
    await expect(t.poll('new-row')).rejects.toThrow(BusUnavailableError);
    expect(await t.state('new-row')).toMatchObject({ cursor: 'c1', phase: 'live' });
    expect(await t.store.events.get('conn_rows:rows.new-row:r2')).toMatchObject({
      status: 'received',
      payload: { id: 'r2' },
    });
    t.setBusDown(false);
    expect(await t.poll('new-row')).toMatchObject({ phase: 'live', items: 1, accepted: 0, duplicates: 1 });
    expect(t.published).toEqual(['conn_rows:rows.new-row:r2']);
    expect(await t.state('new-row')).toMatchObject({ cursor: 'c2', phase: 'live' });
  });

  it('refuses a result that is not a PollResult, storing nothing and keeping the cursor', async () => {
    const t = setup();
    t.scripts['new-row'] = async () => ({ items: rows('r1'), cursor: 'c1' });
    await t.poll('new-row');
    t.scripts['new-row'] = async () => ({ items: [{ payload: {} }], cursor: 'c2' });
    await expect(t.poll('new-row')).rejects.toMatchObject({
      code: 'POLL_RESULT_INVALID',
      message: expect.stringContaining('items[0].id is not a non-empty string'),
    });
    t.scripts['new-row'] = async () => ({ items: rows('r2'), cursor: 7 });
    await expect(t.poll('new-row')).rejects.toMatchObject({
      code: 'POLL_RESULT_INVALID',
      message: expect.stringContaining('cursor is neither a string nor null'),
    });
    expect(await t.store.events.get('conn_rows:rows.new-row:r2')).toBeNull();
    expect(await t.state('new-row')).toMatchObject({ cursor: 'c1' });
  });

  it('resumes an interrupted baseline as a baseline, so records that existed never fire', async () => {
    const t = setup();
    const pages: Record<string, PollResult> = {
      start: { items: rows('r1', 'r2'), cursor: 'p1', hasMore: true },
      p1: { items: rows('r3'), cursor: 'p2', hasMore: false },
      p2: { items: rows('r4'), cursor: 'p3' },
    };
    let down = true;
    t.scripts['new-row'] = async ({ cursor }) => {
      if (cursor === 'p1' && down) throw new Error('connection reset');
      return pages[cursor ?? 'start'];
    };
    await expect(t.poll('new-row')).rejects.toThrow('connection reset');
    expect(await t.state('new-row')).toMatchObject({ cursor: 'p1', phase: 'baseline' });
    down = false;
    expect(await t.poll('new-row')).toMatchObject({ phase: 'baseline', pages: 1, items: 1 });
    expect(await t.poll('new-row')).toMatchObject({ phase: 'live', accepted: 1 });
    expect(t.published).toEqual(['conn_rows:rows.new-row:r4']);
    expect(await t.store.events.listUnrouted(10)).toEqual([
      expect.objectContaining({ key: 'conn_rows:rows.new-row:r4', type: 'rows.new-row', providerEventId: 'r4' }),
    ]);
  });

  it('keeps the items of two triggers apart, so the same record id fires each trigger', async () => {
    const t = setup();
    let started = false;
    const script: Script = async () => (started ? { items: rows('r9'), cursor: 'c2' } : { items: [], cursor: 'c1' });
    t.scripts['new-row'] = script;
    t.scripts['updated-row'] = script;
    await t.poll('new-row');
    await t.poll('updated-row');
    started = true;
    await t.poll('new-row');
    await t.poll('updated-row');
    expect(t.published).toEqual(['conn_rows:rows.new-row:r9', 'conn_rows:rows.updated-row:r9']);
  });
});
