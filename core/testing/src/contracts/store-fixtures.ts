/** Record builders for the Store contract suite: valid records with overridable fields. */
import type { ConnectionRecord, EventRecord, RunRecord, StepRecord, WorkflowDocument } from '@wireup/store';

/** An ISO timestamp `minutes` after a fixed origin, so tests order records without waiting. */
export function at(minutes: number): string {
  return new Date(Date.UTC(2024, 0, 1, 0, 0, 0) + minutes * 60_000).toISOString();
}

export function connection(id: string, overrides: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return {
    id,
    connector: 'stripe',
    name: `Stripe ${id}`,
    authCiphertext: `cipher-${id}`,
    publicAuth: { mode: 'test' },
    webhookToken: `token-${id}`,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function document(name: string, trigger: Partial<WorkflowDocument['trigger']> = {}): WorkflowDocument {
  return {
    name,
    trigger: { connector: 'stripe', trigger: 'charge-failed', connection: 'conn-1', ...trigger },
    steps: [
      {
        id: 'declines-only',
        type: 'filter',
        when: { all: [{ left: '{{trigger.data.object.failure_code}}', op: 'equals', right: 'card_declined' }] },
      },
    ],
  };
}

export function event(key: string, overrides: Partial<EventRecord> = {}): EventRecord {
  return {
    key,
    connectionId: 'conn-1',
    connector: 'stripe',
    providerEventId: key.split(':').pop() ?? key,
    type: 'charge.failed',
    payload: { id: key, data: { object: { amount: 1200, currency: 'usd', note: 'café ✓', nothing: null } } },
    status: 'received',
    receivedAt: at(0),
    ...overrides,
  };
}

export function run(id: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    workflowId: 'wf-1',
    version: 1,
    status: 'queued',
    event: { key: `conn-1:${id}`, id: `evt_${id}`, type: 'charge.failed' },
    steps: [],
    replays: 0,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function step(id: string, overrides: Partial<StepRecord> = {}): StepRecord {
  return {
    id,
    type: 'action',
    status: 'succeeded',
    input: { a: 1 },
    output: { ok: true },
    attempts: 1,
    startedAt: at(1),
    finishedAt: at(2),
    durationMs: 5,
    ...overrides,
  };
}
