/**
 * Two `wireup start` processes sharing Kafka and MongoDB (real services), as a deployment of
 * several processes runs: a workflow published or unpublished through process A changes the
 * pair pages process B serves (the workflow events travel on the bus topic `workflows`), and the
 * metrics count each event once, in the process that took the change; "listen for a test event"
 * on process A hears a delivery process B took. (The embedded default's rebuild: pages.integration.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import {
  callApi,
  eventually,
  failedCharge,
  postSigned,
  stripeEvent,
  stripeWebhookSecret,
  testToken,
} from '../testing/harness.ts';
import { failedChargeWorkflow } from '../testing/scenario.ts';
import { spawnWireup, type WireupProcess } from '../testing/spawn-wireup.ts';
import { kafkaBrokers, kafkaMongoEnv } from '../testing/backends.ts';
import { Kafka, logLevel } from 'kafkajs';

const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
const newCustomers = /Most-used pairing: New customer → Create customer/i;

describe('two processes on one Kafka + MongoDB', () => {
  let kustomer: FakeKustomer;
  let a: WireupProcess;
  let b: WireupProcess;
  const dirs: string[] = [];
  const procs: WireupProcess[] = [];
  const backend = kafkaMongoEnv('crossproc');
  const env = { ...backend, WIREUP_SECRET_KEY: 'shared-secret-key-for-the-cluster' };
  const spawnOne = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wireup-crossproc-'));
    dirs.push(dir);
    const p = await spawnWireup(dir, env, 60_000);
    procs.push(p);
    return p;
  };
  const must = async (url: string, method: string, path: string, body?: unknown) => {
    const r = await callApi(url, method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const pairPage = async (url: string) => text(await (await fetch(`${url}/integrations/stripe/with/kustomer/`)).text());
  const metrics = async (url: string) =>
    (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${testToken}` } })).text();
  const counted = (metricsText: string, event: string) =>
    Number(new RegExp(`wireup_workflow_events_total\\{event="${event}"\\} (\\d+)`).exec(metricsText)?.[1] ?? 0);

  let stripeConnection: string;
  let kustomerConnection: string;
  beforeAll(async () => {
    kustomer = await createFakeKustomer({ apiKey: 'kustomer-test-key' });
    // One after the other: the first sets the database up (FerretDB drops connections under concurrent set-up).
    a = await spawnOne();
    b = await spawnOne();
    stripeConnection = (
      await must(a.url, 'POST', '/v1/connections', {
        connector: 'stripe',
        name: 'Stripe test',
        auth: { secretKey: 'sk_test_123', webhookSecret: stripeWebhookSecret },
      })
    ).id;
    kustomerConnection = (
      await must(a.url, 'POST', '/v1/connections', {
        connector: 'kustomer',
        name: 'Kustomer',
        auth: { apiKey: 'kustomer-test-key', baseUrl: kustomer.url },
      })
    ).id;
  }, 150_000);
  afterAll(async () => {
    for (const p of procs) p.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    await kustomer?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("rebuilds process B's pair pages after a publish and an unpublish through process A; counts each event once", async () => {
    expect(await pairPage(b.url)).not.toMatch(newCustomers);
    const workflow = await must(a.url, 'POST', '/v1/workflows', {
      name: 'New customers to Kustomer',
      trigger: { connector: 'stripe', trigger: 'new-customer', connection: stripeConnection },
      steps: [
        {
          id: 'mirror',
          type: 'action',
          connector: 'kustomer',
          action: 'create-customer',
          connection: kustomerConnection,
          input: { name: '{{trigger.data.object.name}}' },
        },
      ],
    });
    await must(a.url, 'POST', `/v1/workflows/${workflow.id}/publish`);
    await eventually(
      async () => (newCustomers.test(await pairPage(b.url)) ? true : undefined),
      20_000,
      "process B's rebuilt pair page",
    );

    await must(a.url, 'POST', `/v1/workflows/${workflow.id}/unpublish`);
    await eventually(
      async () => (newCustomers.test(await pairPage(b.url)) ? undefined : true),
      20_000,
      "process B's pair page without the unpublished workflow",
    );

    const [onA, onB] = [await metrics(a.url), await metrics(b.url)];
    expect(counted(onA, 'published')).toBe(1);
    expect(counted(onA, 'unpublished')).toBe(1);
    expect(counted(onB, 'published')).toBe(0);
    expect(counted(onB, 'unpublished')).toBe(0);
  }, 60_000);

  it('hears on process A a test event delivered to process B', async () => {
    const draft = await must(
      a.url,
      'POST',
      '/v1/workflows',
      failedChargeWorkflow(stripeConnection, kustomerConnection),
    );
    const { webhookUrl } = await must(a.url, 'GET', `/v1/connections/${stripeConnection}`);
    const toB = `${b.url}${new URL(webhookUrl).pathname}`;
    const sent: string[] = [];
    let heard: { status: number; body: any } | undefined;
    // As a user does: listen in the editor (process A), then have the provider send events, which reach process B.
    for (let attempt = 0; attempt < 3 && heard?.status !== 200; attempt++) {
      const listening = callApi(a.url, 'GET', `/v1/workflows/${draft.id}/test-event?timeoutMs=8000`).then((r) => {
        heard = r;
      });
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 20 && !heard; i++) {
        const event = stripeEvent('charge.failed', failedCharge({ id: `ch_cross_${attempt}_${i}` }));
        expect((await postSigned(toB, JSON.stringify(event))).status).toBe(200);
        sent.push(event.id);
        await new Promise((r) => setTimeout(r, 300));
      }
      await listening;
    }
    expect(heard?.status).toBe(200);
    expect(sent).toContain(heard!.body.event.id);
    expect(heard!.body.event).toMatchObject({
      type: 'charge.failed',
      payload: { data: { object: { object: 'charge' } } },
    });
  }, 60_000);

  it('a process stopped with SIGTERM removes the consumer groups that were its alone', async () => {
    const admin = new Kafka({ brokers: kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      // Groups per process (it hears every marketplace and workflow event), by kind: marketplace-<id>, workflows-<id>.
      const perProcess = async () => {
        const prefix = backend['WIREUP_KAFKA_TOPIC_PREFIX'] ?? '';
        const ids = (await admin.listGroups()).groups
          .filter((g) => prefix && g.groupId.startsWith(prefix))
          .map((g) => g.groupId.slice(prefix.length))
          .filter((id) => /^(marketplace|workflows)-/.test(id));
        return {
          marketplace: ids.filter((id) => id.startsWith('marketplace-')).length,
          workflows: ids.filter((id) => id.startsWith('workflows-')).length,
        };
      };
      expect(await perProcess()).toEqual({ marketplace: 2, workflows: 2 });
      b.kill('SIGTERM');
      expect(await b.exited).toBe(0);
      expect(await perProcess()).toEqual({ marketplace: 1, workflows: 1 });
    } finally {
      await admin.disconnect();
    }
  }, 60_000);
});
