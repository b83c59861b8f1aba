/**
 * Testing a workflow without the provider, over real HTTP against the real server with the fake
 * Kustomer: a test run of the draft on the trigger's sample and on a past event (real actions,
 * run marked test and filterable), of the published version; a step test with pinned outputs;
 * "listen for a test event"; template warnings on save and publish; every bad input a 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import stripe from '@wireup/connector-stripe';
import { startHarness, stripeEvent, failedCharge, postSigned, type Harness } from '../testing/harness.ts';
import { waitForRun } from '../testing/wait-for-run.ts';
import { failedChargeWorkflow, setUpScenario, type Scenario } from '../testing/scenario.ts';
import { kafkaMongoOverrides } from '../testing/backends.ts';

const sample = stripe.triggers.get('charge-failed')!.sample as {
  id: string;
  data: { object: { customer: string; id: string } };
};

describe('testing a workflow without the provider', () => {
  let h: Harness;
  let s: Scenario;
  /** A second workflow, never published: its draft is what the tests run. */
  let draftId: string;
  beforeAll(async () => {
    h = await startHarness();
    s = await setUpScenario(h);
    const created = await h.api('POST', '/v1/workflows', {
      ...failedChargeWorkflow(s.stripeConnection, s.kustomerConnection),
      name: 'Draft under test',
    });
    expect(created.status).toBe(201);
    draftId = created.body.id;
  });
  afterAll(async () => h?.close());

  it('runs the draft on the manifest sample through the real engine path: one real Kustomer conversation, a run marked test', async () => {
    const before = h.kustomer.conversations.length;
    const res = await h.api('POST', `/v1/workflows/${draftId}/test`, { waitMs: 15_000 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      workflowId: draftId,
      version: 0,
      test: true,
      status: 'succeeded',
      event: { id: sample.id, type: 'charge.failed' },
    });
    expect(res.body.steps.map((x: any) => [x.id, x.status])).toEqual([
      ['declines-only', 'succeeded'],
      ['find-customer', 'succeeded'],
      ['open-conversation', 'succeeded'],
    ]);
    // It called the real (fake) Kustomer: a customer with the sample's Stripe customer as externalId, one conversation on it.
    expect(h.kustomer.conversations).toHaveLength(before + 1);
    const customer = h.kustomer.customers.find((c: any) => c.attributes?.externalId === sample.data.object.customer);
    expect(customer).toBeDefined();
    expect(h.kustomer.conversations.at(-1)!.attributes.name).toBe(`Payment failed: ${sample.data.object.id}`);

    const all = (await h.api('GET', `/v1/runs?workflow=${draftId}`)).body.data;
    expect(all.map((r: any) => [r.id, r.test])).toEqual([[res.body.id, true]]);
    expect((await h.api('GET', '/v1/runs?test=true')).body.data.map((r: any) => r.id)).toContain(res.body.id);
    expect((await h.api('GET', '/v1/runs?test=false')).body.data.map((r: any) => r.id)).not.toContain(res.body.id);
  });

  it('answers 202 with the queued run when not asked to wait, and the run finishes', async () => {
    const res = await h.api('POST', `/v1/workflows/${draftId}/test`, {});
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ test: true, version: 0 });
    const run = await waitForRun(h, draftId, { status: 'succeeded' });
    expect(run.test).toBe(true);
  });

  it('runs on a chosen past event by its id, and the published version with "published": true', async () => {
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_past_event', customer: 'cus_PastEvent01' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const real = await waitForRun(h, s.workflowId, { eventId: event.id });
    expect(real.test).toBeUndefined();

    const res = await h.api('POST', `/v1/workflows/${s.workflowId}/test`, {
      eventId: event.id,
      published: true,
      waitMs: 15_000,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      test: true,
      version: 1,
      status: 'succeeded',
      event: { id: event.id, type: 'charge.failed' },
    });
    expect(res.body.id).not.toBe(real.id);
    expect(res.body.steps[2].input.name).toBe('Payment failed: ch_past_event');
    // The real run stays the only one the provider started.
    expect(
      (await h.api('GET', `/v1/runs?workflow=${s.workflowId}&test=false`)).body.data.map((r: any) => r.event.id),
    ).toEqual([event.id]);
  });

  it('answers each bad input with a 4xx in the one error shape', async () => {
    const cases: Array<[string, unknown, number, string]> = [
      ['/v1/workflows/wf_nope/test', {}, 404, 'NOT_FOUND'],
      [`/v1/workflows/${draftId}/test`, { eventId: 'evt_never_received' }, 404, 'EVENT_NOT_FOUND'],
      [`/v1/workflows/${draftId}/test`, { published: true }, 409, 'WORKFLOW_NOT_PUBLISHED'],
      [`/v1/workflows/${draftId}/test`, { waitMs: -1 }, 400, 'INVALID_REQUEST'],
      [`/v1/workflows/${draftId}/test`, { eventID: 'evt_typo' }, 400, 'INVALID_REQUEST'],
      [`/v1/workflows/${draftId}/test`, { published: 'yes' }, 400, 'INVALID_REQUEST'],
      [`/v1/workflows/${draftId}/steps/no-such-step/test`, {}, 404, 'NOT_FOUND'],
      [`/v1/workflows/${draftId}/steps/open-conversation/test`, { waitMs: 'soon' }, 400, 'INVALID_REQUEST'],
    ];
    for (const [path, body, status, code] of cases) {
      const res = await h.api('POST', path, body);
      expect([path, JSON.stringify(body), res.status, res.body?.error?.code]).toEqual([
        path,
        JSON.stringify(body),
        status,
        code,
      ]);
      expect(typeof res.body.error.message).toBe('string');
    }
    const refund = stripeEvent('charge.refunded', { ...failedCharge({ id: 'ch_refund' }), refunded: true });
    expect((await postSigned(s.webhookUrl, JSON.stringify(refund))).status).toBe(200);
    const wrongType = await h.api('POST', `/v1/workflows/${draftId}/test`, { eventId: refund.id });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.error).toMatchObject({
      code: 'EVENT_NOT_FOR_TRIGGER',
      message: expect.stringContaining('charge.refunded'),
    });
    // An invalid draft is not run: 422 naming the field.
    const broken = await h.api('POST', '/v1/workflows?partial=true', {
      name: 'Broken',
      trigger: { connector: 'stripe', trigger: 'charge-failed', connection: s.stripeConnection },
      steps: [
        { id: 'x', type: 'action', connector: 'kustomer', action: 'nope', connection: s.kustomerConnection, input: {} },
      ],
    });
    const invalid = await h.api('POST', `/v1/workflows/${broken.body.id}/test`, {});
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('WORKFLOW_INVALID');
  });

  it('tests one step alone with the pinned output of the step before it, and pinned samples survive a reload', async () => {
    const record = (await h.api('GET', `/v1/workflows/${draftId}`)).body;
    const pinnedCustomer = h.kustomer.customers[0];
    const draft = {
      ...record.draft,
      pinned: { steps: { 'find-customer': { found: true, created: false, customer: { id: pinnedCustomer.id } } } },
    };
    const saved = await h.api('PUT', `/v1/workflows/${draftId}`, draft, { 'if-match': record.revision });
    expect(saved.status).toBe(200);
    expect((await h.api('GET', `/v1/workflows/${draftId}`)).body.draft.pinned).toEqual(draft.pinned);

    const before = h.kustomer.conversations.length;
    const customersBefore = h.kustomer.customers.length;
    const res = await h.api('POST', `/v1/workflows/${draftId}/steps/open-conversation/test`, {});
    expect(res.status).toBe(200);
    expect(res.body.trigger).toBe('sample');
    expect(res.body.run).toMatchObject({ test: true, version: 0, status: 'succeeded' });
    expect(res.body.run.steps.map((x: any) => x.id)).toEqual(['open-conversation']);
    expect(res.body.step).toMatchObject({
      id: 'open-conversation',
      status: 'succeeded',
      input: { customer: pinnedCustomer.id },
    });
    expect(res.body.step.output).toBeDefined();
    // Only that step ran: one conversation more, no customer searched or created.
    expect(h.kustomer.conversations).toHaveLength(before + 1);
    expect(h.kustomer.customers).toHaveLength(customersBefore);
  });

  it("shows a failing step's error in the answer (200, the step failed)", async () => {
    const record = (await h.api('GET', `/v1/workflows/${draftId}`)).body;
    const draft = {
      ...record.draft,
      pinned: { steps: { 'find-customer': { customer: { id: 'not-a-kustomer-id' } } } },
    };
    expect((await h.api('PUT', `/v1/workflows/${draftId}`, draft, { 'if-match': record.revision })).status).toBe(200);
    const res = await h.api('POST', `/v1/workflows/${draftId}/steps/open-conversation/test`, {});
    expect(res.status).toBe(200);
    expect(res.body.step).toMatchObject({
      status: 'failed',
      error: { code: expect.any(String), message: expect.any(String) },
    });
    expect(res.body.run.status).toBe('failed');
  });

  it('listens for a test event: the next delivery to the webhook URL, after it is durably accepted; 204 when none comes', async () => {
    const quiet = await h.api('GET', `/v1/workflows/${s.workflowId}/test-event?timeoutMs=50`);
    expect(quiet.status).toBe(204);

    const listening = h.api('GET', `/v1/workflows/${s.workflowId}/test-event?timeoutMs=8000`);
    await new Promise((r) => setTimeout(r, 100));
    // An event of another type is not what this trigger fires on: the listener keeps waiting.
    expect(
      (await postSigned(s.webhookUrl, JSON.stringify(stripeEvent('charge.refunded', failedCharge({ id: 'ch_other' })))))
        .status,
    ).toBe(200);
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_listened', customer: 'cus_Listened01' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const heard = await listening;
    expect(heard.status).toBe(200);
    expect(heard.body.event).toMatchObject({
      id: event.id,
      type: 'charge.failed',
      payload: { data: { object: { id: 'ch_listened' } } },
    });
    // It was stored: a test can run on it by its id.
    const run = await h.api('POST', `/v1/workflows/${draftId}/steps/declines-only/test`, { eventId: event.id });
    expect(run.body).toMatchObject({
      trigger: 'event',
      step: { id: 'declines-only', status: 'succeeded', output: { passed: true } },
    });
    expect((await h.api('GET', '/v1/workflows/wf_nope/test-event?timeoutMs=10')).status).toBe(404);
    expect((await h.api('GET', `/v1/workflows/${s.workflowId}/test-event?timeoutMs=soon`)).status).toBe(400);
  });

  it('lists template paths the schemas do not have as warnings on save and publish', async () => {
    const document = failedChargeWorkflow(s.stripeConnection, s.kustomerConnection);
    (document.steps[2] as any).input.name = 'Payment failed for {{trigger.data.nmae}}';
    const created = await h.api('POST', '/v1/workflows', document);
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([
      expect.objectContaining({
        path: '/steps/2/input/name',
        message: expect.stringContaining('{{trigger.data.nmae}}'),
      }),
    ]);
    const published = await h.api('POST', `/v1/workflows/${created.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.warnings).toEqual([
      expect.stringMatching(/^\/steps\/2\/input\/name: template "\{\{trigger\.data\.nmae\}\}" reads data\.nmae/),
    ]);
    expect((await h.api('GET', `/v1/workflows/${s.workflowId}`)).body.warnings).toEqual([]);
    expect((await h.api('POST', `/v1/workflows/${created.body.id}/unpublish`)).status).toBe(200);
  });

  it('is in the OpenAPI document with its answers', async () => {
    const doc = (await h.api('GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths['/v1/workflows/{id}/test'].post.responses)).toEqual(
      expect.arrayContaining(['200', '202', '400', '404', '409', '422']),
    );
    expect(doc.paths['/v1/workflows/{id}/test'].post.description).toMatch(/call the real apps/);
    expect(Object.keys(doc.paths['/v1/workflows/{id}/steps/{stepId}/test'].post.responses)).toEqual(
      expect.arrayContaining(['200', '202', '404', '422']),
    );
    expect(Object.keys(doc.paths['/v1/workflows/{id}/test-event'].get.responses)).toEqual(
      expect.arrayContaining(['200', '204', '404']),
    );
    expect(JSON.stringify(doc.paths['/v1/workflows/{id}'].put.responses['200'])).toContain('trigger.data.nmae');
    expect(doc.components.schemas.Run.properties.test).toBeDefined();
  });
});

describe('a test run on the production backends (Kafka + MongoDB)', () => {
  let h: Harness;
  let s: Scenario;
  beforeAll(async () => {
    h = await startHarness(kafkaMongoOverrides('testrun'));
    s = await setUpScenario(h);
  });
  afterAll(async () => h?.close());

  it('goes through Kafka to the executor like a real run, is stored marked test, and is filtered by it', async () => {
    const res = await h.api('POST', `/v1/workflows/${s.workflowId}/test`, { waitMs: 20_000 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ test: true, version: 0, status: 'succeeded' });
    expect(h.kustomer.conversations).toHaveLength(1);
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_kafka_real' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const real = await waitForRun(h, s.workflowId, { eventId: event.id, timeoutMs: 20_000 });
    expect((await h.api('GET', `/v1/runs?workflow=${s.workflowId}&test=true`)).body.data.map((r: any) => r.id)).toEqual(
      [res.body.id],
    );
    expect(
      (await h.api('GET', `/v1/runs?workflow=${s.workflowId}&test=false`)).body.data.map((r: any) => r.id),
    ).toEqual([real.id]);
  });
});
