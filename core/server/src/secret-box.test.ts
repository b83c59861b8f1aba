import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';

describe('secret box', () => {
  it('opens what it sealed, and never shows the plaintext in the sealed form', () => {
    const box = createSecretBox(randomBytes(32));
    const sealed = box.seal({ apiKey: 'sk_live_very_secret' });
    expect(sealed).not.toContain('sk_live_very_secret');
    expect(box.open(sealed)).toEqual({ apiKey: 'sk_live_very_secret' });
    expect(box.open(sealed)).toEqual({ apiKey: 'sk_live_very_secret' });
  });

  it('gives every caller its own copy, so changing one opened value changes no later one', () => {
    const box = createSecretBox(randomBytes(32));
    const sealed = box.seal({ apiKey: 'k1', webhookSecret: 'w1' });
    const first = box.open<Record<string, string>>(sealed);
    first.webhookSecret = 'changed';
    expect(box.open(sealed)).toEqual({ apiKey: 'k1', webhookSecret: 'w1' });
  });

  it('refuses a value sealed with another key, and a tampered one', () => {
    const sealed = createSecretBox(randomBytes(32)).seal({ apiKey: 'k' });
    const box = createSecretBox(randomBytes(32));
    expect(() => box.open(sealed)).toThrow(/WIREUP_SECRET_KEY differs/);
    const mine = box.seal({ apiKey: 'k' });
    const parts = mine.split('.');
    parts[3] = Buffer.from('{"apiKey":"x"}').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow(/cannot be decrypted/);
    expect(() => box.open('v2.a.b.c')).toThrow(/not in a known format/);
  });
});
