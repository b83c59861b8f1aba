import { describe, expect, it } from 'vitest';
import type { Connector } from '@wireup/sdk';
import type { Logger } from '@wireup/runtime';
import type { WorkflowDocument } from '@wireup/store';
import { createMemoryStore } from '@wireup/testing';
import { createWorkflowLifecycle } from './workflow-lifecycle.ts';
import { validateWorkflowDocument } from './validate-workflow.ts';
import type { WebhookRegistrar } from './webhook-registrar.ts';
import type { WorkflowEvent } from './workflow-events.ts';
import { createTestConnector } from './testing/test-connector.ts';

const { connector } = createTestConnector();

const ticket = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'action',
  connector: 'acme',
  action: 'create-ticket',
  connection: 'conn_1',
  input: { customer: '{{trigger.customer}}', title: 'Order' },
  ...extra,
});
const draft = (steps: unknown[] = [ticket('open')]) =>
  ({
    name: 'Paid orders',
    trigger: { connector: 'acme', trigger: 'order-paid', connection: 'conn_1' },
    steps,
  }) as unknown as WorkflowDocument;

async function setUp(options: { webhooks?: WebhookRegistrar; versions?: string[] } = {}) {
  const store = createMemoryStore();
  const now = new Date().toISOString();
  await store.connections.create({
    id: 'conn_1',
    connector: 'acme',
    name: 'Acme',
    authCiphertext: '{}',
    publicAuth: {},
    webhookToken: 't',
    createdAt: now,
    updatedAt: now,
  });
  const catalog = {
    get: (name: string): Connector | undefined => (name === 'acme' ? connector : undefined),
    list: () => [connector],
    ...(options.versions ? { versions: (name: string) => (name === 'acme' ? options.versions! : []) } : {}),
  };
  const logged: string[] = [];
  const logger = {
    error: (_fields: unknown, message: string) => {
      logged.push(message);
    },
    warn() {},
    info() {},
    debug() {},
    child() {
      return logger;
    },
  } as unknown as Logger;
  const lifecycle = createWorkflowLifecycle({
    store,
    connectors: catalog,
    validate: (d) => validateWorkflowDocument(d, catalog),
    webhooks: options.webhooks,
    logger,
  });
  const events: WorkflowEvent[] = [];
  lifecycle.subscribe((event) => {
    events.push(event);
  });
  return { store, lifecycle, events, logged };
}

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

describe('the workflow lifecycle', () => {
  it('publishes a valid draft as a new version and announces it; a second publish replaces the running version', async () => {
    const { store, lifecycle, events } = await setUp();
    await store.workflows.create('wf_1', draft());
    const first = await lifecycle.publish('wf_1');
    expect(first.version.version).toBe(1);
    expect((await store.workflows.get('wf_1'))!.publishedVersion).toBe(1);
    await store.workflows.updateDraft('wf_1', draft([ticket('open'), ticket('again')]));
    await lifecycle.publish('wf_1');
    expect(
      events.map((e) => [
        e.type,
        e.type === 'workflow.published' ? [e.version, e.previousVersion, e.document.steps.length] : null,
      ]),
    ).toEqual([
      ['workflow.published', [1, null, 1]],
      ['workflow.published', [2, 1, 2]],
    ]);
  });

  it('refuses an invalid draft before registering anything: nothing published, no event', async () => {
    let registered = 0;
    const webhooks: WebhookRegistrar = {
      publish: async (_id, _doc, _prev, commit) => {
        registered++;
        return { value: await commit(), webhook: null, warnings: [] };
      },
      unpublish: async (_prev, commit) => ({ value: await commit(), warnings: [] }),
    };
    const { store, lifecycle, events } = await setUp({ webhooks });
    await store.workflows.create('wf_1', draft([ticket('open', { connection: 'conn_gone' })]));
    await expect(lifecycle.publish('wf_1')).rejects.toMatchObject({
      code: 'WORKFLOW_INVALID',
      details: [expect.objectContaining({ path: '/steps/0/connection' })],
    });
    expect(registered).toBe(0);
    expect((await store.workflows.get('wf_1'))!.publishedVersion).toBeNull();
    expect(events).toEqual([]);
    expect(await codeOf(lifecycle.publish('wf_missing'))).toBe('NOT_FOUND');
  });

  it('registers the webhook before publishing: a provider refusal publishes nothing and announces nothing', async () => {
    const order: string[] = [];
    const webhooks: WebhookRegistrar = {
      async publish(_id, document, _prev, commit) {
        order.push(`register ${document.trigger.trigger}`);
        if (document.name === 'refused')
          throw Object.assign(new Error('provider said no'), { code: 'WEBHOOK_REGISTRATION_FAILED' });
        const value = await commit();
        order.push('stored');
        return {
          value,
          webhook: { managed: true, url: 'https://hooks.example/x', events: ['order.paid'] },
          warnings: [],
        };
      },
      unpublish: async (_prev, commit) => ({ value: await commit(), warnings: ['endpoint kept its events'] }),
    };
    const { store, lifecycle, events } = await setUp({ webhooks });
    await store.workflows.create('wf_ok', draft());
    const outcome = await lifecycle.publish('wf_ok');
    expect(order).toEqual(['register order-paid', 'stored']);
    expect(outcome.webhook).toEqual({ managed: true, url: 'https://hooks.example/x', events: ['order.paid'] });
    await store.workflows.create('wf_no', { ...draft(), name: 'refused' });
    expect(await codeOf(lifecycle.publish('wf_no'))).toBe('WEBHOOK_REGISTRATION_FAILED');
    expect((await store.workflows.get('wf_no'))!.publishedVersion).toBeNull();
    expect(events.map((e) => e.workflowId)).toEqual(['wf_ok']);
    expect((await lifecycle.unpublish('wf_ok')).warnings).toEqual(['endpoint kept its events']);
  });

  it('unpublishes (announced once), and deletes only what is not published', async () => {
    const { store, lifecycle, events } = await setUp();
    await store.workflows.create('wf_1', draft());
    await lifecycle.publish('wf_1');
    expect(await codeOf(lifecycle.delete('wf_1'))).toBe('WORKFLOW_PUBLISHED');
    const { record } = await lifecycle.unpublish('wf_1');
    expect(record.publishedVersion).toBeNull();
    await lifecycle.unpublish('wf_1');
    await lifecycle.delete('wf_1');
    expect(await store.workflows.get('wf_1')).toBeNull();
    expect(await codeOf(lifecycle.delete('wf_1'))).toBe('NOT_FOUND');
    expect(await codeOf(lifecycle.unpublish('wf_1'))).toBe('NOT_FOUND');
    expect(events.map((e) => [e.type, e.type === 'workflow.unpublished' ? e.version : undefined])).toEqual([
      ['workflow.published', undefined],
      ['workflow.unpublished', 1],
      ['workflow.deleted', undefined],
    ]);
  });

  it('a failing listener is logged and neither fails the publish nor keeps the others from hearing it', async () => {
    const { store, lifecycle, events, logged } = await setUp();
    lifecycle.subscribe(() => {
      throw new Error('boom');
    });
    lifecycle.subscribe(async () => {
      throw new Error('async boom');
    });
    const late: string[] = [];
    const stop = lifecycle.subscribe((e) => {
      late.push(e.type);
    });
    await store.workflows.create('wf_1', draft());
    expect((await lifecycle.publish('wf_1')).version.version).toBe(1);
    stop();
    await lifecycle.unpublish('wf_1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toHaveLength(2);
    expect(late).toEqual(['workflow.published']);
    expect(logged).toEqual([
      'a workflow.published listener failed',
      'a workflow.published listener failed',
      'a workflow.unpublished listener failed',
      'a workflow.unpublished listener failed',
    ]);
  });

  it('pins marketplace connectors to their newest installed version in the draft and the version, switch branches included', async () => {
    const { store, lifecycle } = await setUp({ versions: ['1.0.0', '1.2.0'] });
    await store.workflows.create(
      'wf_1',
      draft([
        {
          id: 'sw',
          type: 'switch',
          on: '{{trigger.currency}}',
          cases: { usd: [ticket('usd')] },
          default: [ticket('other', { version: '1.0.0' })],
        },
      ]),
    );
    const { version } = await lifecycle.publish('wf_1');
    const pinned = (doc: WorkflowDocument) => {
      const d = doc as unknown as {
        trigger: { version?: string };
        steps: Array<{ cases: { usd: Array<{ version?: string }> }; default: Array<{ version?: string }> }>;
      };
      return [d.trigger.version, d.steps[0].cases.usd[0].version, d.steps[0].default[0].version];
    };
    expect(pinned(version.document)).toEqual(['1.2.0', '1.2.0', '1.0.0']);
    expect(pinned((await store.workflows.get('wf_1'))!.draft)).toEqual(['1.2.0', '1.2.0', '1.0.0']);
  });
});
