/**
 * Registration requests against stripe-mock (built from Stripe's OpenAPI spec): the SDK calls
 * pass its request validation, as Stripe would accept them. stripe-mock keeps no state and
 * returns no signing secret; webhook-registration.test.ts covers those against a fake.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '@wireup/sdk';
import { createHttpClient } from '@wireup/testing';
import stripe from './connector.ts';
import { stripeFor } from './client.ts';

const mockUrl = process.env.STRIPE_MOCK_URL ?? 'http://127.0.0.1:12111';
const auth = { secretKey: 'sk_test_wireupRegistration' };
const settings = { apiBase: mockUrl };
const http = createHttpClient({ allowPrivate: true });
const responses: Array<{ method: string; path: string; status: number }> = [];
const ctx = <T extends object>(extra: T) => ({ auth, http, settings, ...extra });
const url = 'https://wireup.example.com/v1/webhooks/stripe/tok_abc';

beforeAll(async () => {
  try {
    await fetch(`${mockUrl}/v1/balance`, {
      headers: { authorization: `Bearer ${auth.secretKey}` },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new Error(
      `stripe-mock is not reachable at ${mockUrl} (${(error as Error).message}). Start it with \`bash tools/services/services.sh up\` or \`~/go/bin/stripe-mock -http-port 12111 -https-port 12112\`, or set STRIPE_MOCK_URL.`,
    );
  }
  stripeFor({ auth, settings }).on('response', (event: { method: string; path: string; status: number }) =>
    responses.push(event),
  );
}, 30_000);

describe('Stripe webhook registration against stripe-mock', () => {
  it('POST /v1/webhook_endpoints with the URL and events is accepted', async () => {
    responses.length = 0;
    const registration = await stripe.webhook!.register!(
      ctx({ url, events: ['charge.failed', 'customer.created'], existing: null }),
    );
    expect(registration.id).toMatch(/^we_/);
    expect(registration.events).toEqual(['charge.failed', 'customer.created']);
    expect(responses).toEqual([{ ...responses[0], method: 'POST', path: '/v1/webhook_endpoints', status: 200 }]);
  });

  it('POST /v1/webhook_endpoints/{id} with new events is accepted', async () => {
    responses.length = 0;
    const registration = await stripe.webhook!.register!(
      ctx({ url, events: ['invoice.paid'], existing: { id: 'we_123', events: ['charge.failed'] } }),
    );
    expect(registration).toEqual({ id: 'we_123', events: ['invoice.paid'] });
    expect(responses).toEqual([{ ...responses[0], method: 'POST', path: '/v1/webhook_endpoints/we_123', status: 200 }]);
  });

  it('DELETE /v1/webhook_endpoints/{id} is accepted', async () => {
    responses.length = 0;
    await stripe.webhook!.unregister!(ctx({ registration: { id: 'we_123', events: ['invoice.paid'] } }));
    expect(responses).toEqual([
      { ...responses[0], method: 'DELETE', path: '/v1/webhook_endpoints/we_123', status: 200 },
    ]);
  });

  it('every trigger event is one Stripe accepts in enabled_events', async () => {
    const events = [...stripe.triggers.values()].map((t) => t.event!);
    const registration = await stripe.webhook!.register!(ctx({ url, events, existing: null }));
    expect(registration.events).toEqual(events);
  });

  it('an event Stripe does not know is refused with InvalidInputError', async () => {
    const error = await stripe.webhook!.register!(ctx({ url, events: ['charge.exploded'], existing: null })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/enabled_events/);
  });
});
