/** The Stripe InvoiceItem object: its schema and a sample. */
import type { JsonSchema } from '@wireup/sdk';
import { amount, currency, livemode, metadata, nullable, stripeObject } from './common.ts';

export const invoiceItemSchema: JsonSchema = stripeObject(
  'invoiceitem',
  'A Stripe invoice item: a one-off amount added to a customer’s next (or a given draft) invoice.',
  {
    amount: amount('Amount, in the smallest currency unit (quantity × unit amount).'),
    currency,
    customer: nullable('string', 'ID of the customer billed (`cus_...`).'),
    description: nullable('string', 'Text shown on the invoice line.'),
    invoice: nullable('string', 'ID of the invoice it belongs to, or null while pending for the next invoice.'),
    quantity: { type: 'integer', description: 'Quantity of units.' },
    date: { type: 'integer', description: 'When it was created, in Unix seconds.' },
    metadata: { ...metadata, type: ['object', 'null'] },
    livemode,
  },
);

export const invoiceItemSample = {
  id: 'ii_1QzYB2LkdIwHu7ixP0t6Lg8w',
  object: 'invoiceitem',
  amount: 1500,
  currency: 'usd',
  customer: 'cus_RtN4g6ZWJmxqSb',
  date: 1767268800,
  description: 'Onboarding session',
  discountable: true,
  invoice: 'in_1QzYAaLkdIwHu7ixd8Jx2Vgo',
  livemode: false,
  metadata: {},
  period: { end: 1767268800, start: 1767268800 },
  proration: false,
  quantity: 1,
};
