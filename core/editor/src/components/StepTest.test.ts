import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import StepTest from './StepTest.vue';
import ListenForTestEvent from './ListenForTestEvent.vue';
import { useDraftStore } from '../stores/draft.ts';
import type { Step, Workflow, WorkflowDocument } from '../api/types.ts';

const open: Step = {
  id: 'open',
  type: 'action',
  connector: 'kustomer',
  action: 'create-conversation',
  connection: 'c_k',
  input: { customer: '{{steps.find.output.customer.id}}' },
};
const code: Step = { id: 'calc', type: 'code', code: 'return 1' };
const doc: WorkflowDocument = {
  name: 'w',
  trigger: { connector: 'stripe', trigger: 'charge-failed', connection: 'c_s' },
  steps: [open, code],
};

/** The requests the components made, and the answers the test gives them (the API's shapes). */
let requests: Array<{ method: string; url: string; body: unknown }>;
let answers: Array<{ status: number; body?: unknown }>;

beforeEach(() => {
  setActivePinia(createPinia());
  useDraftStore().workflow = {
    id: 'wf_1',
    name: 'w',
    status: 'draft',
    publishedVersion: null,
    latestVersion: 0,
    draft: doc,
    revision: 'r1',
    createdAt: '',
    updatedAt: '',
  } as Workflow;
  requests = [];
  answers = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    requests.push({ method: init.method ?? 'GET', url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const answer = answers.shift() ?? { status: 204 };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const run = (status: string, step?: Record<string, unknown>) => ({
  run: {
    id: 'run_test_0123456789',
    workflowId: 'wf_1',
    version: 0,
    status,
    test: true,
    event: { key: 'k', id: 'evt_s', type: 'charge.failed' },
    replays: 0,
    createdAt: '',
    updatedAt: '',
  },
  ...(step ? { step } : {}),
  trigger: 'sample',
});
const mountTest = (step: Step, d: WorkflowDocument = doc) =>
  mount(StepTest, {
    props: { doc: d, step, appName: 'Kustomer', idPrefix: 'p' },
    global: { stubs: { RouterLink: { template: '<a><slot /></a>' } } },
  });

describe('StepTest', () => {
  it('says plainly that an action step calls the real app, and that a code step does not', () => {
    expect(mountTest(open).find('[role="note"]').text()).toContain(
      'it calls Kustomer with the chosen connection, so what it creates is really created',
    );
    const sandboxed = mountTest(code);
    expect(sandboxed.find('[role="note"]').exists()).toBe(false);
    expect(sandboxed.text()).toContain('nothing outside Wireup is called');
  });

  it('tests the step on the saved draft, shows its output, and pins it for later steps', async () => {
    answers.push({
      status: 200,
      body: run('succeeded', {
        id: 'open',
        type: 'action',
        status: 'succeeded',
        attempts: 1,
        output: { id: 'conv_1', status: 'open' },
      }),
    });
    const panel = mountTest(open);
    await panel.find('button.primary').trigger('click');
    await flushPromises();
    expect(requests).toEqual([{ method: 'POST', url: '/v1/workflows/wf_1/steps/open/test', body: {} }]);
    expect(panel.find('pre.output').text()).toContain('"id": "conv_1"');
    expect(panel.find('.badge').text()).toBe('succeeded');
    await panel
      .findAll('button')
      .find((b) => b.text() === 'Pin as sample output')!
      .trigger('click');
    const [[pinned]] = panel.emitted('edit') as Array<[WorkflowDocument, string]>;
    expect(pinned.pinned).toEqual({ steps: { open: { id: 'conv_1', status: 'open' } } });
    expect(pinned.steps).toEqual(doc.steps);
  });

  it("shows a failed step's error in the API's words, with nothing to pin", async () => {
    answers.push({
      status: 200,
      body: run('failed', {
        id: 'open',
        type: 'action',
        status: 'failed',
        attempts: 1,
        error: { code: 'UPSTREAM_ERROR', message: 'Kustomer answered 404: customer not found' },
      }),
    });
    const panel = mountTest(open);
    await panel.find('button.primary').trigger('click');
    await flushPromises();
    expect(panel.find('.result [role="alert"]').text()).toBe(
      'UPSTREAM_ERROR Kustomer answered 404: customer not found',
    );
    expect(panel.findAll('button').some((b) => b.text() === 'Pin as sample output')).toBe(false);
  });

  it("offers the events of the workflow's runs, runs on a chosen one, and shows a refused test (unknown event) where it happened", async () => {
    const past = (key: string, id: string) => ({
      ...run('succeeded').run,
      id: `run_${id}`,
      event: { key, id, type: 'charge.failed' },
    });
    answers.push({
      status: 200,
      body: {
        data: [past('c_s:evt_real', 'evt_real'), past('test:run_1', 'evt_sample'), past('c_s:evt_real', 'evt_real')],
        next: null,
      },
    });
    answers.push({
      status: 404,
      body: { error: { code: 'EVENT_NOT_FOUND', message: 'No event "evt_x" was received on connection "c_s".' } },
    });
    const panel = mountTest(open);
    await panel.find('input[value="event"]').setValue(true);
    await flushPromises();
    expect(requests[0].url).toBe('/v1/runs?workflow=wf_1&limit=50');
    expect(panel.findAll('datalist option').map((o) => o.attributes('value'))).toEqual(['evt_real']);
    requests.length = 0;
    expect(panel.find('button.primary').attributes('disabled')).toBeDefined();
    await panel.find('#p--test-event').setValue(' evt_x ');
    await panel.find('button.primary').trigger('click');
    await flushPromises();
    expect(requests[0].body).toEqual({ eventId: 'evt_x' });
    expect(panel.find('.error').text()).toBe('No event "evt_x" was received on connection "c_s".');
  });

  it('unpins a pinned output', async () => {
    const panel = mountTest(open, {
      ...doc,
      pinned: { steps: { open: { id: 'conv_0' }, find: { customer: { id: 'k_1' } } } },
    });
    expect(panel.find('.pinned').text()).toContain('Output pinned:');
    await panel.find('.pinned button').trigger('click');
    const [[unpinned]] = panel.emitted('edit') as Array<[WorkflowDocument, string]>;
    expect(unpinned.pinned).toEqual({ steps: { find: { customer: { id: 'k_1' } } } });
  });
});

describe('ListenForTestEvent', () => {
  const event = {
    id: 'evt_live',
    type: 'charge.failed',
    payload: { id: 'evt_live', data: { object: { id: 'ch_live' } } },
    receivedAt: '2026-12-07T23:00:00.000Z',
  };

  it('listens again after a quiet wait, then pins the event that came as the trigger sample', async () => {
    answers.push({ status: 204 }, { status: 200, body: { event } });
    const listen = mount(ListenForTestEvent, { props: { doc, idPrefix: 'p' } });
    await listen.find('button').trigger('click');
    await flushPromises();
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/workflows/wf_1/test-event?timeoutMs=8000',
      'GET /v1/workflows/wf_1/test-event?timeoutMs=8000',
    ]);
    const [[pinned]] = listen.emitted('edit') as Array<[WorkflowDocument, string]>;
    expect(pinned.pinned).toEqual({ trigger: event.payload });
    expect(listen.text()).toContain('Got charge.failed evt_live');
  });

  it('ignores an event that arrives after the user stopped listening', async () => {
    let release!: () => void;
    vi.stubGlobal(
      'fetch',
      () =>
        new Promise<Response>((resolve) => {
          release = () => resolve(new Response(JSON.stringify({ event }), { status: 200 }));
        }),
    );
    const listen = mount(ListenForTestEvent, { props: { doc, idPrefix: 'p' } });
    await listen.find('button').trigger('click');
    await flushPromises();
    expect(listen.find('[role="status"]').text()).toBe('Waiting for the next event…');
    await listen
      .findAll('button')
      .find((b) => b.text() === 'Stop listening')!
      .trigger('click');
    release();
    await flushPromises();
    expect(listen.emitted('edit')).toBeUndefined();
    expect(listen.find('button').text()).toBe('Listen for a test event');
  });

  it('offers to go back to the manifest sample when a test event is pinned', async () => {
    const listen = mount(ListenForTestEvent, {
      props: { doc: { ...doc, pinned: { trigger: event.payload } }, idPrefix: 'p' },
    });
    await listen.find('.pinned button').trigger('click');
    const [[back]] = listen.emitted('edit') as Array<[WorkflowDocument, string]>;
    expect(back).toEqual(doc);
  });
});

describe('TestWorkflow', () => {
  it('runs the whole saved draft as a test run and links to it, after saying it calls the real apps', async () => {
    const { default: TestWorkflow } = await import('./TestWorkflow.vue');
    answers.push({
      status: 200,
      body: {
        ...run('failed').run,
        error: { code: 'UPSTREAM_ERROR', message: 'Step "open" failed: Kustomer answered 404' },
      },
    });
    const panel = mount(TestWorkflow, {
      props: { idPrefix: 'p', hasTestEvent: true },
      global: { stubs: { RouterLink: { props: ['to'], template: '<a :href="to"><slot /></a>' } } },
    });
    expect(panel.find('[role="note"]').text()).toContain(
      'on the pinned test event, for real: each action calls its app',
    );
    await panel.find('button').trigger('click');
    await flushPromises();
    expect(requests).toEqual([{ method: 'POST', url: '/v1/workflows/wf_1/test', body: { waitMs: 15000 } }]);
    expect(panel.find('a').attributes('href')).toBe('/runs/run_test_0123456789');
    expect(panel.find('[role="alert"]').text()).toBe('UPSTREAM_ERROR Step "open" failed: Kustomer answered 404');
  });
});
