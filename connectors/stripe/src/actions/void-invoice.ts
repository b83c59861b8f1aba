/** Action void-invoice: `invoices.voidInvoice` (POST /v1/invoices/{id}/void). */
import type { VoidInvoiceInput } from '../generated/types.ts';
import { idInput, inputObject } from '../schemas/inputs.ts';
import { unpaidInvoiceSample, invoiceSchema } from '../schemas/invoice.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const voidInvoice = defineStripeAction<VoidInvoiceInput>({
  key: 'void-invoice',
  displayName: 'Void invoice',
  description:
    'Voids an open invoice: it stays on record but can no longer be paid. Like deleting, for finalized invoices; cannot be undone.',
  inputSchema: inputObject({ id: idInput('open invoice', 'in') }, ['id']),
  outputSchema: invoiceSchema,
  sample: { ...unpaidInvoiceSample, amount_remaining: 0, next_payment_attempt: null, status: 'void' },
  call: (stripe, { id }, options) => stripe.invoices.voidInvoice(id, {}, options),
});
