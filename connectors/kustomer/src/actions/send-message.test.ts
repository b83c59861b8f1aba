import { AuthenticationError, UpstreamError, validateValue, type JsonSchema } from '@wireup/sdk';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contextFor, failed } from '../testing/context.ts';
import { createConversation } from './create-conversation.ts';
import { createCustomer } from './create-customer.ts';
import { sendMessage } from './send-message.ts';

let fake: FakeKustomer;
let conversationId: string;
let customerId: string;
beforeAll(async () => {
  fake = await createFakeKustomer();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  customerId = (await createCustomer.run(contextFor(fake, { name: 'Jenny Rosen' }))).id;
  conversationId = (await createConversation.run(contextFor(fake, { customer: customerId }))).id;
  fake.requests.length = 0;
});

describe('send-message (default: record on the conversation)', () => {
  it('posts a message to the conversation and returns it flattened; nothing is delivered', async () => {
    const output = await sendMessage.run(
      contextFor(fake, {
        conversation: conversationId,
        channel: 'email',
        app: 'postmark',
        body: 'We could not charge your card.',
        subject: 'Payment failed',
      }),
    );
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: `/v1/conversations/${conversationId}/messages`,
      body: {
        channel: 'email',
        app: 'postmark',
        direction: 'out',
        preview: 'We could not charge your card.',
        subject: 'Payment failed',
      },
    });
    expect(fake.drafts).toHaveLength(0);
    const stored = fake.messages[0];
    expect(output).toEqual({
      id: stored.id,
      kind: 'message',
      conversation: conversationId,
      customer: customerId,
      channel: 'email',
      app: 'postmark',
      direction: 'out',
      status: 'sent',
      subject: 'Payment failed',
      createdAt: stored.attributes.createdAt,
    });
    expect(validateValue(sendMessage.outputSchema as JsonSchema, output)).toEqual([]);
  });

  it('records an inbound message when asked', async () => {
    const output = await sendMessage.run(
      contextFor(fake, {
        conversation: conversationId,
        channel: 'chat',
        app: 'chat',
        body: 'Hi',
        direction: 'in' as const,
      }),
    );
    expect(output).toMatchObject({ direction: 'in', status: 'received', subject: null });
  });

  it("an unknown conversation is a non-retriable error quoting Kustomer's flat error", async () => {
    const error = await failed(
      sendMessage.run(
        contextFor(fake, { conversation: '000000000000000000000000', channel: 'email', app: 'postmark', body: 'x' }),
      ),
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 404, retriable: false });
    expect(error.message).toMatch(/conversation 000000000000000000000000 not found/);
  });
});

describe('send-message with deliver: true (draft sent by Kustomer)', () => {
  it('creates a draft for the customer, addressed for the channel', async () => {
    const output = await sendMessage.run(
      contextFor(fake, {
        deliver: true,
        customer: customerId,
        conversation: conversationId,
        channel: 'email',
        app: 'postmark',
        to: 'jenny@example.com',
        subject: 'Payment failed',
        body: 'Please update your card.',
      }),
    );
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: `/v1/customers/${customerId}/drafts`,
      body: {
        channel: 'email',
        app: 'postmark',
        to: [{ email: 'jenny@example.com' }],
        subject: 'Payment failed',
        body: 'Please update your card.',
        conversation: conversationId,
      },
    });
    expect(fake.messages).toHaveLength(0);
    const stored = fake.drafts[0];
    expect(output).toEqual({
      id: stored.id,
      kind: 'draft',
      conversation: conversationId,
      customer: customerId,
      channel: 'email',
      app: 'postmark',
      direction: 'out',
      status: 'sending',
      subject: 'Payment failed',
      createdAt: stored.attributes.createdAt,
    });
    expect(validateValue(sendMessage.outputSchema as JsonSchema, output)).toEqual([]);
  });

  it('sends an SMS recipient as a plain number', async () => {
    await sendMessage.run(
      contextFor(fake, {
        deliver: true,
        customer: customerId,
        channel: 'sms',
        to: '+14155550123',
        body: 'Card declined',
      }),
    );
    expect(fake.requests[0].body).toEqual({ channel: 'sms', to: '+14155550123', body: 'Card declined' });
  });

  it('a bad key stops delivery with AuthenticationError', async () => {
    const error = await failed(
      sendMessage.run(
        contextFor(fake, { deliver: true, customer: customerId, channel: 'sms', body: 'x' }, { apiKey: 'revoked' }),
      ),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(fake.drafts).toHaveLength(0);
  });
});

describe('send-message input schema', () => {
  const schema = sendMessage.inputSchema as JsonSchema;
  const paths = (input: unknown) => validateValue(schema, input).map((p) => p.path);
  it('recording needs conversation and app', () => {
    expect(paths({ channel: 'email', body: 'x' })).toEqual(expect.arrayContaining(['/conversation', '/app']));
    expect(paths({ conversation: '65f1c3d0e4b0a1d2c3f40b52', channel: 'email', app: 'postmark', body: 'x' })).toEqual(
      [],
    );
  });
  it('delivering needs customer, not conversation or app', () => {
    expect(paths({ deliver: true, channel: 'email', body: 'x' })).toContain('/customer');
    expect(paths({ deliver: true, customer: '65f1c2a9e4b0a1d2c3f40a17', channel: 'email', body: 'x' })).toEqual([]);
    expect(paths({ deliver: true, customer: 'cus_NffrFeUfNV2Hib', channel: 'email', body: 'x' })).toEqual([
      '/customer',
    ]);
  });
  it('channel and body are always required', () => {
    expect(paths({ conversation: 'c', app: 'a' })).toEqual(expect.arrayContaining(['/channel', '/body']));
  });
});
