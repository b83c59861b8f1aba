/** Action find-customer: `customers.search` (GET /v1/customers/search). */
import type { FindCustomerInput } from '../generated/types.ts';
import { emailInput, inputObject, limitInput } from '../schemas/inputs.ts';
import { customerSample, customerSchema } from '../schemas/customer.ts';
import { defineStripeAction } from '../stripe-action.ts';

/** A value inside a Stripe search query string: quoted, with quotes and backslashes escaped. */
export function searchLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export const findCustomer = defineStripeAction<FindCustomerInput>({
  key: 'find-customer',
  displayName: 'Find customer',
  description:
    "Finds customers by email, or by any Stripe search query (e.g. `name:'Jenny Rosen' AND metadata['crm_id']:'48213'`). Returns the first match as `customer` and its `id` (null when none), and all matches. New customers can take up to a minute to become searchable.",
  inputSchema: inputObject(
    {
      email: emailInput('Exact email address to look for.'),
      query: {
        type: 'string',
        minLength: 1,
        description: 'A Stripe search query over customers; used instead of `email` when given.',
      },
      limit: limitInput,
    },
    [],
    { anyOf: [{ required: ['email'] }, { required: ['query'] }] },
  ),
  outputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['found', 'id', 'customer', 'matches'],
    properties: {
      found: { type: 'boolean', description: 'True when at least one customer matched.' },
      id: { type: ['string', 'null'], description: 'ID of the first matching customer, or null.' },
      customer: { anyOf: [customerSchema, { type: 'null' }], description: 'The first matching customer, or null.' },
      matches: { type: 'array', items: customerSchema, description: 'Every match on the first page (up to `limit`).' },
      has_more: { type: 'boolean', description: 'True when more matches exist than returned.' },
    },
  },
  sample: { found: true, id: customerSample.id, customer: customerSample, matches: [customerSample], has_more: false },
  call: async (stripe, { email, query, limit }) => {
    const result = await stripe.customers.search({
      query: query ?? `email:${searchLiteral(email ?? '')}`,
      limit: limit ?? 10,
    });
    const first = result.data[0] ?? null;
    return {
      found: first !== null,
      id: first?.id ?? null,
      customer: first,
      matches: result.data,
      has_more: result.has_more,
    };
  },
});
