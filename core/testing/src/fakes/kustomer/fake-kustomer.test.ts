import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeKustomer, type FakeKustomer } from './fake-kustomer.ts';

const key = 'test-key-123';
let fake: FakeKustomer;

async function call(method: string, path: string, body?: unknown, apiKey: string | null = key) {
  const headers: Record<string, string> = {};
  if (apiKey !== null) headers.authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${fake.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  fake = await createFakeKustomer({ apiKey: key });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

describe('fake Kustomer: auth', () => {
  it('listens on 127.0.0.1 and accepts the right Bearer key', async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await call('GET', '/v1/auth/tokens/current');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ type: 'token', attributes: { orgName: 'fake-org' } });
  });

  it.each([
    ['a wrong key', 'nope'],
    ['no key', null],
  ])('answers 401 in the errors-array shape for %s', async (_label, apiKey) => {
    const res = await call('POST', '/v1/customers', { name: 'x' }, apiKey);
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ status: 401, code: 'unauthorized', title: 'Unauthorized' });
    expect(res.body.errors[0].detail).toEqual(expect.any(String));
    expect(fake.customers).toHaveLength(0);
  });
});

describe('fake Kustomer: customers', () => {
  it('creates a customer as a JSON:API resource and finds it by email', async () => {
    const created = await call('POST', '/v1/customers', {
      name: 'Ada Lovelace',
      emails: [{ email: 'ada@example.com' }],
      externalId: 'cus_1',
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      type: 'customer',
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      attributes: { name: 'Ada Lovelace', emails: [{ email: 'ada@example.com', type: 'home' }], externalId: 'cus_1' },
    });
    expect(fake.customers.map((c) => c.id)).toEqual([created.body.data.id]);
    await call('POST', '/v1/customers', { name: 'Bob', emails: [{ email: 'bob@example.com' }] });

    const found = await call('POST', '/v1/customers/search', {
      and: [{ customer_email: { equals: 'ADA@example.com' } }],
      queryContext: 'customer',
    });
    expect(found.status).toBe(200);
    expect(found.body.data.map((c: { id: string }) => c.id)).toEqual([created.body.data.id]);
    expect(found.body.meta).toMatchObject({ page: 1, total: 1 });
    expect(found.body.links.next).toBeNull();
  });

  it('pages search results with links.next', async () => {
    for (const name of ['a', 'b', 'c'])
      await call('POST', '/v1/customers', { name, emails: [{ email: `${name}@shop.test` }] });
    const first = await call('POST', '/v1/customers/search?pageSize=2', {
      and: [{ customer_email: { contains: '@shop.test' } }],
      queryContext: 'customer',
    });
    expect(first.body.data).toHaveLength(2);
    expect(first.body.links.next).toBe('/v1/customers/search?page=2&pageSize=2');
    const second = await call('POST', first.body.links.next, {
      and: [{ customer_email: { contains: '@shop.test' } }],
      queryContext: 'customer',
    });
    expect(second.body.data.map((c: { attributes: { name: string } }) => c.attributes.name)).toEqual(['c']);
    expect(second.body.links.next).toBeNull();
  });

  it('refuses a malformed search, a pageSize over 100 and a duplicate externalId', async () => {
    const noContext = await call('POST', '/v1/customers/search', { and: [{ customer_email: { equals: 'a@b.c' } }] });
    expect(noContext.status).toBe(400);
    expect(noContext.body.errors[0].source.pointer).toBe('/queryContext');
    const badField = await call('POST', '/v1/customers/search', {
      and: [{ email: { equals: 'a@b.c' } }],
      queryContext: 'customer',
    });
    expect(badField.body.errors[0].detail).toMatch(/unknown search field "email"/);
    expect(
      (
        await call('POST', '/v1/customers/search?pageSize=101', {
          and: [{ customer_email: { equals: 'a@b.c' } }],
          queryContext: 'customer',
        })
      ).status,
    ).toBe(400);
    await call('POST', '/v1/customers', { externalId: 'x1' });
    const dup = await call('POST', '/v1/customers', { externalId: 'x1' });
    expect(dup.status).toBe(409);
    expect(fake.customers).toHaveLength(1);
  });

  it('refuses unknown properties and bad JSON', async () => {
    const unknown = await call('POST', '/v1/customers', { nme: 'typo' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ detail: '"nme" is not allowed', source: { pointer: '/nme' } });
    const bad = await call('POST', '/v1/customers', '{not json');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].code).toBe('invalid_json');
  });
});

describe('fake Kustomer: conversations, messages, drafts', () => {
  const newCustomer = async (): Promise<string> =>
    (await call('POST', '/v1/customers', { name: 'Jenny' })).body.data.id;

  it('refuses a customer id that is not a Kustomer id (400) and an unknown customer (404), like Kustomer', async () => {
    const stripeId = await call('POST', '/v1/conversations', {
      customer: 'cus_NffrFeUfNV2Hib',
      name: 'Payment failed',
    });
    expect(stripeId.status).toBe(400);
    expect(stripeId.body.errors[0]).toMatchObject({
      code: 'invalid_id',
      detail: '"cus_NffrFeUfNV2Hib" is not a Kustomer customer id (24 hexadecimal characters)',
      source: { pointer: '/customer' },
    });
    const unknown = await call('POST', '/v1/conversations', { customer: '65f1c2a9e4b0a1d2c3f40a17' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toMatchObject({ code: 'not_found', source: { pointer: '/customer' } });
    const draft = await call('POST', '/v1/customers/65f1c2a9e4b0a1d2c3f40a17/drafts', { channel: 'email', body: 'B' });
    expect(draft.status).toBe(404);
    expect(fake.conversations).toHaveLength(0);
    expect(fake.drafts).toHaveLength(0);
  });

  it('reads a customer by its externalId', async () => {
    const id = (await call('POST', '/v1/customers', { name: 'Jenny', externalId: 'cus_9' })).body.data.id;
    const found = await call('GET', '/v1/customers/externalId=cus_9');
    expect(found.body.data).toMatchObject({ id, attributes: { externalId: 'cus_9' } });
    expect((await call('GET', '/v1/customers/externalId=cus_10')).status).toBe(404);
  });

  it('requires customer on a conversation and names the field', async () => {
    const res = await call('POST', '/v1/conversations', { name: 'No customer' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      status: 400,
      detail: '"customer" is required',
      source: { pointer: '/customer' },
    });
    const badPriority = await call('POST', '/v1/conversations', { customer: 'c1', priority: 9 });
    expect(badPriority.body.errors[0].source.pointer).toBe('/priority');
    const badStatus = await call('POST', '/v1/conversations', { customer: 'c1', status: 'closed' });
    expect(badStatus.body.errors[0].source.pointer).toBe('/status');
    expect(fake.conversations).toHaveLength(0);
  });

  it('creates a conversation with its attributes and customer relationship', async () => {
    const customer = await newCustomer();
    const res = await call('POST', '/v1/conversations', {
      customer,
      name: 'Payment failed',
      priority: 4,
      tags: ['billing'],
      assignedTeams: ['team-1'],
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      type: 'conversation',
      attributes: { name: 'Payment failed', status: 'open', priority: 4, tags: ['billing'], assignedTeams: ['team-1'] },
      relationships: { customer: { data: { type: 'customer', id: customer } } },
    });
    expect(fake.conversations[0].id).toBe(res.body.data.id);
  });

  it('records a message on an existing conversation; errors in the flat shape', async () => {
    const customer = await newCustomer();
    const conversation = (await call('POST', '/v1/conversations', { customer })).body.data;
    const missing = await call('POST', `/v1/conversations/${conversation.id}/messages`, { channel: 'email' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      status: 400,
      code: 'validation_error',
      detail: '"app" is required',
      source: { pointer: '/app' },
    });
    expect(missing.body.errors).toBeUndefined();
    const unknown = await call('POST', '/v1/conversations/000000000000000000000000/messages', {
      channel: 'email',
      app: 'postmark',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, code: 'not_found' });

    const ok = await call('POST', `/v1/conversations/${conversation.id}/messages`, {
      channel: 'email',
      app: 'postmark',
      direction: 'out',
      preview: 'Hello',
      subject: 'Hi',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({
      type: 'message',
      attributes: { channel: 'email', app: 'postmark', direction: 'out', preview: 'Hello', status: 'sent' },
      relationships: { conversation: { data: { id: conversation.id } }, customer: { data: { id: customer } } },
    });
    expect(fake.messages).toHaveLength(1);
    expect(fake.conversations[0].attributes.messageCount).toBe(1);
  });

  it('creates a draft for a customer', async () => {
    const customer = await newCustomer();
    const missing = await call('POST', `/v1/customers/${customer}/drafts`, { channel: 'email' });
    expect(missing.body).toMatchObject({ status: 400, source: { pointer: '/body' } });
    const res = await call('POST', `/v1/customers/${customer}/drafts`, {
      channel: 'email',
      app: 'postmark',
      to: [{ email: 'a@b.test' }],
      subject: 'S',
      body: 'B',
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      type: 'draft',
      attributes: { channel: 'email', body: 'B', status: 'sending' },
      relationships: { customer: { data: { id: customer } } },
    });
    expect(fake.drafts).toHaveLength(1);
  });
});

describe('fake Kustomer: outbound webhooks', () => {
  let receiver: Server;
  let received: Array<{ headers: Record<string, unknown>; raw: string }>;
  let receiverUrl: string;
  beforeAll(async () => {
    received = [];
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req
        .on('data', (c) => chunks.push(c))
        .on('end', () => {
          received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString() });
          res.end('ok');
        });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it('creates, lists and deletes webhooks; deliveries are signed with the token', async () => {
    const created = await call('POST', '/v1/outbound-webhooks', {
      name: 'wireup',
      url: receiverUrl,
      events: ['kustomer.conversation.create'],
    });
    expect(created.status).toBe(201);
    const { id, attributes } = created.body.data;
    expect(attributes.token).toMatch(/^[0-9a-f]{48}$/);
    expect((await call('GET', '/v1/outbound-webhooks')).body.data.map((h: { id: string }) => h.id)).toEqual([id]);

    const deliveries = await fake.sendEvent('kustomer.conversation.create', {
      type: 'conversation',
      id: 'c1',
      attributes: {},
    });
    expect(deliveries).toEqual([{ webhookId: id, url: receiverUrl, status: 200 }]);
    expect(await fake.sendEvent('kustomer.customer.create', {})).toEqual([]);
    const [delivery] = received;
    expect(delivery.headers['x-kustomer-webhook-event']).toBe('kustomer.conversation.create');
    expect(delivery.headers['x-kustomer-webhook-signature']).toBe(
      createHmac('sha256', attributes.token).update(delivery.raw).digest('hex'),
    );
    expect(JSON.parse(delivery.raw)).toMatchObject({ type: 'kustomer.conversation.create', data: { id: 'c1' } });

    expect((await call('DELETE', `/v1/outbound-webhooks/${id}`)).status).toBe(204);
    expect(fake.outboundWebhooks).toHaveLength(0);
    expect((await call('DELETE', `/v1/outbound-webhooks/${id}`)).status).toBe(404);
  });

  it('refuses a webhook without events', async () => {
    const res = await call('POST', '/v1/outbound-webhooks', { url: receiverUrl, events: [] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].source.pointer).toBe('/events');
  });
});

describe('fake Kustomer: what tests control', () => {
  it('records every request with method, path, headers, body and time', async () => {
    const before = Date.now();
    await call('POST', '/v1/conversations?x=1', { customer: 'c1' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/conversations',
      query: { x: '1' },
      headers: { authorization: `Bearer ${key}` },
      body: { customer: 'c1' },
    });
    expect(fake.requests[0].receivedAt).toBeGreaterThanOrEqual(before);
  });

  it('failNext answers the programmed failure, changes nothing, then recovers', async () => {
    fake.failNext(2, {
      status: 429,
      headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '7' },
    });
    for (let i = 0; i < 2; i++) {
      const res = await call('POST', '/v1/conversations', { customer: 'c1' });
      expect(res.status).toBe(429);
      expect(res.headers.get('x-ratelimit-reset')).toBe('7');
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(res.body.errors[0].code).toBe('rate_limited');
    }
    expect(fake.conversations).toHaveLength(0);
    const customer = (await call('POST', '/v1/customers', { name: 'Jenny' })).body.data.id;
    expect((await call('POST', '/v1/conversations', { customer })).status).toBe(201);
    expect(fake.requests).toHaveLength(4);
  });

  it('a 5xx failure defaults to the flat error shape; a given body is sent as is; path filters apply', async () => {
    fake.failNext(1, { status: 503 });
    const flat = await call('GET', '/v1/auth/tokens/current');
    expect(flat.status).toBe(503);
    expect(flat.body).toMatchObject({ status: 503, code: 'internal_error', title: 'Internal Server Error' });
    fake.failNext(1, {
      status: 500,
      path: '/v1/customers',
      body: { status: 500, code: 'boom', title: 'Boom', detail: 'database timeout', source: {} },
    });
    expect((await call('GET', '/v1/auth/tokens/current')).status).toBe(200);
    const custom = await call('POST', '/v1/customers', {});
    expect(custom.body).toEqual({ status: 500, code: 'boom', title: 'Boom', detail: 'database timeout', source: {} });
  });

  it('setDelay slows every answer', async () => {
    fake.setDelay(300);
    const t0 = Date.now();
    await call('GET', '/v1/auth/tokens/current');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it('reset forgets data, requests, failures and the delay', async () => {
    await call('POST', '/v1/customers', { name: 'x' });
    fake.failNext(5, { status: 500 });
    fake.setDelay(5_000);
    fake.reset();
    expect([fake.customers.length, fake.requests.length]).toEqual([0, 0]);
    const t0 = Date.now();
    expect((await call('GET', '/v1/auth/tokens/current')).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(4_000);
  });

  it('unknown routes answer 404 and wrong methods 405, both in the flat shape', async () => {
    expect((await call('GET', '/v1/nothing')).body).toMatchObject({ status: 404, code: 'not_found' });
    expect((await call('PUT', '/v1/conversations')).body).toMatchObject({ status: 405 });
  });
});
