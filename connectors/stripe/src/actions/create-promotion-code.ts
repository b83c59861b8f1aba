/** Action create-promotion-code: `promotionCodes.create` (POST /v1/promotion_codes). */
import type { CreatePromotionCodeInput } from '../generated/types.ts';
import { idInput, inputObject, metadataInput } from '../schemas/inputs.ts';
import { promotionCodeSample, promotionCodeSchema } from '../schemas/coupon.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const createPromotionCode = defineStripeAction<CreatePromotionCodeInput>({
  key: 'create-promotion-code',
  displayName: 'Create promotion code',
  description:
    'Creates a code customers type at checkout to redeem a coupon, e.g. `SPRING25`, optionally limited to one customer, first orders, a minimum amount or a date.',
  inputSchema: inputObject(
    {
      coupon: { type: 'string', minLength: 1, description: 'ID of the coupon the code redeems.' },
      code: {
        type: 'string',
        pattern: '^[A-Za-z0-9]+$',
        maxLength: 500,
        description: 'The code customers enter; Stripe generates one when left out.',
      },
      active: { type: 'boolean', description: 'Redeemable now (default true).' },
      customer: idInput('only customer who may redeem it', 'cus'),
      expires_at: { type: 'integer', description: 'When it expires, in Unix seconds.' },
      max_redemptions: { type: 'integer', minimum: 1, description: 'Number of times it can be redeemed.' },
      restrictions: {
        type: 'object',
        additionalProperties: false,
        description: 'Who and what may redeem it.',
        properties: {
          first_time_transaction: { type: 'boolean', description: 'Only customers who never paid before.' },
          minimum_amount: {
            type: 'integer',
            minimum: 1,
            description: 'Minimum order amount, in the smallest currency unit.',
          },
          minimum_amount_currency: {
            type: 'string',
            pattern: '^[A-Za-z]{3}$',
            description: 'Currency of `minimum_amount`.',
          },
        },
      },
      metadata: metadataInput,
    },
    ['coupon'],
  ),
  outputSchema: promotionCodeSchema,
  sample: promotionCodeSample,
  // Stripe takes the coupon as `promotion: {type: 'coupon', coupon}`; the input keeps the plainer `coupon`.
  call: (stripe, { coupon, ...params }, options) =>
    stripe.promotionCodes.create({ ...params, promotion: { type: 'coupon', coupon } }, options),
});
