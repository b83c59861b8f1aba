/**
 * A Connector whose code runs in its own process (connector-process.ts): the manifest is read
 * here as data; every action, poll, webhook verification and registration is a call to the
 * process, carrying that call's input, auth and settings, and its abort signal. The engine uses
 * it like an in-process one.
 */
import type { ActionDefinition, Connector, ConnectorManifest, TriggerDefinition, WebhookHandler } from '@wireup/sdk';
import type { ConnectorOffers, ConnectorProcess } from './connector-process.ts';

/** Builds the proxy from the manifest and what the process said it offers. */
export function isolatedConnector(
  manifest: ConnectorManifest,
  offers: ConnectorOffers | null,
  process: ConnectorProcess,
): Connector {
  const triggers = new Map<string, TriggerDefinition>();
  for (const t of manifest.triggers) {
    const trigger: TriggerDefinition = { ...t };
    if (t.strategy === 'polling')
      trigger.poll = ({ auth, cursor, settings, signal }) =>
        process.call({ kind: 'poll', key: t.key, auth, cursor, settings }, { signal });
    triggers.set(t.key, trigger);
  }
  const actions = new Map<string, ActionDefinition>();
  for (const a of manifest.actions) {
    actions.set(a.key, {
      ...a,
      run: ({ input, auth, idempotencyKey, settings, signal }) =>
        process.call({ kind: 'action', key: a.key, input, auth, idempotencyKey, settings }, { signal }),
    });
  }
  const hasWebhookTriggers = manifest.triggers.some((t) => t.strategy === 'webhook');
  // A bundle that failed to load still answers (with its load error) for each webhook delivery.
  let webhook: WebhookHandler | undefined;
  if (offers?.webhook || (!offers && hasWebhookTriggers)) {
    webhook = {
      secretField: offers?.secretField,
      verify: async (request, auth, now) =>
        process.call({
          kind: 'verify',
          rawBody: request.rawBody,
          headers: request.headers,
          auth,
          now: now?.toISOString(),
        }),
      ...(offers?.register
        ? {
            register: (ctx) =>
              process.call(
                {
                  kind: 'register',
                  auth: ctx.auth,
                  url: ctx.url,
                  events: ctx.events,
                  existing: ctx.existing,
                  settings: ctx.settings,
                },
                { signal: ctx.signal },
              ),
          }
        : {}),
      ...(offers?.unregister
        ? {
            unregister: async (ctx) => {
              await process.call(
                { kind: 'unregister', auth: ctx.auth, registration: ctx.registration, settings: ctx.settings },
                { signal: ctx.signal },
              );
            },
          }
        : {}),
    } as WebhookHandler;
  }
  return {
    manifest,
    triggers,
    actions,
    ...(webhook ? { webhook } : {}),
    ...(offers?.testConnection
      ? {
          testConnection: async ({ auth, settings, signal }) => {
            await process.call({ kind: 'test-connection', auth, settings }, { signal });
          },
        }
      : {}),
  };
}
