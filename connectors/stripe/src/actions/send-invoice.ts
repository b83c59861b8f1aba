/** Action send-invoice: `invoices.sendInvoice` (POST /v1/invoices/{id}/send). */
import type { SendInvoiceInput } from '../generated/types.ts';
import { idInput, inputObject } from '../schemas/inputs.ts';
import { unpaidInvoiceSample, invoiceSchema } from '../schemas/invoice.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const sendInvoice = defineStripeAction<SendInvoiceInput>({
  key: 'send-invoice',
  displayName: 'Send invoice',
  description:
    'Emails an open invoice to the customer with a link to pay it (a draft is finalized first). In test mode Stripe sends no email.',
  inputSchema: inputObject({ id: idInput('invoice', 'in') }, ['id']),
  outputSchema: invoiceSchema,
  sample: {
    ...unpaidInvoiceSample,
    collection_method: 'send_invoice',
    due_date: 1769860800,
    next_payment_attempt: null,
  },
  call: (stripe, { id }, options) => stripe.invoices.sendInvoice(id, {}, options),
});
