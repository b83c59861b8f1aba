/**
 * Stripe's side of the browser tests: a charge.failed event as Stripe sends it, posted to a
 * webhook URL signed as Stripe signs it (`Stripe-Signature: t=…,v1=HMAC-SHA256(t.payload)`).
 */
import { createHmac } from 'node:crypto';

/** A charge.failed event (card declined) around the charge's own fields (`id`, `customer`, …). */
export function chargeFailedEvent(id: string, charge: Record<string, unknown>): Record<string, unknown> {
  return {
    id,
    object: 'event',
    api_version: '2024-06-20',
    type: 'charge.failed',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: { object: 'charge', status: 'failed', failure_code: 'card_declined', ...charge } },
  };
}

/** Posts the event to the webhook URL, signed with the connection's webhook secret. */
export function postStripeEvent(url: string, event: unknown, secret: string): Promise<Response> {
  const payload = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')}`;
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
}
