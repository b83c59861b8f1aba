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

  it('holds only the entries of the last time to live, however many were set', () => {
    let now = 0;
    const cache = createRecentCache<number>(1_000, 100_000, () => now);
    for (let i = 0; i < 5_000; i++) {
      cache.set(`k${i}`, i);
      now += 1; // 1,000 sets per second
    }
    expect(cache.size).toBeLessThanOrEqual(1_001);
    expect(cache.get('k4999')).toBe(4999);
    expect(cache.get('k3000')).toBeUndefined();
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

  it('shares one load among the callers asking while it runs, keeps its answer, and keeps none begun before a clear', async () => {
    const cache = createRecentCache<number>(60_000, 10);
    let loads = 0;
    let finish!: (value: number | null) => void;
    const loader = () => {
      loads += 1;
      return new Promise<number | null>((resolve) => {
        finish = resolve;
      });
    };
    const asked = [cache.load('a', loader), cache.load('a', loader), cache.load('a', loader)];
    finish(7);
    expect(await Promise.all(asked)).toEqual([7, 7, 7]);
    expect(loads).toBe(1);
    expect(await cache.load('a', loader)).toBe(7);
    expect(loads).toBe(1);
    const stale = cache.load('b', loader);
    cache.clear();
    finish(1);
    expect(await stale).toBe(1);
    expect(cache.get('b')).toBeUndefined();
    const missing = cache.load('c', loader);
    finish(null);
    expect(await missing).toBeNull();
    expect(cache.size).toBe(0);
  });
});
