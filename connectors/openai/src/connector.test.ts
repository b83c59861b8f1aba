import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertValidManifest, AuthenticationError, EgressRefusedError } from '@wireup/sdk';
import { createHttpClient } from '@wireup/testing';
import { connectorFiles, staleFiles } from '@wireup/sdk/codegen';
import { createFakeOpenAI, type FakeOpenAI } from '@wireup/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from './connector.ts';
import { readFileSync } from 'node:fs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('openai manifest', () => {
  it('is valid, versioned like its package, with one chat action and the three auth fields', () => {
    expect(() => assertValidManifest(connector.manifest)).not.toThrow();
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    expect(connector.manifest).toMatchObject({ name: 'openai', version: pkg.version });
    expect(connector.manifest.actions.map((a) => a.key)).toEqual(['chat']);
    expect(connector.manifest.auth.fields.map((f) => [f.key, f.secret, f.required, f.default])).toEqual([
      ['apiKey', true, true, undefined],
      ['baseUrl', false, false, 'https://api.openai.com/v1'],
      ['model', false, false, 'gpt-4o-mini'],
    ]);
  });

  it('manifest.json and src/generated/types.ts are up to date (run npm run codegen in connectors/openai)', async () => {
    expect(await staleFiles(await connectorFiles(connector, packageDir))).toEqual([]);
  });
});

describe('connection test', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await createFakeOpenAI({ apiKey: 'sk-conn-test-key' });
  });
  afterAll(() => fake.close());
  const http = createHttpClient({ allowPrivate: true, defaultTimeoutMs: 5_000 });

  it('lists the models with the key', async () => {
    await connector.testConnection!({ auth: { apiKey: 'sk-conn-test-key', baseUrl: fake.url }, http });
    expect(fake.modelListings).toBe(1);
  });

  it('says the key was refused', async () => {
    const error = await connector.testConnection!({
      auth: { apiKey: 'sk-wrong-key-0000', baseUrl: fake.url },
      http,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/refused the API key \(401 on GET \/models\): Incorrect API key provided/);
  });

  it('goes through the egress guard', async () => {
    const before = fake.modelListings;
    const guarded = createHttpClient({ allowPrivate: false });
    const error = await connector.testConnection!({
      auth: { apiKey: 'sk-conn-test-key', baseUrl: fake.url },
      http: guarded,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EgressRefusedError);
    expect(fake.modelListings).toBe(before);
  });
});
