/**
 * Test harness (not exported by the package): an engine over the in-memory Store and EventBus
 * from @wireup/testing, the `acme` test connector, one connection, and helpers to publish
 * workflows, deliver signed webhooks and wait for runs.
 */
import { afterEach, vi } from 'vitest';
import type { Connector, HttpClient } from '@wireup/sdk';
import type { EventBus } from '@wireup/bus';
import type { ConnectionRecord, RunRecord, Store } from '@wireup/store';
import { createMemoryEventBus, createMemoryStore } from '@wireup/testing';
import { createEngine } from '../create-engine.ts';
import type { Engine, EngineOptions, WebhookResult } from '../engine.ts';
import { createTestConnector, sign, SIGNATURE_HEADER, type TestConnectorControl } from './test-connector.ts';

export const SECRETS = { apiKey: 'acme_live_K3y9Secret', webhookSecret: 'whsec_Sign1ngSecret' };
export const TOKEN = 'tok_conn1_unguessable';

export interface Harness {
  engine: Engine;
  store: Store;
  bus: EventBus;
  connector: Connector;
  control: TestConnectorControl;
  connection: ConnectionRecord;
  /** Every wait the engine asked for, in ms. */
  sleeps: number[];
  publishWorkflow(id: string, steps: unknown[], trigger?: string): Promise<void>;
  deliver(body: unknown, options?: { token?: string; trigger?: string; secret?: string }): Promise<WebhookResult>;
  /** Waits until the run of this workflow for this provider event id is finished, and returns it. */
  finishedRun(workflowId: string, providerEventId: string): Promise<RunRecord>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  store?: Store;
  bus?: EventBus;
  /** Start the bus and the workers (default true). */
  start?: boolean;
  engine?: Partial<EngineOptions>;
}

const noHttp: HttpClient = {
  request: async () => {
    throw new Error('the test connector makes no HTTP calls');
  },
};

/**
 * For a test file: a `createHarness` whose harnesses are all stopped after each test (registers
 * the `afterEach`), so a test that fails half-way leaves no workers running.
 */
export function harnessPerTest(): (options?: HarnessOptions) => Promise<Harness> {
  const started: Harness[] = [];
  afterEach(async () => {
    for (const h of started.splice(0)) await h.stop();
  });
  return async (options) => {
    const h = await createHarness(options);
    started.push(h);
    return h;
  };
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const store = options.store ?? createMemoryStore();
  const bus = options.bus ?? createMemoryEventBus();
  const { connector, control } = createTestConnector();
  const sleeps: number[] = [];
  const now = new Date().toISOString();
  const connection: ConnectionRecord = {
    id: 'conn_1',
    connector: 'acme',
    name: 'Acme',
    authCiphertext: JSON.stringify({ ...SECRETS, baseUrl: 'https://acme.example' }),
    publicAuth: { baseUrl: 'https://acme.example' },
    webhookToken: TOKEN,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await store.connections.get(connection.id))) await store.connections.create(connection);
  const engine = createEngine({
    store,
    bus,
    connectors: { get: (name) => (name === 'acme' ? connector : undefined), list: () => [connector] },
    openAuth: (c) => JSON.parse(c.authCiphertext),
    http: noHttp,
    retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options.engine,
  });
  if (options.start !== false) {
    await bus.start();
    await engine.startWorkers();
  }
  return {
    engine,
    store,
    bus,
    connector,
    control,
    connection,
    sleeps,
    async publishWorkflow(id, steps, trigger = 'order-paid') {
      await store.workflows.create(id, {
        name: id,
        trigger: { connector: 'acme', trigger, connection: connection.id },
        steps,
      });
      const problems = engine.validateWorkflow((await store.workflows.get(id))!.draft);
      if (problems.length) throw new Error(`test workflow ${id} is invalid: ${JSON.stringify(problems)}`);
      await store.workflows.publish(id);
    },
    async deliver(body, o = {}) {
      const raw = JSON.stringify(body);
      return engine.acceptWebhook({
        connector: 'acme',
        ...(o.trigger ? { trigger: o.trigger } : {}),
        token: o.token ?? TOKEN,
        rawBody: Buffer.from(raw),
        headers: { [SIGNATURE_HEADER]: sign(raw, o.secret ?? SECRETS.webhookSecret) },
      });
    },
    async finishedRun(workflowId, providerEventId) {
      return vi.waitFor(
        async () => {
          const runs = await store.runs.list({ workflowId, limit: 500 });
          const run = runs.find((r) => r.event.id === providerEventId);
          if (!run || !['succeeded', 'failed', 'filtered'].includes(run.status))
            throw new Error(`run of ${workflowId} for ${providerEventId} not finished: ${run?.status}`);
          return run;
        },
        { timeout: 10_000, interval: 5 },
      );
    },
    async stop() {
      await engine.stop();
      await bus.stop();
    },
  };
}

/** A provider event of the test connector. */
export function orderEvent(
  id: string,
  fields: Record<string, unknown> = {},
  type = 'order.paid',
): Record<string, unknown> {
  return {
    id,
    type,
    data: { object: { id: `ord_${id}`, customer: 'cus_42', amount: 1250, currency: 'usd', status: 'paid', ...fields } },
  };
}
