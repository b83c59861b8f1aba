/**
 * Connector settings from Wireup's configuration: which environment variable fills which
 * setting of which connector. The composition root hands each connector its own settings in
 * every call's context (`ctx.settings`), so connectors never read `process.env`.
 */
import type { ConnectorSettings } from '@wireup/sdk';

/** One setting a connector accepts, and the variable an operator sets it with. */
export interface ConnectorSettingSource {
  connector: string;
  key: string;
  env: string;
}

/** Every connector setting Wireup knows. */
export const connectorSettingSources: readonly ConnectorSettingSource[] = [
  // Stripe's API origin (default https://api.stripe.com); tests point it at stripe-mock.
  { connector: 'stripe', key: 'apiBase', env: 'WIREUP_STRIPE_API_BASE' },
];

/** Each connector's settings, by connector name, from the variables that are set (blank counts as unset). */
export function connectorSettingsFromEnv(env: NodeJS.ProcessEnv): Record<string, ConnectorSettings> {
  const out: Record<string, Record<string, string>> = {};
  for (const source of connectorSettingSources) {
    const value = env[source.env]?.trim();
    if (value) (out[source.connector] ??= {})[source.key] = value;
  }
  return out;
}
