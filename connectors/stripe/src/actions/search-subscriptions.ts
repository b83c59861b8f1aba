/** Action search-subscriptions: `subscriptions.search` (GET /v1/subscriptions/search). */
import type { SearchSubscriptionsInput } from '../generated/types.ts';
import { inputObject, limitInput } from '../schemas/inputs.ts';
import { subscriptionSample, subscriptionSchema } from '../schemas/subscription.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const searchSubscriptions = defineStripeAction<SearchSubscriptionsInput>({
  key: 'search-subscriptions',
  displayName: 'Search subscriptions',
  description:
    "Finds subscriptions with a Stripe search query, e.g. `status:'active' AND metadata['plan_source']:'pricing-page'`. New or changed subscriptions can take up to a minute to become searchable.",
  inputSchema: inputObject(
    {
      query: {
        type: 'string',
        minLength: 1,
        description: 'Stripe search query over subscriptions (fields: status, metadata, created, canceled_at).',
      },
      limit: limitInput,
      page: { type: 'string', minLength: 1, description: 'Cursor for the next page: a previous result’s `next_page`.' },
    },
    ['query'],
  ),
  outputSchema: {
    type: 'object',
    additionalProperties: true,
    required: ['object', 'data', 'has_more'],
    properties: {
      object: { const: 'search_result' },
      data: { type: 'array', items: subscriptionSchema, description: 'The matching subscriptions.' },
      has_more: { type: 'boolean', description: 'True when more results exist.' },
      next_page: { type: ['string', 'null'], description: 'Cursor to pass as `page` for the next results.' },
    },
  },
  sample: {
    object: 'search_result',
    data: [subscriptionSample],
    has_more: false,
    next_page: null,
    url: '/v1/subscriptions/search',
  },
  call: (stripe, input) => stripe.subscriptions.search(input),
});
