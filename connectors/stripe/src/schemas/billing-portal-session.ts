/** The Stripe Billing Portal Session object: its schema and a sample. */
import type { JsonSchema } from '@wireup/sdk';
import { created, livemode, nullable, stripeObject } from './common.ts';

export const billingPortalSessionSchema: JsonSchema = stripeObject(
  'billing_portal.session',
  'A short-lived link to Stripe’s customer portal, where a customer manages subscriptions, payment methods and invoices.',
  {
    url: { type: 'string', description: 'Single-use URL of the portal session; send the customer there.' },
    customer: { type: 'string', description: 'ID of the customer (`cus_...`).' },
    return_url: nullable('string', 'Where the customer returns when leaving the portal.'),
    created,
    livemode,
  },
);

export const billingPortalSessionSample = {
  id: 'bps_1QzYDNLkdIwHu7ixK1x3QeLm',
  object: 'billing_portal.session',
  configuration: 'bpc_1QzY7aLkdIwHu7ixHqE0gTn2',
  created: 1767268800,
  customer: 'cus_RtN4g6ZWJmxqSb',
  flow: null,
  livemode: false,
  locale: null,
  on_behalf_of: null,
  return_url: 'https://example.com/account',
  url: 'https://billing.stripe.com/p/session/test_YWNjdF8xUXpZOGtMa2RJd0h1N2l4',
};
