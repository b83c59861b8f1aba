/**
 * The keys that seal connection secrets. WIREUP_SECRET_KEY is the sealing key: 64 hex
 * characters or 32 bytes in base64 are used as they are; anything else is a passphrase,
 * stretched with scrypt (N=2^15, r=8, p=1: 32 MiB and about 0.1 s, once per start) over a
 * random 16-byte salt kept in the store beside the secrets it protects (key-value entry
 * `secret-box.scrypt-salt`, created once with set-if-absent, so every process of a deployment
 * derives the same key). Without a setting, a random key is generated once into
 * <data dir>/secret.key (mode 0600).
 *
 * WIREUP_SECRET_KEY_FALLBACKS (comma-separated, same forms) are keys that may still open
 * secrets but never seal: the old key during a rotation (docs: `wireup secrets rotate`).
 */
import { createHash, randomBytes, scrypt as scryptCallback, scryptSync, type ScryptOptions } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueRepository } from '@wireup/store';

/** scrypt cost of passphrase keys. */
export const SCRYPT_COST: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
/** Key-value entry holding the scrypt salt (hex). */
export const SALT_KEY = 'secret-box.scrypt-salt';

/** One key, with a short id written into each value it seals so the right key opens it. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

/** The sealing key, the keys that may open, and the keys of the format before ids (v1). */
export interface KeyRing {
  current: SecretKey;
  /** Every key that may open a v2 value, `current` first. */
  openers: SecretKey[];
  /** Keys as v1 derived them (a passphrase with the old fixed salt): only for migrating v1 values. */
  legacy: Buffer[];
}

/** A key's id: the first 8 hex characters of SHA-256 over the key (says which key sealed, reveals nothing usable). */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('wireup-secret-key-id').update(key).digest('hex').slice(0, 8);
}

function rawKey(setting: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(setting)) return Buffer.from(setting, 'hex');
  const b64 = Buffer.from(setting, 'base64');
  if (b64.length === 32 && /^[A-Za-z0-9+/=_-]+$/.test(setting)) return b64;
  return undefined;
}

const scrypt = (passphrase: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scryptCallback(passphrase, salt, 32, SCRYPT_COST, (error, key) => (error ? reject(error) : resolve(key))),
  );

function keyFile(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

/** The settings the key ring is made from (config.ts). */
export interface SecretKeySettings {
  secretKey?: string;
  secretKeyFallbacks?: string[];
  dataDir: string;
}

/** Builds the key ring; reads (or creates) the scrypt salt in `kv` only when a passphrase is configured. */
export async function loadKeyRing(settings: SecretKeySettings, kv: KeyValueRepository): Promise<KeyRing> {
  const settingsList = [settings.secretKey, ...(settings.secretKeyFallbacks ?? [])].filter((s): s is string =>
    Boolean(s),
  );
  let salt: Buffer | undefined;
  const derive = async (setting: string): Promise<Buffer> => {
    const raw = rawKey(setting);
    if (raw) return raw;
    salt ??= Buffer.from(await kv.setIfAbsent(SALT_KEY, randomBytes(16).toString('hex')), 'hex');
    return scrypt(setting, salt);
  };
  const keys: Buffer[] = [];
  if (!settings.secretKey) keys.push(keyFile(settings.dataDir));
  for (const setting of settingsList) keys.push(await derive(setting));
  const legacy = settingsList.map((setting) => rawKey(setting) ?? scryptSync(setting, 'wireup-secret-box', 32));
  const openers = keys.map((key) => ({ id: keyId(key), key }));
  return { current: openers[0], openers, legacy: [...new Set([...keys, ...legacy])] };
}

/** A key ring of raw keys (tests, and callers that hold the keys themselves). */
export function keyRingOf(current: Buffer, ...fallbacks: Buffer[]): KeyRing {
  const openers = [current, ...fallbacks].map((key) => ({ id: keyId(key), key }));
  return { current: openers[0], openers, legacy: [current, ...fallbacks] };
}
