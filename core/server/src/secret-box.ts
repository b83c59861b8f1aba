/**
 * Encrypts connection secrets at rest with AES-256-GCM. The key comes from WIREUP_SECRET_KEY
 * (32 bytes as hex or base64, or any passphrase, stretched with scrypt) or is generated once
 * into <data dir>/secret.key (mode 0600).
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WireupError } from '@wireup/sdk';

export interface SecretBox {
  seal(value: unknown): string;
  open<T = unknown>(sealed: string): T;
}

/** Turns a configured key into 32 bytes. */
export function keyFromSetting(setting: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(setting)) return Buffer.from(setting, 'hex');
  const b64 = Buffer.from(setting, 'base64');
  if (b64.length === 32 && /^[A-Za-z0-9+/=_-]+$/.test(setting)) return b64;
  return scryptSync(setting, 'wireup-secret-box', 32);
}

/** Reads the key from the setting, or from (or into) the data folder. */
export function loadSecretKey(setting: string | undefined, dataDir: string): Buffer {
  if (setting) return keyFromSetting(setting);
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

/** Sealed values whose plaintext is kept (a connection's auth is opened for every webhook delivery and action). */
const OPENED_LIMIT = 1_000;

/**
 * Creates the box. Sealed format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. Every seal
 * has a fresh IV, so a sealed string stands for one plaintext forever: `open` keeps the
 * plaintexts it decrypted (bounded) and parses a fresh copy for each caller.
 */
export function createSecretBox(key: Buffer): SecretBox {
  const opened = new Map<string, string>();
  const decrypt = (sealed: string): string => {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new WireupError('SECRET_UNREADABLE', 'A stored secret is not in a known format.', { statusCode: 500 });
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new WireupError('SECRET_UNREADABLE', 'A stored secret cannot be decrypted: WIREUP_SECRET_KEY differs from the key it was sealed with.', { statusCode: 500, cause: error });
    }
  };
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed) {
      let plain = opened.get(sealed);
      if (plain === undefined) {
        plain = decrypt(sealed);
        if (opened.size >= OPENED_LIMIT) opened.clear();
        opened.set(sealed, plain);
      }
      try {
        return JSON.parse(plain);
      } catch (error) {
        throw new WireupError('SECRET_UNREADABLE', 'A stored secret is not readable JSON.', { statusCode: 500, cause: error });
      }
    },
  };
}
