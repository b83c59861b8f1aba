import { InvalidInputError, RateLimitedError, validateValue, type JsonSchema } from '@wireup/sdk';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contextFor, failed } from '../testing/context.ts';
import { createCustomer } from './create-customer.ts';
import { searchCustomers } from './search-customers.ts';

let fake: FakeKustomer;
beforeAll(async () => {
  fake = await createFakeKustomer();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

describe('search-customers', () => {
  it("sends Kustomer's customer_email query and returns the matches flattened", async () => {
    const jenny = await createCustomer.run(contextFor(fake, { name: 'Jenny Rosen', email: 'jenny@example.com' }));
    await createCustomer.run(contextFor(fake, { name: 'Other', email: 'other@example.com' }));
    fake.requests.length = 0;

    const output = await searchCustomers.run(contextFor(fake, { email: 'Jenny@Example.com' }));
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/customers/search',
      query: { page: '1', pageSize: '10' },
      body: { and: [{ customer_email: { equals: 'Jenny@Example.com' } }], queryContext: 'customer' },
    });
    expect(output).toEqual({
      found: true,
      created: false,
      customer: jenny,
      count: 1,
      first: jenny,
      customers: [jenny],
      page: 1,
      hasMore: false,
    });
    expect(validateValue(searchCustomers.outputSchema as JsonSchema, output)).toEqual([]);
  });

  it('finding nothing is not an error', async () => {
    const output = await searchCustomers.run(contextFor(fake, { email: 'nobody@example.com' }));
    expect(output).toEqual({
      found: false,
      created: false,
      customer: null,
      count: 0,
      first: null,
      customers: [],
      page: 1,
      hasMore: false,
    });
    expect(validateValue(searchCustomers.outputSchema as JsonSchema, output)).toEqual([]);
  });

  it('pages with pageSize and page, and says when there is more', async () => {
    for (let i = 0; i < 3; i++)
      await createCustomer.run(contextFor(fake, { name: `Twin ${i}`, email: 'shared@example.com' }));
    const first = await searchCustomers.run(contextFor(fake, { email: 'shared@example.com', pageSize: 2 }));
    expect(first).toMatchObject({ count: 2, hasMore: true, page: 1 });
    const second = await searchCustomers.run(contextFor(fake, { email: 'shared@example.com', pageSize: 2, page: 2 }));
    expect(second).toMatchObject({ count: 1, hasMore: false, page: 2 });
    expect(second.first?.name).toBe('Twin 2');
  });

  it('a 429 on the search budget becomes RateLimitedError with the reset wait', async () => {
    fake.failNext(1, {
      status: 429,
      path: '/v1/customers/search',
      headers: { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '12' },
    });
    const error = await failed(searchCustomers.run(contextFor(fake, { email: 'a@b.co' })));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(12_000);
  });

  it('its input schema requires an email or an external id and caps pageSize at 100', () => {
    const schema = searchCustomers.inputSchema as JsonSchema;
    expect(validateValue(schema, {}).map((p) => p.path)).toEqual(['/email', '/externalId', '/']);
    expect(validateValue(schema, { externalId: 'cus_1' })).toEqual([]);
    expect(validateValue(schema, { email: ['a@b.co', null, ''] })).toEqual([]);
    expect(validateValue(schema, { email: 'not an email' }).map((p) => p.path)).toContain('/email');
    expect(validateValue(schema, { email: 'a@b.co', pageSize: 101 }).map((p) => p.path)).toEqual(['/pageSize']);
  });
});

describe('search-customers: find or create', () => {
  const charge = {
    externalId: 'cus_NffrFeUfNV2Hib',
    email: [null, 'jenny.rosen@example.com'],
    name: 'Jenny Rosen',
    phone: null,
    createIfMissing: true,
  };

  it('creates the customer with the external id, the first non-empty email and the name when none matches', async () => {
    const output = await searchCustomers.run(contextFor(fake, charge));
    expect(fake.customers).toHaveLength(1);
    expect(fake.customers[0].attributes).toMatchObject({
      name: 'Jenny Rosen',
      externalId: 'cus_NffrFeUfNV2Hib',
      emails: [{ email: 'jenny.rosen@example.com' }],
      phones: [],
    });
    expect(output).toMatchObject({
      found: false,
      created: true,
      first: null,
      count: 0,
      customer: { id: fake.customers[0].id, externalId: 'cus_NffrFeUfNV2Hib', email: 'jenny.rosen@example.com' },
    });
    expect(validateValue(searchCustomers.outputSchema as JsonSchema, output)).toEqual([]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/customers/externalId=cus_NffrFeUfNV2Hib',
      'POST /v1/customers/search',
      'POST /v1/customers',
    ]);
  });

  it('finds the customer by external id the second time, without searching by email or creating', async () => {
    const first = await searchCustomers.run(contextFor(fake, charge));
    fake.requests.length = 0;
    const second = await searchCustomers.run(contextFor(fake, { ...charge, email: 'other@example.com' }));
    expect(second).toMatchObject({ found: true, created: false, customer: first.customer });
    expect(fake.customers).toHaveLength(1);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/customers/externalId=cus_NffrFeUfNV2Hib',
    ]);
  });

  it('falls back to the email when the external id is unknown or empty, and creates nothing when found', async () => {
    const known = await createCustomer.run(contextFor(fake, { name: 'Jenny', email: 'jenny.rosen@example.com' }));
    const output = await searchCustomers.run(contextFor(fake, charge));
    expect(output).toMatchObject({ found: true, created: false, customer: known });
    const guest = await searchCustomers.run(contextFor(fake, { ...charge, externalId: null }));
    expect(guest.customer).toEqual(known);
    expect(fake.customers).toHaveLength(1);
  });

  it('two runs creating the same external id at once share one customer (409 read back)', async () => {
    const both = await Promise.all([
      searchCustomers.run(contextFor(fake, charge)),
      searchCustomers.run(contextFor(fake, charge)),
    ]);
    expect(fake.customers).toHaveLength(1);
    expect(both[0].customer).toEqual(both[1].customer);
  });

  it('with nothing to search by, stops with a clear, non-retriable error', async () => {
    const error = await failed(
      searchCustomers.run(contextFor(fake, { ...charge, externalId: null, email: [null, ''] })),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/needs an email or an external id/);
    expect(fake.requests).toHaveLength(0);
  });
});
