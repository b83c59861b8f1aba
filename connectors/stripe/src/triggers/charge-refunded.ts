/** Trigger charge-refunded: Stripe's `charge.refunded` event. */
import { defineTrigger } from '@wireup/sdk';
import { chargeSchema, refundedChargeSample } from '../schemas/charge.ts';
import { stripeEventSample, stripeEventSchema } from '../schemas/event.ts';

const event = 'charge.refunded';

export const chargeRefunded = defineTrigger({
  key: 'charge-refunded',
  displayName: 'Charge refunded',
  description:
    'Fires when a charge is refunded, fully or in part. `data.object` is the charge; `amount_refunded` is the total refunded so far and `refunded` is true once it is fully refunded.',
  strategy: 'webhook',
  event,
  outputSchema: stripeEventSchema(event, chargeSchema),
  sample: stripeEventSample(event, refundedChargeSample, 'evt_3QzY9hLkdIwHu7ix0Rf6Lc1D', 1767355201),
});
