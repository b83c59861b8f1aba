/** Store contract, part: the key-value repository. */
import { describe, expect, it } from 'vitest';
import type { Store } from '@wireup/store';

export function describeKeyValueContract(getStore: () => Store): void {
  describe('kv', () => {
    it('returns null for a key never set', async () => {
      expect(await getStore().kv.get('missing')).toBeNull();
    });

    it('stores JSON values of every shape and overwrites on set', async () => {
      const { kv } = getStore();
      const cursor = { since: '2024-01-01T00:00:00.000Z', ids: ['a', 'b'], nested: { n: 3, ok: true, none: null } };
      await kv.set('poll:stripe', cursor);
      expect(await kv.get('poll:stripe')).toEqual(cursor);
      await kv.set('poll:stripe', 42);
      expect(await kv.get('poll:stripe')).toBe(42);
      await kv.set('text', 'héllo ✓');
      expect(await kv.get('text')).toBe('héllo ✓');
      await kv.set('list', [1, 'two', false]);
      expect(await kv.get('list')).toEqual([1, 'two', false]);
    });

    it('deletes a key, and deleting an absent key is not an error', async () => {
      const { kv } = getStore();
      await kv.set('k', { v: 1 });
      await kv.delete('k');
      expect(await kv.get('k')).toBeNull();
      await expect(kv.delete('never-set')).resolves.toBeUndefined();
    });

    it('setIfAbsent stores only the first value and returns the value now stored', async () => {
      const { kv } = getStore();
      expect(await kv.setIfAbsent('api-token', 'first')).toBe('first');
      expect(await kv.setIfAbsent('api-token', 'second')).toBe('first');
      expect(await kv.get('api-token')).toBe('first');
    });

    it('setIfAbsent called concurrently agrees on one value', async () => {
      const { kv } = getStore();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => kv.setIfAbsent('secret-key', `value-${i}`)),
      );
      expect(new Set(results).size).toBe(1);
      expect(await kv.get('secret-key')).toBe(results[0]);
    });
  });
}
