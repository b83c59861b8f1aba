/** Action create-coupon: `coupons.create` (POST /v1/coupons). */
import type { CreateCouponInput } from '../generated/types.ts';
import { currencyInput, inputObject, metadataInput } from '../schemas/inputs.ts';
import { couponSample, couponSchema } from '../schemas/coupon.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const createCoupon = defineStripeAction<CreateCouponInput>({
  key: 'create-coupon',
  displayName: 'Create coupon',
  description:
    'Creates a discount: a percentage (`percent_off`) or an amount (`amount_off` with `currency`) off, applied once, for some months, or forever. Customers redeem it through a promotion code.',
  inputSchema: inputObject(
    {
      id: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]+$',
        description: 'Your own id, e.g. `SPRING25`; Stripe generates one when left out.',
      },
      name: { type: 'string', maxLength: 40, description: 'Name shown to customers on invoices and receipts.' },
      percent_off: { type: 'number', exclusiveMinimum: 0, maximum: 100, description: 'Percentage off, e.g. 25.' },
      amount_off: {
        type: 'integer',
        minimum: 1,
        description: 'Amount off in the smallest currency unit (requires `currency`).',
      },
      currency: currencyInput,
      duration: {
        type: 'string',
        enum: ['once', 'repeating', 'forever'],
        description: 'How long it applies to a subscription (default `once`).',
      },
      duration_in_months: { type: 'integer', minimum: 1, description: 'With `repeating`: number of months.' },
      max_redemptions: { type: 'integer', minimum: 1, description: 'Total number of times it can be redeemed.' },
      redeem_by: { type: 'integer', description: 'Last moment it can be redeemed, in Unix seconds.' },
      metadata: metadataInput,
    },
    [],
    { oneOf: [{ required: ['percent_off'] }, { required: ['amount_off', 'currency'] }] },
  ),
  outputSchema: couponSchema,
  sample: couponSample,
  call: (stripe, input, options) => stripe.coupons.create(input, options),
});
