import { describe, expect, it, vi } from 'vitest';
import { UpstreamError } from '@wireup/sdk';
import { createMemoryEventBus, createMemoryStore } from '@wireup/testing';
import { harnessPerTest, orderEvent } from './testing/harness.ts';
import { acmeNotify, acmeTicket } from './testing/acme-steps.ts';
import { runIdOf } from './messages.ts';

const harness = harnessPerTest();

const notify = acmeNotify('hi');
const simpleTicket = acmeTicket('Order');
const ticket = acmeTicket();

describe('startWorkers recovery', () => {
  it('re-queues no stored event: the bus holds every accepted event until it is routed (a webhook stored but not queued was answered 503)', async () => {
    const h = await harness({ start: false });
    await h.publishWorkflow('wf', [simpleTicket]);
    await h.store.events.accept({
      key: 'conn_1:evt_1',
      connectionId: 'conn_1',
      connector: 'acme',
      providerEventId: 'evt_1',
      type: 'order.paid',
      payload: orderEvent('evt_1'),
      status: 'received',
      receivedAt: new Date().toISOString(),
    });
    await h.bus.start();
    await h.engine.startWorkers();
    await new Promise((r) => setTimeout(r, 100));
    expect(await h.store.runs.list({ workflowId: 'wf' })).toEqual([]);
    expect(h.control.calls).toEqual([]);
  });

  it('resumes a run left running at its first unfinished step, reusing the stored output', async () => {
    const h = await harness({ start: false });
    await h.publishWorkflow('wf', [notify, ticket]);
    const now = new Date().toISOString();
    await h.store.events.accept({
      key: 'conn_1:evt_1',
      connectionId: 'conn_1',
      connector: 'acme',
      providerEventId: 'evt_1',
      type: 'order.paid',
      payload: orderEvent('evt_1'),
      status: 'routed',
      receivedAt: now,
    });
    const id = runIdOf('wf', 'conn_1:evt_1');
    await h.store.runs.createIfAbsent({
      id,
      workflowId: 'wf',
      version: 1,
      status: 'running',
      event: { key: 'conn_1:evt_1', id: 'evt_1', type: 'order.paid' },
      steps: [],
      replays: 0,
      createdAt: now,
      updatedAt: now,
    });
    await h.store.runs.saveStep(id, {
      id: 'notify-team',
      type: 'action',
      status: 'succeeded',
      input: { text: 'hi' },
      output: { id: 'note-from-before-the-crash' },
      attempts: 1,
      startedAt: now,
      finishedAt: now,
      durationMs: 3,
    });
    await h.bus.start();
    await h.engine.startWorkers();
    const run = await h.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('succeeded');
    expect(h.control.calls.map((c) => [c.action, c.input])).toEqual([
      ['create-ticket', { customer: 'cus_42', title: 'after note-from-before-the-crash' }],
    ]);
  });

  it('leaves a run interrupted by stop() for the next start, which finishes it', async () => {
    const store = createMemoryStore();
    let release: () => void = () => {};
    const first = await harness({
      store,
      engine: {
        sleep: () =>
          new Promise<void>((resolve) => {
            release = resolve;
          }),
      },
    });
    first.control.behaviour = async () => {
      throw new UpstreamError('Acme answered 503', 503);
    };
    await first.publishWorkflow('wf', [simpleTicket]);
    await first.deliver(orderEvent('evt_1'));
    await vi.waitFor(
      () => {
        if (first.control.calls.length < 1) throw new Error('not called yet');
      },
      { timeout: 10_000, interval: 5 },
    );
    // The run now waits between attempts; a restart must neither fail it nor lose it.
    await first.stop();
    release();
    const id = runIdOf('wf', 'conn_1:evt_1');
    expect((await store.runs.get(id))!.status).toBe('running');

    const second = await harness({ store, bus: createMemoryEventBus() });
    const run = await second.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('succeeded');
    expect(run.steps[0]).toMatchObject({ id: 'open-ticket', status: 'succeeded', attempts: 1 });
  });
});
