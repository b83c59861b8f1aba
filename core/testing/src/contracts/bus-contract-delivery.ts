/** EventBus contract, part: what reaches a handler, topics, groups, lifecycle. */
import { describe, expect, it } from 'vitest';
import type { BusMessage } from '@wireup/bus';
import type { BusHarness } from './bus-contract.ts';
import { deferred, waitFor } from './wait-for.ts';

export function describeDeliveryContract(harness: BusHarness): void {
  describe('delivery', () => {
    it('delivers the topic, key and value, with deliveryAttempt 1', async () => {
      const bus = harness.bus();
      const received: BusMessage[] = [];
      await bus.subscribe('events', async (m) => {
        received.push(m);
      });
      await bus.start();
      const value = { key: 'conn-1:evt_1', payload: { amount: 1200, note: 'café ✓', list: [1, null, true] } };
      await bus.publish('events', 'conn-1', value);
      await waitFor(() => received.length === 1, 'the message');
      const { firstDelivery, ...message } = received[0];
      expect(message).toEqual({ topic: 'events', key: 'conn-1', value, deliveryAttempt: 1 });
      // An adapter may say whether it knows this is the message's first delivery; it says nothing else.
      expect([undefined, true, false]).toContain(firstDelivery);
    });

    it('delivers messages published before start, and to handlers subscribed after start', async () => {
      const bus = harness.bus();
      const events: unknown[] = [];
      const runs: unknown[] = [];
      await bus.publish('events', 'k', { n: 1 });
      await bus.subscribe('events', async (m) => {
        events.push(m.value);
      });
      await bus.start();
      await bus.subscribe('runs', async (m) => {
        runs.push(m.value);
      });
      await bus.publish('runs', 'wf-1', { n: 2 });
      await waitFor(() => events.length === 1 && runs.length === 1, 'both messages');
      expect(events).toEqual([{ n: 1 }]);
      expect(runs).toEqual([{ n: 2 }]);
    });

    it('keeps topics apart', async () => {
      const bus = harness.bus();
      const byTopic: Record<string, string[]> = { events: [], runs: [], marketplace: [], workflows: [] };
      for (const topic of ['events', 'runs', 'marketplace', 'workflows'] as const) {
        await bus.subscribe(topic, async (m) => {
          byTopic[m.topic].push(m.value as string);
        });
      }
      await bus.start();
      await bus.publish('runs', 'k', 'to-runs');
      await bus.publish('marketplace', 'k', 'to-marketplace');
      await bus.publish('workflows', 'k', 'to-workflows');
      await bus.publish('events', 'k', 'to-events');
      await waitFor(() => Object.values(byTopic).every((v) => v.length === 1), 'one message per topic');
      expect(byTopic).toEqual({
        events: ['to-events'],
        runs: ['to-runs'],
        marketplace: ['to-marketplace'],
        workflows: ['to-workflows'],
      });
    });

    it("gives every message to each group, and shares a group's messages among its handlers", async () => {
      const bus = harness.bus();
      const audit: number[] = [];
      const workers: number[][] = [[], []];
      await bus.subscribe(
        'events',
        async (m) => {
          audit.push((m.value as { n: number }).n);
        },
        { group: 'audit' },
      );
      await bus.subscribe(
        'events',
        async (m) => {
          workers[0].push((m.value as { n: number }).n);
        },
        { group: 'workers' },
      );
      await bus.subscribe(
        'events',
        async (m) => {
          workers[1].push((m.value as { n: number }).n);
        },
        { group: 'workers' },
      );
      await bus.start();
      for (let n = 0; n < 20; n += 1) await bus.publish('events', `key-${n % 7}`, { n });
      const all = Array.from({ length: 20 }, (_, n) => n);
      await waitFor(
        () => new Set(audit).size === 20 && new Set([...workers[0], ...workers[1]]).size === 20,
        'all messages in both groups',
      );
      expect([...new Set(audit)].sort((a, b) => a - b)).toEqual(all);
      expect([...new Set([...workers[0], ...workers[1]])].sort((a, b) => a - b)).toEqual(all);
    });

    it('stop waits for handlers in flight, and stopping again is harmless', async () => {
      const bus = harness.bus();
      const entered = deferred();
      let finished = false;
      await bus.subscribe('runs', async () => {
        entered.resolve();
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished = true;
      });
      await bus.start();
      await bus.publish('runs', 'wf-1', { run: 'r1' });
      await entered.promise;
      await bus.stop();
      expect(finished).toBe(true);
      await bus.stop();
    });

    it('runs no handler after stop resolves, not even a redelivery that was due', async () => {
      const bus = harness.bus();
      let calls = 0;
      await bus.subscribe('runs', async () => {
        calls += 1;
        throw new Error('always fails');
      });
      await bus.start();
      await bus.publish('runs', 'wf-1', { run: 'r1' });
      await waitFor(() => calls >= 1, 'the first delivery');
      await bus.stop();
      const callsAtStop = calls;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(calls).toBe(callsAtStop);
    });
  });
}
