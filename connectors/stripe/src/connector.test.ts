import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { assertValidManifest, validateManifest } from '@wireup/sdk';
import stripe from './connector.ts';
import * as entry from './index.ts';

describe('Stripe connector', () => {
  it('has a valid manifest', () => {
    expect(() => assertValidManifest(stripe.manifest)).not.toThrow();
    expect(stripe.manifest).toMatchObject({ name: 'stripe', version: '1.0.0', displayName: 'Stripe' });
  });

  it('ships a manifest.json that is valid on its own, readable without running code', async () => {
    const manifest = JSON.parse(await readFile(new URL('../manifest.json', import.meta.url), 'utf8'));
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.triggers).toHaveLength(10);
    expect(manifest.actions).toHaveLength(31);
  });

  it('authenticates with a secret key and an optional webhook signing secret filled by registration', () => {
    expect(stripe.manifest.auth.kind).toBe('api-key');
    expect(stripe.manifest.auth.fields).toEqual([
      expect.objectContaining({ key: 'secretKey', secret: true, required: true }),
      expect.objectContaining({
        key: 'webhookSecret',
        secret: true,
        required: false,
        filledByRegistration: true,
        description: expect.stringContaining('whsec_'),
      }),
    ]);
  });

  it('offers webhook verification and a connection test', () => {
    expect(typeof stripe.webhook?.verify).toBe('function');
    expect(typeof stripe.testConnection).toBe('function');
  });

  it('is the package default export and the named export `stripe`', () => {
    expect(entry.default).toBe(stripe);
    expect(entry.stripe).toBe(stripe);
  });
});
