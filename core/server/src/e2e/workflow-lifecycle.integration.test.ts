/**
 * The workflow lifecycle through the API of a real `wireup start`: publish, unpublish and delete
 * go through the engine's lifecycle service, whose events the pair pages (rebuilt) and the
 * metrics (`wireup_workflow_events_total`) follow; refused changes announce nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { callApi, eventually, stripeWebhookSecret, testToken } from '../testing/harness.ts';
import { spawnWireup, type WireupProcess } from '../testing/spawn-wireup.ts';

const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

describe('workflow lifecycle of wireup start', () => {
  let kustomer: FakeKustomer;
  let dataDir: string;
  let proc: WireupProcess;
  const api = (method: string, path: string, body?: unknown) => callApi(proc.url, method, path, body);
  /** The lifecycle counters of a scrape: `{published, unpublished, deleted}` (0 when absent). */
  const lifecycleCounts = async () => {
    const scrape = await (
      await fetch(`${proc.url}/metrics`, { headers: { authorization: `Bearer ${testToken}` } })
    ).text();
    const count = (event: string) =>
      Number(new RegExp(`^wireup_workflow_events_total\\{event="${event}"\\} (\\d+)$`, 'm').exec(scrape)?.[1] ?? 0);
    return { published: count('published'), unpublished: count('unpublished'), deleted: count('deleted') };
  };
  const mostUsed = async () =>
    /Most-used pairing: ([^.]*)\./.exec(
      text(await (await fetch(`${proc.url}/integrations/stripe/with/kustomer/`)).text()),
    )?.[1];
  let workflow: { name: string; trigger: unknown; steps: unknown[] };

  beforeAll(async () => {
    kustomer = await createFakeKustomer({ apiKey: 'kustomer-test-key' });
    dataDir = mkdtempSync(join(tmpdir(), 'wireup-lifecycle-'));
    proc = await spawnWireup(dataDir);
    const stripe = await api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'Stripe',
      auth: { secretKey: 'sk_test_123', webhookSecret: stripeWebhookSecret },
    });
    const kc = await api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'Kustomer',
      auth: { apiKey: 'kustomer-test-key', baseUrl: kustomer.url },
    });
    expect([stripe.status, kc.status]).toEqual([201, 201]);
    workflow = {
      name: 'New customers to Kustomer',
      trigger: { connector: 'stripe', trigger: 'new-customer', connection: stripe.body.id },
      steps: [
        {
          id: 'mirror',
          type: 'action',
          connector: 'kustomer',
          action: 'create-customer',
          connection: kc.body.id,
          input: { name: '{{trigger.data.object.name}}' },
        },
      ],
    };
  }, 60_000);
  afterAll(async () => {
    proc?.kill('SIGKILL');
    await proc?.exited;
    await kustomer?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publish announces workflow.published: the metrics count it and the pair pages are rebuilt', async () => {
    expect(await mostUsed()).not.toBe('New customer → Create customer');
    const created = await api('POST', '/v1/workflows', workflow);
    expect(created.status).toBe(201);
    const published = await api('POST', `/v1/workflows/${created.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      id: created.body.id,
      version: 1,
      status: 'published',
      webhook: { managed: false, events: ['customer.created'] },
    });
    expect(await lifecycleCounts()).toEqual({ published: 1, unpublished: 0, deleted: 0 });
    await eventually(
      async () => ((await mostUsed()) === 'New customer → Create customer' ? true : undefined),
      15_000,
      'the rebuilt pair page',
    );

    // Unpublished, the workflow no longer counts towards the most-used pairing.
    const unpublished = await api('POST', `/v1/workflows/${created.body.id}/unpublish`);
    expect(unpublished.body).toMatchObject({ status: 'draft', publishedVersion: null });
    expect((await api('POST', `/v1/workflows/${created.body.id}/unpublish`)).status).toBe(200);
    expect(await lifecycleCounts()).toEqual({ published: 1, unpublished: 1, deleted: 0 });
    await eventually(
      async () => ((await mostUsed()) !== 'New customer → Create customer' ? true : undefined),
      15_000,
      'the page rebuilt after unpublish',
    );
  }, 60_000);

  it('refusals announce nothing: an invalid draft, a published workflow deleted, a missing one', async () => {
    const before = await lifecycleCounts();
    const broken = await api('POST', '/v1/workflows?partial=true', {
      ...workflow,
      steps: [{ ...(workflow.steps[0] as object), connection: 'conn_gone' }],
    });
    expect(broken.status).toBe(201);
    const refused = await api('POST', `/v1/workflows/${broken.body.id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'WORKFLOW_INVALID',
      details: [expect.objectContaining({ path: '/steps/0/connection' })],
    });

    const live = await api('POST', '/v1/workflows', workflow);
    expect((await api('POST', `/v1/workflows/${live.body.id}/publish`)).status).toBe(200);
    const published = await api('DELETE', `/v1/workflows/${live.body.id}`);
    expect([published.status, published.body.error.code]).toEqual([409, 'WORKFLOW_PUBLISHED']);
    const missing = await api('POST', '/v1/workflows/wf_missing/publish');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(await lifecycleCounts()).toEqual({ ...before, published: before.published + 1 });

    expect((await api('DELETE', `/v1/workflows/${broken.body.id}`)).status).toBe(204);
    expect((await api('DELETE', `/v1/workflows/${broken.body.id}`)).status).toBe(404);
    expect(await lifecycleCounts()).toEqual({ ...before, published: before.published + 1, deleted: 1 });
  }, 60_000);
});
