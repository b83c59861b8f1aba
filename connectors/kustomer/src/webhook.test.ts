import { describe, expect, it } from 'vitest';
import { PayloadInvalidError, SignatureInvalidError, type WebhookRequest } from '@wireup/sdk';
import connector from './connector.ts';
import { kustomerSignature, verifyKustomerWebhook } from './webhook.ts';

const token = '3f9a1c7e5b2d8f4a6c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d';
const auth = { apiKey: 'k', webhookToken: token };
const sample = connector.triggers.get('new-conversation')!.sample as { id: string; type: string };
const body = JSON.stringify(sample);

function delivery(raw: string, headers: Record<string, string> = {}): WebhookRequest {
  return {
    rawBody: Buffer.from(raw),
    headers: {
      'content-type': 'application/json',
      'x-kustomer-webhook-event': sample.type,
      'x-kustomer-webhook-signature': kustomerSignature(raw, token),
      ...headers,
    },
  };
}

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected verification to fail');
}

describe('Kustomer webhook verification', () => {
  it('accepts a delivery signed with the webhook token and returns the event', async () => {
    expect(await connector.webhook!.verify(delivery(body), auth)).toEqual([
      { id: sample.id, type: 'kustomer.conversation.create', payload: JSON.parse(body) },
    ]);
  });

  it('accepts the signature in uppercase hex too', () => {
    const request = delivery(body, { 'x-kustomer-webhook-signature': kustomerSignature(body, token).toUpperCase() });
    expect(verifyKustomerWebhook(request, auth)[0].id).toBe(sample.id);
  });

  it('takes the type from X-Kustomer-Webhook-Event when the body has none', () => {
    const { type: _type, ...rest } = JSON.parse(body);
    const raw = JSON.stringify(rest);
    expect(verifyKustomerWebhook(delivery(raw), auth)[0]).toMatchObject({
      type: 'kustomer.conversation.create',
      payload: { type: 'kustomer.conversation.create' },
    });
  });

  it('refuses a signature made with another token, an altered body, and a missing signature', () => {
    const other = failure(() =>
      verifyKustomerWebhook(
        delivery(body, { 'x-kustomer-webhook-signature': kustomerSignature(body, 'another-token') }),
        auth,
      ),
    );
    expect(other).toBeInstanceOf(SignatureInvalidError);
    expect(other.message).toMatch(/does not match the body/);
    const altered = failure(() =>
      verifyKustomerWebhook({ ...delivery(body), rawBody: Buffer.from(body.replace('open', 'done')) }, auth),
    );
    expect(altered).toBeInstanceOf(SignatureInvalidError);
    const missing = failure(() => verifyKustomerWebhook(delivery(body, { 'x-kustomer-webhook-signature': '' }), auth));
    expect(missing).toBeInstanceOf(SignatureInvalidError);
    expect(missing.message).toMatch(/Missing X-Kustomer-Webhook-Signature/);
    const short = failure(() => verifyKustomerWebhook(delivery(body, { 'x-kustomer-webhook-signature': 'abc' }), auth));
    expect(short).toBeInstanceOf(SignatureInvalidError);
  });

  it('refuses every delivery while the connection has no webhook token, saying how to get one', () => {
    const error = failure(() => verifyKustomerWebhook(delivery(body), { apiKey: 'k' }));
    expect(error).toBeInstanceOf(SignatureInvalidError);
    expect(error.message).toMatch(/no webhook token.*publish a workflow with a Kustomer trigger/);
  });

  it('refuses a correctly signed body that is not JSON, not an object, empty, or has no id or type', () => {
    expect(failure(() => verifyKustomerWebhook(delivery('not json'), auth))).toBeInstanceOf(PayloadInvalidError);
    expect(failure(() => verifyKustomerWebhook(delivery('[1,2]'), auth))).toBeInstanceOf(PayloadInvalidError);
    expect(failure(() => verifyKustomerWebhook({ ...delivery(''), rawBody: Buffer.alloc(0) }, auth))).toBeInstanceOf(
      PayloadInvalidError,
    );
    expect(
      failure(() =>
        verifyKustomerWebhook(delivery(JSON.stringify({ type: 'kustomer.customer.create', data: {} })), auth),
      ).message,
    ).toMatch(/no "id"/);
    const noType = JSON.stringify({ id: 'e1', data: {} });
    expect(
      failure(() => verifyKustomerWebhook(delivery(noType, { 'x-kustomer-webhook-event': '' }), auth)).message,
    ).toMatch(/no type/);
  });

  it('declares webhookToken as a secret, optional field filled by registration', () => {
    expect(connector.webhook!.secretField).toBe('webhookToken');
    expect(connector.manifest.auth.fields.find((f) => f.key === 'webhookToken')).toMatchObject({
      secret: true,
      required: false,
      filledByRegistration: true,
    });
  });
});
