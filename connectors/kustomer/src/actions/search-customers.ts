/** Action search-customers: `POST /v1/customers/search` by email. */
import { defineAction } from '@wireup/sdk';
import { kustomerClient } from '../client.ts';
import { listOf } from '../resources.ts';
import { customerSample, customerSchema, toCustomer } from '../schemas/customer.ts';
import type { SearchCustomersInput, SearchCustomersOutput } from '../generated/types.ts';

export const searchCustomers = defineAction<SearchCustomersInput, SearchCustomersOutput>({
  key: 'search-customers',
  displayName: 'Search customers',
  description: "Finds Kustomer customers by email address (exact match, not case-sensitive). Returns `found`, the `first` match (or null) and one page of `customers`, each flattened to id, names, emails, phones, externalId. Finding nothing is not an error: `found` is false.",
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['email'],
    properties: {
      email: { type: 'string', pattern: '^[^\\s@]+@[^\\s@]+$', description: 'The email address to look for, e.g. `jenny.rosen@example.com`.' },
      pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 10, description: 'How many customers to return at most (1–100, default 10).' },
      page: { type: 'integer', minimum: 1, default: 1, description: 'Which page of results to return, from 1 (default 1).' },
    },
  },
  outputSchema: {
    type: 'object',
    additionalProperties: false,
    description: "The matches, flattened: not Kustomer's JSON:API list envelope.",
    required: ['found', 'count', 'first', 'customers', 'page', 'hasMore'],
    properties: {
      found: { type: 'boolean', description: 'True when at least one customer matched.' },
      count: { type: 'integer', minimum: 0, description: 'How many customers are in `customers` (this page).' },
      first: { anyOf: [customerSchema, { type: 'null' }], description: 'The first match, or null: handy for `{{steps.<id>.output.first.id}}`.' },
      customers: { type: 'array', items: customerSchema, description: 'The matching customers on this page.' },
      page: { type: 'integer', minimum: 1, description: 'The page returned.' },
      hasMore: { type: 'boolean', description: 'True when Kustomer has another page (ask for `page` + 1).' },
    },
  },
  sample: { found: true, count: 1, first: customerSample, customers: [customerSample], page: 1, hasMore: false },
  // A search changes nothing in Kustomer: repeating it is harmless.
  idempotent: true,
  retry: { maxAttempts: 5 },
  async run(ctx) {
    const { email, pageSize = 10, page = 1 } = ctx.input;
    const answer = await kustomerClient(ctx).request('POST', '/v1/customers/search', {
      query: { page, pageSize },
      body: { and: [{ customer_email: { equals: email } }], queryContext: 'customer' },
    });
    const list = listOf(answer, 'customer search');
    const customers = list.data.map(toCustomer);
    return { found: customers.length > 0, count: customers.length, first: customers[0] ?? null, customers, page, hasMore: Boolean(list.links?.next) };
  },
});
