/**
 * The Kustomer connector: API-key auth against the organisation's API base, five triggers
 * (outbound webhooks, registered by Wireup on publish), four actions, and recipes that find or
 * create the Kustomer customer of a Stripe charge before opening a conversation on it. Data (manifest) and
 * code (run functions) live side by side; manifest.json is generated from this file by
 * `npm run codegen`.
 */
import { defineConnector, type ConnectorContext } from '@wireup/sdk';
import { DEFAULT_KUSTOMER_BASE_URL, kustomerClient } from './client.ts';
import { createConversation } from './actions/create-conversation.ts';
import { createCustomer } from './actions/create-customer.ts';
import { searchCustomers } from './actions/search-customers.ts';
import { sendMessage } from './actions/send-message.ts';
import { recipes } from './recipes.ts';
import { triggers } from './triggers/index.ts';
import { kustomerWebhook } from './webhook.ts';

const icon =
  'data:image/svg+xml;utf8,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="%23161616"/><path d="M22 16v32M22 33l18-17M28 28l14 20" stroke="%23fff" stroke-width="6" fill="none" stroke-linecap="round"/></svg>';

/** Proves the key works: `GET /v1/auth/tokens/current`. Throws AuthenticationError on 401/403. */
async function testConnection(ctx: ConnectorContext): Promise<void> {
  await kustomerClient(ctx).request('GET', '/v1/auth/tokens/current');
}

export default defineConnector({
  name: 'kustomer',
  version: '1.0.0',
  displayName: 'Kustomer',
  description:
    "Kustomer is a CRM-powered customer service platform that keeps each customer's conversations on one timeline across email, chat, SMS and social channels.",
  categories: ['customer-support', 'crm'],
  icon,
  homepage: 'https://www.kustomer.com',
  sdk: '^0.1.0',
  auth: {
    kind: 'api-key',
    fields: [
      {
        key: 'apiKey',
        label: 'API key',
        description:
          'A Kustomer API key (Settings → Security → API Keys) allowed to read and write customers, conversations and messages.',
        secret: true,
        required: true,
      },
      {
        key: 'baseUrl',
        label: 'API base URL',
        description:
          "Your organisation's Kustomer API base, such as https://<org>.api.kustomerapp.com (without /v1). Leave empty for https://api.kustomerapp.com.",
        secret: false,
        required: false,
        default: DEFAULT_KUSTOMER_BASE_URL,
        destination: true,
      },
      {
        key: 'webhookToken',
        label: 'Outbound webhook token',
        description:
          "The token of the Kustomer outbound webhook that sends events to Wireup; triggers use it to check each delivery's X-Kustomer-Webhook-Signature. Leave it empty: Wireup registers the webhook when you publish a workflow with a Kustomer trigger and fills it in. Give it only if you made the outbound webhook yourself.",
        secret: true,
        required: false,
        filledByRegistration: true,
      },
    ],
  },
  triggers,
  actions: [createConversation, createCustomer, sendMessage, searchCustomers],
  recipes,
  webhook: kustomerWebhook,
  testConnection,
});
