/** The Stripe PaymentIntent object: its schema and a sample. */
import type { JsonSchema } from '@wireup/sdk';
import { amount, created, currency, idOf, livemode, metadata, nullable, stripeObject } from './common.ts';

export const paymentIntentSchema: JsonSchema = stripeObject(
  'payment_intent',
  'A Stripe PaymentIntent: the lifecycle of collecting one payment.',
  {
    amount: amount('Amount to collect, in the smallest currency unit.'),
    amount_capturable: amount('Amount that can still be captured (manual capture).'),
    amount_received: amount('Amount received so far.'),
    currency,
    customer: idOf('customer', 'cus'),
    description: nullable('string', 'Free-text description.'),
    status: {
      type: 'string',
      enum: [
        'requires_payment_method',
        'requires_confirmation',
        'requires_action',
        'processing',
        'requires_capture',
        'canceled',
        'succeeded',
      ],
      description:
        'Where the payment stands: e.g. `requires_payment_method` (needs a card), `requires_capture` (authorised, not captured), `succeeded`.',
    },
    capture_method: { type: 'string', description: '`automatic`, `automatic_async` or `manual`.' },
    client_secret: nullable(
      'string',
      'Secret used by Stripe.js on the client to confirm the payment. Do not log or store it.',
    ),
    latest_charge: idOf('latest charge', 'ch'),
    payment_method: idOf('payment method', 'pm'),
    payment_method_types: {
      type: 'array',
      items: { type: 'string' },
      description: 'Payment method types allowed, e.g. `card`.',
    },
    cancellation_reason: nullable('string', 'Why it was canceled, when it was.'),
    canceled_at: nullable('integer', 'When it was canceled, in Unix seconds.'),
    receipt_email: nullable('string', 'Where the receipt goes.'),
    last_payment_error: {
      type: ['object', 'null'],
      additionalProperties: true,
      description: 'The error of the last failed attempt (code, decline_code, message).',
    },
    metadata,
    created,
    livemode,
  },
);

export const paymentIntentSample = {
  id: 'pi_3QzY9hLkdIwHu7ix0mF7Gx1P',
  object: 'payment_intent',
  amount: 4900,
  amount_capturable: 0,
  amount_received: 4900,
  automatic_payment_methods: { allow_redirects: 'always', enabled: true },
  canceled_at: null,
  cancellation_reason: null,
  capture_method: 'automatic_async',
  client_secret: 'pi_3QzY9hLkdIwHu7ix0mF7Gx1P_secret_redacted',
  confirmation_method: 'automatic',
  created: 1767268800,
  currency: 'usd',
  customer: 'cus_RtN4g6ZWJmxqSb',
  description: 'Pro plan, January',
  last_payment_error: null,
  latest_charge: 'ch_3QzY9hLkdIwHu7ix0vJ8dQ2M',
  livemode: false,
  metadata: { order_id: '6735' },
  payment_method: 'pm_1QzY8kLkdIwHu7ixR2b4nA9c',
  payment_method_types: ['card'],
  receipt_email: 'jenny.rosen@example.com',
  status: 'succeeded',
};
