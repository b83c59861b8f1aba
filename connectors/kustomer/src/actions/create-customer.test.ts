import { UpstreamError, validateValue, type JsonSchema } from '@wireup/sdk';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contextFor, failed } from '../testing/context.ts';
import { createCustomer } from './create-customer.ts';

let fake: FakeKustomer;
beforeAll(async () => {
  fake = await createFakeKustomer();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

describe('create-customer', () => {
  it("posts Kustomer's shape (emails/phones lists) and returns the customer flattened", async () => {
    const output = await createCustomer.run(
      contextFor(fake, {
        name: 'Jenny Rosen',
        email: 'jenny@example.com',
        phone: '+14155550123',
        externalId: 'cus_123',
      }),
    );
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/customers',
      body: {
        name: 'Jenny Rosen',
        emails: [{ email: 'jenny@example.com' }],
        phones: [{ phone: '+14155550123' }],
        externalId: 'cus_123',
      },
    });
    const stored = fake.customers[0];
    expect(output).toEqual({
      id: stored.id,
      name: 'Jenny Rosen',
      displayName: 'Jenny Rosen',
      email: 'jenny@example.com',
      emails: ['jenny@example.com'],
      phones: ['+14155550123'],
      externalId: 'cus_123',
      tags: [],
      createdAt: stored.attributes.createdAt,
    });
    expect(validateValue(createCustomer.outputSchema as JsonSchema, output)).toEqual([]);
  });

  it('omits what was not given', async () => {
    const output = await createCustomer.run(contextFor(fake, { email: 'only@example.com' }));
    expect(fake.requests[0].body).toEqual({ emails: [{ email: 'only@example.com' }] });
    expect(output).toMatchObject({
      name: null,
      displayName: 'only@example.com',
      email: 'only@example.com',
      phones: [],
      externalId: null,
    });
    expect(validateValue(createCustomer.outputSchema as JsonSchema, output)).toEqual([]);
  });

  it('a duplicate externalId is a non-retriable error that says why', async () => {
    await createCustomer.run(contextFor(fake, { externalId: 'cus_dup' }));
    const error = await failed(createCustomer.run(contextFor(fake, { externalId: 'cus_dup' })));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 409, retriable: false });
    expect(error.message).toMatch(/already exists/);
  });

  it('its input schema refuses a malformed email and unknown fields', () => {
    const schema = createCustomer.inputSchema as JsonSchema;
    expect(validateValue(schema, { email: 'not an email' }).map((p) => p.path)).toEqual(['/email']);
    expect(validateValue(schema, { emails: ['a@b.c'] }).map((p) => p.path)).toEqual(['/emails']);
  });
});
