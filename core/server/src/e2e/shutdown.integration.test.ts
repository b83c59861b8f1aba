/**
 * SIGTERM on a real `wireup start`: it stops accepting connections, answers the request in
 * flight, lets running runs finish within WIREUP_SHUTDOWN_TIMEOUT_MS and exits; whatever it
 * acknowledged completes, at once or after the next start, exactly once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import {
  stripeEvent,
  failedCharge,
  postSigned,
  eventually,
  callApi,
  stripeWebhookSecret,
  type Harness,
} from '../testing/harness.ts';
import { setUpScenario, type Scenario } from '../testing/scenario.ts';
import { spawnWireup, type WireupProcess } from '../testing/spawn-wireup.ts';

/** Starts a signed webhook POST and sends all but the last byte; `finish()` sends it and resolves with the answer. */
function halfSentWebhook(url: string, payload: string) {
  const { hostname, port, pathname } = new URL(url);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: stripeWebhookSecret });
  const socket = connect(Number(port), hostname);
  let answer = '';
  socket.on('data', (d) => {
    answer += d;
  });
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(answer)));
  const opened = new Promise<void>((resolve) =>
    socket.on('connect', () => {
      socket.write(
        `POST ${pathname} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nStripe-Signature: ${signature}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload.slice(0, -1)}`,
      );
      resolve();
    }),
  );
  return {
    opened,
    finish: () => {
      socket.write(payload.slice(-1));
      return closed;
    },
  };
}

const runsOf = async (url: string, workflowId: string) =>
  (await callApi(url, 'GET', `/v1/runs?workflow=${workflowId}&limit=500`)).body.data as Array<{
    status: string;
    event: { id: string };
  }>;

describe('SIGTERM on wireup start', () => {
  let kustomer: FakeKustomer;
  let dataDir: string;
  let proc: WireupProcess | undefined;
  beforeAll(async () => {
    kustomer = await createFakeKustomer({ apiKey: 'kustomer-test-key' });
  });
  afterEach(async () => {
    proc?.kill('SIGKILL');
    await proc?.exited;
    proc = undefined;
    kustomer.reset();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterAll(async () => kustomer?.close());

  async function start(env: Record<string, string> = {}): Promise<WireupProcess> {
    proc = await spawnWireup(dataDir, env);
    return proc;
  }
  const scenario = (p: WireupProcess) =>
    setUpScenario({
      kustomer,
      api: (m: string, path: string, b?: unknown) => callApi(p.url, m, path, b),
    } as unknown as Harness);

  it('answers the request in flight, refuses new connections, finishes the running runs and exits 0', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wireup-sigterm-'));
    const p = await start({ WIREUP_SHUTDOWN_TIMEOUT_MS: '15000' });
    const s: Scenario = await scenario(p);
    kustomer.reset();
    kustomer.setDelay(400); // runs are still calling Kustomer when SIGTERM arrives
    const events = Array.from({ length: 8 }, (_, i) =>
      stripeEvent('charge.failed', failedCharge({ id: `ch_term_${i}` })),
    );
    const answers = await Promise.all(events.map((e) => postSigned(s.webhookUrl, JSON.stringify(e))));
    expect(answers.map((a) => a.status)).toEqual(events.map(() => 200));
    const late = stripeEvent('charge.failed', failedCharge({ id: 'ch_in_flight' }));
    const inFlight = halfSentWebhook(s.webhookUrl, JSON.stringify(late));
    await inFlight.opened;
    await new Promise((r) => setTimeout(r, 100));

    p.kill('SIGTERM');
    await eventually(async () => (p.output().includes('Received SIGTERM') ? true : undefined), 5_000, 'the signal');
    const refused = await fetch(`${p.url}/healthz`).then(
      () => 'answered',
      (e: Error) => String((e.cause as { code?: string })?.code ?? e.message),
    );
    expect(refused).toBe('ECONNREFUSED');
    expect(await inFlight.finish()).toMatch(/^HTTP\/1\.1 200/);
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('Stopped.');
    // The runs that were calling Kustomer at SIGTERM finished before the exit (drained, not aborted).
    const finishedBeforeExit = kustomer.conversations.length;
    expect(finishedBeforeExit).toBeGreaterThan(0);

    // Every acknowledged event has its run once, finished before the exit or after the next start.
    kustomer.setDelay(0);
    const again = await start();
    const acknowledged = [...events, late].map((e) => e.id);
    const runs = await eventually(
      async () => {
        const all = await runsOf(again.url, s.workflowId);
        return all.length === acknowledged.length && all.every((r) => r.status === 'succeeded') ? all : undefined;
      },
      30_000,
      'every acknowledged event to run',
    );
    expect(runs.map((r) => r.event.id).sort()).toEqual([...acknowledged].sort());
    expect(kustomer.conversations).toHaveLength(acknowledged.length);
  }, 90_000);

  it('exits at WIREUP_SHUTDOWN_TIMEOUT_MS when a run does not finish, and the run completes after the next start', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wireup-sigterm-'));
    const p = await start({ WIREUP_SHUTDOWN_TIMEOUT_MS: '500' });
    const s = await scenario(p);
    kustomer.reset();
    kustomer.setDelay(20_000);
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_stuck' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    await eventually(async () => (kustomer.requests.length > 0 ? true : undefined), 10_000, 'the Kustomer call');

    const sent = Date.now();
    p.kill('SIGTERM');
    expect(await p.exited).toBe(1);
    expect(Date.now() - sent).toBeLessThan(5_000);
    expect(p.output()).toContain('WIREUP_SHUTDOWN_TIMEOUT_MS=500');

    kustomer.setDelay(0);
    const again = await start();
    const run = await eventually(
      async () => (await runsOf(again.url, s.workflowId)).find((r) => r.status === 'succeeded'),
      30_000,
      'the resumed run',
    );
    expect(run.event.id).toBe(event.id);
  }, 90_000);
});
