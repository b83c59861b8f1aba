/**
 * Registration against a fake of Stripe's webhook_endpoints API (core/testing), which keeps
 * endpoints and answers a signing secret — what stripe-mock cannot do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, UpstreamError } from '@wireup/sdk';
import { createHttpClient } from '@wireup/testing';
import { createFakeStripeWebhooks, type FakeStripeWebhooks } from '@wireup/testing';
import stripe from './connector.ts';

let fake: FakeStripeWebhooks;
const http = createHttpClient({ allowPrivate: true });
const url = 'https://wireup.example.com/v1/webhooks/stripe/tok_abc';

beforeAll(async () => {
  fake = await createFakeStripeWebhooks({
    secretKey: 'sk_test_registration',
    signingSecret: 'whsec_known_for_registration_test',
  });
});
afterAll(async () => {
  await fake.close();
});

const ctx = <T extends object>(extra: T) => ({
  auth: { secretKey: fake.secretKey },
  http,
  settings: { apiBase: fake.url },
  ...extra,
});
const webhook = () => stripe.webhook!;

describe('Stripe webhook registration (fake webhook_endpoints API)', () => {
  it('declares webhookSecret as the field the signing secret goes to', () => {
    expect(webhook().secretField).toBe('webhookSecret');
    const field = stripe.manifest.auth.fields.find((f) => f.key === 'webhookSecret');
    expect(field).toMatchObject({ secret: true, required: false, filledByRegistration: true });
  });

  it('creates one endpoint with the URL and events, and returns the secret Stripe gives only at creation', async () => {
    const registration = await webhook().register!(ctx({ url, events: ['charge.failed'], existing: null }));
    expect(registration).toEqual({
      id: expect.stringMatching(/^we_/),
      events: ['charge.failed'],
      secret: 'whsec_known_for_registration_test',
    });
    expect(fake.endpoints).toHaveLength(1);
    expect(fake.endpoints[0]).toMatchObject({
      id: registration.id,
      url,
      enabled_events: ['charge.failed'],
      metadata: { managed_by: 'wireup' },
    });
  });

  it('updates the events of the existing endpoint (no new endpoint, no new secret)', async () => {
    const existing = { id: fake.endpoints[0].id, events: ['charge.failed'] };
    const registration = await webhook().register!(
      ctx({ url, events: ['charge.failed', 'customer.created'], existing }),
    );
    expect(registration).toEqual({ id: existing.id, events: ['charge.failed', 'customer.created'] });
    expect(fake.endpoints).toHaveLength(1);
    expect(fake.endpoints[0].enabled_events).toEqual(['charge.failed', 'customer.created']);
  });

  it('creates the endpoint again (with its new secret) when it was deleted in the Dashboard', async () => {
    const registration = await webhook().register!(
      ctx({ url, events: ['invoice.paid'], existing: { id: 'we_deleted_meanwhile', events: ['charge.failed'] } }),
    );
    expect(registration.id).not.toBe('we_deleted_meanwhile');
    expect(registration.secret).toBe('whsec_known_for_registration_test');
    expect(fake.endpoints.map((e) => e.id)).toContain(registration.id);
  });

  it('deletes the endpoint, and counts an endpoint already gone as deleted', async () => {
    const ids = fake.endpoints.map((e) => e.id);
    for (const id of ids) await webhook().unregister!(ctx({ registration: { id, events: [] } }));
    expect(fake.endpoints).toEqual([]);
    await expect(webhook().unregister!(ctx({ registration: { id: ids[0], events: [] } }))).resolves.toBeUndefined();
  });

  it('maps a refused key to AuthenticationError and a Stripe outage to a retriable UpstreamError', async () => {
    const refused = await webhook().register!({
      ...ctx({ url, events: ['charge.failed'], existing: null }),
      auth: { secretKey: 'sk_test_wrong' },
    }).catch((e) => e);
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(refused.message).toMatch(/Invalid API Key/);
    fake.failNext(1, { status: 500, message: 'Stripe is having a bad day', path: '/v1/webhook_endpoints' });
    const outage = await webhook().register!(ctx({ url, events: ['charge.failed'], existing: null })).catch((e) => e);
    expect(outage).toBeInstanceOf(UpstreamError);
    expect(outage).toMatchObject({ retriable: true });
    expect(outage.message).toMatch(/bad day/);
    expect(fake.endpoints).toEqual([]);
  });
});
