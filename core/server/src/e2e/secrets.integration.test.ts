/**
 * Sealed secrets at rest: each is bound to its connection (swapped between rows it does not
 * open), old v1 values are re-sealed at start-up, a passphrase key uses scrypt over a random
 * salt kept in the store, and `wireup secrets rotate` re-seals every connection under a new key
 * while the server keeps running workflows.
 */
import { spawn } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { createSqliteStore } from '@wireup/store-sqlite';
import type { Store } from '@wireup/store';
import {
  startHarness,
  testEnv,
  stripeEvent,
  failedCharge,
  postSigned,
  eventually,
  type Harness,
} from '../testing/harness.ts';
import { setUpScenario } from '../testing/scenario.ts';
import { repoRoot } from '../testing/spawn-wireup.ts';
import { keyId, SALT_KEY } from '../secret-keys.ts';

const K1 = randomBytes(32).toString('hex');
const K2 = randomBytes(32).toString('hex');

/** Opens the data folder's store while no server is running on it. */
async function withStore<T>(dataDir: string, use: (store: Store) => Promise<T>): Promise<T> {
  const store = createSqliteStore({ path: join(dataDir, 'wireup.db') });
  await store.start();
  try {
    return await use(store);
  } finally {
    await store.stop();
  }
}

/** A value sealed as format v1 did: AES-256-GCM with no binding and no key id. */
function sealV1(keyHex: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(
    '.',
  );
}

function rotate(dataDir: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'core/server/src/cli/wireup.ts'), 'secrets', 'rotate'],
      {
        cwd: repoRoot,
        env: { ...testEnv(dataDir), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('sealed secrets', () => {
  let kustomer: FakeKustomer;
  const dirs: string[] = [];
  const newDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'wireup-secrets-'));
    dirs.push(d);
    return d;
  };
  let h: Harness | undefined;
  beforeAll(async () => {
    kustomer = await createFakeKustomer({ apiKey: 'kustomer-test-key' });
  });
  afterAll(async () => {
    await h?.close();
    await kustomer?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const restart = async (dataDir: string, secretKey: string, secretKeyFallbacks?: string[]) => {
    await h?.close();
    h = await startHarness({ secretKey, secretKeyFallbacks }, { dataDir, kustomer });
    return h;
  };
  const kustomerConnection = async (name: string, apiKey = 'kustomer-test-key') =>
    (
      await h!.api('POST', '/v1/connections', {
        connector: 'kustomer',
        name,
        test: false,
        auth: { apiKey, baseUrl: kustomer.url },
      })
    ).body.id as string;

  it("a sealed value copied into another connection's row does not open there", async () => {
    const dataDir = newDir();
    await restart(dataDir, K1);
    const a = await kustomerConnection('A');
    const b = await kustomerConnection('B', 'another-key');
    await h!.close();
    h = undefined;
    await withStore(dataDir, async (store) => {
      const sealedA = (await store.connections.get(a))!.authCiphertext;
      await store.connections.update(b, { authCiphertext: sealedA });
    });
    await restart(dataDir, K1);
    const swapped = await h!.api('GET', `/v1/connections/${b}`);
    expect(swapped.status).toBe(500);
    expect(swapped.body.error).toMatchObject({
      code: 'SECRET_UNREADABLE',
      message: expect.stringMatching(/belongs to another connection/),
    });
    expect((await h!.api('GET', `/v1/connections/${a}`)).status).toBe(200);
  });

  it('re-seals a v1 value (no binding) as v2 at start-up; the key inside still works', async () => {
    const dataDir = newDir();
    await restart(dataDir, K1);
    const c = await kustomerConnection('C');
    await h!.close();
    h = undefined;
    await withStore(dataDir, (store) =>
      store.connections.update(c, {
        authCiphertext: sealV1(K1, { apiKey: 'kustomer-test-key', baseUrl: kustomer.url }),
      }),
    );
    await restart(dataDir, K1);
    const checked = await h!.api('PUT', `/v1/connections/${c}`, { auth: { baseUrl: kustomer.url } });
    expect(checked.status).toBe(200);
    expect(kustomer.requests.at(-1)?.headers.authorization).toBe('Bearer kustomer-test-key');
    await h!.close();
    h = undefined;
    expect(await withStore(dataDir, async (store) => (await store.connections.get(c))!.authCiphertext)).toMatch(
      new RegExp(`^v2\\.${keyId(Buffer.from(K1, 'hex'))}\\.`),
    );
  });

  it('a passphrase key is stretched with scrypt over a random salt kept in the store', async () => {
    const [one, two] = [newDir(), newDir()];
    for (const dataDir of [one, two]) {
      await restart(dataDir, 'correct horse battery staple');
      await kustomerConnection('P');
    }
    await h!.close();
    h = undefined;
    const salts = await Promise.all([one, two].map((d) => withStore(d, (store) => store.kv.get<string>(SALT_KEY))));
    expect(salts[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(salts[1]).toMatch(/^[0-9a-f]{32}$/);
    expect(salts[0]).not.toBe(salts[1]);
    await restart(one, 'correct horse battery staple');
    expect((await h!.api('GET', '/v1/connections')).body.data[0].secrets).toEqual({
      apiKey: 'set',
      webhookToken: 'unset',
    });
    await restart(one, 'a different passphrase');
    expect((await h!.api('GET', '/v1/connections')).body.error.code).toBe('SECRET_UNREADABLE');
  });

  it('wireup secrets rotate re-seals every connection under the new key while workflows keep running', async () => {
    const dataDir = newDir();
    await restart(dataDir, K1);
    const s = await setUpScenario(h!);
    const runsSucceeded = async (n: number) =>
      eventually(
        async () => {
          const runs = (await h!.api('GET', `/v1/runs?workflow=${s.workflowId}`)).body.data;
          return runs.filter((r: any) => r.status === 'succeeded').length >= n ? true : undefined;
        },
        15_000,
        `${n} succeeded runs`,
      );
    const hook = () => `${h!.wireup.url}${new URL(s.webhookUrl).pathname}`;
    // Step 1 (one process: a restart): seal with the new key, open with the old one too.
    await restart(dataDir, K2, [K1]);
    const rotation = rotate(dataDir, { WIREUP_SECRET_KEY: K2, WIREUP_SECRET_KEY_FALLBACKS: K1 });
    // The server keeps answering and running while the rotation runs beside it.
    expect(
      (await postSigned(hook(), JSON.stringify(stripeEvent('charge.failed', failedCharge({ id: 'ch_during' })))))
        .status,
    ).toBe(200);
    await runsSucceeded(1);
    const { code, out } = await rotation;
    expect(out).toContain(`Re-sealed 2 of 2 connection(s) under key ${keyId(Buffer.from(K2, 'hex'))}`);
    expect(code).toBe(0);
    // Step 2: the old key is gone; everything still opens and runs.
    await restart(dataDir, K2);
    const list = (await h!.api('GET', '/v1/connections')).body.data;
    expect(list.map((c: any) => c.secrets.apiKey ?? c.secrets.secretKey)).toEqual(['set', 'set']);
    expect(
      (await postSigned(hook(), JSON.stringify(stripeEvent('charge.failed', failedCharge({ id: 'ch_after' }))))).status,
    ).toBe(200);
    await runsSucceeded(2);
  }, 60_000);
});
