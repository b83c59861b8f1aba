import { describe, expect, it } from 'vitest';
import { harnessPerTest, orderEvent, type Harness } from './testing/harness.ts';
import { acmeTicket } from './testing/acme-steps.ts';

const harness = harnessPerTest();
let h: Harness;

const ticket = (title: string, amount?: string) => acmeTicket(title, amount ? { amount } : {});

describe('code step', () => {
  it('computes an output later steps read, and logs its console lines', async () => {
    h = await harness();
    await h.publishWorkflow('wf', [
      {
        id: 'calc',
        type: 'code',
        input: { amount: '{{trigger.data.object.amount}}', currency: '{{trigger.data.object.currency}}' },
        code: 'console.log("cents", input.amount);\nreturn { dollars: input.amount / 100, label: `${(input.amount / 100).toFixed(2)} ${input.currency.toUpperCase()}` }',
      },
      ticket('Charge of {{steps.calc.output.label}}', '{{steps.calc.output.dollars}}'),
    ]);
    await h.deliver(orderEvent('evt_code', { amount: 4250 }));
    const run = await h.finishedRun('wf', 'evt_code');
    expect(run.status).toBe('succeeded');
    expect(run.steps[0]).toMatchObject({
      id: 'calc',
      type: 'code',
      status: 'succeeded',
      attempts: 1,
      input: { amount: 4250, currency: 'usd' },
      output: { dollars: 42.5, label: '42.50 USD' },
      logs: ['cents 4250'],
    });
    expect(h.control.calls[0].input).toMatchObject({ title: 'Charge of 42.50 USD', amount: 42.5 });
  });

  it('fails the run at its limit with CODE_TIMEOUT, once, with no retry and no later step', async () => {
    h = await harness();
    await h.store.workflows.create('wf', {
      name: 'wf',
      trigger: { connector: 'acme', trigger: 'order-paid', connection: 'conn_1' },
      codeLimits: { timeoutMs: 200 },
      steps: [{ id: 'spin', type: 'code', code: 'console.log("starting"); while (true) {}' }, ticket('never')],
    } as never);
    await h.store.workflows.publish('wf');
    await h.deliver(orderEvent('evt_spin'));
    const run = await h.finishedRun('wf', 'evt_spin');
    expect(run.status).toBe('failed');
    expect(run.steps).toHaveLength(1);
    expect(run.steps[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      logs: ['starting'],
      error: { code: 'CODE_TIMEOUT', retriable: false, message: expect.stringMatching(/limit of 200 ms/) },
    });
    expect(run.error?.message).toMatch(
      /^Step "spin" failed: The code of step "spin" ran longer than its limit of 200 ms/,
    );
    expect(h.sleeps).toEqual([]);
    expect(h.control.calls).toEqual([]);
  });

  it('shows a thrown error with its line and column', async () => {
    h = await harness();
    await h.publishWorkflow('wf', [
      {
        id: 'check',
        type: 'code',
        input: {},
        code: 'if (!input.customer) {\n  throw new Error("no customer on the order")\n}',
      },
    ]);
    await h.deliver(orderEvent('evt_throw'));
    const run = await h.finishedRun('wf', 'evt_throw');
    expect(run.steps[0].error).toMatchObject({
      code: 'CODE_ERROR',
      message: 'The code of step "check" threw at line 2, column 18: Error: no customer on the order',
      details: { line: 2, column: 18 },
    });
  });
});
