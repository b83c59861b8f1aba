import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryEventBus } from '@wireup/testing';
import { silentLogger } from '@wireup/runtime';
import type { EventBus } from '@wireup/bus';
import type { WorkflowEvent, WorkflowEventListener } from '@wireup/engine';
import { createBroadcast, REPLAY_CUTOFF_MS } from './broadcast.ts';
import { relayWorkflowEvents, type WorkflowEventNotice } from './workflow-event-relay.ts';

/** A lifecycle's `subscribe` and a way to emit, as createWorkflowLifecycle does. */
function lifecycle() {
  const listeners: WorkflowEventListener[] = [];
  return {
    subscribe(listener: WorkflowEventListener) {
      listeners.push(listener);
      return () => {};
    },
    emit: (event: WorkflowEvent) => Promise.all(listeners.map((l) => l(event))),
  };
}

const published = (workflowId: string): WorkflowEvent => ({
  type: 'workflow.published',
  workflowId,
  version: 2,
  previousVersion: 1,
  document: { name: 'n', trigger: { connector: 'stripe', trigger: 't', connection: 'c' }, steps: [] } as never,
  at: new Date().toISOString(),
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('workflow events across processes', () => {
  let bus: EventBus;
  afterEach(async () => bus?.stop());

  /** Two processes sharing one bus: each with its own lifecycle, broadcast and what it heard. */
  async function twoProcesses(shared = true) {
    bus = createMemoryEventBus();
    const make = async () => {
      const workflows = lifecycle();
      const broadcast = await createBroadcast({ bus, shared, log: silentLogger });
      const heard: WorkflowEventNotice[] = [];
      relayWorkflowEvents(workflows, broadcast, (e) => {
        heard.push(e);
      });
      return { workflows, heard };
    };
    const a = await make();
    const b = await make();
    await bus.start();
    return { a, b };
  }

  it('reach every other process, without the document, and never the process that emitted them', async () => {
    const { a, b } = await twoProcesses();
    await a.workflows.emit(published('wf_1'));
    await b.workflows.emit({ type: 'workflow.deleted', workflowId: 'wf_2', at: new Date().toISOString() });
    await until(() => b.heard.length === 1 && a.heard.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(b.heard).toEqual([
      expect.objectContaining({ type: 'workflow.published', workflowId: 'wf_1', version: 2, previousVersion: 1 }),
    ]);
    expect(b.heard[0]).not.toHaveProperty('document');
    expect(a.heard).toEqual([expect.objectContaining({ type: 'workflow.deleted', workflowId: 'wf_2' })]);
  });

  it('are not sent when the bus is not shared (the embedded outbox)', async () => {
    const { a, b } = await twoProcesses(false);
    await a.workflows.emit(published('wf_1'));
    await new Promise((r) => setTimeout(r, 50));
    expect(b.heard).toEqual([]);
  });

  it('skip what was sent long before the process started (a new group reads the topic from its beginning)', async () => {
    bus = createMemoryEventBus();
    const now = Date.now();
    const heard: string[] = [];
    const late = await createBroadcast({ bus, shared: true, log: silentLogger });
    late.on<{ n: string }>('x', (m) => {
      heard.push(m.n);
    });
    await bus.start();
    const old = new Date(now - REPLAY_CUTOFF_MS - 1000).toISOString();
    await bus.publish('workflows', 'k', { type: 'x', origin: 'other', at: old, n: 'old' });
    await bus.publish('workflows', 'k', { type: 'x', origin: 'other', at: new Date(now).toISOString(), n: 'new' });
    await bus.publish('workflows', 'k', {
      type: 'y',
      origin: 'other',
      at: new Date(now).toISOString(),
      n: 'other type',
    });
    await until(() => heard.length > 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual(['new']);
  });
});
