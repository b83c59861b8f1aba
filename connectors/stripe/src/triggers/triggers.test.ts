import { describe, expect, it } from 'vitest';
import { validateValue } from '@wireup/sdk';
import { triggers } from './index.ts';

const expected: Record<string, string> = {
  'charge-failed': 'charge.failed',
  'checkout-completed': 'checkout.session.completed',
  'new-customer': 'customer.created',
  'charge-succeeded': 'charge.succeeded',
  'charge-refunded': 'charge.refunded',
  'new-dispute': 'charge.dispute.created',
  'invoice-payment-failed': 'invoice.payment_failed',
  'invoice-paid': 'invoice.paid',
  'new-subscription': 'customer.subscription.created',
  'subscription-canceled': 'customer.subscription.deleted',
};

describe('Stripe triggers', () => {
  it('are the ten catalog triggers, each a webhook matching its Stripe event type', () => {
    expect(Object.fromEntries(triggers.map((t) => [t.key, t.event]))).toEqual(expected);
    for (const t of triggers) expect(t.strategy).toBe('webhook');
  });

  it.each(triggers.map((t) => [t.key, t] as const))(
    '%s: the sample is a Stripe event that validates against the output schema',
    (_key, trigger) => {
      expect(validateValue(trigger.outputSchema, trigger.sample)).toEqual([]);
      const sample = trigger.sample as {
        object: string;
        type: string;
        id: string;
        data: { object: { object: string } };
      };
      expect(sample).toMatchObject({ object: 'event', type: trigger.event, livemode: false });
      expect(sample.id).toMatch(/^evt_/);
    },
  );

  it.each(triggers.map((t) => [t.key, t] as const))(
    '%s: the output schema refuses an event of another type or without data.object',
    (_key, trigger) => {
      const sample = trigger.sample as Record<string, unknown>;
      expect(validateValue(trigger.outputSchema, { ...sample, type: 'ping' })).not.toEqual([]);
      expect(validateValue(trigger.outputSchema, { ...sample, data: {} })).not.toEqual([]);
    },
  );

  it('charge-failed sample carries what workflows map from: customer, id, failure, amount, currency, email', () => {
    const charge = (
      triggers.find((t) => t.key === 'charge-failed')!.sample as { data: { object: Record<string, any> } }
    ).data.object;
    expect(charge.customer).toMatch(/^cus_/);
    expect(charge.id).toMatch(/^ch_/);
    expect(charge.failure_code).toBe('card_declined');
    expect(charge.failure_message).toEqual(expect.any(String));
    expect(charge.amount).toEqual(expect.any(Number));
    expect(charge.currency).toBe('usd');
    expect(charge.billing_details.email).toContain('@');
    expect(charge.status).toBe('failed');
  });

  it('describes when each trigger fires in a sentence', () => {
    for (const t of triggers) expect(t.description).toMatch(/^Fires when /);
    expect(triggers.find((t) => t.key === 'charge-failed')!.description).toMatch(/declined.*fraud.*insufficient funds/);
  });
});
