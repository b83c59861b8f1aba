/** Trigger charge-failed: Stripe's `charge.failed` event. */
import { defineTrigger } from '@wireup/sdk';
import { chargeSchema, failedChargeSample } from '../schemas/charge.ts';
import { stripeEventSample, stripeEventSchema } from '../schemas/event.ts';

const event = 'charge.failed';

export const chargeFailed = defineTrigger({
  key: 'charge-failed',
  displayName: 'Charge failed',
  description:
    'Fires when a charge attempt fails: the card was declined, flagged as fraud, had insufficient funds, or the payment method could not be charged. `data.object` is the charge, with `failure_code` and `failure_message` saying why.',
  strategy: 'webhook',
  event,
  outputSchema: stripeEventSchema(event, chargeSchema),
  sample: stripeEventSample(event, failedChargeSample, 'evt_3QzZ2bLkdIwHu7ix1Hn0e5fR', 1767268802),
});
