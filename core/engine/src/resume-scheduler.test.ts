import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimitedError } from '@wireup/sdk';
import { createMemoryStore } from '@wireup/testing';
import { createHarness, orderEvent, type Harness } from './testing/harness.ts';

let h: Harness | undefined;
let later: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  await later?.stop();
  h = later = undefined;
});

const ticket = {
  id: 'open',
  type: 'action',
  connector: 'acme',
  action: 'create-ticket',
  connection: 'conn_1',
  input: { customer: 'c', title: 't' },
};
const waitingRun = (harness: Harness, workflowId: string) =>
  vi.waitFor(
    async () => {
      const [run] = await harness.store.runs.list({ workflowId });
      if (run?.status !== 'waiting') throw new Error(`run is ${run?.status}`);
      return run;
    },
    { timeout: 5000, interval: 5 },
  );

describe('parking runs on long waits', () => {
  it('parks a run whose provider asks for a wait longer than parkAfterMs, and resumes it when the wait is over', async () => {
    h = await createHarness({
      engine: { retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 100, parkAfterMs: 50 } },
    });
    h.control.behaviour = async () => {
      if (h!.control.calls.length === 1) throw new RateLimitedError('Too many requests', 400);
      return { id: 'ticket' };
    };
    await h.publishWorkflow('wf', [ticket]);
    const t0 = Date.now();
    await h.deliver(orderEvent('evt_1'));
    const parked = await waitingRun(h, 'wf');
    expect(parked.steps[0]).toMatchObject({
      id: 'open',
      status: 'waiting',
      attempts: 1,
      error: { code: 'RATE_LIMITED' },
    });
    expect(Date.parse(parked.steps[0].retryAt!) - t0).toBeGreaterThanOrEqual(390);
    expect(h.sleeps).toEqual([]); // nothing slept in-process
    // Woken early (a duplicate message): parked again, nothing called.
    await h.bus.publish('runs', 'wf', { runId: parked.id });
    await new Promise((r) => setTimeout(r, 50));
    expect((await h.store.runs.get(parked.id))!.status).toBe('waiting');
    expect(h.control.calls).toHaveLength(1);
    const run = await h.finishedRun('wf', 'evt_1');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0]).toMatchObject({ status: 'succeeded', attempts: 2, startedAt: parked.steps[0].startedAt });
    expect(run.steps[0].retryAt).toBeUndefined();
    expect(h.control.calls).toHaveLength(2);
  });

  it('a parked run holds no executor slot: other runs go on meanwhile', async () => {
    h = await createHarness({
      engine: { retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 100, parkAfterMs: 50 }, runLanes: 1 },
    });
    h.control.behaviour = async (name) => {
      if (name === 'create-ticket') throw new RateLimitedError('Too many requests', 120_000);
      return { id: 'note' };
    };
    await h.publishWorkflow('wf-held', [ticket]);
    await h.publishWorkflow('wf-free', [
      { id: 'say', type: 'action', connector: 'acme', action: 'notify', connection: 'conn_1', input: { text: 'x' } },
    ]);
    await h.deliver(orderEvent('evt_1'));
    await h.deliver(orderEvent('evt_2'));
    expect((await h.finishedRun('wf-free', 'evt_2')).status).toBe('succeeded');
    await vi.waitFor(
      async () => expect(await h!.store.runs.list({ workflowId: 'wf-held', status: ['waiting'] })).toHaveLength(2),
      { timeout: 5000 },
    );
    expect(h.control.calls.filter((c) => c.action === 'create-ticket')).toHaveLength(2);
  });

  it('after a restart, a sweep of the store resumes the runs parked before it', async () => {
    const store = createMemoryStore();
    h = await createHarness({
      store,
      engine: { retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 100, parkAfterMs: 50 } },
    });
    h.control.behaviour = async () => {
      throw new RateLimitedError('Too many requests', 600);
    };
    await h.publishWorkflow('wf', [ticket]);
    await h.deliver(orderEvent('evt_1'));
    const parked = await waitingRun(h, 'wf');
    await h.stop();
    h = undefined;
    // A new engine on the same store: it never parked this run, so only its sweep can find it.
    later = await createHarness({
      store,
      engine: { retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 100, parkAfterMs: 50 }, resumeSweepMs: 20 },
    });
    later.control.behaviour = async () => ({ id: 'ticket' });
    const run = await later.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('succeeded');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(parked.steps[0].retryAt!) - 100);
    expect(later.control.calls).toHaveLength(1);
    expect(run.steps[0].attempts).toBe(2);
  });
});
