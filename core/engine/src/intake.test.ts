import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus } from '@wireup/bus';
import { createMemoryEventBus, createMemoryStore } from '@wireup/testing';
import { createHarness, orderEvent, type Harness } from './testing/harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const ticket = {
  id: 'open-ticket',
  type: 'action',
  connector: 'acme',
  action: 'create-ticket',
  connection: 'conn_1',
  input: { customer: '{{trigger.data.object.customer}}', title: 'Order {{trigger.data.object.id}}' },
};

describe('acceptWebhook', () => {
  it('turns one delivery into exactly one run whose step shows its input and output', async () => {
    h = await createHarness();
    await h.publishWorkflow('wf-tickets', [ticket]);
    expect(await h.deliver(orderEvent('evt_1'))).toEqual({ accepted: 1, duplicates: 0, ignored: 0 });
    const run = await h.finishedRun('wf-tickets', 'evt_1');
    expect(run.status).toBe('succeeded');
    expect(run.event).toMatchObject({ id: 'evt_1', type: 'order.paid' });
    expect(run.steps).toEqual([
      expect.objectContaining({
        id: 'open-ticket',
        type: 'action',
        status: 'succeeded',
        attempts: 1,
        input: { customer: 'cus_42', title: 'Order ord_evt_1' },
        output: { id: 't-1', echo: { customer: 'cus_42', title: 'Order ord_evt_1' } },
      }),
    ]);
    expect(run.steps[0].durationMs).toBeGreaterThanOrEqual(0);
    expect(await h.store.runs.list({ workflowId: 'wf-tickets' })).toHaveLength(1);
  });

  it('acknowledges the same delivery twice but runs it once', async () => {
    h = await createHarness();
    await h.publishWorkflow('wf-tickets', [ticket]);
    await h.deliver(orderEvent('evt_1'));
    await h.finishedRun('wf-tickets', 'evt_1');
    expect(await h.deliver(orderEvent('evt_1'))).toEqual({ accepted: 0, duplicates: 1, ignored: 0 });
    // A later event's run comes after any run the duplicate could have queued for this workflow.
    await h.deliver(orderEvent('evt_2'));
    await h.finishedRun('wf-tickets', 'evt_2');
    expect((await h.store.runs.list({ workflowId: 'wf-tickets' })).map((r) => r.event.id).sort()).toEqual([
      'evt_1',
      'evt_2',
    ]);
    expect(h.control.calls.filter((c) => (c.input as { title: string }).title === 'Order ord_evt_1')).toHaveLength(1);
  });

  it('starts one run per published workflow the event fires, and none for other triggers', async () => {
    h = await createHarness();
    await h.publishWorkflow('wf-a', [ticket]);
    await h.publishWorkflow('wf-b', [ticket]);
    await h.publishWorkflow('wf-failed', [ticket], 'order-failed');
    await h.deliver(orderEvent('evt_1'));
    await h.finishedRun('wf-a', 'evt_1');
    await h.finishedRun('wf-b', 'evt_1');
    await h.deliver(orderEvent('evt_2', {}, 'order.failed'));
    await h.finishedRun('wf-failed', 'evt_2');
    expect(await h.store.runs.list({ workflowId: 'wf-failed' })).toHaveLength(1);
    expect(await h.store.runs.list({ workflowId: 'wf-a' })).toHaveLength(1);
  });

  it('refuses a bad signature with SIGNATURE_INVALID and stores nothing', async () => {
    h = await createHarness();
    await h.publishWorkflow('wf-tickets', [ticket]);
    await expect(h.deliver(orderEvent('evt_1'), { secret: 'whsec_wrong' })).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
      statusCode: 400,
    });
    expect(await h.store.events.get('conn_1:evt_1')).toBeNull();
    expect(await h.store.events.listUnrouted(10)).toEqual([]);
    expect(await h.store.runs.list({})).toEqual([]);
  });

  it("answers an unknown token or another connector's URL with a 404 UNKNOWN_WEBHOOK and stores nothing", async () => {
    h = await createHarness();
    await h.publishWorkflow('wf-tickets', [ticket]);
    await expect(h.deliver(orderEvent('evt_1'), { token: 'tok_nope' })).rejects.toMatchObject({
      code: 'UNKNOWN_WEBHOOK',
      statusCode: 404,
    });
    await expect(
      h.engine.acceptWebhook({
        connector: 'stripe',
        token: 'tok_conn1_unguessable',
        rawBody: Buffer.from('{}'),
        headers: {},
      }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_WEBHOOK', statusCode: 404 });
    await expect(h.deliver(orderEvent('evt_1'), { trigger: 'order-refunded' })).rejects.toMatchObject({
      code: 'UNKNOWN_WEBHOOK',
    });
    expect(await h.store.events.listUnrouted(10)).toEqual([]);
    expect(await h.store.runs.list({})).toEqual([]);
  });

  it('ignores, on a per-trigger URL, events of other types', async () => {
    h = await createHarness();
    await h.publishWorkflow('wf-failed', [ticket], 'order-failed');
    expect(
      await h.deliver(
        { events: [orderEvent('evt_1'), orderEvent('evt_2', {}, 'order.failed')] },
        { trigger: 'order-failed' },
      ),
    ).toEqual({ accepted: 1, duplicates: 0, ignored: 1 });
    expect(await h.store.events.get('conn_1:evt_1')).toBeNull();
    expect((await h.finishedRun('wf-failed', 'evt_2')).status).toBe('succeeded');
  });

  it("rejects with a 503 when the bus refuses, and the provider's retry queues the stored event", async () => {
    const real = createMemoryEventBus();
    let refuse = true;
    const flaky: EventBus = {
      ...real,
      publish: async (topic, key, value) => {
        if (refuse && topic === 'events') throw new Error('broker down');
        return real.publish(topic, key, value);
      },
    };
    h = await createHarness({ store: createMemoryStore(), bus: flaky });
    await h.publishWorkflow('wf-tickets', [ticket]);
    await expect(h.deliver(orderEvent('evt_1'))).rejects.toMatchObject({
      code: 'BUS_UNAVAILABLE',
      statusCode: 503,
      retriable: true,
    });
    refuse = false;
    expect(await h.deliver(orderEvent('evt_1'))).toEqual({ accepted: 0, duplicates: 1, ignored: 0 });
    expect((await h.finishedRun('wf-tickets', 'evt_1')).status).toBe('succeeded');
    expect(h.control.calls).toHaveLength(1);
  });
});
