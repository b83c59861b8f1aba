import { RateLimitedError, validateValue, type JsonSchema } from '@wireup/sdk';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contextFor, failed } from '../testing/context.ts';
import { createCustomer } from './create-customer.ts';
import { searchCustomers } from './search-customers.ts';

let fake: FakeKustomer;
beforeAll(async () => { fake = await createFakeKustomer(); });
afterAll(async () => { await fake.close(); });
beforeEach(() => fake.reset());

describe('search-customers', () => {
  it("sends Kustomer's customer_email query and returns the matches flattened", async () => {
    const jenny = await createCustomer.run(contextFor(fake, { name: 'Jenny Rosen', email: 'jenny@example.com' }));
    await createCustomer.run(contextFor(fake, { name: 'Other', email: 'other@example.com' }));
    fake.requests.length = 0;

    const output = await searchCustomers.run(contextFor(fake, { email: 'Jenny@Example.com' }));
    expect(fake.requests[0]).toMatchObject({
      method: 'POST', path: '/v1/customers/search', query: { page: '1', pageSize: '10' },
      body: { and: [{ customer_email: { equals: 'Jenny@Example.com' } }], queryContext: 'customer' },
    });
    expect(output).toEqual({ found: true, count: 1, first: jenny, customers: [jenny], page: 1, hasMore: false });
    expect(validateValue(searchCustomers.outputSchema as JsonSchema, output)).toEqual([]);
  });

  it('finding nothing is not an error', async () => {
    const output = await searchCustomers.run(contextFor(fake, { email: 'nobody@example.com' }));
    expect(output).toEqual({ found: false, count: 0, first: null, customers: [], page: 1, hasMore: false });
    expect(validateValue(searchCustomers.outputSchema as JsonSchema, output)).toEqual([]);
  });

  it('pages with pageSize and page, and says when there is more', async () => {
    for (let i = 0; i < 3; i++) await createCustomer.run(contextFor(fake, { name: `Twin ${i}`, email: 'shared@example.com' }));
    const first = await searchCustomers.run(contextFor(fake, { email: 'shared@example.com', pageSize: 2 }));
    expect(first).toMatchObject({ count: 2, hasMore: true, page: 1 });
    const second = await searchCustomers.run(contextFor(fake, { email: 'shared@example.com', pageSize: 2, page: 2 }));
    expect(second).toMatchObject({ count: 1, hasMore: false, page: 2 });
    expect(second.first?.name).toBe('Twin 2');
  });

  it('a 429 on the search budget becomes RateLimitedError with the reset wait', async () => {
    fake.failNext(1, { status: 429, path: '/v1/customers/search', headers: { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '12' } });
    const error = await failed(searchCustomers.run(contextFor(fake, { email: 'a@b.co' })));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(12_000);
  });

  it('its input schema requires an email and caps pageSize at 100', () => {
    const schema = searchCustomers.inputSchema as JsonSchema;
    expect(validateValue(schema, {}).map((p) => p.path)).toEqual(['/email']);
    expect(validateValue(schema, { email: 'a@b.co', pageSize: 101 }).map((p) => p.path)).toEqual(['/pageSize']);
  });
});
