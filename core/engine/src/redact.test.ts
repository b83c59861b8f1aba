import { describe, expect, it } from 'vitest';
import { createRedactor, isSensitiveKey, REDACTED } from './redact.ts';

describe('createRedactor', () => {
  const redact = createRedactor(['sk_test_51Secret', 'kapi_0123456789', '']);

  it('removes secret values wherever they appear, inside longer strings too', () => {
    const out = redact({
      input: { note: 'key is sk_test_51Secret!', list: ['kapi_0123456789'] },
      error: { message: 'Unauthorized: Bearer kapi_0123456789 refused' },
    });
    expect(JSON.stringify(out)).not.toMatch(/sk_test_51Secret|kapi_0123456789/);
    expect(out).toEqual({
      input: { note: `key is ${REDACTED}!`, list: [REDACTED] },
      error: { message: `Unauthorized: Bearer ${REDACTED} refused` },
    });
  });

  it('replaces values under credential-like keys, whatever the value', () => {
    const out = redact({
      headers: { Authorization: 'Basic abc', 'X-Api-Key': 'k' },
      apiKey: 'other',
      password: 'p',
      access_token: 't',
      amount: 5,
      customer: 'cus_1',
      token: null,
    }) as Record<string, unknown>;
    expect(out).toEqual({
      headers: { Authorization: REDACTED, 'X-Api-Key': REDACTED },
      apiKey: REDACTED,
      password: REDACTED,
      access_token: REDACTED,
      amount: 5,
      customer: 'cus_1',
      token: null,
    });
  });

  it('does not change the value it is given', () => {
    const value = { note: 'sk_test_51Secret' };
    redact(value);
    expect(value.note).toBe('sk_test_51Secret');
  });
});

describe('isSensitiveKey', () => {
  it('matches credential names and leaves ordinary ones', () => {
    for (const key of [
      'authorization',
      'apiKey',
      'api_key',
      'secret',
      'webhookSecret',
      'password',
      'token',
      'refresh_token',
    ])
      expect(isSensitiveKey(key)).toBe(true);
    for (const key of ['customer', 'tokenization_method', 'idempotencyKey', 'amount', 'id'])
      expect(isSensitiveKey(key)).toBe(false);
  });
});
