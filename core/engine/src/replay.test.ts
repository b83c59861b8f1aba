import { describe, expect, it, vi } from 'vitest';
import { UpstreamError } from '@wireup/sdk';
import { harnessPerTest, orderEvent, type Harness } from './testing/harness.ts';
import { acmeNotify, acmeTicket } from './testing/acme-steps.ts';

const harness = harnessPerTest();
let h: Harness;

const notify = acmeNotify();
const ticket = acmeTicket();

describe('replayRun', () => {
  it('re-runs a failed run once the provider recovers, without repeating its succeeded steps', async () => {
    h = await harness();
    let upstreamDown = true;
    h.control.behaviour = async (name) => {
      if (name === 'create-ticket' && upstreamDown) throw new UpstreamError('Acme answered 500', 500);
      return { id: `${name}-${h.control.calls.length}` };
    };
    await h.publishWorkflow('wf', [notify, ticket]);
    await h.deliver(orderEvent('evt_1'));
    const failed = await h.finishedRun('wf', 'evt_1');
    expect(failed.status).toBe('failed');
    expect(failed.steps.map((s) => [s.id, s.status, s.attempts])).toEqual([
      ['notify-team', 'succeeded', 1],
      ['open-ticket', 'failed', 3],
    ]);

    upstreamDown = false;
    const queued = await h.engine.replayRun(failed.id);
    expect(queued).toMatchObject({ id: failed.id, status: 'queued', replays: 1 });
    const run = await vi.waitFor(
      async () => {
        const r = (await h.store.runs.get(failed.id))!;
        if (r.status !== 'succeeded') throw new Error(r.status);
        return r;
      },
      { timeout: 10_000, interval: 5 },
    );
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([
      ['notify-team', 'succeeded'],
      ['open-ticket', 'succeeded'],
    ]);
    expect(run.error).toBeUndefined();
    expect(h.control.calls.filter((c) => c.action === 'notify')).toHaveLength(1);
    // The replayed step read the first step's stored output, and kept its idempotency key.
    const tickets = h.control.calls.filter((c) => c.action === 'create-ticket');
    expect(tickets).toHaveLength(4);
    expect(tickets[3].input).toEqual({ customer: 'cus_42', title: 'after notify-1' });
    expect(new Set(tickets.map((c) => c.idempotencyKey)).size).toBe(1);
    expect(await h.store.runs.list({ status: ['failed'] })).toEqual([]);
  });

  it('refuses runs that are not failed, and unknown runs', async () => {
    h = await harness();
    await h.publishWorkflow('wf', [notify]);
    await h.deliver(orderEvent('evt_1'));
    const run = await h.finishedRun('wf', 'evt_1');
    await expect(h.engine.replayRun(run.id)).rejects.toMatchObject({ code: 'RUN_NOT_REPLAYABLE', statusCode: 409 });
    await expect(h.engine.replayRun('run_nope')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND', statusCode: 404 });
  });
});
