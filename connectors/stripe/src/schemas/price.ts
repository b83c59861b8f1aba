/** The Stripe Price object: its schema and a sample. */
import type { JsonSchema } from '@wireup/sdk';
import { created, currency, livemode, metadata, nullable, stripeObject } from './common.ts';

export const priceSchema: JsonSchema = stripeObject(
  'price',
  'A Stripe price: how much and how often to charge for a product.',
  {
    active: { type: 'boolean', description: 'Whether it can be used for new purchases.' },
    currency,
    unit_amount: nullable('integer', 'Amount per unit, in the smallest currency unit.'),
    product: { type: ['string', 'object'], description: 'ID of the product it prices (`prod_...`).' },
    type: {
      type: 'string',
      enum: ['one_time', 'recurring'],
      description: 'One-time purchase or recurring (subscription).',
    },
    recurring: {
      type: ['object', 'null'],
      additionalProperties: true,
      description: 'For recurring prices: the billing interval.',
      properties: {
        interval: { type: 'string', enum: ['day', 'week', 'month', 'year'], description: 'Billing frequency.' },
        interval_count: {
          type: 'integer',
          description: 'Number of intervals between bills, e.g. 3 with `month` for quarterly.',
        },
      },
    },
    nickname: nullable('string', 'Name for you, not shown to customers.'),
    lookup_key: nullable('string', 'Key to find the price without its id.'),
    metadata,
    created,
    livemode,
  },
);

export const priceSample = {
  id: 'price_1QzY7rLkdIwHu7ixk3N0bE5T',
  object: 'price',
  active: true,
  billing_scheme: 'per_unit',
  created: 1767268800,
  currency: 'usd',
  livemode: false,
  lookup_key: 'pro_monthly',
  metadata: {},
  nickname: 'Pro monthly',
  product: 'prod_RtN3ZqLm8pV2cA',
  recurring: { interval: 'month', interval_count: 1, meter: null, usage_type: 'licensed' },
  tax_behavior: 'unspecified',
  type: 'recurring',
  unit_amount: 4900,
  unit_amount_decimal: '4900',
};
