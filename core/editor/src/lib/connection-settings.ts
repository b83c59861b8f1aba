/** How a connection's settings read in the Connections view: by the manifest's labels, secrets only as set or not. */
import type { Connection, ConnectorManifest } from '../api/types.ts';

/** One setting of a connection as shown: its label, and its value or (for a secret) whether it is set. */
export interface ConnectionSetting {
  key: string;
  label: string;
  /** The value of a non-secret field, or "set" / "not set" for a secret (never its value). */
  value: string;
  secret: boolean;
  /** A secret that is not set but that publishing a workflow fills in (a webhook token or signing secret). */
  filledOnPublish: boolean;
}

/** `webhookToken` → "Webhook token", `apiKey` → "API key", `base_url` → "Base URL": for a field the manifest does not label. */
export function humaniseKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .map((w) =>
      /^(api|url|id|uri|ssl|oauth)$/i.test(w) ? w.toUpperCase().replace('OAUTH', 'OAuth') : w.toLowerCase(),
    );
  const text = words.join(' ');
  return text ? text[0].toUpperCase() + text.slice(1) : key;
}

/**
 * The settings of a connection in the manifest's field order, each by its label (a humanised key
 * for a field the manifest does not know, e.g. once the connector was upgraded), then any field
 * the connection has that the manifest does not list. Secrets read "set" or "not set".
 */
export function connectionSettings(
  connection: Pick<Connection, 'auth' | 'secrets'>,
  manifest?: Pick<ConnectorManifest, 'auth'>,
): ConnectionSetting[] {
  const fields = manifest?.auth.fields ?? [];
  const keys = [...fields.map((f) => f.key), ...Object.keys(connection.auth), ...Object.keys(connection.secrets)];
  const settings: ConnectionSetting[] = [];
  for (const key of new Set(keys)) {
    const field = fields.find((f) => f.key === key);
    const secret = key in connection.secrets || Boolean(field?.secret);
    const label = field?.label?.trim() || humaniseKey(key);
    if (secret) {
      const set = connection.secrets[key] === 'set';
      settings.push({
        key,
        label,
        value: set ? 'set' : 'not set',
        secret,
        filledOnPublish: !set && Boolean(field?.filledByRegistration),
      });
    } else if (connection.auth[key] !== undefined && connection.auth[key] !== '') {
      settings.push({ key, label, value: connection.auth[key], secret, filledOnPublish: false });
    } else if (field) {
      settings.push({
        key,
        label,
        value: field.default ? `default (${field.default})` : 'not set',
        secret,
        filledOnPublish: false,
      });
    }
  }
  return settings;
}
