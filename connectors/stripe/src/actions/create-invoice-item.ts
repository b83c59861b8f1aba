/** Action create-invoice-item: `invoiceItems.create` (POST /v1/invoiceitems). */
import type { CreateInvoiceItemInput } from '../generated/types.ts';
import {
  amountInput,
  currencyInput,
  descriptionInput,
  idInput,
  inputObject,
  metadataInput,
} from '../schemas/inputs.ts';
import { invoiceItemSample, invoiceItemSchema } from '../schemas/invoice-item.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const createInvoiceItem = defineStripeAction<CreateInvoiceItemInput>({
  key: 'create-invoice-item',
  displayName: 'Create invoice item',
  description:
    'Adds a line to a draft invoice (give `invoice`) or to the customer’s next invoice. Give either `amount` and `currency`, or a `price` (with an optional `quantity`).',
  inputSchema: inputObject(
    {
      customer: idInput('customer to bill', 'cus'),
      invoice: idInput('draft invoice to add the line to; the customer’s next invoice when left out', 'in'),
      amount: amountInput('Amount of the line.'),
      currency: currencyInput,
      price: idInput('price to bill (instead of amount)', 'price'),
      quantity: { type: 'integer', minimum: 1, description: 'With `price`: number of units (default 1).' },
      description: descriptionInput('Text shown on the invoice line.'),
      metadata: metadataInput,
    },
    ['customer'],
    { anyOf: [{ required: ['amount', 'currency'] }, { required: ['price'] }] },
  ),
  outputSchema: invoiceItemSchema,
  sample: invoiceItemSample,
  // Stripe now takes a price as `pricing.price`; the input keeps the plainer `price`.
  call: (stripe, { price, ...params }, options) =>
    stripe.invoiceItems.create({ ...params, ...(price ? { pricing: { price } } : {}) }, options),
});
