/** EventBus contract, part: poison messages go to the dead-letter sink after a bounded number of deliveries. */
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '@wireup/store';
import type { BusDeadLetter } from '@wireup/bus';
import type { BusHarness } from './bus-contract.ts';
import { sleep, waitFor } from './wait-for.ts';

export function describeDeadLetterContract(harness: BusHarness): void {
  describe('dead letters', () => {
    it("hands a message that keeps failing to the sink after maxDeliveries, with its last error, and then moves on to the key's next message", async () => {
      const bus = harness.bus();
      const max = harness.maxDeliveries();
      const letters: BusDeadLetter[] = [];
      const attempts: number[] = [];
      const handled: unknown[] = [];
      bus.setDeadLetterSink(async (letter) => {
        letters.push(letter);
      });
      await bus.subscribe(
        'runs',
        async (m) => {
          if ((m.value as { poison?: boolean }).poison) {
            attempts.push(m.deliveryAttempt);
            throw new TypeError(`cannot handle attempt ${m.deliveryAttempt}`);
          }
          handled.push(m.value);
        },
        { group: 'executors' },
      );
      await bus.start();
      await bus.publish('runs', 'wf-1', { poison: true, n: 1 });
      await bus.publish('runs', 'wf-1', { n: 2 });
      await waitFor(() => handled.length === 1, 'the message behind the poison one');
      expect(attempts).toEqual(Array.from({ length: max }, (_, i) => i + 1));
      expect(letters).toEqual([
        {
          topic: 'runs',
          key: 'wf-1',
          value: { poison: true, n: 1 },
          group: 'executors',
          deliveries: max,
          error: { message: `TypeError: cannot handle attempt ${max}` },
        },
      ]);
      await sleep(300);
      expect(attempts).toHaveLength(max); // dropped once the sink took it
    });

    it("does not count failures marked retriable (an outage is not the message's fault)", async () => {
      const bus = harness.bus();
      const max = harness.maxDeliveries();
      const letters: BusDeadLetter[] = [];
      let calls = 0;
      let done = false;
      bus.setDeadLetterSink(async (letter) => {
        letters.push(letter);
      });
      await bus.subscribe('events', async () => {
        calls += 1;
        if (calls <= max + 1) throw new StoreUnavailableError('the store is down');
        done = true;
      });
      await bus.start();
      await bus.publish('events', 'k', { n: 1 });
      await waitFor(() => done, 'success after the outage', 30_000);
      expect(letters).toEqual([]);
    });

    it('keeps a message the sink refused, and offers it again after more deliveries', async () => {
      const bus = harness.bus();
      let offers = 0;
      let calls = 0;
      const letters: BusDeadLetter[] = [];
      bus.setDeadLetterSink(async (letter) => {
        offers += 1;
        if (offers === 1) throw new Error('the store is down');
        letters.push(letter);
      });
      await bus.subscribe('events', async () => {
        calls += 1;
        throw new Error('poison');
      });
      await bus.start();
      await bus.publish('events', 'k', { n: 1 });
      await waitFor(() => letters.length === 1, 'the second offer', 30_000);
      expect(offers).toBe(2);
      expect(letters[0].deliveries).toBe(calls);
      expect(calls).toBe(harness.maxDeliveries() + 1);
    });

    it("does not deliver a dead-lettered message again after a restart, and the key's later messages are delivered (durable adapters)", async (ctx) => {
      if (!harness.canReopen()) ctx.skip(); // the in-memory bus has nothing to reopen
      const first = harness.bus();
      const letters: BusDeadLetter[] = [];
      first.setDeadLetterSink(async (letter) => {
        letters.push(letter);
      });
      await first.subscribe('runs', async () => {
        throw new TypeError('poison');
      });
      await first.start();
      await first.publish('runs', 'wf-1', { n: 1 });
      await waitFor(() => letters.length === 1, 'the dead letter');
      const second = await harness.reopen();
      const seen: unknown[] = [];
      await second.subscribe('runs', async (m) => {
        seen.push(m.value);
      });
      await second.start();
      await second.publish('runs', 'wf-1', { n: 2 });
      await waitFor(() => seen.length >= 1, 'the next message of the key');
      await sleep(300);
      expect(seen).toEqual([{ n: 2 }]);
    });
  });
}
