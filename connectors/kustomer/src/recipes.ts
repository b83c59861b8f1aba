/**
 * The workflows Kustomer offers ready-made (manifest `recipes`): pair pages, their "Set it up"
 * links and the README show these. A conversation needs a Kustomer customer id, never another
 * app's id, so each recipe finds or creates the customer first and opens the conversation on it.
 */
import type { Recipe } from '@wireup/sdk';

/** Find or create the Kustomer customer of a Stripe charge: Stripe customer id as externalId, then its emails. */
const chargeCustomer = {
  id: 'find-customer',
  type: 'action',
  connector: 'kustomer',
  action: 'search-customers',
  input: {
    externalId: '{{trigger.data.object.customer}}',
    email: ['{{trigger.data.object.billing_details.email}}', '{{trigger.data.object.receipt_email}}'],
    createIfMissing: true,
    name: '{{trigger.data.object.billing_details.name}}',
    phone: '{{trigger.data.object.billing_details.phone}}',
  },
};

/** A conversation on the customer the first step found or created. */
function conversation(input: Record<string, unknown>): Recipe['steps'][number] {
  return {
    id: 'open-conversation',
    type: 'action',
    connector: 'kustomer',
    action: 'create-conversation',
    input: { customer: '{{steps.find-customer.output.customer.id}}', ...input },
  };
}

/** Recipes from Stripe's charge triggers. */
export const recipes: Recipe[] = [
  {
    key: 'stripe-charge-failed-conversation',
    displayName: 'Failed Stripe charges to Kustomer conversations',
    description:
      "When a charge fails in Stripe, finds the Kustomer customer by the Stripe customer id (else by the charge's email), creates them with that id if Kustomer does not know them yet, and opens a conversation on their timeline for an agent to follow up.",
    trigger: { connector: 'stripe', trigger: 'charge-failed' },
    steps: [chargeCustomer, conversation({ name: 'Payment failed: {{trigger.data.object.id}}', priority: 4 })],
  },
  {
    key: 'stripe-charge-refunded-conversation',
    displayName: 'Stripe refunds to Kustomer conversations',
    description:
      "When a charge is refunded in Stripe, finds or creates the Kustomer customer (Stripe customer id as external id, else the charge's email) and records the refund as a conversation on their timeline.",
    trigger: { connector: 'stripe', trigger: 'charge-refunded' },
    steps: [chargeCustomer, conversation({ name: 'Refund: {{trigger.data.object.id}}', status: 'done' })],
  },
];
