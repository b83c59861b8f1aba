import { describe, expect, it } from 'vitest';
import { createRecentCache } from './recent-cache.ts';

describe('recent cache', () => {
  it('answers until the entry is older than its time to live, then forgets it', () => {
    let now = 1_000;
    const cache = createRecentCache<string>(500, 10, () => now);
    cache.set('a', 'first');
    now += 499;
    expect(cache.get('a')).toBe('first');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops the entry set longest ago when full', () => {
    const cache = createRecentCache<number>(60_000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3); // set again: now the newest
    cache.set('c', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([3, undefined, 4]);
  });

  it('keeps nothing with a time to live of 0, and forgets on delete and clear', () => {
    const off = createRecentCache<number>(0, 10);
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
    const cache = createRecentCache<number>(60_000, 10);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    cache.clear();
    expect(cache.get('b')).toBeUndefined();
  });
});
