/**
 * Outbound-webhook registration: `POST /v1/outbound-webhooks {name, url, events}` answers the
 * webhook with its `token`, which signs every delivery; `DELETE /v1/outbound-webhooks/{id}`
 * removes it.
 *
 * Changing the events creates a new webhook and then deletes the old one, rather than updating
 * it in place: Kustomer's documented API (reference/connectors.md) offers create, read and
 * delete, and an in-place update is not documented, so we rely on what is. The new webhook
 * comes with a new token, which the core stores before the next delivery can need it; creating
 * before deleting keeps a window in which events reach at least one webhook (duplicates are
 * deduplicated by event id).
 */
import { UpstreamError, type ConnectorContext, type WebhookRegistration } from '@wireup/sdk';
import { kustomerClient } from './client.ts';

/** Shown in Kustomer's outbound-webhook settings, so admins know who made it. */
export const WEBHOOK_NAME = 'Wireup (managed: events for your published workflows)';

interface OutboundWebhook {
  data?: { id?: unknown; attributes?: { token?: unknown; events?: unknown } };
}

/** Makes Kustomer send `events` to `url`: creates the webhook, or replaces the existing one (see above). */
export async function registerKustomerWebhook(
  ctx: ConnectorContext & { url: string; events: string[]; existing: WebhookRegistration | null },
): Promise<WebhookRegistration> {
  const client = kustomerClient(ctx);
  const created = await client.request<OutboundWebhook>('POST', '/v1/outbound-webhooks', {
    body: { name: WEBHOOK_NAME, url: ctx.url, events: ctx.events },
  });
  const id = created?.data?.id;
  const token = created?.data?.attributes?.token;
  if (typeof id !== 'string' || typeof token !== 'string' || !token) {
    throw new UpstreamError(
      "Kustomer's answer for the new outbound webhook has no data.id or attributes.token; the API may have changed.",
      200,
      { body: created },
    );
  }
  if (ctx.existing) await unregisterKustomerWebhook({ ...ctx, registration: ctx.existing });
  const events = Array.isArray(created.data?.attributes?.events)
    ? (created.data!.attributes!.events as string[])
    : ctx.events;
  return { id, events, secret: token };
}

/** Deletes the outbound webhook; one already gone (404) counts as deleted. */
export async function unregisterKustomerWebhook(
  ctx: ConnectorContext & { registration: WebhookRegistration },
): Promise<void> {
  try {
    await kustomerClient(ctx).request('DELETE', `/v1/outbound-webhooks/${encodeURIComponent(ctx.registration.id)}`);
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) return;
    throw error;
  }
}
