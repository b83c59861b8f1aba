/** The Stripe Product object: its schema and a sample. */
import type { JsonSchema } from '@wireup/sdk';
import { created, livemode, metadata, nullable, stripeObject } from './common.ts';

export const productSchema: JsonSchema = stripeObject(
  'product',
  'A Stripe product: a good or service you sell; prices say what it costs.',
  {
    name: { type: 'string', description: 'Name shown to customers.' },
    description: nullable('string', 'Description shown to customers.'),
    active: { type: 'boolean', description: 'Whether it is available for purchase.' },
    default_price: { type: ['string', 'object', 'null'], description: 'ID of its default price (`price_...`).' },
    images: { type: 'array', items: { type: 'string' }, description: 'Image URLs.' },
    url: nullable('string', 'Public page of the product.'),
    metadata,
    created,
    updated: { type: 'integer', description: 'Last update, in Unix seconds.' },
    livemode,
  },
);

export const productSample = {
  id: 'prod_RtN3ZqLm8pV2cA',
  object: 'product',
  active: true,
  created: 1767268800,
  default_price: 'price_1QzY7rLkdIwHu7ixk3N0bE5T',
  description: 'Unlimited workflows and priority support.',
  images: [],
  livemode: false,
  marketing_features: [],
  metadata: {},
  name: 'Pro plan',
  shippable: null,
  statement_descriptor: null,
  tax_code: null,
  unit_label: null,
  updated: 1767268800,
  url: null,
};
