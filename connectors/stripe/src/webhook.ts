/**
 * Verifies Stripe webhook deliveries with the official SDK: the `Stripe-Signature` header
 * (`t=<unix seconds>,v1=<hex>`) must be an HMAC-SHA256 of `<t>.<raw body>` keyed by the
 * endpoint's signing secret (`whsec_...`), and `t` no older than 300 s. Verification runs on
 * the raw body bytes, never on re-serialised JSON. Each failure says which check failed.
 */
import Stripe from 'stripe';
import {
  PayloadInvalidError,
  SignatureInvalidError,
  type ConnectionAuth,
  type ProviderEvent,
  type WebhookHandler,
  type WebhookRequest,
} from '@wireup/sdk';
import { registerStripeWebhook, unregisterStripeWebhook } from './webhook-registration.ts';

/** Oldest accepted signature, in seconds (Stripe's own default). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
const SIGNATURE_FORMAT = 't=<unix seconds>,v1=<hex signature>';

function header(request: WebhookRequest, name: string): string | undefined {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

function signedAt(signature: string): number | undefined {
  const t = /(?:^|,)\s*t=(\d+)/.exec(signature)?.[1];
  return t === undefined ? undefined : Number(t);
}

/** Turns the SDK's verification failure into an error that says which check failed. */
function signatureError(message: string, signature: string, now: Date): Error {
  if (message.includes('Timestamp outside the tolerance zone')) {
    const age = Math.floor(now.getTime() / 1000) - (signedAt(signature) ?? 0);
    return new SignatureInvalidError(
      `Stripe-Signature timestamp is outside the ${SIGNATURE_TOLERANCE_SECONDS} s tolerance: the delivery was signed ${age} s ago (a replayed or long-delayed delivery, or a server clock out of sync).`,
    );
  }
  if (message.includes('Unable to extract timestamp') || message.includes('No signatures found with expected scheme')) {
    return new SignatureInvalidError(`Stripe-Signature header is malformed: expected "${SIGNATURE_FORMAT}".`);
  }
  return new SignatureInvalidError(
    "Stripe-Signature does not match the body: the connection's webhook secret is not this endpoint's signing secret (whsec_...), or the body was changed on the way.",
  );
}

function assertStripeEvent(event: unknown): asserts event is { id: string; type: string } {
  const e = event as { id?: unknown; type?: unknown; object?: unknown } | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    typeof e.id !== 'string' ||
    typeof e.type !== 'string' ||
    e.object !== 'event'
  ) {
    throw new PayloadInvalidError(
      'The webhook body is JSON but not a Stripe event: expected {"id":"evt_...","object":"event","type":...}.',
    );
  }
}

/** Verifies one delivery and returns its event. Throws SignatureInvalidError or PayloadInvalidError. */
export function verifyStripeWebhook(
  request: WebhookRequest,
  auth: ConnectionAuth,
  now: Date = new Date(),
): ProviderEvent[] {
  const signature = header(request, 'stripe-signature');
  if (!signature)
    throw new SignatureInvalidError(
      'Missing Stripe-Signature header: the request did not come from Stripe, or a proxy dropped the header.',
    );
  const secret = auth.webhookSecret?.trim();
  if (!secret)
    throw new SignatureInvalidError(
      "The Stripe connection has no webhook signing secret: add the endpoint's signing secret (whsec_...) to the connection's webhookSecret, or let webhook registration fill it in.",
    );
  if (!request.rawBody?.length)
    throw new PayloadInvalidError('The webhook body is empty: Stripe always sends the event as JSON.');
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(
      request.rawBody,
      signature,
      secret,
      SIGNATURE_TOLERANCE_SECONDS,
      undefined,
      now.getTime(),
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError)
      throw signatureError(error.message, signature, now);
    if (error instanceof SyntaxError)
      throw new PayloadInvalidError(
        `The webhook body is not JSON (${error.message}): Stripe always sends the event as JSON.`,
      );
    throw error;
  }
  assertStripeEvent(event);
  return [{ id: event.id, type: event.type, payload: event }];
}

/**
 * The connector's webhook handler: verification, and auto-registration whose signing secret
 * the core stores in the connection's `webhookSecret`.
 */
export const stripeWebhook: WebhookHandler = {
  verify: verifyStripeWebhook,
  register: registerStripeWebhook,
  unregister: unregisterStripeWebhook,
  secretField: 'webhookSecret',
  setupHint: (url, events) =>
    `In the Stripe Dashboard (Developers → Webhooks) add an endpoint with the URL ${url} for the event${events.length === 1 ? '' : 's'} ${events.join(', ')}, and keep its signing secret (whsec_…) in this connection's webhookSecret. On a laptop, \`stripe listen --forward-to ${url} --events ${events.join(',')}\` forwards test events instead; give the connection the whsec_… it prints.`,
};
