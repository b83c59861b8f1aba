/** Trigger new-customer: Stripe's `customer.created` event. */
import { defineTrigger } from '@wireup/sdk';
import { customerSchema, customerSample } from '../schemas/customer.ts';
import { stripeEventSample, stripeEventSchema } from '../schemas/event.ts';

const event = 'customer.created';

export const newCustomer = defineTrigger({
  key: 'new-customer',
  displayName: 'New customer',
  description:
    'Fires when a customer is created in Stripe: from the Dashboard, the API, Checkout or a payment link. `data.object` is the new customer.',
  strategy: 'webhook',
  event,
  outputSchema: stripeEventSchema(event, customerSchema),
  sample: stripeEventSample(event, customerSample, 'evt_1QzY8kLkdIwHu7ixhP4Tz9Qa', 1767268800),
});
