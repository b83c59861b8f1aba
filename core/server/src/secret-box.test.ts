import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';
import { keyRingOf } from './secret-keys.ts';

/** A value sealed the way format v1 did: no binding, no key id. */
function sealV1(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(
    '.',
  );
}

describe('secret box', () => {
  it('opens what it sealed, and never shows the plaintext in the sealed form', () => {
    const box = createSecretBox(keyRingOf(randomBytes(32)));
    const sealed = box.seal({ apiKey: 'sk_live_very_secret' }, 'conn_a');
    expect(sealed).toMatch(/^v2\.[0-9a-f]{8}\./);
    expect(sealed).not.toContain('sk_live_very_secret');
    expect(box.open(sealed, 'conn_a')).toEqual({ apiKey: 'sk_live_very_secret' });
    expect(box.open(sealed, 'conn_a')).toEqual({ apiKey: 'sk_live_very_secret' });
  });

  it('gives every caller its own copy, so changing one opened value changes no later one', () => {
    const box = createSecretBox(keyRingOf(randomBytes(32)));
    const sealed = box.seal({ apiKey: 'k1', webhookSecret: 'w1' }, 'conn_a');
    const first = box.open<Record<string, string>>(sealed, 'conn_a');
    first.webhookSecret = 'changed';
    expect(box.open(sealed, 'conn_a')).toEqual({ apiKey: 'k1', webhookSecret: 'w1' });
  });

  it('binds a value to its connection: copied into another connection it does not open', () => {
    const box = createSecretBox(keyRingOf(randomBytes(32)));
    const sealed = box.seal({ apiKey: 'k' }, 'conn_a');
    expect(() => box.open(sealed, 'conn_b')).toThrow(/belongs to another connection/);
  });

  it('refuses a value sealed with an unknown key, and a tampered one', () => {
    const sealed = createSecretBox(keyRingOf(randomBytes(32))).seal({ apiKey: 'k' }, 'c');
    const box = createSecretBox(keyRingOf(randomBytes(32)));
    expect(() => box.open(sealed, 'c')).toThrow(/sealed with a key Wireup does not have/);
    const parts = box.seal({ apiKey: 'k' }, 'c').split('.');
    parts[4] = Buffer.from('{"apiKey":"x"}').toString('base64url');
    expect(() => box.open(parts.join('.'), 'c')).toThrow(/cannot be decrypted/);
    expect(() => box.open('v3.a.b.c.d', 'c')).toThrow(/not in a known format/);
  });

  it('opens with a fallback key, seals with the current one', () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const sealedOld = createSecretBox(keyRingOf(oldKey)).seal({ apiKey: 'k' }, 'c');
    const box = createSecretBox(keyRingOf(newKey, oldKey));
    expect(box.open(sealedOld, 'c')).toEqual({ apiKey: 'k' });
    expect(box.isCurrent(sealedOld)).toBe(false);
    expect(box.isCurrent(box.seal({ apiKey: 'k' }, 'c'))).toBe(true);
  });

  it('reads a v1 value only through openLegacy (for the start-up migration)', () => {
    const key = randomBytes(32);
    const box = createSecretBox(keyRingOf(key));
    const v1 = sealV1(key, { apiKey: 'old' });
    expect(() => box.open(v1, 'c')).toThrow(/old format/);
    expect(box.openLegacy(v1)).toEqual({ apiKey: 'old' });
    expect(() => createSecretBox(keyRingOf(randomBytes(32))).openLegacy(v1)).toThrow(/differs/);
  });
});
