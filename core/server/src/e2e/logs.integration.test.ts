/**
 * The log of a real `wireup start` at debug through an e2e run: start-up, one line per request,
 * refused webhooks with their reason (never the body), retries and run failures; and no secret
 * used in the run (API token, secret key, Stripe secret key and webhook secret, Kustomer API key, the
 * webhook URL's token, the signatures) appears anywhere in its output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import {
  callApi,
  eventually,
  failedCharge,
  stripeEvent,
  stripeWebhookSecret,
  testToken,
  type Harness,
} from '../testing/harness.ts';
import type { RunStatus } from '@wireup/store';
import { waitForRun } from '../testing/wait-for-run.ts';
import { failedChargeWorkflow, setUpScenario, type Scenario } from '../testing/scenario.ts';
import { spawnWireup, type WireupProcess } from '../testing/spawn-wireup.ts';
import { kafkaMongoEnv } from '../testing/backends.ts';

/** The recipe's conversation step: the test makes Kustomer's POST /v1/conversations fail. */
const conversationStep = failedChargeWorkflow('s', 'k').steps.find(
  (step: any) => step.action === 'create-conversation',
) as { id: string; action: string };
const secretKey = randomBytes(32).toString('hex');
type LogRecord = { level: number; msg: string; [field: string]: unknown };
const INFO = 30;
const DEBUG = 20;

const backends: Array<[string, () => Record<string, string>, { store: string; bus: string }]> = [
  ['embedded default', () => ({}), { store: 'sqlite', bus: 'outbox' }],
  ['Kafka + MongoDB', () => kafkaMongoEnv('logs'), { store: 'mongodb', bus: 'kafka' }],
];

describe.each(backends)('logs of wireup start (%s)', (_name, backendEnv, adapters) => {
  let kustomer: FakeKustomer;
  let dataDir: string;
  let proc: WireupProcess;
  let s: Scenario;
  const signatures: string[] = [];
  const api = (method: string, path: string, body?: unknown) => callApi(proc.url, method, path, body);
  const records = (): LogRecord[] =>
    proc
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogRecord);
  const post = async (payload: string, secret = stripeWebhookSecret) => {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    signatures.push(signature);
    const res = await fetch(s.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signature,
        authorization: `Bearer ${testToken}`,
      },
      body: payload,
    });
    return res.status;
  };
  const runOf = (eventId: string, status: RunStatus[]) =>
    waitForRun(proc.url, s.workflowId, { eventId, status, timeoutMs: 20_000 });

  beforeAll(async () => {
    kustomer = await createFakeKustomer({ apiKey: 'kustomer-test-key' });
    dataDir = mkdtempSync(join(tmpdir(), 'wireup-logs-'));
    proc = await spawnWireup(dataDir, { ...backendEnv(), WIREUP_LOG_LEVEL: 'debug', WIREUP_SECRET_KEY: secretKey });
    s = await setUpScenario({ kustomer, api } as unknown as Harness);
  });
  afterAll(async () => {
    proc?.kill('SIGKILL');
    await proc?.exited;
    await kustomer?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs start-up with address, backends and role, as JSON lines', async () => {
    const started = await eventually(
      async () => records().find((r) => r.msg === 'Wireup started'),
      5000,
      'the start-up record',
    );
    expect(started).toMatchObject({
      level: INFO,
      url: proc.url,
      role: 'all',
      ...adapters,
      connectors: expect.arrayContaining([expect.stringMatching(/^stripe@/)]),
    });
  });

  it('logs retries and a failed run with its reason', async () => {
    kustomer.failNext(2, {
      status: 500,
      method: 'POST',
      path: '/v1/conversations',
      body: { errors: [{ status: 500, title: 'database timeout' }] },
    });
    const retried = stripeEvent('charge.failed', failedCharge({ id: 'ch_logs_retried' }));
    expect(await post(JSON.stringify(retried))).toBe(200);
    const ok = await runOf(retried.id, ['succeeded', 'failed']);
    expect(ok.status).toBe('succeeded');
    const retries = records().filter((r) => r.msg === 'action failed; retrying' && r.runId === ok.id);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
    expect(retries[0]).toMatchObject({
      level: INFO,
      component: 'engine',
      stepId: conversationStep.id,
      connector: 'kustomer',
      action: conversationStep.action,
      code: 'UPSTREAM_ERROR',
    });

    kustomer.failNext(1000, {
      status: 500,
      method: 'POST',
      path: '/v1/conversations',
      body: { errors: [{ status: 500, title: 'database timeout' }] },
    });
    const doomed = stripeEvent('charge.failed', failedCharge({ id: 'ch_logs_doomed' }));
    expect(await post(JSON.stringify(doomed))).toBe(200);
    const failed = await runOf(doomed.id, ['failed']);
    kustomer.reset();
    const line = await eventually(
      async () => records().find((r) => r.msg.startsWith('run failed') && r.runId === failed.id),
      5000,
      'the run-failed record',
    );
    expect(line).toMatchObject({
      level: 40,
      workflowId: s.workflowId,
      stepId: conversationStep.id,
      code: 'UPSTREAM_ERROR',
      reason: expect.stringMatching(/failed after \d+ attempts: Kustomer answered 500/),
    });
  });

  it('logs refused webhooks with the reason, never the body', async () => {
    const marker = 'BODY-MARKER-4c1f';
    expect(await post(JSON.stringify(stripeEvent('charge.failed', failedCharge({ id: marker }))), 'whsec_wrong')).toBe(
      400,
    );
    expect(await post(`not json ${marker}`)).toBe(400);
    const refused = await eventually(
      async () => {
        const found = records().filter((r) => r.msg === 'webhook refused');
        return found.length >= 2 ? found : undefined;
      },
      5000,
      'the refusals',
    );
    expect(refused[0]).toMatchObject({
      level: 40,
      connector: 'stripe',
      code: 'SIGNATURE_INVALID',
      status: 400,
      reason: expect.stringMatching(/does not match the body/),
    });
    expect(refused[1]).toMatchObject({ level: 40, connector: 'stripe', code: 'PAYLOAD_INVALID', status: 400 });
    expect(proc.output()).not.toContain(marker);
  });

  it('writes one line per request, health checks at debug, webhook tokens cut from URLs', async () => {
    await fetch(`${proc.url}/healthz`);
    await api('GET', '/v1/runs?status=failed');
    const lines = await eventually(
      async () => {
        const found = records().filter((r) => r.msg === 'request');
        return found.some((r) => r.route === '/healthz') && found.some((r) => r.url === '/v1/runs?status=failed')
          ? found
          : undefined;
      },
      5000,
      'the request records',
    );
    expect(lines.filter((r) => r.url === '/v1/runs?status=failed')).toHaveLength(1);
    expect(lines.find((r) => r.route === '/healthz')!.level).toBe(DEBUG);
    expect(lines.find((r) => r.url === '/v1/runs?status=failed')).toMatchObject({
      level: INFO,
      method: 'GET',
      route: '/v1/runs',
      status: 200,
    });
    const webhook = lines.find((r) => r.route === '/v1/webhooks/:hook/:token')!;
    expect(webhook.url).toBe('/v1/webhooks/stripe/[redacted]');
  });

  it('shows no secret used in the run anywhere in its output', () => {
    const output = proc.output();
    const urlToken = new URL(s.webhookUrl).pathname.split('/').pop()!;
    const secrets = [
      testToken,
      secretKey,
      'sk_test_123',
      stripeWebhookSecret,
      'kustomer-test-key',
      urlToken,
      ...signatures,
    ];
    expect(records().length).toBeGreaterThan(15);
    for (const secret of secrets) expect(output, `a secret (${secret.slice(0, 6)}…) in the log`).not.toContain(secret);
  });
});
