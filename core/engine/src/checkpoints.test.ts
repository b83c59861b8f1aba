import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '@wireup/testing';
import type { RunStatus, StepRecord, Store } from '@wireup/store';
import { createHarness, orderEvent, type Harness } from './testing/harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

/** A memory store that logs every run write, and the action calls in between. */
function loggingStore(log: string[]): Store {
  const store = createMemoryStore();
  const { runs } = store;
  const saveStep = runs.saveStep.bind(runs);
  const setStatus = runs.setStatus.bind(runs);
  runs.saveStep = async (id: string, step: StepRecord) => {
    log.push(`save ${step.id} ${step.status}`);
    await saveStep(id, step);
  };
  runs.setStatus = async (id: string, status: RunStatus, fields?: Parameters<typeof setStatus>[2]) => {
    log.push(`status ${status}`);
    await setStatus(id, status, fields);
  };
  return store;
}

const filter = {
  id: 'paid-only',
  type: 'filter',
  when: { all: [{ left: '{{trigger.data.object.status}}', op: 'equals', right: 'paid' }] },
};
const action = (id: string, name = 'create-ticket') => ({
  id,
  type: 'action',
  connector: 'acme',
  action: name,
  connection: 'conn_1',
  input: name === 'notify' ? { text: 'x' } : { customer: 'c', title: 't' },
});

describe('checkpoint policy', () => {
  it('writes a filter → action run once, after the action, with both steps and the final status', async () => {
    const log: string[] = [];
    h = await createHarness({ store: loggingStore(log) });
    h.control.behaviour = async (name) => {
      log.push(`call ${name}`);
      return { id: 't' };
    };
    await h.publishWorkflow('wf', [filter, action('open')]);
    await h.deliver(orderEvent('evt_1'));
    const run = await h.finishedRun('wf', 'evt_1');
    expect(log).toEqual(['call create-ticket', 'save paid-only succeeded', 'save open succeeded', 'status succeeded']);
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([
      ['paid-only', 'succeeded'],
      ['open', 'succeeded'],
    ]);
    expect(run.steps[0]).toMatchObject({
      input: { all: [expect.objectContaining({ passed: true })] },
      output: { passed: true },
    });
  });

  it('puts an action on record before the next action starts', async () => {
    const log: string[] = [];
    h = await createHarness({ store: loggingStore(log) });
    h.control.behaviour = async (name) => {
      log.push(`call ${name}`);
      return { id: name };
    };
    await h.publishWorkflow('wf', [action('first', 'notify'), filter, action('second')]);
    await h.deliver(orderEvent('evt_1'));
    await h.finishedRun('wf', 'evt_1');
    expect(log).toEqual([
      'call notify',
      'save first succeeded',
      'save paid-only succeeded',
      'status running',
      'call create-ticket',
      'save second succeeded',
      'status succeeded',
    ]);
  });

  it("writes a run stopped by its filter once, as filtered with the filter's record", async () => {
    const log: string[] = [];
    h = await createHarness({ store: loggingStore(log) });
    await h.publishWorkflow('wf', [filter, action('open')]);
    await h.deliver(orderEvent('evt_1', { status: 'refunded' }));
    const run = await h.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('filtered');
    expect(log).toEqual(['save paid-only succeeded', 'status filtered']);
  });

  it("shows a slow action's run as running, with the steps before it, while the action runs", async () => {
    const log: string[] = [];
    h = await createHarness({ store: loggingStore(log) });
    let release: () => void = () => {};
    h.control.behaviour = () =>
      new Promise((resolve) => {
        release = () => resolve({ id: 't' });
      });
    await h.publishWorkflow('wf', [filter, action('open')]);
    await h.deliver(orderEvent('evt_1'));
    await expect
      .poll(async () => (await h.store.runs.list({ workflowId: 'wf' }))[0]?.status, { timeout: 5_000 })
      .toBe('running');
    expect((await h.store.runs.list({ workflowId: 'wf' }))[0].steps.map((s) => s.id)).toEqual(['paid-only']);
    release();
    expect((await h.finishedRun('wf', 'evt_1')).status).toBe('succeeded');
    expect(log).toEqual(['save paid-only succeeded', 'status running', 'save open succeeded', 'status succeeded']);
  });
});
