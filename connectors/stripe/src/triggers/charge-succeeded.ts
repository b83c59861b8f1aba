/** Trigger charge-succeeded: Stripe's `charge.succeeded` event. */
import { defineTrigger } from '@wireup/sdk';
import { chargeSchema, chargeSample } from '../schemas/charge.ts';
import { stripeEventSample, stripeEventSchema } from '../schemas/event.ts';

const event = 'charge.succeeded';

export const chargeSucceeded = defineTrigger({
  key: 'charge-succeeded',
  displayName: 'Charge succeeded',
  description:
    'Fires when a charge goes through and the money is collected (or authorised, for manual capture). `data.object` is the charge.',
  strategy: 'webhook',
  event,
  outputSchema: stripeEventSchema(event, chargeSchema),
  sample: stripeEventSample(event, chargeSample, 'evt_3QzY9hLkdIwHu7ix0Kq2Ma7B', 1767268801),
});
