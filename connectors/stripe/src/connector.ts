/** The Stripe connector: its manifest data, triggers, actions, webhook verification and connection test. */
import { defineConnector } from '@wireup/sdk';
import { stripeAuth } from './auth.ts';
import { testStripeConnection } from './client.ts';
import { stripeWebhook } from './webhook.ts';
import { triggers } from './triggers/index.ts';
import { actions } from './actions/index.ts';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#635BFF"/><text x="16" y="23" font-family="Helvetica, Arial, sans-serif" font-size="20" font-weight="700" text-anchor="middle" fill="#fff">S</text></svg>';

export default defineConnector({
  name: 'stripe',
  version: '1.0.0',
  displayName: 'Stripe',
  description:
    'Online payments: charges, customers, subscriptions, invoices and checkout. Start workflows from Stripe events and act on Stripe objects.',
  categories: ['payments', 'billing'],
  icon,
  homepage: 'https://stripe.com',
  sdk: '^0.1.0',
  auth: stripeAuth,
  triggers,
  actions,
  webhook: stripeWebhook,
  testConnection: testStripeConnection,
});
