/**
 * `/metrics` of a real `wireup start`: guarded by the API token unless WIREUP_METRICS_PUBLIC=true,
 * and requests naming made-up connectors add no series.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testToken } from '../testing/harness.ts';
import { spawnWireup, type WireupProcess } from '../testing/spawn-wireup.ts';

const authorized = { authorization: `Bearer ${testToken}` };
/** The Wireup series (name and labels) of a scrape; default process metrics left out. */
const wireupSeries = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('wireup_'))
    .map((l) => l.slice(0, l.lastIndexOf(' ')));

describe('/metrics of wireup start', () => {
  const dirs: string[] = [];
  const procs: WireupProcess[] = [];
  const spawn = async (env: Record<string, string> = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'wireup-metrics-'));
    dirs.push(dir);
    const proc = await spawnWireup(dir, env);
    procs.push(proc);
    return proc;
  };
  let proc: WireupProcess;
  beforeAll(async () => {
    proc = await spawn();
  });
  afterAll(async () => {
    for (const p of procs) {
      p.kill('SIGKILL');
      await p.exited;
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('needs the API token by default', async () => {
    const refused = await fetch(`${proc.url}/metrics`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as any).error.code).toBe('UNAUTHORIZED');
    const scraped = await fetch(`${proc.url}/metrics`, { headers: authorized });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await scraped.text();
    expect(text).toMatch(/^# TYPE wireup_webhook_deliveries_total counter$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('50 webhook posts to made-up connectors add no label values', async () => {
    const probe = (i: number) =>
      fetch(`${proc.url}/v1/webhooks/zz${i}probe/t`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
    expect((await probe(0)).status).toBe(404);
    const before = wireupSeries(await (await fetch(`${proc.url}/metrics`, { headers: authorized })).text());
    for (let i = 1; i <= 50; i += 1) expect((await probe(i)).status).toBe(404);
    const text = await (await fetch(`${proc.url}/metrics`, { headers: authorized })).text();
    expect(wireupSeries(text)).toEqual(before);
    expect(text).toContain('wireup_webhook_deliveries_total{connector="unknown",result="UNKNOWN_WEBHOOK"} 51');
    expect(text).not.toMatch(/probe/);
  });

  it('is open with WIREUP_METRICS_PUBLIC=true', async () => {
    const open = await spawn({ WIREUP_METRICS_PUBLIC: 'true' });
    const res = await fetch(`${open.url}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^# TYPE wireup_runs_finished_total counter$/m);
    // Only /metrics is opened: the API still needs the token.
    expect((await fetch(`${open.url}/v1/runs`)).status).toBe(401);
  });
});
