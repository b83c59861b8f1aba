/** Action update-subscription: `subscriptions.update` (POST /v1/subscriptions/{id}). */
import type { UpdateSubscriptionInput } from '../generated/types.ts';
import { descriptionInput, idInput, inputObject, metadataInput } from '../schemas/inputs.ts';
import { subscriptionSample, subscriptionSchema } from '../schemas/subscription.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const updateSubscription = defineStripeAction<UpdateSubscriptionInput>({
  key: 'update-subscription',
  displayName: 'Update subscription',
  description:
    'Changes a subscription: switch or add prices, change quantities, schedule cancellation at period end (or undo it), change the payment method. Price changes are prorated unless `proration_behavior` says otherwise.',
  inputSchema: inputObject(
    {
      id: idInput('subscription', 'sub'),
      items: {
        type: 'array',
        minItems: 1,
        description:
          'Items to change: give `id` (`si_...`) to change or delete an existing item, or only `price` to add one.',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: {
            id: { type: 'string', minLength: 1, description: 'ID of the subscription item to change (`si_...`).' },
            price: { type: 'string', minLength: 1, description: 'New price (`price_...`).' },
            quantity: { type: 'integer', minimum: 0, description: 'New quantity.' },
            deleted: { type: 'boolean', description: 'Remove this item.' },
          },
        },
      },
      cancel_at_period_end: {
        type: 'boolean',
        description: 'True to cancel at the end of the current period; false to undo a scheduled cancellation.',
      },
      proration_behavior: {
        type: 'string',
        enum: ['create_prorations', 'none', 'always_invoice'],
        description: 'How to bill a mid-period change.',
      },
      default_payment_method: idInput('payment method to charge from now on', 'pm'),
      trial_end: {
        type: ['integer', 'string'],
        pattern: '^now$',
        description: 'End the trial at this Unix time, or `now`.',
      },
      description: descriptionInput('Free-text description.'),
      metadata: metadataInput,
    },
    ['id'],
  ),
  outputSchema: subscriptionSchema,
  sample: subscriptionSample,
  call: (stripe, { id, ...params }, options) => stripe.subscriptions.update(id, params as never, options),
});
