/** Trigger new-subscription: Stripe's `customer.subscription.created` event. */
import { defineTrigger } from '@wireup/sdk';
import { subscriptionSchema, subscriptionSample } from '../schemas/subscription.ts';
import { stripeEventSample, stripeEventSchema } from '../schemas/event.ts';

const event = 'customer.subscription.created';

export const newSubscription = defineTrigger({
  key: 'new-subscription',
  displayName: 'New subscription',
  description:
    'Fires when a customer starts a subscription (including a free trial). `data.object` is the subscription, with its status, prices and customer.',
  strategy: 'webhook',
  event,
  outputSchema: stripeEventSchema(event, subscriptionSchema),
  sample: stripeEventSample(event, subscriptionSample, 'evt_1QzY8qLkdIwHu7ixU0m4Xs8E', 1767268800),
});
