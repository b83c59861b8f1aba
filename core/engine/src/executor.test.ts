import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitedError, UpstreamError } from '@wireup/sdk';
import { createHarness, orderEvent, SECRETS, type Harness } from './testing/harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const action = (id: string, name: 'create-ticket' | 'notify', input: Record<string, unknown>) => ({
  id,
  type: 'action',
  connector: 'acme',
  action: name,
  connection: 'conn_1',
  input,
});
const ticket = (id: string, title = 'Order {{trigger.data.object.id}}') =>
  action(id, 'create-ticket', { customer: '{{trigger.data.object.customer}}', title });

describe('executor', () => {
  it('ends the run as filtered when a filter does not hold, without calling later actions', async () => {
    h = await createHarness();
    await h.publishWorkflow('wf', [
      {
        id: 'big-only',
        type: 'filter',
        when: { all: [{ left: '{{trigger.data.object.amount}}', op: 'gte', right: 5000 }] },
      },
      ticket('open-ticket'),
    ]);
    await h.deliver(orderEvent('evt_small'));
    const run = await h.finishedRun('wf', 'evt_small');
    expect(run.status).toBe('filtered');
    expect(run.steps.map((s) => [s.id, s.status, s.output])).toEqual([['big-only', 'succeeded', { passed: false }]]);
    expect(h.control.calls).toEqual([]);

    await h.deliver(orderEvent('evt_big', { amount: 9000 }));
    expect((await h.finishedRun('wf', 'evt_big')).status).toBe('succeeded');
    expect(h.control.calls).toHaveLength(1);
  });

  it('runs the switch branch matching the value, else the default', async () => {
    h = await createHarness();
    await h.publishWorkflow('wf', [
      {
        id: 'by-currency',
        type: 'switch',
        on: '{{trigger.data.object.currency}}',
        cases: { usd: [ticket('usd-ticket', 'USD order')], eur: [ticket('eur-ticket', 'EUR order')] },
        default: [ticket('other-ticket', 'Other order')],
      },
    ]);
    await h.deliver(orderEvent('evt_usd'));
    await h.deliver(orderEvent('evt_gbp', { currency: 'gbp' }));
    const usd = await h.finishedRun('wf', 'evt_usd');
    const gbp = await h.finishedRun('wf', 'evt_gbp');
    expect(usd.steps.map((s) => s.id)).toEqual(['by-currency', 'usd-ticket']);
    expect(usd.steps[0].output).toMatchObject({ value: 'usd', branch: 'usd' });
    expect(gbp.steps.map((s) => s.id)).toEqual(['by-currency', 'other-ticket']);
    expect(h.control.calls.map((c) => (c.input as { title: string }).title).sort()).toEqual([
      'Other order',
      'USD order',
    ]);
  });

  it("gives an action a lone template's value with its type, and earlier steps' outputs", async () => {
    h = await createHarness();
    await h.publishWorkflow('wf', [
      action('notify-first', 'notify', { text: 'hello' }),
      action('open-ticket', 'create-ticket', {
        customer: '{{trigger.data.object.customer}}',
        title: 'after {{steps.notify-first.output.id}}',
        amount: '{{trigger.data.object.amount}}',
        meta: '{{trigger.data.object}}',
      }),
    ]);
    await h.deliver(orderEvent('evt_1'));
    const run = await h.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('succeeded');
    expect(h.control.calls[1].input).toEqual({
      customer: 'cus_42',
      title: 'after t-1',
      amount: 1250,
      meta: { id: 'ord_evt_1', customer: 'cus_42', amount: 1250, currency: 'usd', status: 'paid' },
    });
  });

  it("retries a rate-limited call after the provider's wait and records the attempts", async () => {
    h = await createHarness();
    h.control.behaviour = async (_a, ctx) => {
      if (h.control.calls.length === 1) throw new RateLimitedError('Too many requests', 1234);
      return { id: 'ticket-9', key: ctx.idempotencyKey };
    };
    await h.publishWorkflow('wf', [ticket('open-ticket')]);
    await h.deliver(orderEvent('evt_1'));
    const run = await h.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('succeeded');
    expect(run.steps[0]).toMatchObject({ status: 'succeeded', attempts: 2, output: { id: 'ticket-9' } });
    expect(h.sleeps).toEqual([1234]);
    expect(h.control.calls[0].idempotencyKey).toBe(h.control.calls[1].idempotencyKey);
  });

  it('fails the run after maxAttempts of 500s and lists it as a dead letter', async () => {
    h = await createHarness();
    h.control.behaviour = async () => {
      throw new UpstreamError('Acme answered 500', 500);
    };
    await h.publishWorkflow('wf', [ticket('open-ticket')]);
    await h.deliver(orderEvent('evt_1'));
    const run = await h.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('failed');
    expect(run.steps[0]).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: { code: 'UPSTREAM_ERROR', message: 'Acme answered 500', retriable: true },
    });
    expect(run.error).toMatchObject({
      code: 'UPSTREAM_ERROR',
      message: 'Step "open-ticket" failed after 3 attempts: Acme answered 500',
    });
    expect(h.control.calls).toHaveLength(3);
    expect(h.sleeps).toHaveLength(2);
    expect((await h.store.runs.list({ status: ['failed'] })).map((r) => r.id)).toEqual([run.id]);
  });

  it('logs each retry and the run failure, with secrets redacted from the reasons', async () => {
    const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
    const record = (level: string) => (fields: Record<string, unknown>, message: string) => {
      lines.push({ level, fields, message });
    };
    h = await createHarness({
      engine: {
        logger: { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') },
      },
    });
    h.control.behaviour = async (_name, ctx) => {
      throw new UpstreamError(`500 for key ${ctx.auth.apiKey}`, 500);
    };
    await h.publishWorkflow('wf', [ticket('open-ticket')]);
    await h.deliver(orderEvent('evt_1'));
    const run = await h.finishedRun('wf', 'evt_1');
    const retries = lines.filter((l) => l.message === 'action failed; retrying');
    expect(retries.map((l) => [l.level, l.fields.attempt, l.fields.runId, l.fields.code])).toEqual([
      ['info', 1, run.id, 'UPSTREAM_ERROR'],
      ['info', 2, run.id, 'UPSTREAM_ERROR'],
    ]);
    const failed = lines.find((l) => l.message.startsWith('run failed'));
    expect(failed).toMatchObject({
      level: 'warn',
      fields: { runId: run.id, workflowId: 'wf', stepId: 'open-ticket', code: 'UPSTREAM_ERROR' },
    });
    expect(JSON.stringify(lines)).not.toContain(SECRETS.apiKey);
    expect(JSON.stringify(lines)).toContain('500 for key [redacted]');
  });

  it("does not retry a non-retriable error, and honours the action's own retry policy", async () => {
    h = await createHarness();
    h.control.behaviour = async (name) => {
      throw new UpstreamError(`${name} refused`, name === 'notify' ? 503 : 422);
    };
    await h.publishWorkflow('wf-ticket', [ticket('open-ticket')]);
    await h.publishWorkflow('wf-notify', [action('say', 'notify', { text: 'x' })]);
    await h.deliver(orderEvent('evt_1'));
    expect((await h.finishedRun('wf-ticket', 'evt_1')).steps[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { retriable: false },
    });
    // notify's manifest says maxAttempts 2, below the engine's 3.
    expect((await h.finishedRun('wf-notify', 'evt_1')).steps[0]).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: { retriable: true },
    });
  });

  it('fails an action whose rendered input does not match its schema, naming the field, without calling it', async () => {
    h = await createHarness();
    await h.publishWorkflow('wf', [
      action('open-ticket', 'create-ticket', {
        customer: '{{trigger.data.object.nope}}',
        title: 'x',
        amount: '{{trigger.data.object.currency}}',
      }),
    ]);
    await h.deliver(orderEvent('evt_1'));
    const run = await h.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('failed');
    expect(run.steps[0].error).toMatchObject({ code: 'INVALID_INPUT', retriable: false });
    expect(run.steps[0].error!.message).toMatch(/\/input\/customer is required/);
    expect(run.steps[0].error!.message).toMatch(/\/input\/amount must be number/);
    expect(h.control.calls).toEqual([]);
  });

  it("never stores the connection's secrets in the run, in input, output or error", async () => {
    h = await createHarness();
    h.control.behaviour = async (name, ctx) => {
      if (name === 'notify')
        throw new UpstreamError(`401 for key ${ctx.auth.apiKey}`, 500, {
          request: { headers: { authorization: `Bearer ${ctx.auth.apiKey}` } },
        });
      return {
        echo: `signed with ${ctx.auth.webhookSecret}`,
        token: 'provider-session-token',
        nested: [{ apiKey: ctx.auth.apiKey }],
      };
    };
    await h.publishWorkflow('wf', [
      action('open-ticket', 'create-ticket', {
        customer: '{{trigger.data.object.customer}}',
        title: '{{trigger.data.object.leak}}',
      }),
      action('say', 'notify', { text: 'x' }),
    ]);
    await h.deliver(orderEvent('evt_1', { leak: `pasted ${SECRETS.apiKey} here` }));
    const run = await h.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('failed');
    const text = JSON.stringify(run);
    expect(text).not.toContain(SECRETS.apiKey);
    expect(text).not.toContain(SECRETS.webhookSecret);
    expect(text).not.toContain('provider-session-token');
    expect(run.steps[0].input).toEqual({ customer: 'cus_42', title: 'pasted [redacted] here' });
    expect(run.steps[1].error!.message).toBe('401 for key [redacted]');
    // The action itself got the real values.
    expect(h.control.calls[0].input).toMatchObject({ title: `pasted ${SECRETS.apiKey} here` });
  });
});
