import { UpstreamError, validateValue, type JsonSchema } from '@wireup/sdk';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contextFor, failed } from '../testing/context.ts';
import { conversationExternalId, createConversation } from './create-conversation.ts';
import { createCustomer } from './create-customer.ts';

let fake: FakeKustomer;
beforeAll(async () => {
  fake = await createFakeKustomer();
});
afterAll(async () => {
  await fake.close();
});
let customer: string;
beforeEach(async () => {
  fake.reset();
  customer = (await createCustomer.run(contextFor(fake, { name: 'Jenny Rosen' }))).id;
  fake.requests.length = 0;
});

describe('create-conversation', () => {
  it('posts the conversation and returns it flattened', async () => {
    const input = {
      customer,
      name: 'Payment failed: ch_1',
      status: 'open' as const,
      priority: 4,
      tags: ['payment-failed'],
      assignedTeams: ['team-billing'],
    };
    const output = await createConversation.run(contextFor(fake, input));

    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/conversations',
      body: { ...input, externalId: expect.stringMatching(/^wireup-/) },
    });
    const stored = fake.conversations[0];
    expect(output).toEqual({
      id: stored.id,
      customer: input.customer,
      name: input.name,
      status: 'open',
      priority: 4,
      tags: ['payment-failed'],
      assignedTeams: ['team-billing'],
      createdAt: stored.attributes.createdAt,
    });
    expect(validateValue(createConversation.outputSchema as JsonSchema, output)).toEqual([]);
  });

  it('sends only the fields given; Kustomer fills its defaults', async () => {
    const output = await createConversation.run(contextFor(fake, { customer }));
    expect(fake.requests[0].body).toEqual({ customer, externalId: expect.stringMatching(/^wireup-/) });
    expect(output).toMatchObject({ customer, status: 'open', priority: 3, name: null, tags: [] });
  });

  it('a repeated step (same idempotency key) reads back the conversation it opened instead of opening another', async () => {
    const ctx = contextFor(fake, { customer, name: 'Payment failed: ch_9' });
    const first = await createConversation.run(ctx);
    const again = await createConversation.run(ctx);
    expect(fake.conversations).toHaveLength(1);
    expect(again).toEqual(first);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/conversations',
      'POST /v1/conversations',
      `GET /v1/conversations/externalId=${encodeURIComponent(fake.conversations[0].attributes.externalId as string)}`,
    ]);
    const other = await createConversation.run({ ...ctx, idempotencyKey: 'another-step' });
    expect(other.id).not.toBe(first.id);
    expect(fake.conversations).toHaveLength(2);
  });

  it('its input schema refuses what Kustomer would (missing customer, priority 9, unknown field)', () => {
    const schema = createConversation.inputSchema as JsonSchema;
    expect(validateValue(schema, { name: 'x' }).map((p) => p.path)).toEqual(['/customer']);
    const id = '65f1c2a9e4b0a1d2c3f40a17';
    expect(validateValue(schema, { customer: 'cus_NffrFeUfNV2Hib' }).map((p) => p.path)).toEqual(['/customer']);
    expect(validateValue(schema, { customer: id, priority: 9 }).map((p) => p.path)).toEqual(['/priority']);
    expect(validateValue(schema, { customer: id, status: 'closed' }).map((p) => p.path)).toEqual(['/status']);
    expect(validateValue(schema, { customer: id, subject: 'typo' }).map((p) => p.path)).toEqual(['/subject']);
  });

  it('the default externalId is the idempotency key with one wireup- prefix', () => {
    expect(conversationExternalId('wireup-0123abcd')).toBe('wireup-0123abcd');
    expect(conversationExternalId('run-1:step-1')).toBe('wireup-run-1:step-1');
  });

  it('an unknown Kustomer customer is a non-retriable 404 quoting Kustomer', async () => {
    const error = await failed(createConversation.run(contextFor(fake, { customer: '65f1c2a9e4b0a1d2c3f40a17' })));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 404, retriable: false });
    expect(error.message).toMatch(/customer 65f1c2a9e4b0a1d2c3f40a17 not found/);
  });

  it("a Kustomer validation error stops the step with Kustomer's reason", async () => {
    const error = await failed(createConversation.run(contextFor(fake, { customer: '' })));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.retriable).toBe(false);
    expect(error.message).toMatch(/"customer" is required/);
    expect(fake.conversations).toHaveLength(0);
  });
});
