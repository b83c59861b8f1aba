/** The Stripe Customer object: its schema (the fields workflows map from) and a sample. */
import type { JsonSchema } from '@wireup/sdk';
import { created, currency, idOf, livemode, metadata, nullable, stripeObject } from './common.ts';

export const addressSchema: JsonSchema = {
  type: ['object', 'null'],
  description: 'Postal address.',
  additionalProperties: true,
  properties: {
    line1: nullable('string', 'Street address.'),
    line2: nullable('string', 'Apartment, suite, unit.'),
    city: nullable('string', 'City.'),
    state: nullable('string', 'State, county, province or region.'),
    postal_code: nullable('string', 'ZIP or postal code.'),
    country: nullable('string', 'Two-letter country code (ISO 3166-1 alpha-2).'),
  },
};

export const customerSchema: JsonSchema = stripeObject('customer', 'A Stripe customer.', {
  email: nullable('string', "The customer's email address."),
  name: nullable('string', "The customer's full name or business name."),
  phone: nullable('string', "The customer's phone number."),
  description: nullable('string', 'Free-text description, shown in the Dashboard.'),
  address: addressSchema,
  balance: { type: 'integer', description: 'Credit balance in cents applied to future invoices (negative is credit).' },
  currency: nullable('string', 'Default currency for recurring billing.'),
  delinquent: nullable('boolean', "True when the customer's latest invoice is unpaid past due."),
  default_source: idOf('default payment source', 'card'),
  invoice_prefix: nullable('string', 'Prefix of the customer’s invoice numbers.'),
  deleted: { type: 'boolean', description: 'Present and true when the customer was deleted.' },
  metadata,
  created,
  livemode,
});

export const customerSample = {
  id: 'cus_RtN4g6ZWJmxqSb',
  object: 'customer',
  address: {
    city: 'San Francisco',
    country: 'US',
    line1: '510 Townsend St',
    line2: null,
    postal_code: '94103',
    state: 'CA',
  },
  balance: 0,
  created: 1767268800,
  currency: 'usd',
  default_source: null,
  delinquent: false,
  description: 'Signed up from the pricing page',
  email: 'jenny.rosen@example.com',
  invoice_prefix: 'B7F1E2A4',
  invoice_settings: {
    custom_fields: null,
    default_payment_method: 'pm_1QzY8kLkdIwHu7ixR2b4nA9c',
    footer: null,
    rendering_options: null,
  },
  livemode: false,
  metadata: { crm_id: '48213' },
  name: 'Jenny Rosen',
  phone: '+14155550123',
  preferred_locales: ['en'],
  shipping: null,
  tax_exempt: 'none',
  test_clock: null,
};

/** What a deleted customer looks like. */
export const deletedCustomerSchema: JsonSchema = stripeObject(
  'customer',
  'A deleted Stripe customer.',
  {
    deleted: { const: true, description: 'Always true.' },
  },
  ['deleted'],
);
