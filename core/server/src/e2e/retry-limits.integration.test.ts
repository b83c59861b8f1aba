/**
 * The two limits on retrying, over real HTTP against the real server and the fake Kustomer:
 * an action that is not safe to repeat is not repeated after a failure that leaves its effect
 * unknown; and a provider's long Retry-After parks the run instead of holding a worker slot,
 * so a rate-limited workflow cannot stall the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRetryPolicy } from '@wireup/engine';
import { startHarness, stripeEvent, failedCharge, postSigned, type Harness } from '../testing/harness.ts';
import type { RunStatus } from '@wireup/store';
import { waitForRun } from '../testing/wait-for-run.ts';
import { failedChargeWorkflow, setUpScenario, type Scenario } from '../testing/scenario.ts';
import { kafkaMongoOverrides } from '../testing/backends.ts';

describe('retry limits: effects of unknown outcome, and parked runs', () => {
  let h: Harness;
  let s: Scenario;
  beforeAll(async () => {
    // Waits over 1 s park the run (default 5 s); the other fields as the test environment sets them.
    h = await startHarness({
      retry: { ...defaultRetryPolicy, maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 200, parkAfterMs: 1000 },
    });
    s = await setUpScenario(h);
  });
  afterAll(async () => h?.close());

  const must = async (method: string, path: string, body?: unknown) => {
    const res = await h.api(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** Publishes a workflow on Stripe failed charges with this failure code; returns its id. */
  const publish = async (name: string, failureCode: string, action?: Record<string, unknown>) => {
    const doc = failedChargeWorkflow(s.stripeConnection, s.kustomerConnection, failureCode);
    doc.name = name;
    // Another action instead of the recipe's two (the filter stays), under the id open-conversation.
    if (action) doc.steps = [doc.steps[0], { ...doc.steps[doc.steps.length - 1], ...action } as (typeof doc.steps)[1]];
    const wf = await must('POST', '/v1/workflows', doc);
    await must('POST', `/v1/workflows/${wf.id}/publish`);
    return wf.id as string;
  };
  const runOf = (workflowId: string, eventId: string, status: RunStatus[], timeoutMs = 15_000) =>
    waitForRun(h, workflowId, { eventId, status, timeoutMs });
  const charge = async (id: string, failureCode: string) => {
    const event = stripeEvent('charge.failed', failedCharge({ id, failure_code: failureCode }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    return event.id;
  };

  it('a Kustomer customer create (not idempotent) whose connection resets after it was sent is not repeated: the step fails saying so', async () => {
    const wf = await publish('create customer', 'do_not_honor', {
      action: 'create-customer',
      input: {
        name: '{{trigger.data.object.billing_details.name}}',
        email: '{{trigger.data.object.billing_details.email}}',
      },
    });
    h.kustomer.reset();
    h.kustomer.failNext(1, { status: 0, method: 'POST', path: '/v1/customers', apply: true, reset: true });
    const run = await runOf(wf, await charge('ch_reset_customer', 'do_not_honor'), ['failed', 'succeeded']);
    expect(run.status).toBe('failed');
    const step = run.steps.find((x: any) => x.id === 'open-conversation');
    expect(step).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'ACTION_OUTCOME_UNKNOWN', retriable: false },
    });
    expect(step.error.message).toMatch(
      /kustomer\.create-customer may or may not have taken effect .*not safe to repeat/,
    );
    expect(h.kustomer.requests.filter((r) => r.path === '/v1/customers')).toHaveLength(1);
    expect(h.kustomer.customers).toHaveLength(1); // it did happen: a retry would have made a second one
  });

  it('create-conversation (made safe by its externalId) is repeated after the same reset, and reads back the one conversation', async () => {
    h.kustomer.reset();
    h.kustomer.failNext(1, { status: 0, method: 'POST', path: '/v1/conversations', apply: true, reset: true });
    const run = await runOf(s.workflowId, await charge('ch_reset_conversation', 'card_declined'), [
      'failed',
      'succeeded',
    ]);
    expect(run.status).toBe('succeeded');
    expect(run.steps.find((x: any) => x.id === 'open-conversation').attempts).toBe(2);
    expect(h.kustomer.conversations).toHaveLength(1);
  });

  it('16 runs held by Retry-After: 120 are parked and do not delay a run of another workflow; a short wait resumes on time', async () => {
    await must('POST', `/v1/workflows/${s.workflowId}/unpublish`);
    const held = await Promise.all(Array.from({ length: 16 }, (_, i) => publish(`held ${i}`, 'card_declined')));
    const free = await publish('free', 'expired_card');
    const resumed = await publish('resumed', 'insufficient_funds');
    h.kustomer.reset();
    h.kustomer.failNext(16, { status: 429, path: '/v1/conversations', headers: { 'retry-after': '120' } });
    const heldEvent = await charge('ch_held', 'card_declined');
    const parked = await Promise.all(held.map((wf) => runOf(wf, heldEvent, ['waiting'])));
    for (const run of parked) {
      const step = run.steps.find((x: any) => x.id === 'open-conversation');
      expect(step).toMatchObject({ status: 'waiting', attempts: 1, error: { code: 'RATE_LIMITED' } });
      expect(Date.parse(step.retryAt) - Date.now()).toBeGreaterThan(100_000);
    }

    const t0 = Date.now();
    const freeRun = await runOf(free, await charge('ch_free', 'expired_card'), ['succeeded', 'failed'], 30_000);
    expect(freeRun.status).toBe('succeeded');
    // Held, the 16 would take all 16 worker slots for 120 s; the bound leaves room for a slow machine.
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(h.kustomer.requests.filter((r) => r.path === '/v1/conversations')).toHaveLength(17); // no early retry of the held ones

    h.kustomer.failNext(1, { status: 429, path: '/v1/conversations', headers: { 'retry-after': '2' } });
    const event = await charge('ch_resumed', 'insufficient_funds');
    expect((await runOf(resumed, event, ['waiting'])).status).toBe('waiting');
    const done = await runOf(resumed, event, ['succeeded', 'failed'], 15_000);
    expect(done.status).toBe('succeeded');
    expect(done.steps.find((x: any) => x.id === 'open-conversation').attempts).toBe(2);
    const calls = h.kustomer.requests.filter((r) => r.path === '/v1/conversations').slice(-2);
    expect(calls[1].receivedAt - calls[0].receivedAt).toBeGreaterThanOrEqual(1_900);
    const waiting = (await h.api('GET', '/v1/runs?status=waiting&limit=100')).body.data;
    expect(waiting.map((r: any) => r.workflowId).sort()).toEqual([...held].sort());
  });
});

describe('parked runs on Kafka + MongoDB', () => {
  let h: Harness;
  let s: Scenario;
  beforeAll(async () => {
    h = await startHarness({
      ...kafkaMongoOverrides('parked'),
      retry: { ...defaultRetryPolicy, maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 200, parkAfterMs: 500 },
    });
    s = await setUpScenario(h);
  });
  afterAll(async () => h?.close());

  it('a run told to wait 2 s is parked (waiting, with retryAt) and resumes through Kafka when the wait is over', async () => {
    h.kustomer.failNext(1, { status: 429, path: '/v1/conversations', headers: { 'retry-after': '2' } });
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_parked_kafka' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const find = (statuses: string) =>
      waitForRun(h, s.workflowId, { eventId: event.id, status: statuses.split(',') as RunStatus[], timeoutMs: 30_000 });
    const parked = await find('waiting');
    expect(parked.steps.find((x: any) => x.id === 'open-conversation')).toMatchObject({
      status: 'waiting',
      attempts: 1,
      retryAt: expect.any(String),
    });
    const done = await find('succeeded,failed');
    expect(done.status).toBe('succeeded');
    const calls = h.kustomer.requests.filter((r) => r.path === '/v1/conversations');
    expect(calls).toHaveLength(2);
    expect(calls[1].receivedAt - calls[0].receivedAt).toBeGreaterThanOrEqual(1_900);
  });
});
