/**
 * Webhook auto-registration over real HTTP (docs/webhook-registration.md): publishing makes
 * the provider send the trigger's events to the connection's URL, more workflows widen the
 * endpoint's events, unpublishing narrows them and finally removes the endpoint, and a
 * provider failure leaves the workflow unpublished with a clear error.
 *
 * Stripe requests go to stripe-mock (its OpenAPI validation accepts them) and, for the signing
 * secret stripe-mock cannot give, to a fake of Stripe's webhook_endpoints API. Kustomer goes to
 * the fake Kustomer, whose `sendEvent` signs deliveries like Kustomer.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeStripeWebhooks, type FakeStripeWebhooks } from '@wireup/testing';
import { startHarness, stripeEvent, failedCharge, postSigned, type Harness } from '../testing/harness.ts';
import { waitForRun } from '../testing/wait-for-run.ts';
import { registrationKey, type StoredRegistration } from '../webhook-registrar.ts';

const must = <T = any>(r: { status: number; body: T }, what: string): T => {
  if (r.status >= 300) throw new Error(`${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};

function workflow(connector: string, trigger: string, connection: string, name = `${connector} ${trigger}`) {
  return { name, trigger: { connector, trigger, connection }, steps: [] };
}

async function createAndPublish(h: Harness, document: unknown) {
  const created = must(await h.api('POST', '/v1/workflows', document), 'create workflow');
  return { id: created.id as string, publish: await h.api('POST', `/v1/workflows/${created.id}/publish`) };
}

const registrationOf = (h: Harness, connectionId: string) =>
  h.wireup.store.kv.get<StoredRegistration>(registrationKey(connectionId));

const runsOf = async (h: Harness, workflowId: string): Promise<any[]> =>
  (await h.api('GET', `/v1/runs?workflow=${workflowId}`)).body.data;

describe('Stripe registration against stripe-mock', () => {
  let h: Harness;
  let connection: any;
  const workflows: string[] = [];
  beforeAll(async () => {
    h = await startHarness(); // testEnv points WIREUP_STRIPE_API_BASE at stripe-mock
    connection = must(
      await h.api('POST', '/v1/connections', {
        connector: 'stripe',
        name: 'Stripe managed',
        auth: { secretKey: 'sk_test_registration' },
      }),
      'connection',
    );
  });
  afterAll(async () => h?.close());

  it('publishing registers the endpoint at the connection URL for the trigger event, and keeps the registration', async () => {
    const { id, publish } = await createAndPublish(h, workflow('stripe', 'charge-failed', connection.id));
    workflows.push(id);
    expect(publish.status).toBe(200);
    const url = `${h.wireup.url}/v1/webhooks/stripe/${connection.webhookUrl.split('/').pop()}`;
    expect(url).toBe(connection.webhookUrl);
    expect(publish.body.webhook).toEqual({
      managed: true,
      url,
      events: ['charge.failed'],
      endpoint: expect.stringMatching(/^we_/),
    });
    expect(await registrationOf(h, connection.id)).toEqual({
      connector: 'stripe',
      id: publish.body.webhook.endpoint,
      events: ['charge.failed'],
      url,
      updatedAt: expect.any(String),
    });
  });

  it('a second workflow on another event updates the same endpoint to listen for both', async () => {
    const before = await registrationOf(h, connection.id);
    const { id, publish } = await createAndPublish(h, workflow('stripe', 'new-customer', connection.id));
    workflows.push(id);
    expect(publish.status).toBe(200);
    expect(publish.body.webhook).toMatchObject({
      managed: true,
      events: ['charge.failed', 'customer.created'],
      endpoint: before!.id,
    });
    expect(await registrationOf(h, connection.id)).toMatchObject({
      id: before!.id,
      events: ['charge.failed', 'customer.created'],
    });
  });

  it('unpublishing removes the event no other workflow needs, then the endpoint', async () => {
    const first = await h.api('POST', `/v1/workflows/${workflows[1]}/unpublish`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'draft' });
    expect(first.body.warnings).toBeUndefined();
    expect((await registrationOf(h, connection.id))?.events).toEqual(['charge.failed']);

    const last = await h.api('POST', `/v1/workflows/${workflows[0]}/unpublish`);
    expect(last.status).toBe(200);
    expect(await registrationOf(h, connection.id)).toBeNull();
  });

  it('leaves a connection alone when the user gave the signing secret (they manage the endpoint)', async () => {
    const own = must(
      await h.api('POST', '/v1/connections', {
        connector: 'stripe',
        name: 'Stripe own endpoint',
        auth: { secretKey: 'sk_test_registration', webhookSecret: 'whsec_users_own' },
      }),
      'connection',
    );
    const { publish } = await createAndPublish(h, workflow('stripe', 'charge-failed', own.id));
    expect(publish.status).toBe(200);
    // One URL, and what to configure at Stripe: the URL, the events, where the secret goes, and `stripe listen` on a laptop.
    expect(publish.body.webhookUrl).toBe(own.webhookUrl);
    expect(publish.body.webhook).toEqual({
      managed: false,
      url: own.webhookUrl,
      events: ['charge.failed'],
      setup: expect.stringContaining(`stripe listen --forward-to ${own.webhookUrl} --events charge.failed`),
    });
    expect(publish.body.webhook.setup).toMatch(/Developers → Webhooks.*charge\.failed.*webhookSecret/);
    expect(await registrationOf(h, own.id)).toBeNull();
  });
});

describe('Stripe registration: the signing secret (fake webhook_endpoints API)', () => {
  let h: Harness;
  let stripe: FakeStripeWebhooks;
  let connection: any;
  let workflowId: string;
  beforeAll(async () => {
    stripe = await createFakeStripeWebhooks({
      secretKey: 'sk_test_fake_registration',
      signingSecret: 'whsec_known_secret_from_fake_stripe',
    });
    h = await startHarness({}, { env: { WIREUP_STRIPE_API_BASE: stripe.url } });
    connection = must(
      await h.api('POST', '/v1/connections', {
        connector: 'stripe',
        name: 'Stripe',
        auth: { secretKey: stripe.secretKey },
      }),
      'connection',
    );
  });
  afterAll(async () => {
    await h?.close();
    await stripe?.close();
  });

  it('a registration failure answers 502 WEBHOOK_REGISTRATION_FAILED naming Stripe and its message, and the workflow stays a draft', async () => {
    stripe.failNext(1, { status: 500, message: 'Stripe is having a bad day.', path: '/v1/webhook_endpoints' });
    const { id, publish } = await createAndPublish(h, workflow('stripe', 'charge-failed', connection.id));
    workflowId = id;
    expect(publish.status).toBe(502);
    expect(publish.body.error.code).toBe('WEBHOOK_REGISTRATION_FAILED');
    expect(publish.body.error.message).toMatch(
      /^Stripe did not register the webhook.*Stripe is having a bad day\..*not published/,
    );
    expect(publish.body.error.details).toMatchObject({
      provider: 'Stripe',
      connection: connection.id,
      cause: 'UPSTREAM_ERROR',
    });
    expect((await h.api('GET', `/v1/workflows/${id}`)).body).toMatchObject({ status: 'draft', publishedVersion: null });
    expect(stripe.endpoints).toEqual([]);
    expect(await registrationOf(h, connection.id)).toBeNull();
  });

  it('publishing again registers the endpoint and seals the secret Stripe answered into the connection, never showing it', async () => {
    const publish = await h.api('POST', `/v1/workflows/${workflowId}/publish`);
    expect(publish.status).toBe(200);
    expect(stripe.endpoints).toHaveLength(1);
    expect(stripe.endpoints[0]).toMatchObject({ url: connection.webhookUrl, enabled_events: ['charge.failed'] });
    const now = (await h.api('GET', `/v1/connections/${connection.id}`)).body;
    expect(now.secrets).toEqual({ secretKey: 'set', webhookSecret: 'set' });
    for (const body of [publish.body, now, (await h.api('GET', '/v1/connections')).body])
      expect(JSON.stringify(body)).not.toContain(stripe.signingSecret);
  });

  it('an event signed with that secret, posted to the connection URL, creates the run; another secret is refused', async () => {
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_registered' }));
    const accepted = await postSigned(connection.webhookUrl, JSON.stringify(event), { secret: stripe.signingSecret });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ accepted: 1 });
    await waitForRun(h, workflowId, { eventId: event.id, status: 'succeeded' });
    expect((await runsOf(h, workflowId)).map((r) => r.event.id)).toEqual([event.id]);

    const forged = stripeEvent('charge.failed', failedCharge({ id: 'ch_forged' }));
    const refused = await postSigned(connection.webhookUrl, JSON.stringify(forged), { secret: 'whsec_someone_else' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('SIGNATURE_INVALID');
    expect(await h.wireup.store.events.get(`${connection.id}:${forged.id}`)).toBeNull();
    expect((await runsOf(h, workflowId)).length).toBe(1);
  });

  it('a failed update leaves the second workflow unpublished and the endpoint as it was', async () => {
    const endpoint = stripe.endpoints[0];
    stripe.failNext(1, {
      status: 400,
      message: 'Invalid enabled_events.',
      path: `/v1/webhook_endpoints/${endpoint.id}`,
    });
    const { id, publish } = await createAndPublish(h, workflow('stripe', 'invoice-paid', connection.id));
    expect(publish.status).toBe(502);
    expect(publish.body.error.message).toMatch(/Invalid enabled_events/);
    expect((await h.api('GET', `/v1/workflows/${id}`)).body.status).toBe('draft');
    expect(endpoint.enabled_events).toEqual(['charge.failed']);
    expect((await registrationOf(h, connection.id))?.events).toEqual(['charge.failed']);
  });

  it('unpublishing the last workflow deletes the endpoint and forgets its secret', async () => {
    expect((await h.api('POST', `/v1/workflows/${workflowId}/unpublish`)).status).toBe(200);
    expect(stripe.endpoints).toEqual([]);
    expect((await h.api('GET', `/v1/connections/${connection.id}`)).body.secrets).toEqual({
      secretKey: 'set',
      webhookSecret: 'unset',
    });
    // Managed again from scratch: a new publish creates a new endpoint (and a new secret).
    expect((await h.api('POST', `/v1/workflows/${workflowId}/publish`)).status).toBe(200);
    expect(stripe.endpoints).toHaveLength(1);
  });

  it('two workflows published at the same moment on one connection share one endpoint with both events', async () => {
    const other = must(
      await h.api('POST', '/v1/connections', {
        connector: 'stripe',
        name: 'Stripe concurrent',
        auth: { secretKey: stripe.secretKey },
      }),
      'connection',
    );
    const ids = await Promise.all(
      ['charge-refunded', 'new-dispute'].map(
        async (trigger) =>
          must(await h.api('POST', '/v1/workflows', workflow('stripe', trigger, other.id)), 'create').id as string,
      ),
    );
    const published = await Promise.all(ids.map((id) => h.api('POST', `/v1/workflows/${id}/publish`)));
    expect(published.map((p) => p.status)).toEqual([200, 200]);
    const endpoints = stripe.endpoints.filter((e) => e.url === other.webhookUrl);
    expect(endpoints).toHaveLength(1);
    expect([...endpoints[0].enabled_events].sort()).toEqual(['charge.dispute.created', 'charge.refunded']);
  });

  it("moving a published workflow's trigger to another connection registers there and removes the old endpoint", async () => {
    const target = must(
      await h.api('POST', '/v1/connections', {
        connector: 'stripe',
        name: 'Stripe target',
        auth: { secretKey: stripe.secretKey },
      }),
      'connection',
    );
    const before = (await h.api('GET', `/v1/workflows/${workflowId}`)).body.draft;
    expect(stripe.endpoints.filter((e) => e.url === connection.webhookUrl)).toHaveLength(1);
    expect(
      (
        await h.api('PUT', `/v1/workflows/${workflowId}`, {
          ...before,
          trigger: { ...before.trigger, connection: target.id },
        })
      ).status,
    ).toBe(200);
    const publish = await h.api('POST', `/v1/workflows/${workflowId}/publish`);
    expect(publish.status).toBe(200);
    expect(publish.body.warnings).toBeUndefined();
    expect(stripe.endpoints.filter((e) => e.url === connection.webhookUrl)).toEqual([]);
    expect(stripe.endpoints.filter((e) => e.url === target.webhookUrl).map((e) => e.enabled_events)).toEqual([
      ['charge.failed'],
    ]);
    expect(await registrationOf(h, connection.id)).toBeNull();
  });
});

describe('Kustomer triggers through outbound webhooks', () => {
  let h: Harness;
  let connection: any;
  let workflowId: string;
  let conversationWorkflowId: string;
  beforeAll(async () => {
    h = await startHarness();
    connection = must(
      await h.api('POST', '/v1/connections', {
        connector: 'kustomer',
        name: 'Kustomer',
        auth: { apiKey: 'kustomer-test-key', baseUrl: h.kustomer.url },
      }),
      'connection',
    );
  });
  afterAll(async () => h?.close());

  it('publishing registers an outbound webhook at the fake for the trigger event', async () => {
    expect(connection.secrets).toEqual({ apiKey: 'set', webhookToken: 'unset' });
    const document = {
      name: 'Welcome new Kustomer customers',
      trigger: { connector: 'kustomer', trigger: 'new-customer', connection: connection.id },
      steps: [
        {
          id: 'welcome',
          type: 'action',
          connector: 'kustomer',
          action: 'create-conversation',
          connection: connection.id,
          input: { customer: '{{trigger.data.id}}', name: 'Welcome, {{trigger.data.attributes.name}}' },
        },
      ],
    };
    const { id, publish } = await createAndPublish(h, document);
    workflowId = id;
    expect(publish.status).toBe(200);
    expect(h.kustomer.outboundWebhooks).toHaveLength(1);
    const hook = h.kustomer.outboundWebhooks[0];
    expect(hook.attributes).toMatchObject({ url: connection.webhookUrl, events: ['kustomer.customer.create'] });
    expect(publish.body.webhook).toEqual({
      managed: true,
      url: connection.webhookUrl,
      events: ['kustomer.customer.create'],
      endpoint: hook.id,
    });
    expect((await h.api('GET', `/v1/connections/${connection.id}`)).body.secrets.webhookToken).toBe('set');
  });

  it("the fake's signed delivery of kustomer.customer.create creates a run that maps the customer", async () => {
    // Kustomer sends the event for a customer it has: make it in the fake first.
    const created = await fetch(`${h.kustomer.url}/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.kustomer.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada Lovelace', emails: [{ email: 'ada@example.com' }] }),
    });
    const customer = ((await created.json()) as { data: { id: string } }).data;
    const deliveries = await h.kustomer.sendEvent('kustomer.customer.create', customer);
    expect(deliveries.map((d) => d.status)).toEqual([200]);
    const run = await waitForRun(h, workflowId);
    expect(run).toMatchObject({ status: 'succeeded', event: { type: 'kustomer.customer.create' } });
    const conversation = h.kustomer.conversations.at(-1)!;
    expect(conversation.attributes.name).toBe('Welcome, Ada Lovelace');
    expect(conversation.relationships.customer.data?.id).toBe(customer.id);
  });

  it('a delivery with a wrong signature is refused with 400 and nothing is stored', async () => {
    const body = JSON.stringify({
      id: 'evt-forged-1',
      type: 'kustomer.customer.create',
      org: 'o',
      createdAt: new Date().toISOString(),
      data: { type: 'customer', id: 'c1', attributes: {} },
    });
    const res = await fetch(connection.webhookUrl, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-kustomer-webhook-event': 'kustomer.customer.create',
        'x-kustomer-webhook-signature': createHmac('sha256', 'not-the-token').update(body).digest('hex'),
      },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe('SIGNATURE_INVALID');
    expect(await h.wireup.store.events.get(`${connection.id}:evt-forged-1`)).toBeNull();
    expect((await runsOf(h, workflowId)).length).toBe(1);
  });

  it('a Kustomer failure leaves the second workflow unpublished; the next publish replaces the webhook and deliveries still verify', async () => {
    const old = h.kustomer.outboundWebhooks[0];
    h.kustomer.failNext(1, { status: 503, method: 'POST', path: '/v1/outbound-webhooks' });
    const { id, publish } = await createAndPublish(h, workflow('kustomer', 'new-conversation', connection.id));
    conversationWorkflowId = id;
    expect(publish.status).toBe(502);
    expect(publish.body.error).toMatchObject({
      code: 'WEBHOOK_REGISTRATION_FAILED',
      details: { provider: 'Kustomer' },
    });
    expect(publish.body.error.message).toMatch(/^Kustomer did not register the webhook.*503/);
    expect((await h.api('GET', `/v1/workflows/${id}`)).body.status).toBe('draft');
    expect(h.kustomer.outboundWebhooks.map((w) => w.id)).toEqual([old.id]);

    expect((await h.api('POST', `/v1/workflows/${id}/publish`)).status).toBe(200);
    expect(h.kustomer.outboundWebhooks).toHaveLength(1);
    expect(h.kustomer.outboundWebhooks[0].id).not.toBe(old.id);
    expect(h.kustomer.outboundWebhooks[0].attributes.events).toEqual([
      'kustomer.conversation.create',
      'kustomer.customer.create',
    ]);
    const deliveries = await h.kustomer.sendEvent('kustomer.conversation.create', {
      type: 'conversation',
      id: '65f1c3d0e4b0a1d2c3f40bff',
      attributes: { name: 'Hello' },
      relationships: {},
    });
    expect(deliveries.map((d) => d.status)).toEqual([200]);
    await waitForRun(h, id);
  });

  it('a Kustomer failure while unpublishing still unpublishes, with a warning; the next unpublish removes the webhook', async () => {
    const hook = h.kustomer.outboundWebhooks[0];
    h.kustomer.failNext(1, { status: 500, method: 'POST', path: '/v1/outbound-webhooks' });
    const res = await h.api('POST', `/v1/workflows/${conversationWorkflowId}/unpublish`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('draft');
    expect(res.body.warnings).toEqual([
      expect.stringMatching(
        /^Kustomer did not register the webhook.*500.*keeps its previous events until the next publish or unpublish/,
      ),
    ]);
    expect(h.kustomer.outboundWebhooks.map((w) => w.id)).toEqual([hook.id]);
    expect((await registrationOf(h, connection.id))?.events).toEqual([
      'kustomer.conversation.create',
      'kustomer.customer.create',
    ]);

    expect((await h.api('POST', `/v1/workflows/${workflowId}/unpublish`)).status).toBe(200);
    expect(h.kustomer.outboundWebhooks).toEqual([]);
    expect(await registrationOf(h, connection.id)).toBeNull();
    expect((await h.api('GET', `/v1/connections/${connection.id}`)).body.secrets.webhookToken).toBe('unset');
  });
});
