/** Action finalize-invoice: `invoices.finalizeInvoice` (POST /v1/invoices/{id}/finalize). */
import type { FinalizeInvoiceInput } from '../generated/types.ts';
import { idInput, inputObject } from '../schemas/inputs.ts';
import { unpaidInvoiceSample, invoiceSchema } from '../schemas/invoice.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const finalizeInvoice = defineStripeAction<FinalizeInvoiceInput>({
  key: 'finalize-invoice',
  displayName: 'Finalize invoice',
  description:
    'Turns a draft invoice into an open one: it gets its number and hosted page and can no longer be edited. Stripe then collects it if `auto_advance` is on.',
  inputSchema: inputObject(
    {
      id: idInput('draft invoice', 'in'),
      auto_advance: { type: 'boolean', description: 'Let Stripe collect it automatically from now on.' },
    },
    ['id'],
  ),
  outputSchema: invoiceSchema,
  sample: { ...unpaidInvoiceSample, attempt_count: 0, attempted: false, next_payment_attempt: null },
  call: (stripe, { id, ...params }, options) => stripe.invoices.finalizeInvoice(id, params, options),
});
