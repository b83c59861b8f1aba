/** Trigger invoice-payment-failed: Stripe's `invoice.payment_failed` event. */
import { defineTrigger } from '@wireup/sdk';
import { invoiceSchema, unpaidInvoiceSample } from '../schemas/invoice.ts';
import { stripeEventSample, stripeEventSchema } from '../schemas/event.ts';

const event = 'invoice.payment_failed';

export const invoicePaymentFailed = defineTrigger({
  key: 'invoice-payment-failed',
  displayName: 'Invoice payment failed',
  description:
    'Fires when Stripe tries to collect an invoice and the payment fails, e.g. a subscription renewal whose card was declined. `data.object` is the invoice; `next_payment_attempt` says when Stripe will retry.',
  strategy: 'webhook',
  event,
  outputSchema: stripeEventSchema(event, invoiceSchema),
  sample: stripeEventSample(event, unpaidInvoiceSample, 'evt_1QzYAaLkdIwHu7ixF2k9Wn3T', 1767268900),
});
