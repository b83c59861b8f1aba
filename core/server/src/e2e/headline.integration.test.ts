/**
 * The product's promise over real HTTP: a failed Stripe charge creates one Kustomer
 * conversation, with fields mapped from the event and every step in the run log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, stripeEvent, failedCharge, postSigned, eventually, type Harness } from '../testing/harness.ts';
import { setUpScenario, type Scenario } from '../testing/scenario.ts';
import { kafkaMongoOverrides } from '../testing/backends.ts';
import type { Config } from '../config.ts';

const backends: Array<[string, () => Partial<Config>]> = [
  ['embedded default', () => ({})],
  ['Kafka + MongoDB', () => kafkaMongoOverrides('headline')],
];

describe.each(backends)('Stripe charge.failed → Kustomer conversation (%s)', (_name, overrides) => {
  let h: Harness;
  let s: Scenario;
  beforeAll(async () => {
    h = await startHarness(overrides());
    s = await setUpScenario(h);
  });
  afterAll(async () => h?.close());

  const finishedRuns = async (count: number) => {
    const r = await h.api('GET', `/v1/runs?workflow=${s.workflowId}`);
    const done = r.body.data.filter((run: any) => !['queued', 'running'].includes(run.status));
    return done.length >= count ? r.body.data : undefined;
  };

  it('publishing answers a webhook URL of the documented shape', () => {
    expect(s.webhookUrl).toMatch(new RegExp(`^${h.wireup.url}/v1/webhooks/stripe\\.trigger-charge-failed/[A-Za-z0-9_-]{20,}$`));
  });

  it('creates exactly one conversation with fields mapped from the event, and logs every step', async () => {
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_headline1', customer: 'cus_headline1', currency: 'eur' }));
    const res = await postSigned(s.webhookUrl, JSON.stringify(event));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: true, accepted: 1, duplicates: 0 });

    const runs = await eventually(() => finishedRuns(1), 15_000, 'the run to finish');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', event: { id: event.id, type: 'charge.failed' } });

    expect(h.kustomer.conversations).toHaveLength(1);
    const conversation = h.kustomer.conversations[0];
    expect(conversation.attributes).toMatchObject({ name: 'Payment failed: ch_headline1', priority: 3, tags: ['payment-failed', 'eur'] });
    expect(conversation.relationships?.customer?.data?.id ?? conversation.attributes.customer ?? conversation.customer).toBe('cus_headline1');

    const run = (await h.api('GET', `/v1/runs/${runs[0].id}`)).body;
    expect(run.steps.map((step: any) => [step.id, step.status])).toEqual([['declines-only', 'succeeded'], ['open-conversation', 'succeeded']]);
    const action = run.steps[1];
    expect(action.input).toEqual({ customer: 'cus_headline1', name: 'Payment failed: ch_headline1', priority: 3, tags: ['payment-failed', 'eur'] });
    expect(action.output).toMatchObject({ id: conversation.id });
    expect(action.attempts).toBe(1);
    expect(run.steps[0].input).toBeDefined();
    expect(run.steps[0].output).toBeDefined();
  });

  it('the same event delivered twice gives one run', async () => {
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_twice' }));
    const before = h.kustomer.conversations.length;
    const first = await postSigned(s.webhookUrl, JSON.stringify(event));
    const second = await postSigned(s.webhookUrl, JSON.stringify(event));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toMatchObject({ accepted: 0, duplicates: 1 });
    await eventually(() => finishedRuns(2), 15_000, 'the second run');
    await new Promise((r) => setTimeout(r, 300));
    const runs = (await h.api('GET', `/v1/runs?workflow=${s.workflowId}`)).body.data;
    expect(runs.filter((run: any) => run.event.id === event.id)).toHaveLength(1);
    expect(h.kustomer.conversations.length).toBe(before + 1);
  });

  it('a filter that does not match stops the run there, with no Kustomer call', async () => {
    const before = h.kustomer.requests.length;
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_fraud', failure_code: 'fraudulent' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const runs = await eventually(() => finishedRuns(3), 15_000, 'the filtered run');
    const run = runs.find((r: any) => r.event.id === event.id);
    expect(run.status).toBe('filtered');
    const detail = (await h.api('GET', `/v1/runs/${run.id}`)).body;
    expect(detail.steps.map((step: any) => step.id)).toEqual(['declines-only']);
    expect(h.kustomer.requests.length).toBe(before);
  });

  it('an event of another type sent to the charge-failed URL starts nothing', async () => {
    const event = stripeEvent('charge.succeeded', failedCharge({ id: 'ch_ok', status: 'succeeded' }));
    const res = await postSigned(s.webhookUrl, JSON.stringify(event));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 0, ignored: 1 });
  });
});
