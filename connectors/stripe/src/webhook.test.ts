import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { PayloadInvalidError, SignatureInvalidError, type WebhookRequest } from '@wireup/sdk';
import stripe from './connector.ts';
import { verifyStripeWebhook } from './webhook.ts';

const secret = 'whsec_test_5f3b2c1d9e8a7b6c5d4e3f2a1b0c9d8e';
const auth = { secretKey: 'sk_test_123', webhookSecret: secret };
const event = stripe.triggers.get('charge-failed')!.sample as { id: string; type: string };
// Pretty-printed, as Stripe sends it: verification must use these exact bytes.
const body = JSON.stringify(event, null, 2);

function signed(payload: string, options: { secret?: string; timestamp?: number } = {}): WebhookRequest {
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? secret,
    timestamp: options.timestamp,
  });
  return { rawBody: Buffer.from(payload), headers: { 'stripe-signature': header, 'content-type': 'application/json' } };
}

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected verification to fail');
}

describe('Stripe webhook verification', () => {
  it('accepts a delivery signed with the connection secret and returns the event', async () => {
    const events = await stripe.webhook!.verify(signed(body), auth);
    expect(events).toEqual([{ id: event.id, type: 'charge.failed', payload: JSON.parse(body) }]);
  });

  it('accepts a header with several v1 signatures when one matches (secret rotation)', () => {
    const request = signed(body);
    const header = String(request.headers['stripe-signature']).replace(',v1=', ',v1=0123abcd,v1=');
    expect(verifyStripeWebhook({ ...request, headers: { 'stripe-signature': header } }, auth)[0].id).toBe(event.id);
  });

  it('refuses a signature made with another secret', () => {
    const error = failure(() => verifyStripeWebhook(signed(body, { secret: 'whsec_someone_else' }), auth));
    expect(error).toBeInstanceOf(SignatureInvalidError);
    expect(error.message).toMatch(/does not match the body/);
  });

  it('refuses a tampered body', () => {
    const request = signed(body);
    const tampered = body.replace('"amount": 4900', '"amount": 1');
    expect(tampered).not.toBe(body);
    const error = failure(() => verifyStripeWebhook({ ...request, rawBody: Buffer.from(tampered) }, auth));
    expect(error).toBeInstanceOf(SignatureInvalidError);
    expect(error.message).toMatch(/does not match the body/);
  });

  it('refuses the body re-serialised instead of the raw bytes', () => {
    const request = signed(body);
    const error = failure(() =>
      verifyStripeWebhook({ ...request, rawBody: Buffer.from(JSON.stringify(JSON.parse(body))) }, auth),
    );
    expect(error).toBeInstanceOf(SignatureInvalidError);
  });

  it('refuses a delivery signed more than 300 s ago, and says so', () => {
    const old = Math.floor(Date.now() / 1000) - 301;
    const error = failure(() => verifyStripeWebhook(signed(body, { timestamp: old }), auth));
    expect(error).toBeInstanceOf(SignatureInvalidError);
    expect(error.message).toMatch(/outside the 300 s tolerance: the delivery was signed 30\d s ago/);
  });

  it('measures the age against the injected clock: 299 s is accepted, 301 s refused', () => {
    const t = 1767268800;
    const request = signed(body, { timestamp: t });
    expect(verifyStripeWebhook(request, auth, new Date((t + 299) * 1000))).toHaveLength(1);
    expect(failure(() => verifyStripeWebhook(request, auth, new Date((t + 301) * 1000))).message).toMatch(/tolerance/);
  });

  it('refuses a delivery without Stripe-Signature header', () => {
    const error = failure(() => verifyStripeWebhook({ rawBody: Buffer.from(body), headers: {} }, auth));
    expect(error).toBeInstanceOf(SignatureInvalidError);
    expect(error.message).toMatch(/Missing Stripe-Signature header/);
  });

  it('refuses a malformed Stripe-Signature header', () => {
    const error = failure(() =>
      verifyStripeWebhook({ rawBody: Buffer.from(body), headers: { 'stripe-signature': 'sha256=abc' } }, auth),
    );
    expect(error).toBeInstanceOf(SignatureInvalidError);
    expect(error.message).toMatch(/malformed: expected "t=<unix seconds>,v1=<hex signature>"/);
  });

  it('refuses every delivery when the connection has no webhook secret', () => {
    const error = failure(() => verifyStripeWebhook(signed(body), { secretKey: 'sk_test_123' }));
    expect(error).toBeInstanceOf(SignatureInvalidError);
    expect(error.message).toMatch(/no webhook signing secret.*whsec_/);
  });

  it('refuses a correctly signed body that is not JSON', () => {
    const error = failure(() => verifyStripeWebhook(signed('id=evt_1&type=charge.failed'), auth));
    expect(error).toBeInstanceOf(PayloadInvalidError);
    expect(error.message).toMatch(/not JSON/);
  });

  it('refuses an empty body', () => {
    const request = signed(body);
    const error = failure(() => verifyStripeWebhook({ ...request, rawBody: Buffer.alloc(0) }, auth));
    expect(error).toBeInstanceOf(PayloadInvalidError);
    expect(error.message).toMatch(/empty/);
  });

  it('refuses a correctly signed JSON body that is not a Stripe event', () => {
    const error = failure(() => verifyStripeWebhook(signed('{"hello":"world"}'), auth));
    expect(error).toBeInstanceOf(PayloadInvalidError);
    expect(error.message).toMatch(/not a Stripe event/);
  });
});
