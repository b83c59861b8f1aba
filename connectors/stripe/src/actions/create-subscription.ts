/** Action create-subscription: `subscriptions.create` (POST /v1/subscriptions). */
import type { CreateSubscriptionInput } from '../generated/types.ts';
import { descriptionInput, idInput, inputObject, metadataInput, priceLinesInput } from '../schemas/inputs.ts';
import { subscriptionSample, subscriptionSchema } from '../schemas/subscription.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const createSubscription = defineStripeAction<CreateSubscriptionInput>({
  key: 'create-subscription',
  displayName: 'Create subscription',
  description:
    'Subscribes a customer to one or more recurring prices. The first invoice is charged to the default payment method (or emailed with `send_invoice`); a trial delays the first charge.',
  inputSchema: inputObject(
    {
      customer: idInput('customer to subscribe', 'cus'),
      items: priceLinesInput('The recurring prices to subscribe to, each with a quantity.'),
      default_payment_method: idInput('payment method to charge', 'pm'),
      trial_period_days: {
        type: 'integer',
        minimum: 1,
        maximum: 730,
        description: 'Days of free trial before the first charge.',
      },
      collection_method: {
        type: 'string',
        enum: ['charge_automatically', 'send_invoice'],
        description: 'Charge automatically, or email each invoice (then `days_until_due` is required).',
      },
      days_until_due: {
        type: 'integer',
        minimum: 0,
        description: 'With `send_invoice`: days the customer has to pay each invoice.',
      },
      cancel_at_period_end: { type: 'boolean', description: 'End the subscription after the first period.' },
      payment_behavior: {
        type: 'string',
        enum: ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'],
        description:
          'What to do when the first payment needs action or fails; `error_if_incomplete` fails the step instead of creating an incomplete subscription.',
      },
      discounts: {
        type: 'array',
        description: 'Discounts to apply: each a `coupon` or a `promotion_code` id.',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: { coupon: { type: 'string', minLength: 1 }, promotion_code: { type: 'string', minLength: 1 } },
        },
      },
      description: descriptionInput('Free-text description, shown in the Dashboard and on invoices.'),
      metadata: metadataInput,
    },
    ['customer', 'items'],
  ),
  outputSchema: subscriptionSchema,
  sample: subscriptionSample,
  call: (stripe, input, options) => stripe.subscriptions.create(input, options),
});
