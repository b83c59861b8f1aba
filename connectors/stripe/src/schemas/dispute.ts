/** The Stripe Dispute object: its schema and a sample. */
import type { JsonSchema } from '@wireup/sdk';
import { amount, created, currency, idOf, livemode, metadata, stripeObject } from './common.ts';

export const disputeSchema: JsonSchema = stripeObject(
  'dispute',
  'A Stripe dispute (chargeback): the cardholder questioned a charge with their bank.',
  {
    amount: amount('Disputed amount, in the smallest currency unit.'),
    currency,
    charge: { type: 'string', description: 'ID of the disputed charge (`ch_...`).' },
    payment_intent: idOf('PaymentIntent of the disputed charge', 'pi'),
    reason: {
      type: 'string',
      description: 'Why the cardholder disputed, e.g. `fraudulent`, `product_not_received`, `duplicate`, `general`.',
    },
    status: {
      type: 'string',
      description: 'e.g. `warning_needs_response`, `needs_response`, `under_review`, `won`, `lost`.',
    },
    is_charge_refundable: { type: 'boolean', description: 'True when refunding the charge is still possible.' },
    evidence_details: {
      type: 'object',
      additionalProperties: true,
      description: 'Deadlines of the evidence.',
      properties: {
        due_by: { type: ['integer', 'null'], description: 'Last moment to submit evidence, in Unix seconds.' },
      },
    },
    metadata,
    created,
    livemode,
  },
);

export const disputeSample = {
  id: 'dp_1QzZ7mLkdIwHu7ixAq4WbV3s',
  object: 'dispute',
  amount: 4900,
  balance_transactions: [],
  charge: 'ch_3QzY9hLkdIwHu7ix0vJ8dQ2M',
  created: 1767873600,
  currency: 'usd',
  evidence_details: { due_by: 1769558399, has_evidence: false, past_due: false, submission_count: 0 },
  is_charge_refundable: true,
  livemode: false,
  metadata: {},
  payment_intent: 'pi_3QzY9hLkdIwHu7ix0mF7Gx1P',
  reason: 'product_not_received',
  status: 'needs_response',
};
