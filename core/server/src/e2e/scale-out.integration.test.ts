/**
 * Scale-out on Kafka + MongoDB: one ingest process and two worker processes in one consumer
 * group share the work. 1,000 signed events give exactly 1,000 completed runs and 1,000
 * Kustomer conversations, also when one worker is killed with SIGKILL halfway through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import {
  stripeEvent,
  failedCharge,
  eventually,
  callApi,
  stripeWebhookSecret,
  testToken,
  type Harness,
} from '../testing/harness.ts';
import { setUpScenario } from '../testing/scenario.ts';
import { spawnWireup, type WireupProcess } from '../testing/spawn-wireup.ts';
import { kafkaMongoEnv } from '../testing/backends.ts';

const EVENTS = Number(process.env.SCALE_OUT_EVENTS ?? 1000);

async function countRuns(url: string, workflowId: string, status?: string): Promise<number> {
  let total = 0;
  let before: string | null = null;
  do {
    const query = `/v1/runs?workflow=${workflowId}&limit=500${status ? `&status=${status}` : ''}${before ? `&before=${before}` : ''}`;
    const page: { data: unknown[]; next: string | null } = (await callApi(url, 'GET', query)).body;
    total += page.data.length;
    before = page.next;
  } while (before);
  return total;
}

async function metric(url: string, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${testToken}` } })).text();
  return Number(pattern.exec(text)?.[1] ?? 0);
}

describe('two workers share the work and survive one being killed', () => {
  let kustomer: FakeKustomer;
  const dirs: string[] = [];
  const procs: WireupProcess[] = [];
  const env = kafkaMongoEnv('scaleout');
  const spawnRole = async (role: string) => {
    const dir = mkdtempSync(join(tmpdir(), `wireup-${role}-`));
    dirs.push(dir);
    const p = await spawnWireup(
      dir,
      { ...env, WIREUP_ROLE: role, WIREUP_SECRET_KEY: 'shared-secret-key-for-the-cluster' },
      60_000,
    );
    procs.push(p);
    return p;
  };
  beforeAll(async () => {
    kustomer = await createFakeKustomer({ apiKey: 'kustomer-test-key' });
  });
  afterAll(async () => {
    for (const p of procs) p.kill('SIGKILL');
    await kustomer?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it(`${EVENTS} events → ${EVENTS} runs and ${EVENTS} conversations, one worker SIGKILLed halfway`, async () => {
    const ingest = await spawnRole('ingest');
    const h = {
      kustomer,
      api: (m: string, p: string, b?: unknown) => callApi(ingest.url, m, p, b),
    } as unknown as Harness;
    const s = await setUpScenario(h);
    const [workerA, workerB] = [await spawnRole('worker'), await spawnRole('worker')];

    const bodies = Array.from({ length: EVENTS }, (_, i) =>
      JSON.stringify(stripeEvent('charge.failed', failedCharge({ id: `ch_scale_${i}` }), `evt_scale_${i}`)),
    );
    let next = 0;
    let killed = false;
    const send = async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: stripeWebhookSecret });
        for (;;) {
          const res = await fetch(s.webhookUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'stripe-signature': signature },
            body,
          });
          await res.arrayBuffer();
          if (res.status === 200) break;
          await new Promise((r) => setTimeout(r, 200)); // as a provider would: retry until acknowledged
        }
      }
    };
    // Halfway through the work, worker B dies without a chance to clean up.
    let workerBFinished = 0;
    const killer = eventually(
      async () => (kustomer.conversations.length >= EVENTS / 2 ? true : undefined),
      400_000,
      'half of the conversations',
    ).then(async () => {
      workerBFinished = await metric(workerB.url, /wireup_runs_finished_total\{status="succeeded"\} (\d+)/);
      workerB.kill('SIGKILL');
      killed = true;
    });
    await Promise.all(Array.from({ length: 16 }, send));
    await killer;
    expect(workerBFinished, 'worker B did part of the work before it was killed').toBeGreaterThan(0);
    const progress = setInterval(() => {
      if (process.env.SCALE_OUT_DEBUG)
        console.log(new Date().toISOString(), 'conversations', kustomer.conversations.length);
    }, 5000);
    await eventually(
      async () => (kustomer.conversations.length >= EVENTS ? true : undefined),
      480_000,
      `${EVENTS} conversations`,
    )
      .catch(async (error) => {
        const statuses = Object.fromEntries(
          await Promise.all(
            ['queued', 'running', 'succeeded', 'failed'].map(async (st) => [
              st,
              await countRuns(ingest.url, s.workflowId, st),
            ]),
          ),
        );
        throw new Error(
          `${(error as Error).message}: ${kustomer.conversations.length} conversations, runs ${JSON.stringify(statuses)}\nworker A:\n${workerA.output().slice(-3000)}`,
        );
      })
      .finally(() => clearInterval(progress));
    await eventually(
      async () => ((await countRuns(ingest.url, s.workflowId, 'succeeded')) === EVENTS ? true : undefined),
      120_000,
      `${EVENTS} succeeded runs`,
    );
    await new Promise((r) => setTimeout(r, 2000));

    expect(killed).toBe(true);
    expect(await countRuns(ingest.url, s.workflowId)).toBe(EVENTS);
    const names = kustomer.conversations.map((c) => c.attributes.name as string);
    expect(new Set(names).size).toBe(EVENTS);
    expect(names.length).toBe(EVENTS);
    expect(await metric(workerA.url, /wireup_runs_finished_total\{status="succeeded"\} (\d+)/)).toBeGreaterThan(0);
  }, 1_200_000);
});
