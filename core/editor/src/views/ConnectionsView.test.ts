import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ConnectionsView from './ConnectionsView.vue';
import { connectionSettings, humaniseKey } from '../lib/connection-settings.ts';
import type { Connection, ConnectorManifest } from '../api/types.ts';

const kustomer: ConnectorManifest = {
  name: 'kustomer',
  version: '1.0.0',
  displayName: 'Kustomer',
  description: '',
  triggers: [],
  actions: [],
  auth: {
    kind: 'api-key',
    fields: [
      { key: 'apiKey', label: 'API key', secret: true, required: true },
      { key: 'baseUrl', label: 'API base URL', required: false },
      {
        key: 'webhookToken',
        label: 'Outbound webhook token',
        secret: true,
        required: false,
        filledByRegistration: true,
      },
    ],
  },
};
const connection: Connection = {
  id: 'conn_k',
  connector: 'kustomer',
  name: 'Kustomer',
  auth: { baseUrl: 'https://acme.api.kustomerapp.com' },
  secrets: { apiKey: 'set', webhookToken: 'unset' },
  createdAt: '2026-12-07T00:00:00Z',
  updatedAt: '2026-12-07T00:00:00Z',
};

/** The requests the view made, and the answers the test gives them (the API's shapes), by method and path. */
let requests: Array<{ method: string; url: string }>;
let answers: Record<string, { status: number; body?: unknown }>;

beforeEach(() => {
  setActivePinia(createPinia());
  requests = [];
  answers = {
    'GET /v1/connections': { status: 200, body: { data: [connection] } },
    'GET /v1/connectors': {
      status: 200,
      body: {
        data: [
          { name: 'kustomer', version: '1.0.0', displayName: 'Kustomer', description: '', triggers: [], actions: [] },
        ],
      },
    },
    'GET /v1/connectors/kustomer': { status: 200, body: kustomer },
  };
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const key = `${init.method ?? 'GET'} ${url}`;
    requests.push({ method: init.method ?? 'GET', url });
    const answer = answers[key] ?? {
      status: 404,
      body: { error: { code: 'ROUTE_NOT_FOUND', message: `no answer for ${key}` } },
    };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('confirm', () => true);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const mountView = async () => {
  const view = mount(ConnectionsView, {
    global: { stubs: { RouterLink: { props: ['to'], template: '<a :href="to"><slot /></a>' } } },
  });
  await flushPromises();
  return view;
};

describe('ConnectionsView', () => {
  it("lists each setting by the manifest's label, secrets only as set or not set, never raw keys", async () => {
    const view = await mountView();
    const settings = view.findAll('.setting').map((s) => s.text());
    expect(settings).toEqual([
      'API key:set',
      'API base URL:https://acme.api.kustomerapp.com',
      'Outbound webhook token:not set (filled in when you publish)',
    ]);
    const row = view.find('tr[data-connection="conn_k"]').text();
    for (const raw of ['apiKey', 'baseUrl', 'webhookToken', '••••']) expect(row).not.toContain(raw);
  });

  it("refuses a delete in the API's words on that row, naming the workflows that use the connection", async () => {
    answers['DELETE /v1/connections/conn_k'] = {
      status: 409,
      body: {
        error: {
          code: 'CONFLICT',
          message:
            'Connection "conn_k" is used by published workflows (wf_1); unpublish them or point them at another connection first.',
          details: { workflows: ['wf_1'] },
        },
      },
    };
    answers['GET /v1/workflows'] = {
      status: 200,
      body: { data: [{ id: 'wf_1', name: 'Failed charges to Kustomer' }] },
    };
    const view = await mountView();
    await view.find('button[aria-label="Delete Kustomer"]').trigger('click');
    await flushPromises();
    const alert = view.find('tr.refused [role="alert"]');
    expect(alert.text()).toContain(
      'Connection "conn_k" is used by published workflows (wf_1); unpublish them or point them at another connection first.',
    );
    expect(alert.find('a').text()).toBe('Failed charges to Kustomer');
    expect(alert.find('a').attributes('href')).toBe('/editor/wf_1');
    expect(view.find('tr[data-connection="conn_k"]').exists()).toBe(true);
  });

  it('deletes an unused connection and says so', async () => {
    answers['DELETE /v1/connections/conn_k'] = { status: 204 };
    const view = await mountView();
    await view.find('button[aria-label="Delete Kustomer"]').trigger('click');
    await flushPromises();
    expect(view.find('tr[data-connection="conn_k"]').exists()).toBe(false);
    expect(view.find('[role="status"]').text()).toBe('Connection "Kustomer" deleted.');
    expect(view.text()).toContain('No connections yet.');
  });
});

describe('connectionSettings', () => {
  it('falls back to a humanised key for a field the manifest does not label or list', () => {
    expect(humaniseKey('webhookToken')).toBe('Webhook token');
    expect(humaniseKey('apiKey')).toBe('API key');
    expect(humaniseKey('base_url')).toBe('Base URL');
    const settings = connectionSettings({ auth: { region: 'eu' }, secrets: { secretKey: 'set' } });
    expect(settings.map((s) => `${s.label}: ${s.value}`)).toEqual(['Region: eu', 'Secret key: set']);
  });
});
