/** Outbound-webhook registration against the fake Kustomer, and a delivery it signs verified end to end. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, UpstreamError, type WebhookRegistration } from '@wireup/sdk';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import connector from './connector.ts';
import { contextFor, failed } from './testing/context.ts';
import { WEBHOOK_NAME } from './webhook-registration.ts';

let fake: FakeKustomer;
let receiver: Server;
let receiverUrl = '';
const received: Array<{ headers: Record<string, string | string[] | undefined>; raw: Buffer }> = [];

beforeAll(async () => {
  fake = await createFakeKustomer({ apiKey: 'good-key' });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/webhooks/kustomer/tok_1`;
});
afterAll(async () => {
  await fake.close();
  await new Promise((r) => receiver.close(r));
});

const register = (events: string[], existing: WebhookRegistration | null, auth: Record<string, string> = {}) =>
  connector.webhook!.register!({ ...contextFor(fake, {}, auth), url: receiverUrl, events, existing });

describe('Kustomer outbound-webhook registration (fake Kustomer)', () => {
  let first: WebhookRegistration;

  it('creates an outbound webhook with our URL and events, and returns its token as the secret', async () => {
    first = await register(['kustomer.customer.create'], null);
    expect(fake.outboundWebhooks).toHaveLength(1);
    const hook = fake.outboundWebhooks[0];
    expect(hook.attributes).toMatchObject({
      name: WEBHOOK_NAME,
      url: receiverUrl,
      events: ['kustomer.customer.create'],
    });
    expect(first).toEqual({ id: hook.id, events: ['kustomer.customer.create'], secret: hook.attributes.token });
  });

  it('verifies a delivery the fake signs with that token', async () => {
    const deliveries = await fake.sendEvent('kustomer.customer.create', {
      type: 'customer',
      id: '65f1c2a9e4b0a1d2c3f40a17',
      attributes: { name: 'Ada' },
    });
    expect(deliveries).toEqual([expect.objectContaining({ status: 200 })]);
    const { headers, raw } = received.at(-1)!;
    const events = await connector.webhook!.verify(
      { rawBody: raw, headers },
      { apiKey: 'good-key', webhookToken: first.secret! },
    );
    expect(events).toEqual([
      {
        id: expect.any(String),
        type: 'kustomer.customer.create',
        payload: expect.objectContaining({ data: expect.objectContaining({ attributes: { name: 'Ada' } }) }),
      },
    ]);
  });

  it('changing the events creates a new webhook (new token) and deletes the old one', async () => {
    const second = await register(['kustomer.customer.create', 'kustomer.conversation.create'], first);
    expect(second.id).not.toBe(first.id);
    expect(second.secret).not.toBe(first.secret);
    expect(fake.outboundWebhooks.map((h) => h.id)).toEqual([second.id]);
    expect(fake.outboundWebhooks[0].attributes.events).toEqual([
      'kustomer.customer.create',
      'kustomer.conversation.create',
    ]);
    const calls = fake.requests
      .filter((r) => r.path.startsWith('/v1/outbound-webhooks'))
      .slice(-2)
      .map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual(['POST /v1/outbound-webhooks', `DELETE /v1/outbound-webhooks/${first.id}`]);
    first = second;
  });

  it('unregister deletes the webhook; one already gone counts as deleted', async () => {
    await connector.webhook!.unregister!({ ...contextFor(fake, {}), registration: first });
    expect(fake.outboundWebhooks).toEqual([]);
    await expect(
      connector.webhook!.unregister!({ ...contextFor(fake, {}), registration: first }),
    ).resolves.toBeUndefined();
  });

  it('a refused key is an AuthenticationError; a Kustomer outage a retriable UpstreamError quoting Kustomer; nothing is created', async () => {
    expect(await failed(register(['kustomer.customer.create'], null, { apiKey: 'bad-key' }))).toBeInstanceOf(
      AuthenticationError,
    );
    fake.failNext(1, { status: 503, method: 'POST', path: '/v1/outbound-webhooks' });
    const outage = await failed(register(['kustomer.customer.create'], null));
    expect(outage).toBeInstanceOf(UpstreamError);
    expect(outage).toMatchObject({ retriable: true });
    expect(outage.message).toMatch(/503.*outbound-webhooks.*told to fail/);
    expect(fake.outboundWebhooks).toEqual([]);
  });
});
