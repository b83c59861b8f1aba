/**
 * The retry policy a user gets with no `WIREUP_RETRY_*` variable set: `wireup start` as a child
 * process with those variables unset, Kustomer answering 500 three times then 200. The four
 * attempts are spread over the default backoff (500 ms doubling, full jitter), not fired at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { stripeEvent, failedCharge, postSigned, callApi, type Harness } from '../testing/harness.ts';
import { waitForRun } from '../testing/wait-for-run.ts';
import { setUpScenario } from '../testing/scenario.ts';
import { spawnWireup, type WireupProcess } from '../testing/spawn-wireup.ts';

/** Empty means unset to `loadConfig`, exactly as an absent variable. */
const retryVariablesUnset = {
  WIREUP_RETRY_MAX_ATTEMPTS: '',
  WIREUP_RETRY_INITIAL_DELAY_MS: '',
  WIREUP_RETRY_MAX_DELAY_MS: '',
};

describe('retries with the default policy (wireup start, no WIREUP_RETRY_* set)', () => {
  let kustomer: FakeKustomer;
  let dataDir: string;
  let proc: WireupProcess | undefined;
  beforeAll(async () => {
    kustomer = await createFakeKustomer({ apiKey: 'kustomer-test-key' });
    dataDir = mkdtempSync(join(tmpdir(), 'wireup-retry-defaults-'));
    proc = await spawnWireup(dataDir, retryVariablesUnset);
  });
  afterAll(async () => {
    proc?.kill('SIGKILL');
    await kustomer?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('three 500s then 200: four attempts spread over hundreds of milliseconds, then success', async () => {
    const h = {
      kustomer,
      api: (m: string, p: string, b?: unknown) => callApi(proc!.url, m, p, b),
    } as unknown as Harness;
    const s = await setUpScenario(h);
    kustomer.failNext(3, {
      status: 500,
      path: '/v1/conversations',
      body: { status: 500, code: 'internal_error', title: 'Internal Server Error', detail: 'database timeout' },
    });
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_default_backoff' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const run = await waitForRun(h, s.workflowId, {
      eventId: event.id,
      status: ['succeeded', 'failed'],
      timeoutMs: 20_000,
    });
    expect(run.status).toBe('succeeded');
    const calls = kustomer.requests.filter((r) => r.method === 'POST' && r.path === '/v1/conversations');
    expect(calls).toHaveLength(4);
    // Waits are drawn from [0, 500), [0, 1000), [0, 2000) ms: their sum is below 100 ms about once in 6,000 runs.
    // Without the defaults (NaN backoff) the four calls land within ~15 ms.
    expect(calls[3].receivedAt - calls[0].receivedAt).toBeGreaterThanOrEqual(100);
    expect(kustomer.conversations).toHaveLength(1);
  }, 60_000);
});
