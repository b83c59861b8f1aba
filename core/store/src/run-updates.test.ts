import { describe, expect, it } from 'vitest';
import type { RunRepository } from './store.ts';
import { applyCheckpoint, checkpointRun } from './run-updates.ts';
import type { RunRecord, StepRecord } from './records.ts';

const step = (id: string, status: StepRecord['status'] = 'succeeded'): StepRecord => ({
  id,
  type: 'action',
  status,
  attempts: 1,
  startedAt: 't0',
});
const run: RunRecord = {
  id: 'r',
  workflowId: 'w',
  version: 1,
  status: 'queued',
  event: { key: 'k', id: 'e', type: 't' },
  steps: [step('a', 'running')],
  replays: 0,
  createdAt: 't0',
  updatedAt: 't0',
};

describe('checkpoints', () => {
  it('upserts the steps in order, then sets the status, error and finishedAt', () => {
    const next = applyCheckpoint(
      run,
      {
        steps: [step('b'), step('a')],
        status: 'failed',
        error: { code: 'X', message: 'x', retriable: false },
        finishedAt: 't9',
      },
      't9',
    );
    expect(next.steps.map((s) => [s.id, s.status])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded'],
    ]);
    expect(next).toMatchObject({ status: 'failed', error: { code: 'X' }, finishedAt: 't9', updatedAt: 't9' });
    expect(applyCheckpoint(run, { steps: [step('c')] }, 't1').status).toBe('queued');
  });

  it('falls back to saveStep for each step and one setStatus on an adapter without checkpoint', async () => {
    const calls: unknown[][] = [];
    const runs = {
      saveStep: async (id: string, s: StepRecord) => {
        calls.push(['saveStep', id, s.id]);
      },
      setStatus: async (id: string, status: string, fields: unknown) => {
        calls.push(['setStatus', id, status, fields]);
      },
    } as unknown as RunRepository;
    await checkpointRun(runs, 'r', {
      steps: [step('a'), step('b')],
      status: 'succeeded',
      error: null,
      finishedAt: 't9',
    });
    await checkpointRun(runs, 'r', { steps: [step('c')] });
    expect(calls).toEqual([
      ['saveStep', 'r', 'a'],
      ['saveStep', 'r', 'b'],
      ['setStatus', 'r', 'succeeded', { error: null, finishedAt: 't9' }],
      ['saveStep', 'r', 'c'],
    ]);
  });
});
