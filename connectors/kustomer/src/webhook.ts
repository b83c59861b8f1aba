/**
 * Verifies Kustomer outbound-webhook deliveries: `X-Kustomer-Webhook-Signature` must be the
 * lowercase hex HMAC-SHA256 of the raw body keyed by the webhook's token (the connection's
 * `webhookToken`, filled in by registration), compared in constant time. The event type is
 * the body's `type` (covered by the signature), else the `X-Kustomer-Webhook-Event` header.
 * Each failure says which check failed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  PayloadInvalidError,
  SignatureInvalidError,
  type ConnectionAuth,
  type ProviderEvent,
  type WebhookHandler,
  type WebhookRequest,
} from '@wireup/sdk';
import { registerKustomerWebhook, unregisterKustomerWebhook } from './webhook-registration.ts';

function header(request: WebhookRequest, name: string): string | undefined {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

/** Lowercase hex HMAC-SHA256 of `body` keyed by `token`: what Kustomer puts in the signature header. */
export function kustomerSignature(body: Buffer | string, token: string): string {
  return createHmac('sha256', token).update(body).digest('hex');
}

function signatureMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase(), 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function parse(rawBody: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw new PayloadInvalidError(
      `The webhook body is not JSON (${(error as Error).message}): Kustomer always sends the event as JSON.`,
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new PayloadInvalidError(
      'The webhook body is JSON but not a Kustomer event: expected an object {"id", "type", "data"}.',
    );
  return body as Record<string, unknown>;
}

/** Verifies one delivery and returns its event. Throws SignatureInvalidError or PayloadInvalidError. */
export function verifyKustomerWebhook(request: WebhookRequest, auth: ConnectionAuth): ProviderEvent[] {
  const signature = header(request, 'x-kustomer-webhook-signature');
  if (!signature)
    throw new SignatureInvalidError(
      'Missing X-Kustomer-Webhook-Signature header: the request did not come from a Kustomer outbound webhook, or a proxy dropped the header.',
    );
  const token = auth.webhookToken?.trim();
  if (!token)
    throw new SignatureInvalidError(
      "The Kustomer connection has no webhook token: publish a workflow with a Kustomer trigger so Wireup registers the outbound webhook (it stores the token), or add the webhook's token to the connection's webhookToken.",
    );
  if (!request.rawBody?.length)
    throw new PayloadInvalidError('The webhook body is empty: Kustomer always sends the event as JSON.');
  if (!signatureMatches(signature, kustomerSignature(request.rawBody, token))) {
    throw new SignatureInvalidError(
      "X-Kustomer-Webhook-Signature does not match the body: the connection's webhookToken is not this outbound webhook's token, or the body was changed on the way.",
    );
  }
  const body = parse(request.rawBody);
  const type = typeof body.type === 'string' && body.type ? body.type : header(request, 'x-kustomer-webhook-event');
  if (typeof body.id !== 'string' || !body.id)
    throw new PayloadInvalidError('The Kustomer event has no "id": expected {"id", "type", "data"}.');
  if (!type)
    throw new PayloadInvalidError(
      'The Kustomer event has no type: neither the body\'s "type" nor the X-Kustomer-Webhook-Event header is set.',
    );
  return [{ id: body.id, type, payload: { ...body, type } }];
}

/**
 * The connector's webhook handler: verification, and registration of one outbound webhook
 * per connection whose token the core stores in `webhookToken`.
 */
export const kustomerWebhook: WebhookHandler = {
  verify: verifyKustomerWebhook,
  register: registerKustomerWebhook,
  unregister: unregisterKustomerWebhook,
  secretField: 'webhookToken',
  setupHint: (url, events) =>
    `In Kustomer create an outbound webhook (POST /v1/outbound-webhooks, or Settings → Platform → Outbound Webhooks) with the URL ${url} for the event${events.length === 1 ? '' : 's'} ${events.join(', ')}, and keep its token in this connection's webhookToken.`,
};
