/** EventBus contract, part: per-key order, redelivery after a throw, concurrency across keys. */
import { describe, expect, it } from 'vitest';
import type { BusMessage } from '@wireup/bus';
import type { BusHarness } from './bus-contract.ts';
import { deferred, sleep, waitFor } from './wait-for.ts';

export function describeOrderingContract(harness: BusHarness): void {
  describe('ordering and redelivery', () => {
    it('handles one key at a time, in publish order, while keys interleave', async () => {
      const bus = harness.bus();
      const keys = ['wf-a', 'wf-b', 'wf-c'];
      const seen = new Map<string, number[]>(keys.map((k) => [k, []]));
      const active = new Set<string>();
      let overlaps = 0;
      await bus.subscribe(
        'runs',
        async (m: BusMessage<{ n: number }>) => {
          if (active.has(m.key)) overlaps += 1;
          active.add(m.key);
          await sleep((m.value.n * 7) % 5);
          seen.get(m.key)!.push(m.value.n);
          active.delete(m.key);
        },
        { concurrency: 8 },
      );
      await bus.start();
      for (let n = 0; n < 60; n += 1) await bus.publish('runs', keys[n % 3], { n });
      await waitFor(() => [...seen.values()].every((v) => v.length >= 20), 'all 60 messages');
      expect(overlaps).toBe(0);
      for (const [i, key] of keys.entries()) {
        expect(seen.get(key)).toEqual(Array.from({ length: 20 }, (_, j) => j * 3 + i));
      }
    });

    it('delivers a message again after its handler throws, and holds back the rest of its key meanwhile', async () => {
      const bus = harness.bus();
      const log: string[] = [];
      let failuresLeft = 2;
      await bus.subscribe('runs', async (m: BusMessage<string>) => {
        if (m.value === 'first' && failuresLeft > 0) {
          failuresLeft -= 1;
          log.push(`${m.value}#${m.deliveryAttempt}:threw`);
          throw new Error('temporary failure');
        }
        // A handler that threw was handed the message: it is no longer a first delivery.
        if (m.value === 'first' && m.firstDelivery) log.push('redelivery marked first');
        log.push(`${m.value}#${m.deliveryAttempt}`);
      });
      await bus.start();
      await bus.publish('runs', 'wf-1', 'first');
      await bus.publish('runs', 'wf-1', 'second');
      await waitFor(() => log.includes('second#1'), 'the second message');
      expect(log).toEqual(['first#1:threw', 'first#2:threw', 'first#3', 'second#1']);
    });

    it('does not let a busy key hold up other keys', async () => {
      const bus = harness.bus();
      const slowRelease = deferred();
      const handled: string[] = [];
      await bus.subscribe(
        'runs',
        async (m) => {
          if (m.key === 'busy') await slowRelease.promise;
          handled.push(m.key);
        },
        { concurrency: 4 },
      );
      await bus.start();
      await bus.publish('runs', 'busy', 1);
      await bus.publish('runs', 'busy', 2);
      await bus.publish('runs', 'quiet-1', 3);
      await bus.publish('runs', 'quiet-2', 4);
      try {
        await waitFor(
          () => handled.includes('quiet-1') && handled.includes('quiet-2'),
          'the other keys while one key is busy',
        );
      } finally {
        slowRelease.resolve();
      }
      await waitFor(() => handled.filter((k) => k === 'busy').length === 2, 'the busy key');
      expect(handled.indexOf('quiet-1')).toBeLessThan(handled.indexOf('busy'));
    });

    it('runs different keys concurrently, but never more handlers at once than the concurrency', async () => {
      const bus = harness.bus();
      let running = 0;
      let peak = 0;
      let done = 0;
      await bus.subscribe(
        'events',
        async () => {
          running += 1;
          peak = Math.max(peak, running);
          await sleep(40);
          running -= 1;
          done += 1;
        },
        { concurrency: 2 },
      );
      await bus.start();
      for (let n = 0; n < 8; n += 1) await bus.publish('events', `key-${n}`, { n });
      await waitFor(() => done === 8, 'all 8 messages');
      expect(peak).toBe(2);
    });
  });
}
