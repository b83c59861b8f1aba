/**
 * Webhook auto-registration for Stripe, through the official SDK (client.ts builds the
 * client and maps its errors): one endpoint per connection, `POST /v1/webhook_endpoints
 * {url, enabled_events}` at first (Stripe returns the signing `secret` only then),
 * `POST /v1/webhook_endpoints/{id}` to change its events, `DELETE` when no workflow needs it.
 *
 * Stripe allows 16 endpoints per account, so the core keeps one endpoint per connection
 * listening for the union of the events its published workflows need.
 */
import Stripe from 'stripe';
import type { ConnectorContext, WebhookRegistration } from '@wireup/sdk';
import { callStripe } from './client.ts';

type EnabledEvent = Stripe.WebhookEndpointCreateParams.EnabledEvent;

/** Shown on the endpoint in the Stripe Dashboard, so people know who made it. */
export const ENDPOINT_DESCRIPTION =
  'Wireup: events for your published workflows (managed by Wireup; edits are overwritten when workflows are published)';

function isMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && error.statusCode === 404;
}

async function createEndpoint(stripe: Stripe, url: string, events: string[]): Promise<WebhookRegistration> {
  const endpoint = await stripe.webhookEndpoints.create({
    url,
    enabled_events: events as EnabledEvent[],
    description: ENDPOINT_DESCRIPTION,
    metadata: { managed_by: 'wireup' },
  });
  return { id: endpoint.id, events: endpoint.enabled_events, ...(endpoint.secret ? { secret: endpoint.secret } : {}) };
}

/**
 * Makes Stripe send `events` to `url`: creates the endpoint when there is none (answering its
 * signing secret), else updates its events and URL. An endpoint deleted in the Dashboard
 * meanwhile (404) is created again, with a new secret.
 */
export async function registerStripeWebhook(
  ctx: ConnectorContext & { url: string; events: string[]; existing: WebhookRegistration | null },
): Promise<WebhookRegistration> {
  const existing = ctx.existing;
  return callStripe(ctx, async (stripe) => {
    if (!existing) return createEndpoint(stripe, ctx.url, ctx.events);
    try {
      const endpoint = await stripe.webhookEndpoints.update(existing.id, {
        url: ctx.url,
        enabled_events: ctx.events as EnabledEvent[],
      });
      return { id: endpoint.id, events: endpoint.enabled_events };
    } catch (error) {
      if (isMissing(error)) return createEndpoint(stripe, ctx.url, ctx.events);
      throw error;
    }
  });
}

/** Deletes the endpoint; one already gone (404) counts as deleted. */
export async function unregisterStripeWebhook(
  ctx: ConnectorContext & { registration: WebhookRegistration },
): Promise<void> {
  await callStripe(ctx, async (stripe) => {
    try {
      await stripe.webhookEndpoints.del(ctx.registration.id);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  });
}
