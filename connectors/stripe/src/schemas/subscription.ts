/** The Stripe Subscription object: its schema and samples of an active and a canceled subscription. */
import type { JsonSchema } from '@wireup/sdk';
import { created, currency, livemode, metadata, nullable, stripeObject } from './common.ts';
import { priceSample } from './price.ts';

export const subscriptionSchema: JsonSchema = stripeObject(
  'subscription',
  'A Stripe subscription: a customer billed on a recurring schedule.',
  {
    customer: { type: ['string', 'object'], description: 'ID of the subscribed customer (`cus_...`).' },
    status: {
      type: 'string',
      enum: ['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'],
      description: 'Where the subscription stands, e.g. `trialing`, `active`, `past_due` or `canceled`.',
    },
    currency,
    collection_method: { type: 'string', description: '`charge_automatically` or `send_invoice`.' },
    items: {
      type: 'object',
      additionalProperties: true,
      description:
        'The subscribed prices (a Stripe list of subscription items, each with `price`, `quantity`, `current_period_start` and `current_period_end`).',
      properties: { data: { type: 'array', items: { type: 'object', additionalProperties: true } } },
    },
    cancel_at_period_end: {
      type: 'boolean',
      description: 'True when it will cancel at the end of the current period.',
    },
    cancel_at: nullable('integer', 'When it is scheduled to cancel, in Unix seconds.'),
    canceled_at: nullable('integer', 'When it was canceled, in Unix seconds.'),
    ended_at: nullable('integer', 'When it ended, in Unix seconds.'),
    cancellation_details: {
      type: ['object', 'null'],
      additionalProperties: true,
      description: 'Why it was canceled: `reason`, the customer’s `feedback` and `comment`.',
    },
    trial_start: nullable('integer', 'Start of the trial, in Unix seconds.'),
    trial_end: nullable('integer', 'End of the trial, in Unix seconds.'),
    start_date: { type: 'integer', description: 'When it started, in Unix seconds.' },
    latest_invoice: { type: ['string', 'object', 'null'], description: 'ID of its most recent invoice (`in_...`).' },
    default_payment_method: {
      type: ['string', 'object', 'null'],
      description: 'ID of the payment method charged (`pm_...`).',
    },
    description: nullable('string', 'Free-text description.'),
    metadata,
    created,
    livemode,
  },
);

const item = {
  id: 'si_RtN5vQ1dK9sXbE',
  object: 'subscription_item',
  created: 1767268800,
  current_period_end: 1769947200,
  current_period_start: 1767268800,
  metadata: {},
  price: priceSample,
  quantity: 1,
  subscription: 'sub_1QzY8qLkdIwHu7ixQ6xy3M0P',
};

export const subscriptionSample = {
  id: 'sub_1QzY8qLkdIwHu7ixQ6xy3M0P',
  object: 'subscription',
  billing_cycle_anchor: 1767268800,
  cancel_at: null,
  cancel_at_period_end: false,
  canceled_at: null,
  cancellation_details: { comment: null, feedback: null, reason: null },
  collection_method: 'charge_automatically',
  created: 1767268800,
  currency: 'usd',
  customer: 'cus_RtN4g6ZWJmxqSb',
  default_payment_method: 'pm_1QzY8kLkdIwHu7ixR2b4nA9c',
  description: null,
  ended_at: null,
  items: {
    object: 'list',
    data: [item],
    has_more: false,
    url: '/v1/subscription_items?subscription=sub_1QzY8qLkdIwHu7ixQ6xy3M0P',
  },
  latest_invoice: 'in_1QzYAaLkdIwHu7ixd8Jx2Vgo',
  livemode: false,
  metadata: { plan_source: 'pricing-page' },
  start_date: 1767268800,
  status: 'active',
  trial_end: null,
  trial_start: null,
};

/** A subscription that has ended. */
export const canceledSubscriptionSample = {
  ...subscriptionSample,
  canceled_at: 1772366400,
  cancellation_details: {
    comment: 'Moving to a competitor',
    feedback: 'switched_service',
    reason: 'cancellation_requested',
  },
  ended_at: 1772366400,
  status: 'canceled',
};
