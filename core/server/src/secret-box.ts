/**
 * Encrypts connection secrets at rest with AES-256-GCM, each value bound to its connection:
 * the connection id is the cipher's additional authenticated data, so a sealed value copied
 * into another connection's row does not open there. Keys come from secret-keys.ts.
 *
 * Sealed format `v2.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts; the key id says which
 * key of the ring sealed it). The older `v1.<iv>.<tag>.<ciphertext>` had no binding and no key
 * id: `open` refuses it; `openLegacy` reads it only so start-up can re-seal it as v2
 * (secret-reseal.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretUnreadableError } from './errors.ts';
import type { KeyRing } from './secret-keys.ts';

export interface SecretBox {
  /** Seals `value` for connection `connectionId` under the current key. */
  seal(value: unknown, connectionId: string): string;
  /** Opens a v2 value sealed for `connectionId`. Throws SECRET_UNREADABLE otherwise. */
  open<T = unknown>(sealed: string, connectionId: string): T;
  /** Opens a v1 value (no binding), trying every key of the ring. For migration only. */
  openLegacy<T = unknown>(sealed: string): T;
  /** True when the value is v2 under the current key (nothing to re-seal). */
  isCurrent(sealed: string): boolean;
}

/** Sealed values whose plaintext is kept (a connection's auth is opened for every webhook delivery and action). */
const OPENED_LIMIT = 1_000;

function unreadable(message: string, cause?: unknown): SecretUnreadableError {
  return new SecretUnreadableError(message, cause);
}

function decrypt(key: Buffer, iv: string, tag: string, data: string, aad: Buffer | undefined): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

const bindingOf = (connectionId: string): Buffer => Buffer.from(`wireup-connection:${connectionId}`, 'utf8');

function parse<T>(plain: string): T {
  try {
    return JSON.parse(plain);
  } catch (error) {
    throw unreadable('A stored secret is not readable JSON.', error);
  }
}

/**
 * Creates the box over a key ring. Every seal has a fresh IV, so a sealed string stands for one
 * plaintext forever: `open` keeps what it decrypted (bounded, per connection) and parses a fresh
 * copy for each caller.
 */
export function createSecretBox(ring: KeyRing): SecretBox {
  const opened = new Map<string, string>();
  const openV2 = (sealed: string, connectionId: string): string => {
    const [version, id, iv, tag, data] = sealed.split('.');
    if (version === 'v1')
      throw unreadable(
        'A stored secret is in the old format (v1, not bound to its connection); restart Wireup once to re-seal it.',
      );
    if (version !== 'v2' || !id || !iv || !tag || data === undefined)
      throw unreadable('A stored secret is not in a known format.');
    const key = ring.openers.find((k) => k.id === id);
    if (!key)
      throw unreadable(
        `A stored secret was sealed with a key Wireup does not have (key id ${id}): set WIREUP_SECRET_KEY, or add the old key to WIREUP_SECRET_KEY_FALLBACKS.`,
      );
    try {
      return decrypt(key.key, iv, tag, data, bindingOf(connectionId));
    } catch (error) {
      throw unreadable(
        'A stored secret cannot be decrypted: it was altered, or it belongs to another connection.',
        error,
      );
    }
  };
  return {
    seal(value, connectionId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
      cipher.setAAD(bindingOf(connectionId));
      const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return [
        'v2',
        ring.current.id,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        data.toString('base64url'),
      ].join('.');
    },
    open(sealed, connectionId) {
      const cacheKey = `${connectionId}\n${sealed}`;
      let plain = opened.get(cacheKey);
      if (plain === undefined) {
        plain = openV2(sealed, connectionId);
        if (opened.size >= OPENED_LIMIT) opened.clear();
        opened.set(cacheKey, plain);
      }
      return parse(plain);
    },
    openLegacy(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined)
        throw unreadable('A stored secret is not in a known format.');
      for (const key of ring.legacy) {
        try {
          return parse(decrypt(key, iv, tag, data, undefined));
        } catch {
          // try the next key
        }
      }
      throw unreadable(
        'A stored secret cannot be decrypted: WIREUP_SECRET_KEY differs from the key it was sealed with.',
      );
    },
    isCurrent(sealed) {
      return sealed.startsWith(`v2.${ring.current.id}.`);
    },
  };
}
