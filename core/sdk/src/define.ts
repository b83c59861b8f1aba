/**
 * Definition helpers: `defineTrigger`, `defineAction`, `defineConnector`. They validate the
 * manifest data at definition time, so a broken connector fails when it is loaded, with an
 * error that names the path and the fix.
 */
import type { ActionDefinition, Connector, ConnectorContext, TriggerDefinition, WebhookHandler } from './types.ts';
import type { ConnectorManifest } from './generated/manifest.ts';
import { assertValidManifest } from './validate-manifest.ts';

/** Declares a trigger: its key, schema and sample (data) plus, for polling, its `poll` function. */
export function defineTrigger<T extends TriggerDefinition>(trigger: T): T {
  return trigger;
}

/** Declares an action: its key, schemas and sample (data) plus its `run` function. */
export function defineAction<I = any, O = any>(action: ActionDefinition<I, O>): ActionDefinition<I, O> {
  return action;
}

export interface ConnectorSpec extends Omit<ConnectorManifest, 'triggers' | 'actions'> {
  triggers: TriggerDefinition[];
  actions: ActionDefinition[];
  webhook?: WebhookHandler;
  testConnection?: (ctx: ConnectorContext) => Promise<void>;
}

/** Strips the functions from a trigger or action, leaving the manifest data. */
function dataOnly<T extends object>(definition: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(definition)) if (typeof v !== 'function') out[k] = v;
  return out as T;
}

/** Builds the manifest data of a connector spec, without any code. */
export function manifestOf(spec: ConnectorSpec): ConnectorManifest {
  const { triggers, actions, webhook: _w, testConnection: _t, ...rest } = spec;
  return { ...rest, triggers: triggers.map(dataOnly), actions: actions.map(dataOnly) } as ConnectorManifest;
}

/** Declares a connector. Throws ManifestInvalidError when its manifest data is invalid. */
export function defineConnector(spec: ConnectorSpec): Connector {
  const manifest = manifestOf(spec);
  assertValidManifest(manifest);
  return {
    manifest,
    triggers: new Map(spec.triggers.map((t) => [t.key, t])),
    actions: new Map(spec.actions.map((a) => [a.key, a])),
    webhook: spec.webhook,
    testConnection: spec.testConnection,
  };
}
