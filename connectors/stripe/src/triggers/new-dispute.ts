/** Trigger new-dispute: Stripe's `charge.dispute.created` event. */
import { defineTrigger } from '@wireup/sdk';
import { disputeSchema, disputeSample } from '../schemas/dispute.ts';
import { stripeEventSample, stripeEventSchema } from '../schemas/event.ts';

const event = 'charge.dispute.created';

export const newDispute = defineTrigger({
  key: 'new-dispute',
  displayName: 'New dispute',
  description:
    'Fires when a customer disputes a charge with their bank (a chargeback). `data.object` is the dispute, with its reason, amount and evidence deadline.',
  strategy: 'webhook',
  event,
  outputSchema: stripeEventSchema(event, disputeSchema),
  sample: stripeEventSample(event, disputeSample, 'evt_1QzZ7mLkdIwHu7ixgE3Vd0Qb', 1767873601),
});
