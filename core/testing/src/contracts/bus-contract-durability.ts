/** EventBus contract, part: what survives a stop and reopen (durable adapters only). */
import { describe, expect, it } from 'vitest';
import type { BusMessage } from '@wireup/bus';
import type { BusHarness } from './bus-contract.ts';
import { deferred, waitFor } from './wait-for.ts';

export function describeDurabilityContract(harness: BusHarness): void {
  describe('durability across reopen', () => {
    it('delivers after reopen every message published but never handled, in order per key', async (ctx) => {
      if (!harness.canReopen()) ctx.skip();
      const first = harness.bus();
      await first.start();
      for (let n = 0; n < 6; n += 1) await first.publish('events', `k${n % 2}`, { n });
      const second = await harness.reopen();
      const seen: Array<[string, number]> = [];
      await second.subscribe('events', async (m: BusMessage<{ n: number }>) => {
        seen.push([m.key, m.value.n]);
      });
      await second.start();
      await waitFor(() => seen.length >= 6, 'the six messages after reopen');
      expect(seen.filter(([k]) => k === 'k0').map(([, n]) => n)).toEqual([0, 2, 4]);
      expect(seen.filter(([k]) => k === 'k1').map(([, n]) => n)).toEqual([1, 3, 5]);
    });

    it('delivers after reopen a message whose handler was failing when the bus stopped', async (ctx) => {
      if (!harness.canReopen()) ctx.skip();
      const first = harness.bus();
      const failed = deferred();
      await first.subscribe('runs', async () => {
        failed.resolve();
        throw new Error('worker crashed mid-run');
      });
      await first.start();
      await first.publish('runs', 'wf-1', { run: 'r1' });
      await failed.promise;
      const second = await harness.reopen();
      const seen: BusMessage[] = [];
      await second.subscribe('runs', async (m) => {
        seen.push(m);
      });
      await second.start();
      await waitFor(() => seen.length >= 1, 'the unacknowledged message after reopen');
      expect(seen[0]).toMatchObject({ topic: 'runs', key: 'wf-1', value: { run: 'r1' } });
      expect(seen[0].deliveryAttempt).toBeGreaterThanOrEqual(1);
      // The first bus handed it to a handler, so no adapter may call this a first delivery.
      expect(seen[0].firstDelivery).not.toBe(true);
    });

    it('does not deliver again after reopen a message its handler acknowledged', async (ctx) => {
      if (!harness.canReopen()) ctx.skip();
      const first = harness.bus();
      const handled: unknown[] = [];
      await first.subscribe('runs', async (m) => {
        handled.push(m.value);
      });
      await first.start();
      await first.publish('runs', 'wf-1', 'done-before-stop');
      await waitFor(() => handled.length === 1, 'the first message');
      const second = await harness.reopen();
      const seen: unknown[] = [];
      await second.subscribe('runs', async (m) => {
        seen.push(m.value);
      });
      await second.start();
      // Same key, so a redelivered first message would arrive before this marker.
      await second.publish('runs', 'wf-1', 'marker');
      await waitFor(() => seen.includes('marker'), 'the marker');
      expect(seen).toEqual(['marker']);
    });
  });
}
