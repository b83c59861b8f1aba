/** The Stripe Invoice object: its schema and samples of a paid and an unpaid invoice. */
import type { JsonSchema } from '@wireup/sdk';
import { amount, created, currency, livemode, metadata, nullable, stripeObject } from './common.ts';

export const invoiceSchema: JsonSchema = stripeObject(
  'invoice',
  'A Stripe invoice: a statement of amounts owed by a customer.',
  {
    customer: nullable('string', 'ID of the billed customer (`cus_...`).'),
    customer_email: nullable('string', "The customer's email at the time the invoice was finalized."),
    customer_name: nullable('string', "The customer's name at the time the invoice was finalized."),
    number: nullable('string', 'Human-readable invoice number, set when finalized.'),
    status: nullable('string', '`draft`, `open`, `paid`, `uncollectible` or `void`.'),
    billing_reason: nullable(
      'string',
      'Why it was created, e.g. `manual`, `subscription_create` or `subscription_cycle`.',
    ),
    collection_method: {
      type: 'string',
      enum: ['charge_automatically', 'send_invoice'],
      description: 'Charge the default payment method, or email the invoice for the customer to pay.',
    },
    currency,
    amount_due: amount('Final amount due, in the smallest currency unit.'),
    amount_paid: amount('Amount paid so far.'),
    amount_remaining: amount('Amount still to pay.'),
    subtotal: amount('Total before discounts and taxes.'),
    total: amount('Total after discounts and taxes.'),
    attempt_count: { type: 'integer', description: 'Number of payment attempts made so far.' },
    next_payment_attempt: nullable('integer', 'When Stripe will next try to collect payment, in Unix seconds.'),
    due_date: nullable('integer', 'When payment is due (send_invoice), in Unix seconds.'),
    hosted_invoice_url: nullable('string', 'Page where the customer can see and pay the invoice.'),
    invoice_pdf: nullable('string', 'Link to the invoice PDF.'),
    description: nullable('string', 'Memo shown on the invoice.'),
    parent: {
      type: ['object', 'null'],
      additionalProperties: true,
      description:
        'What generated the invoice; for subscriptions `parent.subscription_details.subscription` is the subscription id.',
    },
    lines: { type: 'object', additionalProperties: true, description: 'The invoice line items (a Stripe list).' },
    period_start: { type: 'integer', description: 'Start of the billed period, in Unix seconds.' },
    period_end: { type: 'integer', description: 'End of the billed period, in Unix seconds.' },
    metadata: { ...metadata, type: ['object', 'null'] },
    created,
    livemode,
  },
);

const line = {
  id: 'il_1QzYAaLkdIwHu7ixJc4d1Pq2',
  object: 'line_item',
  amount: 4900,
  currency: 'usd',
  description: '1 × Pro plan (at $49.00 / month)',
  period: { end: 1769947200, start: 1767268800 },
  quantity: 1,
};

/** An invoice that was paid. */
export const invoiceSample = {
  id: 'in_1QzYAaLkdIwHu7ixd8Jx2Vgo',
  object: 'invoice',
  account_country: 'US',
  amount_due: 4900,
  amount_paid: 4900,
  amount_remaining: 0,
  attempt_count: 1,
  attempted: true,
  billing_reason: 'subscription_cycle',
  collection_method: 'charge_automatically',
  created: 1767268800,
  currency: 'usd',
  customer: 'cus_RtN4g6ZWJmxqSb',
  customer_email: 'jenny.rosen@example.com',
  customer_name: 'Jenny Rosen',
  description: null,
  due_date: null,
  hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1QzY8kLkdIwHu7ix/test_YWNjdF8xUXpZOGtM',
  invoice_pdf: 'https://pay.stripe.com/invoice/acct_1QzY8kLkdIwHu7ix/test_YWNjdF8xUXpZOGtM/pdf',
  lines: { object: 'list', data: [line], has_more: false, url: '/v1/invoices/in_1QzYAaLkdIwHu7ixd8Jx2Vgo/lines' },
  livemode: false,
  metadata: {},
  next_payment_attempt: null,
  number: 'B7F1E2A4-0007',
  parent: {
    quote_details: null,
    subscription_details: { metadata: {}, subscription: 'sub_1QzY8qLkdIwHu7ixQ6xy3M0P' },
    type: 'subscription_details',
  },
  period_end: 1767268800,
  period_start: 1764590400,
  status: 'paid',
  subtotal: 4900,
  total: 4900,
};

/** An invoice whose automatic payment attempt failed. */
export const unpaidInvoiceSample = {
  ...invoiceSample,
  amount_paid: 0,
  amount_remaining: 4900,
  next_payment_attempt: 1767528000,
  status: 'open',
};
