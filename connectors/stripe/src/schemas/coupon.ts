/** The Stripe Coupon and PromotionCode objects: their schemas and samples. */
import type { JsonSchema } from '@wireup/sdk';
import { created, livemode, metadata, nullable, stripeObject } from './common.ts';

export const couponSchema: JsonSchema = stripeObject(
  'coupon',
  'A Stripe coupon: a percent or amount off invoices, subscriptions or checkouts.',
  {
    name: nullable('string', 'Name shown to customers on invoices and receipts.'),
    percent_off: nullable('number', 'Percentage off (1–100), when it is a percentage coupon.'),
    amount_off: nullable('integer', 'Amount off in the smallest currency unit, when it is an amount coupon.'),
    currency: nullable('string', 'Currency of `amount_off`.'),
    duration: {
      type: 'string',
      enum: ['once', 'repeating', 'forever'],
      description: 'How long the discount applies to a subscription.',
    },
    duration_in_months: nullable('integer', 'For `repeating`: how many months.'),
    max_redemptions: nullable('integer', 'Maximum number of times it can be redeemed.'),
    redeem_by: nullable('integer', 'Last moment it can be redeemed, in Unix seconds.'),
    times_redeemed: { type: 'integer', description: 'Times redeemed so far.' },
    valid: { type: 'boolean', description: 'Whether it can still be applied.' },
    metadata: { ...metadata, type: ['object', 'null'] },
    created,
    livemode,
  },
);

export const couponSample = {
  id: 'SPRING25',
  object: 'coupon',
  amount_off: null,
  created: 1767268800,
  currency: null,
  duration: 'repeating',
  duration_in_months: 3,
  livemode: false,
  max_redemptions: 500,
  metadata: {},
  name: 'Spring sale: 25% off for 3 months',
  percent_off: 25,
  redeem_by: 1777593599,
  times_redeemed: 0,
  valid: true,
};

export const promotionCodeSchema: JsonSchema = stripeObject(
  'promotion_code',
  'A Stripe promotion code: a code customers type to redeem a coupon.',
  {
    code: { type: 'string', description: 'The code customers enter, e.g. `SPRING25`.' },
    active: { type: 'boolean', description: 'Whether it can be redeemed.' },
    promotion: {
      type: 'object',
      additionalProperties: true,
      description: 'What the code redeems; `promotion.coupon` is the coupon id.',
      properties: { type: { type: 'string' }, coupon: { type: ['string', 'object', 'null'] } },
    },
    customer: nullable('string', 'When set, only this customer can redeem it.'),
    expires_at: nullable('integer', 'When it expires, in Unix seconds.'),
    max_redemptions: nullable('integer', 'Maximum number of redemptions.'),
    times_redeemed: { type: 'integer', description: 'Times redeemed so far.' },
    metadata: { ...metadata, type: ['object', 'null'] },
    created,
    livemode,
  },
);

export const promotionCodeSample = {
  id: 'promo_1QzYC4LkdIwHu7ixVb8fP1r0',
  object: 'promotion_code',
  active: true,
  code: 'SPRING25',
  created: 1767268800,
  customer: null,
  expires_at: 1777593599,
  livemode: false,
  max_redemptions: 200,
  metadata: {},
  promotion: { coupon: 'SPRING25', type: 'coupon' },
  restrictions: { first_time_transaction: true, minimum_amount: null, minimum_amount_currency: null },
  times_redeemed: 0,
};
