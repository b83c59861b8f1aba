import { describe, expect, it } from 'vitest';
import { createPartitionTracker } from './partition-tracker.ts';

describe('createPartitionTracker', () => {
  it('commits past a message only once every message before it is done', () => {
    const tracker = createPartitionTracker('t', 0);
    for (const offset of [5n, 6n, 7n]) tracker.take(offset);
    tracker.done(6n);
    tracker.done(7n);
    expect(tracker.commitPoint()).toBeNull();
    expect(tracker.buffered).toBe(3);
    tracker.done(5n);
    expect(tracker.commitPoint()).toBe(8n);
    expect(tracker.buffered).toBe(0);
  });

  it('reports a commit point once, until a later one exists', () => {
    const tracker = createPartitionTracker('t', 0);
    tracker.take(0n);
    tracker.take(1n);
    tracker.done(0n);
    expect(tracker.commitPoint()).toBe(1n);
    tracker.committed(1n);
    expect(tracker.commitPoint()).toBeNull();
    tracker.done(1n);
    expect(tracker.commitPoint()).toBe(2n);
  });

  it('tells offsets taken before (a refetch after a rebalance) from new ones', () => {
    const tracker = createPartitionTracker('t', 3);
    expect(tracker.isNew(10n)).toBe(true);
    tracker.take(10n);
    tracker.take(11n);
    expect(tracker.isNew(10n)).toBe(false);
    expect(tracker.isNew(11n)).toBe(false);
    expect(tracker.isNew(12n)).toBe(true);
  });

  it('keeps the commit point right across thousands of messages (after compacting its list)', () => {
    const tracker = createPartitionTracker('t', 0);
    for (let n = 0n; n < 5000n; n += 1n) {
      tracker.take(n);
      tracker.done(n);
    }
    expect(tracker.buffered).toBe(0);
    expect(tracker.commitPoint()).toBe(5000n);
  });
});
