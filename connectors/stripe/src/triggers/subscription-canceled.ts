/** Trigger subscription-canceled: Stripe's `customer.subscription.deleted` event. */
import { defineTrigger } from '@wireup/sdk';
import { subscriptionSchema, canceledSubscriptionSample } from '../schemas/subscription.ts';
import { stripeEventSample, stripeEventSchema } from '../schemas/event.ts';

const event = 'customer.subscription.deleted';

export const subscriptionCanceled = defineTrigger({
  key: 'subscription-canceled',
  displayName: 'Subscription canceled',
  description:
    'Fires when a subscription ends: canceled right away, at the end of its period, or after failed payments. `data.object` is the subscription; `cancellation_details` says why.',
  strategy: 'webhook',
  event,
  outputSchema: stripeEventSchema(event, subscriptionSchema),
  sample: stripeEventSample(event, canceledSubscriptionSample, 'evt_1QzZ9tLkdIwHu7ixC5v2Nb7M', 1772366401),
});
