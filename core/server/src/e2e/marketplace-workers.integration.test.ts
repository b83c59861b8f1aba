/**
 * The marketplace on Kafka + MongoDB: an ingest process and two worker processes, each with its
 * own data folder, started before anything is installed. An install over the API is followed by
 * both workers without a restart (a domain event on the bus's `marketplace` topic; they read the
 * installation from the Store and fetch the package from the registry by its integrity), and the workflow's runs execute on them; a
 * removal is followed the same way. Real Verdaccio (embedded in the test), real Kafka and
 * FerretDB (tools/services).
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRegistryClient,
  publishConnector,
  startEmbeddedRegistry,
  type EmbeddedRegistry,
  type RegistryClient,
} from '@wireup/marketplace';
import { scaffoldWithTwoActions, setConnectorSource, tempWorkspace } from '@wireup/marketplace/testing';
import { callApi, eventually } from '../testing/harness.ts';
import { spawnWireup, type WireupProcess } from '../testing/spawn-wireup.ts';
import { kafkaMongoEnv } from '../testing/backends.ts';

const webhookSecret = 'acme-signing-secret';
let registry: EmbeddedRegistry;
let client: RegistryClient;
let workspace: { root: string; remove(): Promise<void> };
let connectorDir: string;
let api: Server;
let apiUrl: string;
let archived = 0;
const dirs: string[] = [mkdtempSync(join(tmpdir(), 'wireup-e2e-verdaccio-'))];
const procs: WireupProcess[] = [];

beforeAll(async () => {
  [registry, workspace] = await Promise.all([startEmbeddedRegistry({ storage: dirs[0], port: 0 }), tempWorkspace()]);
  client = createRegistryClient({ url: registry.url });
  api = createServer((req, res) => {
    if (req.url === '/v1/items/archive') archived++;
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'item_1', name: 'n', createdAt: '2026-01-01T00:00:00.000Z' }));
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  connectorDir = await scaffoldWithTwoActions(workspace.root, 'acme-crm');
  await publishConnector(connectorDir, client);
}, 120_000);

afterAll(async () => {
  for (const p of procs) p.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exited));
  await new Promise((r) => api?.close(r));
  await registry?.stop();
  await workspace?.remove();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('marketplace on Kafka + MongoDB with two workers', () => {
  it('workers pick up an installation and a removal without a restart, and run the workflow', async () => {
    const env = {
      ...kafkaMongoEnv('marketplace'),
      WIREUP_REGISTRY_URL: registry.url,
      WIREUP_SECRET_KEY: 'shared-secret-key-for-the-cluster',
    };
    const spawnRole = async (role: string) => {
      const dir = mkdtempSync(join(tmpdir(), `wireup-${role}-`));
      dirs.push(dir);
      const p = await spawnWireup(dir, { ...env, WIREUP_ROLE: role }, 90_000);
      procs.push(p);
      return p;
    };
    // One after the other, as in scale-out: the first sets the database up (FerretDB drops connections under concurrent set-up).
    const ingest = await spawnRole('ingest');
    const workerA = await spawnRole('worker');
    const workerB = await spawnRole('worker');
    const must = async (url: string, method: string, path: string, body?: unknown) => {
      const r = await callApi(url, method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const versionOn = async (url: string) =>
      (await callApi(url, 'GET', '/v1/connectors/acme-crm')).body?.version as string | undefined;

    expect(await versionOn(workerA.url)).toBeUndefined();
    expect((await callApi(ingest.url, 'POST', '/v1/connectors', { name: '@wireup/connector-acme-crm' })).status).toBe(
      201,
    );
    for (const worker of [workerA, workerB]) {
      await eventually(
        async () => ((await versionOn(worker.url)) === '1.0.0' ? true : undefined),
        10_000,
        'a worker to load acme-crm 1.0.0 (the bus event; the periodic sync is every 30 s)',
      );
    }

    const connection = (
      await must(ingest.url, 'POST', '/v1/connections', {
        connector: 'acme-crm',
        name: 'Acme',
        auth: { apiKey: 'k', baseUrl: apiUrl, webhookSecret },
      })
    ).id;
    const workflow = await must(ingest.url, 'POST', '/v1/workflows', {
      name: 'Archive new items',
      trigger: { connector: 'acme-crm', trigger: 'item-created', connection },
      steps: [
        {
          id: 'archive',
          type: 'action',
          connector: 'acme-crm',
          action: 'archive-item',
          connection,
          input: { name: '{{trigger.data.name}}' },
        },
      ],
    });
    const { webhookUrl } = await must(ingest.url, 'POST', `/v1/workflows/${workflow.id}/publish`);
    for (let i = 0; i < 6; i++) {
      const body = JSON.stringify({
        id: `evt_${i}`,
        type: 'item.created',
        data: { id: `item_${i}`, name: `Item ${i}`, createdAt: '2026-01-01T00:00:00.000Z' },
      });
      const res = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-acme-crm-signature': createHmac('sha256', webhookSecret).update(body).digest('hex'),
        },
        body,
      });
      expect(res.status).toBe(200);
    }
    await eventually(
      async () => {
        const runs = (await must(ingest.url, 'GET', `/v1/runs?workflow=${workflow.id}`)).data as Array<{
          status: string;
        }>;
        return runs.length === 6 && runs.every((r) => r.status === 'succeeded') ? true : undefined;
      },
      30_000,
      'six succeeded runs',
    );
    expect(archived).toBe(6);

    // A removal: 1.1.0 installed beside the pinned 1.0.0, then removed; every worker follows both.
    await setConnectorSource(connectorDir, '1.0.0', '1.1.0', false);
    await publishConnector(connectorDir, client);
    expect((await callApi(ingest.url, 'POST', '/v1/connectors/acme-crm/upgrade', { version: '1.1.0' })).status).toBe(
      201,
    );
    for (const worker of [workerA, workerB])
      await eventually(
        async () => ((await versionOn(worker.url)) === '1.1.0' ? true : undefined),
        10_000,
        'a worker to load 1.1.0',
      );
    expect((await callApi(ingest.url, 'DELETE', '/v1/connectors/acme-crm/versions/1.1.0')).status).toBe(200);
    for (const worker of [workerA, workerB])
      await eventually(
        async () => ((await versionOn(worker.url)) === '1.0.0' ? true : undefined),
        10_000,
        'a worker to drop 1.1.0',
      );
  }, 240_000);
});
