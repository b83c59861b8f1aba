/**
 * Nothing accepted is lost: the server is killed with SIGKILL after it acknowledged the event
 * and before the Kustomer call; after a restart the run completes, once.
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

describe('crash between accepting an event and the Kustomer call', () => {
  let kustomer: FakeKustomer;
  let dataDir: string;
  let proc: WireupProcess | undefined;
  beforeAll(async () => {
    kustomer = await createFakeKustomer({ apiKey: 'kustomer-test-key' });
    dataDir = mkdtempSync(join(tmpdir(), 'wireup-crash-'));
  });
  afterAll(async () => {
    proc?.kill('SIGKILL');
    await kustomer?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after SIGKILL and a restart, the run completes exactly once', async () => {
    // First process: ingest only, so the event is acknowledged but no worker touches it.
    proc = await spawnWireup(dataDir, { WIREUP_ROLE: 'ingest' });
    const h = {
      kustomer,
      api: (m: string, p: string, b?: unknown) => callApi(proc!.url, m, p, b),
    } as unknown as Harness;
    const s = await setUpScenario(h);
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_crash' }));
    const res = await postSigned(s.webhookUrl, JSON.stringify(event));
    expect(res.status).toBe(200);
    proc.kill('SIGKILL');
    await proc.exited;
    expect(kustomer.conversations).toHaveLength(0);

    // Restart on the same data folder as a full server: the accepted event must still run.
    proc = await spawnWireup(dataDir, { WIREUP_ROLE: 'all' });
    const run = await waitForRun(proc.url, s.workflowId, { status: 'succeeded', timeoutMs: 30_000 });
    expect(run.event.id).toBe(event.id);
    await new Promise((r) => setTimeout(r, 500));
    expect(kustomer.conversations).toHaveLength(1);
    const runs = (await callApi(proc.url, 'GET', `/v1/runs?workflow=${s.workflowId}`)).body.data;
    expect(runs).toHaveLength(1);
  }, 90_000);
});
