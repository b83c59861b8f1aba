/** Action cancel-subscription: `subscriptions.cancel` (DELETE /v1/subscriptions/{id}). */
import type { CancelSubscriptionInput } from '../generated/types.ts';
import { idInput, inputObject } from '../schemas/inputs.ts';
import { canceledSubscriptionSample, subscriptionSchema } from '../schemas/subscription.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const cancelSubscription = defineStripeAction<CancelSubscriptionInput>({
  key: 'cancel-subscription',
  displayName: 'Cancel subscription',
  description:
    'Cancels a subscription right away; no further invoices are made. To cancel at the end of the period instead, use Update subscription with `cancel_at_period_end: true`.',
  inputSchema: inputObject(
    {
      id: idInput('subscription', 'sub'),
      invoice_now: { type: 'boolean', description: 'Invoice now for pending usage and prorations.' },
      prorate: { type: 'boolean', description: 'Credit the unused part of the period (as a proration).' },
      cancellation_details: {
        type: 'object',
        additionalProperties: false,
        description: 'Why the customer canceled.',
        properties: {
          comment: { type: 'string', description: 'Free-text reason.' },
          feedback: {
            type: 'string',
            enum: [
              'customer_service',
              'low_quality',
              'missing_features',
              'other',
              'switched_service',
              'too_complex',
              'too_expensive',
              'unused',
            ],
            description: 'Reason category.',
          },
        },
      },
    },
    ['id'],
  ),
  outputSchema: subscriptionSchema,
  sample: canceledSubscriptionSample,
  call: (stripe, { id, ...params }, options) => stripe.subscriptions.cancel(id, params, options),
});
