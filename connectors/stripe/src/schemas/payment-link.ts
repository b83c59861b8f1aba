/** The Stripe PaymentLink object: its schema and a sample. */
import type { JsonSchema } from '@wireup/sdk';
import { livemode, metadata, nullable, stripeObject } from './common.ts';

export const paymentLinkSchema: JsonSchema = stripeObject(
  'payment_link',
  'A Stripe payment link: a shareable URL to a hosted payment page.',
  {
    url: { type: 'string', description: 'The public URL to share with customers.' },
    active: { type: 'boolean', description: 'Whether customers can still pay through it.' },
    currency: nullable('string', 'Currency of the link.'),
    allow_promotion_codes: { type: 'boolean', description: 'Whether customers may enter promotion codes.' },
    metadata,
    livemode,
  },
);

export const paymentLinkSample = {
  id: 'plink_1QzYCsLkdIwHu7ixWm2pZ5yF',
  object: 'payment_link',
  active: true,
  after_completion: { hosted_confirmation: { custom_message: null }, type: 'hosted_confirmation' },
  allow_promotion_codes: true,
  billing_address_collection: 'auto',
  currency: 'usd',
  livemode: false,
  metadata: { campaign: 'spring' },
  url: 'https://buy.stripe.com/test_7sI4hN2kZ0aB6Ck000',
};
