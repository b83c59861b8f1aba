/**
 * Action search-customers: finds Kustomer customers by external id and/or email, and with
 * `createIfMissing` creates the customer when none matches (Zapier's "find or create"), so a
 * workflow can open a conversation on the customer whatever Kustomer knew of them before.
 */
import { defineAction, InvalidInputError } from '@wireup/sdk';
import { kustomerClient } from '../client.ts';
import { createOrReadBack, customerByExternalId, customersByEmail, firstEmail, given } from '../customer-lookup.ts';
import { customerSample, customerSchema, type FlatCustomer } from '../schemas/customer.ts';
import type { SearchCustomersInput, SearchCustomersOutput } from '../generated/types.ts';

const EMAIL = '^$|^[^\\s@]+@[^\\s@]+$';
const optionalText = (description: string) => ({ type: ['string', 'null'], description });

export const searchCustomers = defineAction<SearchCustomersInput, SearchCustomersOutput>({
  key: 'search-customers',
  displayName: 'Search customers',
  description:
    'Finds Kustomer customers by your external id (exact) and/or email address (exact, not case-sensitive); with "Create if missing" it creates the customer from the name, email, phone and external id when none matches (find or create). Returns `customer`, the match or the new customer (for `{{steps.<id>.output.customer.id}}`), whether it was `found` or `created`, and one page of matches. Finding nothing is not an error.',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    anyOf: [{ required: ['email'] }, { required: ['externalId'] }],
    properties: {
      email: {
        anyOf: [
          { type: ['string', 'null'], pattern: EMAIL },
          { type: 'array', items: { type: ['string', 'null'], pattern: EMAIL } },
        ],
        description:
          "The email address to look for, e.g. `jenny.rosen@example.com`; or a list of candidate addresses, of which the first non-empty one is used (e.g. a charge's billing email, then its receipt email). Empty or null: search by external id only.",
      },
      externalId: optionalText(
        'Your own id for the customer, e.g. the Stripe customer id `cus_...`. Looked up first (exact match); a created customer gets it, so Kustomer links the two. Empty or null: search by email only.',
      ),
      createIfMissing: {
        type: 'boolean',
        default: false,
        description:
          'Create the customer when none matches (find or create). Default false: finding nothing returns `found: false`.',
      },
      name: optionalText("Used only when creating: the customer's full name, e.g. `Jenny Rosen`."),
      phone: optionalText('Used only when creating: a phone number, ideally in E.164 form such as `+14155550123`.'),
      pageSize: {
        type: 'integer',
        minimum: 1,
        maximum: 100,
        default: 10,
        description: 'How many customers to return at most (1–100, default 10).',
      },
      page: {
        type: 'integer',
        minimum: 1,
        default: 1,
        description: 'Which page of email matches to return, from 1 (default 1).',
      },
    },
  },
  outputSchema: {
    type: 'object',
    additionalProperties: false,
    description: "The matches, flattened: not Kustomer's JSON:API list envelope.",
    required: ['found', 'created', 'customer', 'count', 'first', 'customers', 'page', 'hasMore'],
    properties: {
      found: { type: 'boolean', description: 'True when at least one customer matched.' },
      created: {
        type: 'boolean',
        description: 'True when none matched and the customer was created (`createIfMissing`).',
      },
      customer: {
        anyOf: [customerSchema, { type: 'null' }],
        description: 'The first match, else the created customer, else null: use `{{steps.<id>.output.customer.id}}`.',
      },
      count: { type: 'integer', minimum: 0, description: 'How many customers are in `customers` (this page).' },
      first: {
        anyOf: [customerSchema, { type: 'null' }],
        description: 'The first match, or null (a created customer is in `customer`).',
      },
      customers: { type: 'array', items: customerSchema, description: 'The matching customers on this page.' },
      page: { type: 'integer', minimum: 1, description: 'The page returned.' },
      hasMore: { type: 'boolean', description: 'True when Kustomer has another page (ask for `page` + 1).' },
    },
  },
  sample: {
    found: true,
    created: false,
    customer: customerSample,
    count: 1,
    first: customerSample,
    customers: [customerSample],
    page: 1,
    hasMore: false,
  },
  // A search changes nothing; find-or-create finds what an earlier attempt created (by external
  // id, or by email), and a concurrent creation of the same external id is read back: repeating is harmless.
  idempotent: true,
  retry: { maxAttempts: 5 },
  async run(ctx) {
    const { externalId, createIfMissing = false, name, phone, pageSize = 10, page = 1 } = ctx.input;
    const email = firstEmail(ctx.input.email);
    if (!given(externalId) && !email) {
      throw new InvalidInputError(
        'Search customers needs an email or an external id, and both are empty here (the event may have no customer and no email). Map another field, or add a filter step that skips such events.',
      );
    }
    const client = kustomerClient(ctx);
    let customers: FlatCustomer[] = [];
    let hasMore = false;
    const byId = given(externalId) && page === 1 ? await customerByExternalId(client, externalId) : null;
    if (byId) customers = [byId];
    else if (email) ({ customers, hasMore } = await customersByEmail(client, email, page, pageSize));
    const first = customers[0] ?? null;
    const result = { found: customers.length > 0, count: customers.length, first, customers, page, hasMore };
    if (first || !createIfMissing) return { ...result, created: false, customer: first };
    const created = await createOrReadBack(client, { name, email, phone, externalId });
    return { ...result, created: true, customer: created };
  },
});
