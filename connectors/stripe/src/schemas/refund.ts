/** The Stripe Refund object: its schema and a sample. */
import type { JsonSchema } from '@wireup/sdk';
import { amount, created, currency, idOf, metadata, nullable, stripeObject } from './common.ts';

export const refundSchema: JsonSchema = stripeObject('refund', 'A Stripe refund of all or part of a charge.', {
  amount: amount('Amount refunded, in the smallest currency unit.'),
  currency,
  charge: idOf('refunded charge', 'ch'),
  payment_intent: idOf('refunded PaymentIntent', 'pi'),
  reason: nullable('string', '`duplicate`, `fraudulent`, `requested_by_customer` or `expired_uncaptured_charge`.'),
  status: nullable('string', '`pending`, `requires_action`, `succeeded`, `failed` or `canceled`.'),
  receipt_number: nullable('string', 'Number of the refund receipt.'),
  metadata,
  created,
});

export const refundSample = {
  id: 're_3QzY9hLkdIwHu7ix0Jr5sE2b',
  object: 'refund',
  amount: 2000,
  balance_transaction: 'txn_3QzY9hLkdIwHu7ix0Ax1Qw5n',
  charge: 'ch_3QzY9hLkdIwHu7ix0vJ8dQ2M',
  created: 1767355200,
  currency: 'usd',
  metadata: { ticket: 'SUP-1182' },
  payment_intent: 'pi_3QzY9hLkdIwHu7ix0mF7Gx1P',
  reason: 'requested_by_customer',
  receipt_number: null,
  status: 'succeeded',
};
