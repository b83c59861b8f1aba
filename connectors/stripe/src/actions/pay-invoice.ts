/** Action pay-invoice: `invoices.pay` (POST /v1/invoices/{id}/pay). */
import type { PayInvoiceInput } from '../generated/types.ts';
import { idInput, inputObject } from '../schemas/inputs.ts';
import { invoiceSample, invoiceSchema } from '../schemas/invoice.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const payInvoice = defineStripeAction<PayInvoiceInput>({
  key: 'pay-invoice',
  displayName: 'Pay invoice',
  description:
    'Collects an open invoice now, with the customer’s default or the given payment method, or marks it paid outside Stripe (`paid_out_of_band`, e.g. a bank transfer or cash). A decline fails the step with the decline code.',
  inputSchema: inputObject(
    {
      id: idInput('open invoice', 'in'),
      payment_method: idInput('payment method to charge', 'pm'),
      paid_out_of_band: {
        type: 'boolean',
        description: 'Mark it paid without charging (money received outside Stripe).',
      },
      off_session: { type: 'boolean', description: 'The customer is not present (default true).' },
    },
    ['id'],
  ),
  outputSchema: invoiceSchema,
  sample: invoiceSample,
  call: (stripe, { id, ...params }, options) => stripe.invoices.pay(id, params, options),
});
