/** The Stripe Checkout Session object: its schema and samples of a new and a completed session. */
import type { JsonSchema } from '@wireup/sdk';
import { created, livemode, metadata, nullable, stripeObject } from './common.ts';

export const checkoutSessionSchema: JsonSchema = stripeObject(
  'checkout.session',
  'A Stripe Checkout Session: a customer paying or subscribing on Stripe’s hosted checkout page.',
  {
    url: nullable('string', 'Where to send the customer to pay; null once the session is complete or expired.'),
    mode: {
      type: 'string',
      enum: ['payment', 'setup', 'subscription'],
      description: 'One-time payment, saving a payment method, or starting a subscription.',
    },
    status: nullable('string', '`open`, `complete` or `expired`.'),
    payment_status: { type: 'string', description: '`paid`, `unpaid` or `no_payment_required`.' },
    amount_subtotal: nullable('integer', 'Total before discounts and taxes, in the smallest currency unit.'),
    amount_total: nullable('integer', 'Total after discounts and taxes, in the smallest currency unit.'),
    currency: nullable('string', 'Three-letter ISO currency code, lowercase.'),
    customer: {
      type: ['string', 'object', 'null'],
      description: 'ID of the customer (`cus_...`), when one exists or was created.',
    },
    customer_email: nullable('string', 'Email given when the session was created.'),
    customer_details: {
      type: ['object', 'null'],
      additionalProperties: true,
      description: 'What the customer entered at checkout.',
      properties: {
        email: nullable('string', 'Email entered at checkout.'),
        name: nullable('string', 'Name entered at checkout.'),
        phone: nullable('string', 'Phone entered at checkout.'),
      },
    },
    client_reference_id: nullable('string', 'Your own reference given when creating the session (e.g. your user id).'),
    payment_intent: {
      type: ['string', 'object', 'null'],
      description: 'ID of the PaymentIntent (`pi_...`) in payment mode.',
    },
    subscription: {
      type: ['string', 'object', 'null'],
      description: 'ID of the subscription (`sub_...`) in subscription mode.',
    },
    invoice: { type: ['string', 'object', 'null'], description: 'ID of the invoice, when one was created.' },
    success_url: nullable('string', 'Where the customer goes after paying.'),
    cancel_url: nullable('string', 'Where the customer goes when they go back.'),
    expires_at: { type: 'integer', description: 'When the session expires, in Unix seconds.' },
    metadata: { ...metadata, type: ['object', 'null'] },
    created,
    livemode,
  },
);

/** A session just created, waiting for the customer. */
export const checkoutSessionSample = {
  id: 'cs_test_a1Qz9LkdIwHu7ixb4YkJ2pPZ3oW8vN1mR5tS6uV7x',
  object: 'checkout.session',
  amount_subtotal: 4900,
  amount_total: 4900,
  cancel_url: 'https://example.com/pricing',
  client_reference_id: 'user_8812',
  created: 1767268800,
  currency: 'usd',
  customer: 'cus_RtN4g6ZWJmxqSb',
  customer_details: null,
  customer_email: null,
  expires_at: 1767355200,
  invoice: null,
  livemode: false,
  metadata: {},
  mode: 'subscription',
  payment_intent: null,
  payment_status: 'unpaid',
  status: 'open',
  subscription: null,
  success_url: 'https://example.com/welcome?session_id={CHECKOUT_SESSION_ID}',
  url: 'https://checkout.stripe.com/c/pay/cs_test_a1Qz9LkdIwHu7ixb4YkJ2pPZ3oW8vN1mR5tS6uV7x',
};

/** The same session after the customer paid. */
export const completedCheckoutSessionSample = {
  ...checkoutSessionSample,
  customer_details: {
    address: {
      city: 'San Francisco',
      country: 'US',
      line1: '510 Townsend St',
      line2: null,
      postal_code: '94103',
      state: 'CA',
    },
    email: 'jenny.rosen@example.com',
    name: 'Jenny Rosen',
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  },
  invoice: 'in_1QzYAaLkdIwHu7ixd8Jx2Vgo',
  payment_status: 'paid',
  status: 'complete',
  subscription: 'sub_1QzY8qLkdIwHu7ixQ6xy3M0P',
  url: null,
};
