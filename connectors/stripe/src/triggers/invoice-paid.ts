/** Trigger invoice-paid: Stripe's `invoice.paid` event. */
import { defineTrigger } from '@wireup/sdk';
import { invoiceSchema, invoiceSample } from '../schemas/invoice.ts';
import { stripeEventSample, stripeEventSchema } from '../schemas/event.ts';

const event = 'invoice.paid';

export const invoicePaid = defineTrigger({
  key: 'invoice-paid',
  displayName: 'Invoice paid',
  description:
    'Fires when an invoice is paid, whether Stripe collected it or it was marked paid outside Stripe. `data.object` is the invoice.',
  strategy: 'webhook',
  event,
  outputSchema: stripeEventSchema(event, invoiceSchema),
  sample: stripeEventSample(event, invoiceSample, 'evt_1QzYAaLkdIwHu7ixW7d1Hq5R', 1767268901),
});
