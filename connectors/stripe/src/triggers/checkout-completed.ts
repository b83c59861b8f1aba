/** Trigger checkout-completed: Stripe's `checkout.session.completed` event. */
import { defineTrigger } from '@wireup/sdk';
import { checkoutSessionSchema, completedCheckoutSessionSample } from '../schemas/checkout-session.ts';
import { stripeEventSample, stripeEventSchema } from '../schemas/event.ts';

const event = 'checkout.session.completed';

export const checkoutCompleted = defineTrigger({
  key: 'checkout-completed',
  displayName: 'Checkout completed',
  description:
    'Fires when a customer completes a Stripe Checkout page: they paid, started a subscription or saved a payment method. `data.object` is the Checkout Session, with what the customer entered in `customer_details`.',
  strategy: 'webhook',
  event,
  outputSchema: stripeEventSchema(event, checkoutSessionSchema),
  sample: stripeEventSample(event, completedCheckoutSessionSample, 'evt_1QzYE1LkdIwHu7ixS3b8Jm2K', 1767269100),
});
