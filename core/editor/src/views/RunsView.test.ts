import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import RunsView from './RunsView.vue';
import type { Run } from '../api/types.ts';

const run = (id: string, test: boolean): Run => ({
  id,
  workflowId: 'wf_1',
  version: 1,
  status: 'succeeded',
  event: { key: 'k', id: `evt_${id}`, type: 'charge.failed' },
  replays: 0,
  createdAt: '2026-12-07T00:00:00Z',
  updatedAt: '2026-12-07T00:00:00Z',
  ...(test ? { test: true } : {}),
});

/** The run lists the view asked for, and the API's answer: the runs matching `?test=` as the server filters them. */
let requested: URLSearchParams[];
const all = [run('run_real', false), run('run_test', true)];

beforeEach(() => {
  setActivePinia(createPinia());
  requested = [];
  // No live stream in these tests: the list is what the API answered.
  vi.stubGlobal('EventSource', undefined);
  vi.stubGlobal('fetch', async (url: string) => {
    const { pathname, searchParams } = new URL(url, 'http://editor.test');
    let body: unknown = { data: [] };
    if (pathname === '/v1/runs') {
      requested.push(searchParams);
      const test = searchParams.get('test');
      body = { data: all.filter((r) => test === null || String(Boolean(r.test)) === test), next: null };
    }
    if (pathname === '/v1/workflows') body = { data: [{ id: 'wf_1', name: 'Failed charges' }] };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function mountAt(path: string): Promise<{ view: ReturnType<typeof mount>; router: Router }> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/runs', component: RunsView },
      { path: '/runs/:id', component: { template: '<p />' } },
    ],
  });
  await router.push(path);
  await router.isReady();
  const view = mount(RunsView, { global: { plugins: [router] } });
  await flushPromises();
  return { view, router };
}

const shown = (view: ReturnType<typeof mount>) => view.findAll('tr.run-row').map((r) => r.attributes('data-run'));

describe('RunsView: real and test runs', () => {
  it('offers All / Real / Test, labelled, and lists both kinds by default without asking the API to filter', async () => {
    const { view } = await mountAt('/runs');
    const select = view.find('select#runs-kind');
    expect(view.find('label[for="runs-kind"]').text()).toBe('Kind');
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Real and test runs', 'Real runs', 'Test runs']);
    expect((select.element as HTMLSelectElement).value).toBe('');
    expect(requested.at(-1)!.has('test')).toBe(false);
    expect(shown(view)).toEqual(['run_real', 'run_test']);
  });

  it('reads the filter from the URL, asks the API for it (?test=), and keeps a change in the URL', async () => {
    const { view, router } = await mountAt('/runs?test=true&status=succeeded');
    expect((view.find('select#runs-kind').element as HTMLSelectElement).value).toBe('test');
    expect(requested.at(-1)!.get('test')).toBe('true');
    expect(shown(view)).toEqual(['run_test']);

    await view.find('select#runs-kind').setValue('real');
    await flushPromises();
    expect(requested.at(-1)!.get('test')).toBe('false');
    expect(router.currentRoute.value.query).toEqual({ status: 'succeeded', test: 'false' });
    expect(shown(view)).toEqual(['run_real']);

    await view.find('select#runs-kind').setValue('');
    await flushPromises();
    expect(requested.at(-1)!.has('test')).toBe(false);
    expect(router.currentRoute.value.query).toEqual({ status: 'succeeded' });
  });

  it('says which kind it found none of, and "Show all runs" clears the kind too', async () => {
    all.splice(1, 1);
    try {
      const { view, router } = await mountAt('/runs?test=true');
      expect(view.text()).toContain('No test runs.');
      await view.find('button.link').trigger('click');
      await flushPromises();
      expect(router.currentRoute.value.query).toEqual({});
      expect(shown(view)).toEqual(['run_real']);
    } finally {
      all.push(run('run_test', true));
    }
  });
});
