/** The Stripe Balance object: its schema and a sample. */
import type { JsonSchema } from '@wireup/sdk';
import { livemode } from './common.ts';

const funds: JsonSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: true,
    required: ['amount', 'currency'],
    properties: {
      amount: { type: 'integer', description: 'Amount in the smallest currency unit.' },
      currency: { type: 'string', description: 'Three-letter ISO currency code, lowercase.' },
    },
  },
};

export const balanceSchema: JsonSchema = {
  type: 'object',
  description: "The Stripe account's balance, per currency.",
  additionalProperties: true,
  required: ['object', 'available', 'pending'],
  properties: {
    object: { const: 'balance' },
    available: { ...funds, description: 'Funds available to pay out, per currency.' },
    pending: { ...funds, description: 'Funds not yet available, per currency.' },
    livemode,
  },
};

export const balanceSample = {
  object: 'balance',
  available: [{ amount: 1284500, currency: 'usd', source_types: { card: 1284500 } }],
  livemode: false,
  pending: [{ amount: 39200, currency: 'usd', source_types: { card: 39200 } }],
};
