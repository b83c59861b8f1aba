/**
 * Webhook intake: find the connection by its URL token, verify the delivery with the
 * connector's webhook handler, store each event once (deduplicated by `<connectionId>:<event
 * id>`), and publish it to `events`. Resolves only when every event is stored and published,
 * which is the server's licence to answer 2xx.
 */
import { PayloadInvalidError, WireupError, type Connector, type ProviderEvent } from '@wireup/sdk';
import { BusUnavailableError } from '@wireup/bus';
import type { ConnectionRecord, EventRecord } from '@wireup/store';
import type { WebhookDelivery, WebhookResult } from './engine.ts';
import type { EngineContext } from './engine-context.ts';
import { UnknownWebhookError } from './errors.ts';
import { eventKeyOf, eventMessageOf } from './messages.ts';

/** The event types a delivery URL listens to: its one trigger's, or every webhook trigger's of the connector. */
function listenedTypes(connector: Connector, triggerKey: string | undefined): Set<string> {
  if (triggerKey !== undefined) {
    const trigger = connector.triggers.get(triggerKey);
    if (!trigger || trigger.strategy !== 'webhook' || !trigger.event)
      throw new UnknownWebhookError(`Connector ${connector.manifest.name} has no webhook trigger "${triggerKey}".`);
    return new Set([trigger.event]);
  }
  const types = new Set<string>();
  for (const t of connector.triggers.values()) if (t.strategy === 'webhook' && t.event) types.add(t.event);
  return types;
}

async function verify(
  connector: Connector,
  connection: ConnectionRecord,
  delivery: WebhookDelivery,
  ctx: EngineContext,
): Promise<ProviderEvent[]> {
  try {
    return await connector.webhook!.verify(
      { rawBody: delivery.rawBody, headers: delivery.headers },
      ctx.openAuth(connection),
    );
  } catch (error) {
    if (error instanceof WireupError) throw error;
    throw new PayloadInvalidError(
      `The ${connector.manifest.name} webhook delivery could not be read: ${(error as Error).message}`,
    );
  }
}

/**
 * Publishes an event (carried whole) to `events`; a bus failure becomes a 503 so the provider
 * retries. `fresh`: the event was stored by this very call (see EventMessage.fresh).
 */
export async function publishEvent(ctx: EngineContext, event: EventRecord, fresh: boolean): Promise<void> {
  try {
    await ctx.bus.publish('events', event.key, eventMessageOf(event, fresh));
  } catch (error) {
    if (error instanceof BusUnavailableError) throw error;
    throw new BusUnavailableError(
      `The event was stored but could not be queued: ${(error as Error).message}. The provider's retry will queue it.`,
      error,
    );
  }
}

/**
 * Stores an event and hands it to the router. With an `acceptEvent` of the backend (the embedded
 * one writes the event row and its outbox message in one transaction) that is one write. Without,
 * the event is stored, then published: a duplicate still `received` is published again, since
 * the first delivery may have stopped between the two (it was then not acknowledged, so the
 * provider retries); routing twice creates nothing twice.
 */
export async function storeAndQueue(
  ctx: EngineContext,
  record: EventRecord,
): Promise<{ isNew: boolean; record: EventRecord }> {
  if (ctx.acceptEvent) return ctx.acceptEvent(record, eventMessageOf(record));
  const result = await ctx.store.events.accept(record);
  if (result.isNew || result.record.status === 'received') await publishEvent(ctx, result.record, result.isNew);
  return result;
}

/** Handles one webhook delivery (see Engine.acceptWebhook). */
export async function acceptWebhook(ctx: EngineContext, delivery: WebhookDelivery): Promise<WebhookResult> {
  const connection = await ctx.store.connections.getByWebhookToken(delivery.token);
  if (!connection || connection.connector !== delivery.connector) throw new UnknownWebhookError();
  const connector = ctx.connectors.get(connection.connector);
  if (!connector?.webhook)
    throw new UnknownWebhookError(`Connector ${connection.connector} is not installed or takes no webhooks.`);
  const types = listenedTypes(connector, delivery.trigger);
  const events = await verify(connector, connection, delivery, ctx);
  const result: WebhookResult = { accepted: 0, duplicates: 0, ignored: 0 };
  const receivedAt = new Date().toISOString();
  await Promise.all(
    events.map(async (event) => {
      if (!types.has(event.type)) {
        result.ignored++;
        return;
      }
      const { isNew, record } = await storeAndQueue(ctx, {
        key: eventKeyOf(connection.id, event.id),
        connectionId: connection.id,
        connector: connection.connector,
        providerEventId: event.id,
        type: event.type,
        payload: event.payload,
        status: 'received',
        receivedAt,
      });
      if (isNew) result.accepted++;
      else result.duplicates++;
      ctx.observer.eventAccepted(connection.connector, !isNew);
      ctx.observer.eventStored(record, !isNew);
    }),
  );
  return result;
}
