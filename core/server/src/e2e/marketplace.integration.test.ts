/**
 * The marketplace end to end, against a real Verdaccio (embedded, temp storage): a connector
 * scaffolded by the generator is published, appears in GET /v1/marketplace, is installed over
 * the API into a running Wireup and runs a workflow without a restart; 1.1.0 removes an action,
 * the upgrade report names the workflow and step, the pinned workflow keeps running on 1.0.0
 * and uninstall is refused; unsafe packages are refused with a 4xx that says why; a connector
 * that throws while loading, loops or allocates without bound fails its step while the server
 * keeps serving.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
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
import {
  handMadeModule,
  handMadePackage,
  minimalManifest,
  publishRaw,
  scaffoldWithTwoActions,
  setConnectorSource,
  tempWorkspace,
} from '@wireup/marketplace/testing';
import { eventually, startHarness, type Harness } from '../testing/harness.ts';
import { waitForRun } from '../testing/wait-for-run.ts';
import { repoRoot } from '../testing/spawn-wireup.ts';

let registry: EmbeddedRegistry;
let client: RegistryClient;
let workspace: { root: string; remove(): Promise<void> };
let storage: string;
let h: Harness;
let api: Server;
let apiUrl: string;
let connectorDir: string;
const apiCalls: string[] = [];
const webhookSecret = 'acme-signing-secret';

beforeAll(async () => {
  storage = await mkdtemp(join(tmpdir(), 'wireup-e2e-verdaccio-'));
  [registry, workspace] = await Promise.all([startEmbeddedRegistry({ storage, port: 0 }), tempWorkspace()]);
  client = createRegistryClient({ url: registry.url });
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      apiCalls.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: `item_${apiCalls.length}`,
          name: JSON.parse(body || '{}').name ?? 'me',
          createdAt: '2026-01-01T00:00:00.000Z',
        }),
      );
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  connectorDir = await scaffoldWithTwoActions(workspace.root, 'acme-crm');
  const published = await wireupCli(['connector', 'publish', connectorDir, '--registry', registry.url]);
  if (published.code !== 0) throw new Error(`wireup connector publish failed: ${published.output}`);
  h = await startHarness({ registryUrl: registry.url, connectorTimeoutMs: 5_000, connectorMemoryMb: 32 });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await new Promise((r) => api?.close(r));
  await registry?.stop();
  await workspace?.remove();
  await rm(storage, { recursive: true, force: true });
});

const must = <T = any>(r: { status: number; body: T }, what: string): T => {
  if (r.status >= 300) throw new Error(`${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};

async function deliver(webhookUrl: string, id: string): Promise<number> {
  const body = JSON.stringify({
    id,
    type: 'item.created',
    createdAt: '2026-01-01T00:00:00.000Z',
    data: { id: `item_${id}`, name: `Item ${id}`, createdAt: '2026-01-01T00:00:00.000Z' },
  });
  const res = await fetch(webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-acme-crm-signature': createHmac('sha256', webhookSecret).update(body).digest('hex'),
    },
    body,
  });
  return res.status;
}

function runOf(workflowId: string, eventId: string): Promise<any> {
  return waitForRun(h, workflowId, {
    eventId,
    status: ['succeeded', 'failed', 'filtered', 'waiting'],
    timeoutMs: 20_000,
  });
}

/** A published workflow: acme-crm item-created → the given steps. */
async function publishWorkflow(
  name: string,
  connection: string,
  steps: unknown[],
): Promise<{ id: string; webhookUrl: string }> {
  const workflow = must(
    await h.api('POST', '/v1/workflows', {
      name,
      trigger: { connector: 'acme-crm', trigger: 'item-created', connection },
      steps,
    }),
    'create workflow',
  );
  const published = must(await h.api('POST', `/v1/workflows/${workflow.id}/publish`), 'publish');
  return { id: workflow.id, webhookUrl: published.webhookUrl };
}

/** Runs the `wireup` CLI as a user would. */
function wireupCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'core/server/src/cli/wireup.ts'), ...args],
      { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('marketplace: publish, browse, install and run without a restart', () => {
  it('`wireup connector publish` refuses a second publish of the same version', async () => {
    const again = await wireupCli(['connector', 'publish', connectorDir, '--registry', registry.url]);
    expect(again.code).toBe(1);
    expect(again.output).toContain(
      '@wireup/connector-acme-crm@1.0.0 is already published and published versions never change',
    );
  });

  let connection: string;
  let workflow: { id: string; webhookUrl: string };

  it('lists the published connector in GET /v1/marketplace, searchable by action name', async () => {
    const all = must(await h.api('GET', '/v1/marketplace?refresh=true'), 'marketplace');
    expect(all.data.map((e: any) => e.name)).toContain('@wireup/connector-acme-crm');
    const found = must(await h.api('GET', '/v1/marketplace?q=archive'), 'search');
    expect(found.data).toEqual([
      expect.objectContaining({
        name: '@wireup/connector-acme-crm',
        connector: 'acme-crm',
        latest: '1.0.0',
        actions: ['create-item', 'archive-item'],
        installed: [],
      }),
    ]);
    const one = must(await h.api('GET', '/v1/marketplace/@wireup/connector-acme-crm'), 'one');
    expect(one.versions[0]).toMatchObject({
      version: '1.0.0',
      integrity: expect.stringMatching(/^sha512-/),
      sdk: '^0.1.0',
      manifest: { name: 'acme-crm' },
    });
    expect((await h.api('GET', '/v1/marketplace?refresh=maybe')).status).toBe(400);
  });

  it('installs by range over the API into the running Wireup, and a workflow using it runs', async () => {
    const installed = await h.api('POST', '/v1/connectors', { name: '@wireup/connector-acme-crm', version: '^1.0.0' });
    expect(installed.status).toBe(201);
    expect(installed.body).toMatchObject({
      connector: 'acme-crm',
      version: '1.0.0',
      integrity: expect.stringMatching(/^sha512-/),
      alreadyInstalled: false,
    });
    expect(
      (await h.api('POST', '/v1/connectors', { name: '@wireup/connector-acme-crm', version: '1.0.0' })).status,
    ).toBe(200);
    expect(must(await h.api('GET', '/v1/connectors/acme-crm'), 'manifest')).toMatchObject({
      name: 'acme-crm',
      version: '1.0.0',
    });
    // The pair pages are rebuilt from the installed connectors' manifests.
    await eventually(
      async () =>
        (await fetch(`${h.wireup.url}/integrations/acme-crm/actions/archive-item/`)).status === 200 ? true : undefined,
      20_000,
      "the installed connector's pages",
    );

    connection = must(
      await h.api('POST', '/v1/connections', {
        connector: 'acme-crm',
        name: 'Acme',
        auth: { apiKey: 'k', baseUrl: apiUrl, webhookSecret },
      }),
      'connection',
    ).id;
    workflow = await publishWorkflow('Archive new items', connection, [
      {
        id: 'archive',
        type: 'action',
        connector: 'acme-crm',
        action: 'archive-item',
        connection,
        input: { name: '{{trigger.data.name}}' },
      },
    ]);
    const version = must(await h.api('GET', `/v1/workflows/${workflow.id}`), 'workflow');
    expect(version.draft.steps[0].version).toBe('1.0.0');
    expect(version.draft.trigger.version).toBe('1.0.0');

    expect(await deliver(workflow.webhookUrl, 'evt_1')).toBe(200);
    const run = await runOf(workflow.id, 'evt_1');
    expect(run.status).toBe('succeeded');
    expect(run.steps[0]).toMatchObject({ id: 'archive', status: 'succeeded', output: { name: 'Item evt_1' } });
    expect(apiCalls).toContain('POST /v1/items/archive');
  });

  it('1.1.0 removes archive-item: the report names workflow and step, the pinned workflow keeps running on 1.0.0, uninstall is refused', async () => {
    await setConnectorSource(connectorDir, '1.0.0', '1.1.0', false);
    await publishConnector(connectorDir, client);

    const report = must(await h.api('GET', '/v1/connectors/acme-crm/upgrade-report?to=1.1.0'), 'report');
    expect(report).toMatchObject({ from: '1.0.0', to: '1.1.0', safe: false });
    expect(report.changes).toContainEqual(
      expect.objectContaining({ kind: 'action-removed', item: 'actions.archive-item' }),
    );
    expect(report.breaks).toEqual([
      expect.objectContaining({
        workflowId: workflow.id,
        workflowName: 'Archive new items',
        step: 'archive',
        reasons: ['action "archive-item" is removed'],
      }),
    ]);

    const upgraded = await h.api('POST', '/v1/connectors/acme-crm/upgrade', { version: '1.1.0' });
    expect(upgraded.status).toBe(201);
    expect(upgraded.body.report.breaks[0]).toMatchObject({ step: 'archive' });
    expect(must(await h.api('GET', '/v1/connectors/acme-crm'), 'manifest').version).toBe('1.1.0');

    expect(await deliver(workflow.webhookUrl, 'evt_2')).toBe(200);
    expect((await runOf(workflow.id, 'evt_2')).status).toBe('succeeded');

    const refused = await h.api('DELETE', '/v1/connectors/acme-crm/versions/1.0.0');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'CONNECTOR_IN_USE',
      message: expect.stringContaining('"Archive new items"'),
    });
    expect((await h.api('DELETE', '/v1/connectors/acme-crm')).status).toBe(409);

    // Moving the workflow to 1.1.0 is an explicit draft; it is refused while it would break, naming the step.
    const draft = must(await h.api('GET', `/v1/workflows/${workflow.id}`), 'workflow').draft;
    const moved = await h.api('PUT', `/v1/workflows/${workflow.id}`, {
      ...draft,
      trigger: { ...draft.trigger, version: '1.1.0' },
      steps: [{ ...draft.steps[0], version: '1.1.0' }],
    });
    expect(moved.status).toBe(422);
    expect(moved.body.error.message).toContain('unknown action "archive-item" of connector acme-crm version 1.1.0');

    // A version nothing pins can be removed.
    await eventually(
      async () =>
        (await fetch(`${h.wireup.url}/integrations/acme-crm/actions/archive-item/`)).status === 404 ? true : undefined,
      20_000,
      'the pages of 1.1.0, which has no archive-item',
    );
    const removed = await h.api('DELETE', '/v1/connectors/acme-crm/versions/1.1.0');
    expect(removed.status).toBe(200);
    expect(removed.body.removed).toEqual([
      { connector: 'acme-crm', package: '@wireup/connector-acme-crm', version: '1.1.0' },
    ]);
  });

  it('refuses unsafe or unknown packages with a 4xx that says why, installing nothing', async () => {
    const manifest = minimalManifest('future-sdk', '1.0.0', '^9.0.0');
    await publishRaw(client, handMadePackage('future-sdk', '1.0.0', '^9.0.0'), {
      'manifest.json': JSON.stringify(manifest),
      'index.js': handMadeModule(manifest, 'return { ok: true };'),
    });
    const sdk = await h.api('POST', '/v1/connectors', { name: 'future-sdk' });
    expect(sdk.status).toBe(422);
    expect(sdk.body.error).toMatchObject({
      code: 'SDK_INCOMPATIBLE',
      message: expect.stringContaining('needs @wireup/sdk ^9.0.0, but this Wireup runs @wireup/sdk 0.1.0'),
    });

    const traversal = minimalManifest('climber', '1.0.0');
    await publishRaw(
      client,
      handMadePackage('climber', '1.0.0'),
      { 'manifest.json': JSON.stringify(traversal), 'index.js': handMadeModule(traversal, 'return { ok: true };') },
      [{ path: 'package/../../../evil.js', content: 'x' }],
    );
    const climbed = await h.api('POST', '/v1/connectors', { name: 'climber' });
    expect(climbed.status).toBe(422);
    expect(climbed.body.error.code).toBe('UNSAFE_ARCHIVE');

    expect((await h.api('POST', '/v1/connectors', { name: 'no-such-connector' })).body.error.code).toBe(
      'PACKAGE_NOT_FOUND',
    );
    // A name npm refuses is a bad request, not a registry failure (Verdaccio answers such names 400).
    for (const name of ['node_modules', 'favicon.ico', '@acme/node_modules']) {
      const refused = await h.api('POST', '/v1/connectors', { name });
      expect(refused.status, name).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: 'PACKAGE_NAME_INVALID',
        message: expect.stringContaining(name),
      });
    }
    expect(
      (await h.api('POST', '/v1/connectors', { name: '@wireup/connector-acme-crm', version: '^7.0.0' })).body.error
        .code,
    ).toBe('VERSION_NOT_FOUND');
    expect((await h.api('POST', '/v1/connectors', { version: '1.0.0' })).status).toBe(400);
    const names = must(await h.api('GET', '/v1/connectors'), 'connectors').data.map((c: any) => c.name);
    expect(names).not.toContain('future-sdk');
    expect(names).not.toContain('climber');
  });

  it('a connector that throws while loading, loops forever or allocates without bound fails its step; the server stays healthy', async () => {
    // One attempt per step (the action's own retry policy), so a looping call costs one time limit.
    const plain = minimalManifest('unruly', '1.0.0');
    const bad = {
      ...plain,
      actions: (plain.actions as Array<Record<string, unknown>>).map((a) => ({ ...a, retry: { maxAttempts: 1 } })),
    };
    await publishRaw(client, handMadePackage('unruly', '1.0.0'), {
      'manifest.json': JSON.stringify(bad),
      'index.js': handMadeModule(
        bad,
        'if (ctx.input.mode === "loop") for (;;) {} const a = []; for (;;) a.push(new Array(1e5).fill(Math.random()));',
      ),
    });
    const explosive = minimalManifest('explosive', '1.0.0');
    await publishRaw(client, handMadePackage('explosive', '1.0.0'), {
      'manifest.json': JSON.stringify(explosive),
      'index.js': `throw new Error("boom while loading");\n${handMadeModule(explosive, 'return {};')}`,
    });
    for (const name of ['unruly', 'explosive'])
      expect((await h.api('POST', '/v1/connectors', { name })).status).toBe(201);
    const unruly = must(
      await h.api('POST', '/v1/connections', { connector: 'unruly', name: 'Unruly', auth: {}, test: false }),
      'connection',
    ).id;
    const boom = must(
      await h.api('POST', '/v1/connections', { connector: 'explosive', name: 'Explosive', auth: {}, test: false }),
      'connection',
    ).id;
    const acme = must(await h.api('GET', '/v1/connections'), 'connections').data.find(
      (c: any) => c.connector === 'acme-crm',
    ).id;
    const cases: Array<[string, unknown, RegExp]> = [
      [
        'grow',
        {
          id: 'grow',
          type: 'action',
          connector: 'unruly',
          action: 'do-it',
          connection: unruly,
          input: { mode: 'grow' },
        },
        /out of memory|exited/,
      ],
      [
        'loop',
        {
          id: 'spin',
          type: 'action',
          connector: 'unruly',
          action: 'do-it',
          connection: unruly,
          input: { mode: 'loop' },
        },
        /longer than 5000 ms/,
      ],
      [
        'load',
        { id: 'load', type: 'action', connector: 'explosive', action: 'do-it', connection: boom, input: {} },
        /boom while loading/,
      ],
    ];
    for (const [name, step, says] of cases) {
      const wf = await publishWorkflow(`Misbehaving ${name}`, acme, [step]);
      expect(await deliver(wf.webhookUrl, `evt_${name}`)).toBe(200);
      const run = await runOf(wf.id, `evt_${name}`);
      expect(run.status).toBe('failed');
      expect(run.steps[0].error.message, JSON.stringify(run.steps[0].error)).toMatch(says);
      expect((await fetch(`${h.wireup.url}/healthz`)).status).toBe(200);
      // The next case's delivery must not start this workflow again: calls in flight share a process, and a crash fails them all.
      must(await h.api('POST', `/v1/workflows/${wf.id}/unpublish`), 'unpublish');
    }
  });
});
