/** The Stripe Charge object: its schema and samples of a successful, a failed and a refunded charge. */
import type { JsonSchema } from '@wireup/sdk';
import { addressSchema } from './customer.ts';
import { amount, created, currency, idOf, livemode, metadata, nullable, stripeObject } from './common.ts';

export const chargeSchema: JsonSchema = stripeObject(
  'charge',
  'A Stripe charge: one attempt to move money from a card or other payment method.',
  {
    amount: amount('Amount intended to be collected, in the smallest currency unit (1099 = $10.99).'),
    amount_captured: amount('Amount captured so far.'),
    amount_refunded: amount('Amount refunded so far (partial refunds add up).'),
    currency,
    customer: idOf('customer this charge is for', 'cus'),
    description: nullable('string', 'Free-text description of the charge.'),
    status: {
      type: 'string',
      enum: ['succeeded', 'pending', 'failed'],
      description: 'Whether the charge succeeded, is pending, or failed.',
    },
    paid: { type: 'boolean', description: 'True when the charge succeeded or was authorised for later capture.' },
    captured: { type: 'boolean', description: 'True when the charge was captured.' },
    refunded: { type: 'boolean', description: 'True when the charge was fully refunded.' },
    disputed: { type: 'boolean', description: 'True when the charge is disputed.' },
    failure_code: nullable(
      'string',
      'Error code when the charge failed, e.g. `card_declined`, `expired_card`, `insufficient_funds`.',
    ),
    failure_message: nullable('string', 'Message explaining why the charge failed, fit to show to a person.'),
    outcome: {
      type: ['object', 'null'],
      additionalProperties: true,
      description: 'What Stripe and the card network decided.',
      properties: {
        type: nullable('string', 'The outcome, e.g. `authorized`, `issuer_declined`, `blocked` or `invalid`.'),
        reason: nullable('string', 'Why, e.g. `insufficient_funds`, `highest_risk_level`.'),
        risk_level: { type: 'string', description: '`normal`, `elevated` or `highest` (Radar).' },
        seller_message: nullable('string', 'Explanation for you, the seller.'),
        network_status: nullable('string', 'The network’s answer, e.g. `declined_by_network`.'),
      },
    },
    billing_details: {
      type: 'object',
      additionalProperties: true,
      description: 'Billing details of the payment method at the time of the charge.',
      properties: {
        email: nullable('string', 'Billing email address.'),
        name: nullable('string', 'Cardholder or billing name.'),
        phone: nullable('string', 'Billing phone number.'),
        address: addressSchema,
      },
    },
    payment_intent: idOf('PaymentIntent that created this charge', 'pi'),
    payment_method: nullable('string', 'ID of the payment method used (`pm_...` or `card_...`).'),
    receipt_email: nullable('string', 'Email address the receipt was sent to.'),
    receipt_url: nullable('string', 'URL of the receipt page.'),
    invoice: idOf('invoice this charge paid', 'in'),
    metadata,
    created,
    livemode,
  },
);

/** A successful card charge. */
export const chargeSample = {
  id: 'ch_3QzY9hLkdIwHu7ix0vJ8dQ2M',
  object: 'charge',
  amount: 4900,
  amount_captured: 4900,
  amount_refunded: 0,
  balance_transaction: 'txn_3QzY9hLkdIwHu7ix0h2nWq3L',
  billing_details: {
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
  },
  captured: true,
  created: 1767268800,
  currency: 'usd',
  customer: 'cus_RtN4g6ZWJmxqSb',
  description: 'Pro plan, January',
  disputed: false,
  failure_code: null,
  failure_message: null,
  invoice: null,
  livemode: false,
  metadata: { order_id: '6735' },
  outcome: {
    network_status: 'approved_by_network',
    reason: null,
    risk_level: 'normal',
    risk_score: 21,
    seller_message: 'Payment complete.',
    type: 'authorized',
  },
  paid: true,
  payment_intent: 'pi_3QzY9hLkdIwHu7ix0mF7Gx1P',
  payment_method: 'pm_1QzY8kLkdIwHu7ixR2b4nA9c',
  payment_method_details: {
    card: { brand: 'visa', country: 'US', exp_month: 8, exp_year: 2030, funding: 'credit', last4: '4242' },
    type: 'card',
  },
  receipt_email: 'jenny.rosen@example.com',
  receipt_url: 'https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xUXpZOGtMa2RJd0h1N2l4KKCw',
  refunded: false,
  status: 'succeeded',
};

/** A card charge the issuer declined. */
export const failedChargeSample = {
  ...chargeSample,
  id: 'ch_3QzZ2bLkdIwHu7ix1cK4pT7e',
  amount_captured: 0,
  balance_transaction: null,
  captured: false,
  failure_code: 'card_declined',
  failure_message: 'Your card was declined.',
  outcome: {
    network_status: 'declined_by_network',
    reason: 'generic_decline',
    risk_level: 'normal',
    risk_score: 34,
    seller_message: 'The bank did not return any further details with this decline.',
    type: 'issuer_declined',
  },
  paid: false,
  payment_intent: 'pi_3QzZ2bLkdIwHu7ix1Zt9sJ0a',
  receipt_url: null,
  status: 'failed',
};

/** A charge refunded in part. */
export const refundedChargeSample = {
  ...chargeSample,
  amount_refunded: 2000,
  refunded: false,
};
