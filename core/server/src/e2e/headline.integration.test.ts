/**
 * The product's promise over real HTTP, on the Kustomer recipe against a fake Kustomer that
 * refuses what Kustomer refuses (ids that are not Kustomer ids, unknown customers): a failed
 * Stripe charge finds or creates one Kustomer customer (the Stripe customer as its externalId)
 * and opens one conversation on it, with every step in the run log; a second charge of the
 * same Stripe customer reuses that Kustomer customer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, stripeEvent, failedCharge, postSigned, type Harness } from '../testing/harness.ts';
import { waitForRun } from '../testing/wait-for-run.ts';
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

  it("publishing answers one webhook URL of the documented shape: the Stripe connection's", async () => {
    expect(s.webhookUrl).toMatch(new RegExp(`^${h.wireup.url}/v1/webhooks/stripe/[A-Za-z0-9_-]{20,}$`));
    expect((await h.api('GET', `/v1/connections/${s.stripeConnection}`)).body.webhookUrl).toBe(s.webhookUrl);
    expect((await h.api('GET', `/v1/workflows/${s.workflowId}`)).body.webhookUrl).toBe(s.webhookUrl);
  });

  it('creates one Kustomer customer (externalId = the Stripe customer) and one conversation on it, and logs every step', async () => {
    const event = stripeEvent(
      'charge.failed',
      failedCharge({
        id: 'ch_headline1',
        customer: 'cus_headline1',
        currency: 'eur',
        billing_details: { email: null, name: 'Ada Lovelace', phone: null },
        receipt_email: 'ada@example.com',
      }),
    );
    const res = await postSigned(s.webhookUrl, JSON.stringify(event));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: true, accepted: 1, duplicates: 0 });

    const run = await waitForRun(h, s.workflowId, { eventId: event.id });
    expect((await h.api('GET', `/v1/runs?workflow=${s.workflowId}`)).body.data).toHaveLength(1);
    expect(run).toMatchObject({ status: 'succeeded', event: { id: event.id, type: 'charge.failed' } });

    expect(h.kustomer.customers).toHaveLength(1);
    const customer = h.kustomer.customers[0];
    expect(customer.id).toMatch(/^[0-9a-f]{24}$/);
    expect(customer.attributes).toMatchObject({
      externalId: 'cus_headline1',
      name: 'Ada Lovelace',
      emails: [{ email: 'ada@example.com' }],
    });
    expect(h.kustomer.conversations).toHaveLength(1);
    const conversation = h.kustomer.conversations[0];
    expect(conversation.attributes).toMatchObject({ name: 'Payment failed: ch_headline1', priority: 4 });
    expect(conversation.relationships.customer.data?.id).toBe(customer.id);

    expect(run.steps.map((step: any) => [step.id, step.status])).toEqual([
      ['declines-only', 'succeeded'],
      ['find-customer', 'succeeded'],
      ['open-conversation', 'succeeded'],
    ]);
    const [, find, open] = run.steps;
    expect(find.input).toMatchObject({
      externalId: 'cus_headline1',
      email: [null, 'ada@example.com'],
      createIfMissing: true,
      name: 'Ada Lovelace',
    });
    expect(find.output).toMatchObject({
      found: false,
      created: true,
      customer: { id: customer.id, externalId: 'cus_headline1' },
    });
    expect(open.input).toEqual({ customer: customer.id, name: 'Payment failed: ch_headline1', priority: 4 });
    expect(open.output).toMatchObject({ id: conversation.id, customer: customer.id });
    expect(open.attempts).toBe(1);
    expect(run.steps[0].input).toBeDefined();
    expect(run.steps[0].output).toBeDefined();
  });

  it('a second charge of the same Stripe customer reuses that Kustomer customer', async () => {
    const event = stripeEvent(
      'charge.failed',
      failedCharge({
        id: 'ch_headline2',
        customer: 'cus_headline1',
        billing_details: { email: 'ada.new@example.com', name: 'Ada L.', phone: null },
      }),
    );
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const run = await waitForRun(h, s.workflowId, { eventId: event.id });
    expect(run.status).toBe('succeeded');
    expect(h.kustomer.customers).toHaveLength(1);
    expect(run.steps[1].output).toMatchObject({
      found: true,
      created: false,
      customer: { id: h.kustomer.customers[0].id },
    });
    expect(h.kustomer.conversations).toHaveLength(2);
    expect(h.kustomer.conversations[1].relationships.customer.data?.id).toBe(h.kustomer.customers[0].id);
  });

  it('the same event delivered twice gives one run', async () => {
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_twice' }));
    const before = h.kustomer.conversations.length;
    const first = await postSigned(s.webhookUrl, JSON.stringify(event));
    const second = await postSigned(s.webhookUrl, JSON.stringify(event));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toMatchObject({ accepted: 0, duplicates: 1 });
    await waitForRun(h, s.workflowId, { eventId: event.id });
    await new Promise((r) => setTimeout(r, 300));
    const runs = (await h.api('GET', `/v1/runs?workflow=${s.workflowId}`)).body.data;
    expect(runs.filter((run: any) => run.event.id === event.id)).toHaveLength(1);
    expect(h.kustomer.conversations.length).toBe(before + 1);
  });

  it('a filter that does not match stops the run there, with no Kustomer call', async () => {
    const before = h.kustomer.requests.length;
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_fraud', failure_code: 'fraudulent' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const detail = await waitForRun(h, s.workflowId, { eventId: event.id });
    expect(detail.status).toBe('filtered');
    expect(detail.steps.map((step: any) => step.id)).toEqual(['declines-only']);
    expect(h.kustomer.requests.length).toBe(before);
  });

  it('an event no published workflow listens for starts nothing', async () => {
    const event = stripeEvent('charge.succeeded', failedCharge({ id: 'ch_ok', status: 'succeeded' }));
    const res = await postSigned(s.webhookUrl, JSON.stringify(event));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const runs = (await h.api('GET', `/v1/runs?workflow=${s.workflowId}`)).body.data;
    expect(runs.some((run: any) => run.event.id === event.id)).toBe(false);
    // The older per-trigger URL form still answers, and ignores other event types.
    const perTrigger = s.webhookUrl.replace('/v1/webhooks/stripe/', '/v1/webhooks/stripe.trigger-charge-failed/');
    expect(
      (await postSigned(perTrigger, JSON.stringify(stripeEvent('charge.succeeded', failedCharge({ id: 'ch_ok2' })))))
        .body,
    ).toMatchObject({ accepted: 0, ignored: 1 });
  });
});
