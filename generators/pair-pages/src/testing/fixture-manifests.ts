/**
 * Synthetic manifests for tests, shaped like the real Stripe (10 triggers, 31 actions) and
 * Kustomer (4 actions, no trigger) connectors, plus a small polling app. Data only.
 */
import type { ConnectorManifest } from '@wireup/sdk';

type Schema = Record<string, unknown>;
const str = (description: string): Schema => ({ type: 'string', description });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  required,
});

const STRIPE_TRIGGERS: Array<[string, string, string, string]> = [
  [
    'charge-failed',
    'Charge Failed',
    'charge.failed',
    'Fires when a charge attempt fails (a decline, suspected fraud, insufficient funds). Alert the customer, retry, or start dunning.',
  ],
  [
    'checkout-completed',
    'Checkout Completed',
    'checkout.session.completed',
    'Fires when a Checkout Session is completed. Provision the customer, send a receipt or grant access.',
  ],
  [
    'new-customer',
    'New Customer',
    'customer.created',
    'Fires when a customer is created in Stripe. Copy it to your CRM or send a welcome message.',
  ],
  ['charge-succeeded', 'Charge Succeeded', 'charge.succeeded', 'Fires when a charge succeeds.'],
  ['charge-refunded', 'Charge Refunded', 'charge.refunded', 'Fires when a charge is fully or partly refunded.'],
  ['new-dispute', 'New Dispute', 'charge.dispute.created', 'Fires when a customer disputes a charge.'],
  ['invoice-payment-failed', 'Invoice Payment Failed', 'invoice.payment_failed', 'Fires when paying an invoice fails.'],
  ['invoice-paid', 'Invoice Paid', 'invoice.paid', 'Fires when an invoice is paid.'],
  ['new-subscription', 'New Subscription', 'customer.subscription.created', 'Fires when a customer subscribes.'],
  [
    'subscription-canceled',
    'Subscription Canceled',
    'customer.subscription.deleted',
    'Fires when a subscription ends.',
  ],
];

const STRIPE_ACTIONS = [
  'create-customer',
  'update-customer',
  'retrieve-customer',
  'find-customer',
  'delete-customer',
  'create-payment-intent',
  'confirm-payment-intent',
  'capture-payment-intent',
  'cancel-payment-intent',
  'create-charge',
  'retrieve-charge',
  'create-refund',
  'create-invoice',
  'create-invoice-item',
  'finalize-invoice',
  'send-invoice',
  'void-invoice',
  'pay-invoice',
  'create-subscription',
  'update-subscription',
  'cancel-subscription',
  'search-subscriptions',
  'create-product',
  'create-price',
  'create-coupon',
  'create-promotion-code',
  'create-payment-link',
  'deactivate-payment-link',
  'create-checkout-session',
  'create-billing-portal-session',
  'retrieve-balance',
];

const titleOf = (key: string): string =>
  key
    .split('-')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');

const stripeEvent = obj(
  {
    id: str('Event id, e.g. evt_123.'),
    object: { type: 'string', const: 'event' },
    type: str('Stripe event type.'),
    created: { type: 'integer', description: 'Unix seconds.' },
    livemode: { type: 'boolean' },
    data: obj(
      {
        object: obj(
          {
            id: str('Id of the object.'),
            customer: str('Customer id, e.g. cus_123.'),
            amount: { type: 'integer', description: 'Amount in the smallest currency unit.' },
            currency: str('Three-letter ISO code.'),
          },
          ['id'],
        ),
      },
      ['object'],
    ),
  },
  ['id', 'type', 'data'],
);

/** A Stripe-like manifest: 10 webhook triggers and 31 actions, in the reference order. */
export function stripeFixture(): ConnectorManifest {
  return {
    name: 'stripe',
    version: '1.0.0',
    displayName: 'Stripe',
    description: 'Online payments: charges, customers, invoices and subscriptions.',
    categories: ['payments'],
    sdk: '^0.1.0',
    auth: {
      kind: 'api-key',
      fields: [
        { key: 'secretKey', label: 'Secret key', secret: true, required: true },
        {
          key: 'webhookSecret',
          label: 'Webhook signing secret',
          secret: true,
          required: false,
          filledByRegistration: true,
        },
      ],
    },
    triggers: STRIPE_TRIGGERS.map(([key, displayName, event, description]) => ({
      key,
      displayName,
      description,
      strategy: 'webhook' as const,
      event,
      outputSchema: stripeEvent,
      sample: {
        id: 'evt_1',
        object: 'event',
        type: event,
        created: 1700000000,
        livemode: false,
        data: { object: { id: 'ch_1', customer: 'cus_1', amount: 2000, currency: 'usd' } },
      },
    })),
    actions: STRIPE_ACTIONS.map((key) => ({
      key,
      displayName: titleOf(key),
      description: `${titleOf(key)} in Stripe.`,
      inputSchema: obj({
        customer: str('Customer id.'),
        metadata: { type: 'object', description: 'Key-value pairs.' },
      }),
      outputSchema: obj({ id: str('Id of the Stripe object.') }, ['id']),
      sample: { id: 'obj_1' },
      idempotent: true,
    })),
  };
}

/** A Kustomer-like manifest: 4 actions, no trigger. */
export function kustomerFixture(): ConnectorManifest {
  const action = (key: string, displayName: string, description: string, input: Schema) => ({
    key,
    displayName,
    description,
    inputSchema: input,
    outputSchema: obj({ data: obj({ id: str('Kustomer id.'), type: str('Resource type.') }) }),
    sample: { data: { id: '5f3a', type: key.includes('conversation') ? 'conversation' : 'customer' } },
    idempotent: false,
    retry: { maxAttempts: 5 },
  });
  return {
    name: 'kustomer',
    version: '1.0.0',
    displayName: 'Kustomer',
    description: 'Customer service CRM: customers, conversations and messages in one timeline.',
    categories: ['customer-support', 'crm'],
    sdk: '^0.1.0',
    auth: {
      kind: 'api-key',
      fields: [
        { key: 'apiKey', label: 'API key', secret: true, required: true },
        {
          key: 'baseUrl',
          label: 'API base URL',
          secret: false,
          required: false,
          default: 'https://api.kustomerapp.com',
        },
      ],
    },
    triggers: [],
    actions: [
      action(
        'create-conversation',
        'Create Conversation',
        'Opens a conversation for a customer.',
        obj(
          {
            customer: str('Kustomer customer id.'),
            name: str('Subject line.'),
            priority: { type: 'integer', minimum: 1, maximum: 5 },
            tags: { type: 'array', items: { type: 'string' } },
          },
          ['customer'],
        ),
      ),
      action(
        'create-customer',
        'Create Customer',
        'Creates a customer.',
        obj({
          name: str('Full name.'),
          emails: { type: 'array', items: obj({ email: str('Address.') }) },
          externalId: str('Your id.'),
        }),
      ),
      action(
        'send-message',
        'Send Message',
        'Records a message on a conversation.',
        obj(
          {
            conversation: str('Conversation id.'),
            channel: str('e.g. email.'),
            app: str('Sending app.'),
            preview: str('Text.'),
          },
          ['conversation', 'channel', 'app'],
        ),
      ),
      action(
        'search-customers',
        'Search Customers',
        'Finds customers by email.',
        obj({ email: str('Email to look for.') }, ['email']),
      ),
    ],
  };
}

/** A small app with one polling trigger and one action. */
export function postboxFixture(): ConnectorManifest {
  return {
    name: 'postbox',
    version: '0.3.0',
    displayName: 'Postbox',
    description: 'A shared team inbox.',
    categories: ['email', 'customer-support'],
    sdk: '^0.1.0',
    auth: { kind: 'api-key', fields: [{ key: 'token', label: 'Token', secret: true, required: true }] },
    triggers: [
      {
        key: 'new-email',
        displayName: 'New Email',
        description: 'Fires when an email arrives in the inbox.',
        strategy: 'polling',
        pollIntervalSeconds: 120,
        outputSchema: obj({ id: str('Message id.'), from: str('Sender.'), subject: str('Subject.') }, ['id']),
        sample: { id: 'm_1', from: 'ada@example.com', subject: 'Hello' },
      },
    ],
    actions: [
      {
        key: 'send-email',
        displayName: 'Send Email',
        description: 'Sends an email from the shared inbox.',
        inputSchema: obj({ to: str('Recipient.'), subject: str('Subject.'), body: str('Text.') }, ['to']),
        outputSchema: obj({ id: str('Message id.') }),
        sample: { id: 'm_2' },
        idempotent: false,
      },
    ],
  };
}

/** The three fixtures. */
export const fixtureManifests = (): ConnectorManifest[] => [stripeFixture(), kustomerFixture(), postboxFixture()];
