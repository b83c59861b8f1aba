/**
 * Webhook auto-registration (docs/webhook-registration.md). Each connection whose connector
 * can `register` gets one provider endpoint, at the connection-level URL
 * `<publicUrl>/v1/webhooks/<connector>/<webhookToken>`, listening for the union of the events
 * its published workflows' triggers need. Publishing registers first and publishes in the store
 * only once the provider said yes; unpublishing shrinks the endpoint, and removes it when no
 * event is left.
 *
 * Only connections Wireup manages are touched: one with a stored registration, or one whose
 * signing-secret field (`webhook.secretField`) is empty. A connection created with its signing
 * secret belongs to a user who manages the endpoint themselves.
 *
 * The registration (provider id, events, URL) lives in the Store's kv under
 * `webhook-registration:<connectionId>`; the signing secret the provider returns is sealed into
 * the connection's auth, never returned by the API. Work on one connection is serialised in
 * this process, so two publishes cannot both compute the union without the other's event.
 */
import type { Connector, WebhookRegistration } from '@wireup/sdk';
import type { WebhookRegistrar, WebhookStatus } from '@wireup/engine';
import type { ConnectionRecord, WorkflowDocument } from '@wireup/store';
import type { AppDeps } from './app-deps.ts';
import { WebhookRegistrationFailedError, WebhookUrlNotPublicError } from './errors.ts';
import { unreachableWebhookUrl } from './public-url.ts';

/** What the kv holds for a connection's endpoint. Never the secret. */
export interface StoredRegistration {
  connector: string;
  /** The provider's endpoint id (Stripe `we_...`, Kustomer outbound-webhook id). */
  id: string;
  events: string[];
  url: string;
  updatedAt: string;
}

/** The kv key of a connection's registration. */
export const registrationKey = (connectionId: string) => `webhook-registration:${connectionId}`;

interface SyncChange {
  exclude?: string;
  add?: string;
}

/** Creates the registrar (the engine's WebhookRegistrar port) over the store, catalog, secret box and HTTP client. */
export function createWebhookRegistrar(
  deps: Pick<AppDeps, 'config' | 'store' | 'catalog' | 'secretBox' | 'http'>,
): WebhookRegistrar {
  const locks = new Map<string, Promise<unknown>>();

  async function locked<T>(connectionId: string, work: () => Promise<T>): Promise<T> {
    const before = locks.get(connectionId) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(work);
    const tail = run.catch(() => undefined);
    locks.set(connectionId, tail);
    try {
      return await run;
    } finally {
      if (locks.get(connectionId) === tail) locks.delete(connectionId);
    }
  }

  const eventOf = (connector: Connector | undefined, document: WorkflowDocument): string | undefined => {
    const trigger = connector?.triggers.get(document.trigger.trigger);
    return trigger?.strategy === 'webhook' ? trigger.event : undefined;
  };

  async function desiredEvents(
    connection: ConnectionRecord,
    connector: Connector,
    change: SyncChange,
  ): Promise<string[]> {
    const published = await deps.store.workflows.listPublishedForConnection(connection.id);
    const events = new Set<string>();
    for (const p of published) {
      if (p.workflowId === change.exclude) continue;
      const event = eventOf(connector, p.document);
      if (event) events.add(event);
    }
    if (change.add) events.add(change.add);
    return [...events].sort();
  }

  async function setSecret(connection: ConnectionRecord, field: string, value: string | undefined): Promise<void> {
    const auth = deps.secretBox.open<Record<string, string>>(connection.authCiphertext, connection.id);
    if (auth[field] === value) return;
    if (value === undefined) delete auth[field];
    else auth[field] = value;
    await deps.store.connections.update(connection.id, { authCiphertext: deps.secretBox.seal(auth, connection.id) });
  }

  /** Brings the connection's endpoint in line with its published workflows (± the change). Throws WebhookRegistrationFailedError. */
  async function sync(connectionId: string, change: SyncChange): Promise<WebhookStatus | null> {
    const connection = await deps.store.connections.get(connectionId);
    const connector = connection ? deps.catalog.get(connection.connector) : undefined;
    const hook = connector?.webhook;
    if (!connection || !connector || !hook?.register) return null;
    const url = `${deps.config.publicUrl}/v1/webhooks/${connection.connector}/${connection.webhookToken}`;
    const key = registrationKey(connection.id);
    const stored = await deps.store.kv.get<StoredRegistration>(key);
    const auth = deps.secretBox.open<Record<string, string>>(connection.authCiphertext, connection.id);

    const events = await desiredEvents(connection, connector, change);
    if (!stored && hook.secretField && auth[hook.secretField]) {
      return {
        managed: false,
        url,
        events,
        ...(hook.setupHint && events.length ? { setup: hook.setupHint(url, events) } : {}),
      };
    }
    const existing: WebhookRegistration | null = stored ? { id: stored.id, events: stored.events } : null;
    const fail = (error: unknown) =>
      new WebhookRegistrationFailedError(connector.manifest.displayName, connection.id, error);
    if (!events.length) {
      if (!stored) return null;
      if (hook.unregister)
        await hook
          .unregister({
            auth,
            http: deps.http,
            settings: deps.config.connectorSettings[connection.connector],
            registration: existing!,
          })
          .catch((error) => {
            throw fail(error);
          });
      await deps.store.kv.delete(key);
      if (hook.secretField) await setSecret(connection, hook.secretField, undefined);
      return { managed: true, url, events: [] };
    }
    if (stored && stored.url === url && stored.events.join('\n') === events.join('\n'))
      return { managed: true, url, events, endpoint: stored.id };
    const unreachable = unreachableWebhookUrl(
      deps.config.publicUrl,
      deps.config.egressAllowPrivate,
      connector.manifest.displayName,
    );
    if (unreachable) throw new WebhookUrlNotPublicError(unreachable, { url, connection: connection.id, events });

    const registration = await hook
      .register({
        auth,
        http: deps.http,
        settings: deps.config.connectorSettings[connection.connector],
        url,
        events,
        existing,
      })
      .catch((error) => {
        throw fail(error);
      });
    await deps.store.kv.set(key, {
      connector: connection.connector,
      id: registration.id,
      events: [...registration.events].sort(),
      url,
      updatedAt: new Date().toISOString(),
    } satisfies StoredRegistration);
    if (registration.secret && hook.secretField) await setSecret(connection, hook.secretField, registration.secret);
    return { managed: true, url, events: [...registration.events].sort(), endpoint: registration.id };
  }

  /** Syncs a connection after its store change; a provider failure becomes a warning (the change already happened). */
  async function syncOrWarn(connectionId: string): Promise<string[]> {
    try {
      await sync(connectionId, {});
      return [];
    } catch (error) {
      return [
        `${(error as Error).message.replace(/ The workflow was not published.*$/, '')} The endpoint keeps its previous events until the next publish or unpublish on this connection.`,
      ];
    }
  }

  return {
    async publish(workflowId, document, previous, commit) {
      const connectionId = document.trigger.connection;
      const connector = deps.catalog.get(document.trigger.connector);
      const { value, webhook } = await locked(connectionId, async () => {
        const webhook = await sync(connectionId, { exclude: workflowId, add: eventOf(connector, document) });
        return { value: await commit(), webhook };
      });
      const moved = previous && previous.trigger.connection !== connectionId;
      return {
        value,
        webhook,
        warnings: moved ? await locked(previous.trigger.connection, () => syncOrWarn(previous.trigger.connection)) : [],
      };
    },
    async unpublish(previous, commit) {
      if (!previous) return { value: await commit(), warnings: [] };
      const connectionId = previous.trigger.connection;
      return locked(connectionId, async () => {
        const value = await commit();
        return { value, warnings: await syncOrWarn(connectionId) };
      });
    },
  };
}
