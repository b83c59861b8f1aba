import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryEventBus } from '@wireup/testing';
import { silentLogger, type Logger } from '@wireup/runtime';
import { BusUnavailableError, type EventBus } from '@wireup/bus';
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
  async function twoProcesses(shared = true, sendingBus?: (bus: EventBus) => EventBus, log: Logger = silentLogger) {
    bus = createMemoryEventBus();
    const make = async (its: EventBus) => {
      const workflows = lifecycle();
      const broadcast = await createBroadcast({ bus: its, shared, log: silentLogger });
      const heard: WorkflowEventNotice[] = [];
      relayWorkflowEvents(
        workflows,
        broadcast,
        (e) => {
          heard.push(e);
        },
        { log, resendDelaysMs: [20, 20, 20] },
      );
      return { workflows, heard };
    };
    const a = await make(sendingBus ? sendingBus(bus) : bus);
    const b = await make(bus);
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

  /** The bus as process A sees it: its first `failures` publishes are refused, as by a Kafka that is down. */
  const refusing = (failures: { left: number }) => (shared: EventBus) => ({
    ...shared,
    publish: async (...args: Parameters<EventBus['publish']>) => {
      if (failures.left-- > 0) throw new BusUnavailableError('Kafka at 127.0.0.1:9092 is not reachable');
      return shared.publish(...args);
    },
  });
  const recording = () => {
    const lines: Array<[string, string]> = [];
    const at = (level: string) => (_fields: unknown, message?: string) => void lines.push([level, message ?? '']);
    return { lines, log: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') } as Logger };
  };

  it('are sent again when the bus refused them, without holding up the process that emitted them', async () => {
    const { lines, log } = recording();
    const { a, b } = await twoProcesses(true, refusing({ left: 2 }), log);
    await a.workflows.emit(published('wf_1'));
    // The emit (a publish's answer waits for it) resolved while the notice waits for its next attempt.
    expect(b.heard).toEqual([]);
    await until(() => b.heard.length === 1);
    expect(b.heard).toEqual([expect.objectContaining({ type: 'workflow.published', workflowId: 'wf_1' })]);
    expect(lines.filter(([level]) => level === 'warn')).toHaveLength(2);
    expect(lines.filter(([level]) => level === 'error')).toEqual([]);
  });

  it('send only the newest notice of a workflow when several wait, and give up with an error line', async () => {
    const { lines, log } = recording();
    const { a, b } = await twoProcesses(true, refusing({ left: 1 }), log);
    await a.workflows.emit(published('wf_1'));
    await a.workflows.emit({
      type: 'workflow.unpublished',
      workflowId: 'wf_1',
      version: 2,
      at: new Date().toISOString(),
    });
    await until(() => b.heard.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(b.heard.map((e) => e.type)).toEqual(['workflow.unpublished']);

    await bus.stop();
    const down = await twoProcesses(true, refusing({ left: 100 }), log);
    await down.a.workflows.emit(published('wf_2'));
    await until(() => lines.some(([level]) => level === 'error'));
    expect(lines.filter(([level]) => level === 'error')).toEqual([
      ['error', 'the other processes did not hear this workflow event; their pages follow at the next one'],
    ]);
    expect(down.b.heard).toEqual([]);
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
