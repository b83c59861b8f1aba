/**
 * Redaction of what goes into the run log: the secret values of the connections a run uses,
 * wherever they appear (even inside longer strings such as `Bearer sk_…` or an error message),
 * and any value under a key that names a credential (authorization, apiKey, password, …).
 */

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched inside strings (too likely to hit ordinary text). */
const MIN_SECRET_LENGTH = 4;

const SENSITIVE_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'apikey',
  'xapikey',
  'secret',
  'secretkey',
  'clientsecret',
  'webhooksecret',
  'signingsecret',
  'password',
  'passwd',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'bearertoken',
  'privatekey',
]);

/** True when a key names a credential, whatever its case and separators (`api_key`, `X-Api-Key`, `stripeSecret`). */
export function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_\s]/g, '');
  return (
    SENSITIVE_KEYS.has(k) ||
    k.endsWith('secret') ||
    k.endsWith('password') ||
    k.endsWith('apikey') ||
    k.endsWith('token')
  );
}

/** A function that returns a redacted deep copy of a value. */
export type Redactor = (value: unknown) => unknown;

/** Builds a redactor for these secret values (empty and very short ones are ignored inside text). */
export function createRedactor(secrets: Iterable<string>): Redactor {
  // Longest first, so a secret that contains another is replaced whole.
  const list = [...new Set([...secrets].filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  const text = (s: string): string => {
    let out = s;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return list.length ? text(value) : value;
    if (value === null || typeof value !== 'object') return value;
    if (depth > 64) return REDACTED;
    // Dates, Buffers and the like: redact what the run log would store, their JSON form.
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
      return walk((value as { toJSON(): unknown }).toJSON(), depth + 1);
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[text(key)] =
        isSensitiveKey(key) && item !== null && item !== undefined && item !== '' ? REDACTED : walk(item, depth + 1);
    }
    return out;
  };
  return (value) => walk(value, 0);
}
