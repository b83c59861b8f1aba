import { describe, expect, it } from 'vitest';
import { createKeyedDispatcher, exponentialDelay, type Delivery } from './keyed-dispatcher.ts';

describe('exponentialDelay', () => {
  it('doubles from the base after each failure and never exceeds the cap', () => {
    const delay = exponentialDelay(100, 1_000);
    expect([1, 2, 3, 4, 5, 6, 50].map(delay)).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });
});

describe('createKeyedDispatcher', () => {
  it('queues deliveries pushed before start and runs them, in order, only after start', async () => {
    const ran: number[] = [];
    const acked: number[] = [];
    const dispatcher = createKeyedDispatcher<Delivery & { n: number }>({
      concurrency: 2,
      redeliveryDelayMs: () => 1,
      run: async (d) => {
        ran.push(d.n);
      },
      acknowledge: (d) => {
        acked.push(d.n);
      },
    });
    for (let n = 0; n < 5; n += 1) dispatcher.push({ key: 'k', deliveryAttempt: 1, n });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual([]);
    expect(dispatcher.pending).toBe(5);
    dispatcher.start();
    while (acked.length < 5) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(dispatcher.pending).toBe(0);
    await dispatcher.stop();
  });

  it('treats a handler that throws synchronously like one that rejects', async () => {
    const attempts: number[] = [];
    const failures: number[] = [];
    const dispatcher = createKeyedDispatcher<Delivery>({
      concurrency: 1,
      redeliveryDelayMs: () => 1,
      run: (d) => {
        attempts.push(d.deliveryAttempt);
        if (d.deliveryAttempt === 1) throw new Error('sync throw');
        return Promise.resolve();
      },
      acknowledge: () => {},
      failed: (d) => {
        failures.push(d.deliveryAttempt);
      },
    });
    dispatcher.start();
    dispatcher.push({ key: 'k', deliveryAttempt: 1 });
    while (attempts.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(attempts).toEqual([1, 2]);
    expect(failures).toEqual([1]);
    await dispatcher.stop();
  });
});
