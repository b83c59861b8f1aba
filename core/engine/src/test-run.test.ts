import { describe, expect, it, vi } from 'vitest';
import type { RunRecord, WorkflowDocument } from '@wireup/store';
import { harnessPerTest, orderEvent, type Harness } from './testing/harness.ts';
import { acmeNotify, acmeTicket } from './testing/acme-steps.ts';
import { testRunKeyOf } from './test-run.ts';

const harness = harnessPerTest();
let h: Harness;

const notify = acmeNotify();
const ticket = acmeTicket();
const documentOf = (steps: unknown[], trigger = 'order-paid'): WorkflowDocument => ({
  name: 'wf',
  trigger: { connector: 'acme', trigger, connection: 'conn_1' },
  steps,
});

async function finished(runId: string): Promise<RunRecord> {
  return vi.waitFor(
    async () => {
      const run = (await h.store.runs.get(runId))!;
      if (!['succeeded', 'failed', 'filtered'].includes(run.status)) throw new Error(run.status);
      return run;
    },
    { timeout: 10_000, interval: 5 },
  );
}

describe('testRun', () => {
  it('runs a draft on a sample through the executor, real actions included, as a run marked test', async () => {
    h = await harness();
    h.control.behaviour = async (name) => ({ id: `${name}-${h.control.calls.length}` });
    await h.store.workflows.create('wf', documentOf([notify, ticket]));
    const queued = await h.engine.testRun({
      workflowId: 'wf',
      document: documentOf([notify, ticket]),
      version: 0,
      trigger: { sample: orderEvent('evt_sample') },
    });
    expect(queued).toMatchObject({
      workflowId: 'wf',
      version: 0,
      status: 'queued',
      test: true,
      event: { id: 'evt_sample', type: 'order.paid' },
    });
    const run = await finished(queued.id);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([
      ['notify-team', 'succeeded'],
      ['open-ticket', 'succeeded'],
    ]);
    expect(h.control.calls.map((c) => [c.action, c.input])).toEqual([
      ['notify', { text: 'order ord_evt_sample' }],
      ['create-ticket', { customer: 'cus_42', title: 'after notify-1' }],
    ]);
    // Listed as a test, and never routed to a published workflow: no event was stored for the sample.
    expect((await h.store.runs.list({ test: true })).map((r) => r.id)).toEqual([run.id]);
    expect(await h.store.runs.list({ test: false })).toEqual([]);
    expect(await h.store.events.listUnrouted(10)).toEqual([]);
    // Each test is a new run: a second one calls the app again, under another idempotency key.
    const again = await finished(
      (
        await h.engine.testRun({
          workflowId: 'wf',
          document: documentOf([notify]),
          version: 0,
          trigger: { sample: orderEvent('evt_sample') },
        })
      ).id,
    );
    expect(again.id).not.toBe(run.id);
    expect(new Set(h.control.calls.filter((c) => c.action === 'notify').map((c) => c.idempotencyKey)).size).toBe(2);
  });

  it('runs on a stored event by its provider id, and reads pinned outputs of steps it does not run', async () => {
    h = await harness();
    h.control.behaviour = async (name) => ({ id: `${name}-${h.control.calls.length}` });
    await h.publishWorkflow('wf', [notify, ticket]);
    await h.deliver(orderEvent('evt_real', { customer: 'cus_real' }));
    await h.finishedRun('wf', 'evt_real');
    h.control.calls.length = 0;
    const queued = await h.engine.testRun({
      workflowId: 'wf',
      document: documentOf([ticket]),
      version: 1,
      trigger: { eventId: 'evt_real' },
      pinned: { 'notify-team': { id: 'pinned-7' } },
    });
    expect(queued.event).toMatchObject({ id: 'evt_real', type: 'order.paid' });
    const run = await finished(queued.id);
    expect(run.steps.map((s) => s.id)).toEqual(['open-ticket']);
    expect(h.control.calls.map((c) => c.input)).toEqual([{ customer: 'cus_real', title: 'after pinned-7' }]);
    // The real run is still the only one the provider started.
    expect((await h.store.runs.list({ test: false })).map((r) => r.event.id)).toEqual(['evt_real']);
  });

  it('refuses an unknown event (404) and one the trigger does not fire on (422), and starts nothing', async () => {
    h = await harness();
    await h.publishWorkflow('wf', [notify]);
    await h.deliver(orderEvent('evt_failed', {}, 'order.failed'));
    await expect(
      h.engine.testRun({
        workflowId: 'wf',
        document: documentOf([notify]),
        version: 0,
        trigger: { eventId: 'evt_nope' },
      }),
    ).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND', statusCode: 404 });
    await expect(
      h.engine.testRun({
        workflowId: 'wf',
        document: documentOf([notify]),
        version: 0,
        trigger: { eventId: 'evt_failed' },
      }),
    ).rejects.toMatchObject({
      code: 'EVENT_NOT_FOR_TRIGGER',
      statusCode: 422,
      message: expect.stringContaining('order.failed'),
    });
    expect(await h.store.runs.list({ test: true })).toEqual([]);
  });

  it('fails a test run whose snapshot is gone, saying so', async () => {
    h = await harness({ start: false });
    const queued = await h.engine.testRun({
      workflowId: 'wf',
      document: documentOf([notify]),
      version: 0,
      trigger: { sample: orderEvent('evt_s') },
    });
    await h.store.kv.delete(testRunKeyOf(queued.id));
    await h.bus.start();
    await h.engine.startWorkers();
    const run = await finished(queued.id);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'TEST_RUN_MISSING' } });
  });
});
