/** Action create-invoice: `invoices.create` (POST /v1/invoices). */
import type { CreateInvoiceInput } from '../generated/types.ts';
import { currencyInput, descriptionInput, idInput, inputObject, metadataInput } from '../schemas/inputs.ts';
import { invoiceSample, invoiceSchema } from '../schemas/invoice.ts';
import { defineStripeAction } from '../stripe-action.ts';

const draft = {
  ...invoiceSample,
  amount_paid: 0,
  amount_remaining: 4900,
  attempt_count: 0,
  attempted: false,
  billing_reason: 'manual',
  hosted_invoice_url: null,
  invoice_pdf: null,
  number: null,
  parent: null,
  status: 'draft',
};

export const createInvoice = defineStripeAction<CreateInvoiceInput>({
  key: 'create-invoice',
  displayName: 'Create invoice',
  description:
    'Creates a draft invoice for a customer. Add lines with Create invoice item (giving this invoice’s id), then Finalize invoice and Send invoice or Pay invoice.',
  inputSchema: inputObject(
    {
      customer: idInput('customer to bill', 'cus'),
      collection_method: {
        type: 'string',
        enum: ['charge_automatically', 'send_invoice'],
        description:
          '`charge_automatically` charges the default payment method; `send_invoice` emails the invoice (then `days_until_due` is required).',
      },
      days_until_due: {
        type: 'integer',
        minimum: 0,
        description: 'With `send_invoice`: days the customer has to pay.',
      },
      auto_advance: {
        type: 'boolean',
        description: 'Let Stripe finalize and collect automatically (about an hour after creation).',
      },
      pending_invoice_items_behavior: {
        type: 'string',
        enum: ['exclude', 'include'],
        description: '`include` pulls in the customer’s pending invoice items; `exclude` (default) starts empty.',
      },
      currency: currencyInput,
      description: descriptionInput('Memo shown on the invoice.'),
      footer: { type: 'string', description: 'Footer shown on the invoice.' },
      metadata: metadataInput,
    },
    ['customer'],
  ),
  outputSchema: invoiceSchema,
  sample: draft,
  call: (stripe, input, options) => stripe.invoices.create(input, options),
});
