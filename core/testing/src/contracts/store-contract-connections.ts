/** Store contract, part: connections and events. */
import { describe, expect, it } from 'vitest';
import type { Store } from '@wireup/store';
import { at, connection, event } from './store-fixtures.ts';

export function describeConnectionAndEventContract(getStore: () => Store): void {
  describe('connections', () => {
    it('creates a connection and finds it by id and by webhook token', async () => {
      const { connections } = getStore();
      const record = connection('conn-1');
      expect(await connections.create(record)).toEqual(record);
      expect(await connections.get('conn-1')).toEqual(record);
      expect(await connections.getByWebhookToken('token-conn-1')).toEqual(record);
      expect(await connections.get('nope')).toBeNull();
      expect(await connections.getByWebhookToken('nope')).toBeNull();
    });

    it('refuses a second connection with the same id or the same webhook token', async () => {
      const { connections } = getStore();
      await connections.create(connection('conn-1'));
      await expect(connections.create(connection('conn-1', { webhookToken: 'other' }))).rejects.toMatchObject({
        code: 'STORE_CONFLICT',
      });
      await expect(connections.create(connection('conn-2', { webhookToken: 'token-conn-1' }))).rejects.toMatchObject({
        code: 'STORE_CONFLICT',
      });
      expect(await connections.list()).toHaveLength(1);
    });

    it('lists connections oldest first', async () => {
      const { connections } = getStore();
      await connections.create(connection('b', { createdAt: at(2) }));
      await connections.create(connection('a', { createdAt: at(3) }));
      await connections.create(connection('c', { createdAt: at(1) }));
      expect((await connections.list()).map((c) => c.id)).toEqual(['c', 'b', 'a']);
    });

    it('updates name and auth, keeps the rest, and moves updatedAt', async () => {
      const { connections } = getStore();
      const record = connection('conn-1', { createdAt: at(0), updatedAt: at(0) });
      await connections.create(record);
      const updated = await connections.update('conn-1', {
        name: 'Renamed',
        authCiphertext: 'new-cipher',
        publicAuth: { baseUrl: 'https://x.test' },
      });
      expect(updated).toMatchObject({
        id: 'conn-1',
        name: 'Renamed',
        authCiphertext: 'new-cipher',
        publicAuth: { baseUrl: 'https://x.test' },
        webhookToken: record.webhookToken,
        createdAt: record.createdAt,
      });
      expect(updated!.updatedAt > record.updatedAt).toBe(true);
      expect(await connections.get('conn-1')).toEqual(updated);
      const renamedOnly = await connections.update('conn-1', { name: 'Again' });
      expect(renamedOnly).toMatchObject({ name: 'Again', authCiphertext: 'new-cipher' });
      expect(await connections.update('nope', { name: 'x' })).toBeNull();
    });

    it('deletes a connection and frees its webhook token', async () => {
      const { connections } = getStore();
      await connections.create(connection('conn-1'));
      expect(await connections.delete('conn-1')).toBe(true);
      expect(await connections.delete('conn-1')).toBe(false);
      expect(await connections.get('conn-1')).toBeNull();
      expect(await connections.getByWebhookToken('token-conn-1')).toBeNull();
      await connections.create(connection('conn-2', { webhookToken: 'token-conn-1' }));
      expect((await connections.getByWebhookToken('token-conn-1'))?.id).toBe('conn-2');
    });

    it('returns copies: changing a returned record does not change the stored one', async () => {
      const { connections } = getStore();
      await connections.create(connection('conn-1'));
      const got = await connections.get('conn-1');
      got!.publicAuth.mode = 'changed';
      expect((await connections.get('conn-1'))!.publicAuth.mode).toBe('test');
    });
  });

  describe('events', () => {
    it('accepts an event once: the same key again is a duplicate and keeps the first record', async () => {
      const { events } = getStore();
      const first = event('conn-1:evt_1');
      expect(await events.accept(first)).toEqual({ isNew: true, record: first });
      const retry = event('conn-1:evt_1', { payload: { different: true }, receivedAt: at(5) });
      expect(await events.accept(retry)).toEqual({ isNew: false, record: first });
      expect(await events.get('conn-1:evt_1')).toEqual(first);
      expect(await events.get('conn-1:missing')).toBeNull();
    });

    it('accepts concurrent deliveries of the same event exactly once', async () => {
      const { events } = getStore();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => events.accept(event('conn-1:evt_race', { payload: { i } }))),
      );
      expect(results.filter((r) => r.isNew)).toHaveLength(1);
      const stored = await events.get('conn-1:evt_race');
      for (const r of results) expect(r.record).toEqual(stored);
    });

    it('marks an event routed and lists the unrouted ones oldest first, up to the limit', async () => {
      const { events } = getStore();
      await events.accept(event('c:3', { receivedAt: at(3) }));
      await events.accept(event('c:1', { receivedAt: at(1) }));
      await events.accept(event('c:2', { receivedAt: at(2) }));
      await events.accept(event('c:4', { receivedAt: at(4) }));
      await events.markRouted('c:2');
      expect((await events.get('c:2'))?.status).toBe('routed');
      expect((await events.listUnrouted(10)).map((e) => e.key)).toEqual(['c:1', 'c:3', 'c:4']);
      expect((await events.listUnrouted(2)).map((e) => e.key)).toEqual(['c:1', 'c:3']);
      await events.markRouted('c:missing');
    });

    it('keeps the payload exactly, nested values, nulls and non-ASCII text included', async () => {
      const { events } = getStore();
      const record = event('c:payload', { payload: { a: [1, { b: null }], s: 'Zürich — ✓', n: -1.5, t: true } });
      await events.accept(record);
      expect((await events.get('c:payload'))?.payload).toEqual(record.payload);
    });
  });
}
