/**
 * The editor's side of the server: the built editor at / (and its client-side routes), the
 * one-time sign-in link, the session cookie with its CSRF token, sign-out and expiry, drafts
 * saved while incomplete, and saves refused when based on an old revision.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { setUpScenario } from '../testing/scenario.ts';
import { createSessions } from '../sessions.ts';
import { createSqliteStore } from '@wireup/store-sqlite';

const draft = {
  name: 'New workflow',
  trigger: { connector: 'stripe', trigger: 'charge-failed', connection: '' },
  steps: [
    {
      id: 'open-conversation',
      type: 'action',
      connector: 'kustomer',
      action: 'create-conversation',
      connection: '',
      input: {},
    },
  ],
};

describe('editor and sessions', () => {
  let h: Harness;
  let editorDir: string;
  beforeAll(async () => {
    editorDir = mkdtempSync(join(tmpdir(), 'wireup-editor-'));
    mkdirSync(join(editorDir, 'assets'));
    writeFileSync(join(editorDir, 'index.html'), '<!doctype html><title>Wireup editor</title>');
    writeFileSync(join(editorDir, 'assets', 'app-1.js'), 'console.log(1)');
    h = await startHarness({ editorDir });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(editorDir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${h.wireup.url}${path}`, { headers, redirect: 'manual' });

  it('serves the editor at / and on its routes, assets with a long cache, and keeps the API 404 elsewhere', async () => {
    for (const path of [
      '/',
      '/workflows',
      '/editor/new?trigger=stripe.charge-failed&action=kustomer.create-conversation',
      '/runs/run_1',
      '/connections',
      '/sign-in',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('Wireup editor');
    }
    const asset = await get('/assets/app-1.js');
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/v1/nope', '/nope', '/assets/missing.js', '/assets/../index.html']) {
      const res = await get(path, { authorization: 'Bearer test-token-0123456789' });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as any).error.code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('signs in with the one-time code once, then the cookie works for reads and, with the CSRF token, for writes', async () => {
    const code = await h.wireup.sessions.issueSignInCode();
    const signIn = await get(`/auth/sign-in?code=${code}&next=/editor/new`);
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get('location')).toBe('/editor/new');
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0];

    const again = await get(`/auth/sign-in?code=${code}`);
    expect(again.headers.get('location')).toBe('/sign-in?error=code');
    expect(again.headers.get('set-cookie')).toBeNull();

    const list = await get('/v1/workflows', { cookie });
    expect(list.status).toBe(200);
    const { csrfToken } = (await (await get('/auth/session', { cookie })).json()) as { csrfToken: string };
    expect(csrfToken).toBeTruthy();

    const post = (headers: Record<string, string>) =>
      fetch(`${h.wireup.url}/v1/workflows?partial=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, ...headers },
        body: JSON.stringify(draft),
      });
    const refused = await post({});
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await post({ 'x-wireup-csrf': 'wrong' })).status).toBe(403);
    expect((await post({ 'x-wireup-csrf': csrfToken })).status).toBe(201);

    // A redirect after sign-in never leaves the site.
    const other = await get(`/auth/sign-in?code=${await h.wireup.sessions.issueSignInCode()}&next=//evil.example`);
    expect(other.headers.get('location')).toBe('/');

    const out = await fetch(`${h.wireup.url}/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, 'x-wireup-csrf': csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const after = await get('/v1/workflows', { cookie });
    expect(after.status).toBe(401);
    expect(((await after.json()) as any).error.code).toBe('UNAUTHORIZED');
  });

  it('signs in with the API token too, and a wrong bearer token is not rescued by a cookie', async () => {
    const bad = await fetch(`${h.wireup.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'nope' }),
    });
    expect(bad.status).toBe(401);
    const ok = await fetch(`${h.wireup.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'test-token-0123456789' }),
    });
    expect(ok.status).toBe(200);
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await get('/v1/workflows', { cookie })).status).toBe(200);
    expect((await get('/v1/workflows', { cookie, authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('saves an incomplete draft with its problems, and refuses a save based on an old revision', async () => {
    const created = await h.api('POST', '/v1/workflows?partial=true', draft);
    expect(created.status).toBe(201);
    expect(created.body.problems.map((p: any) => p.path)).toContain('/trigger/connection');
    expect((await h.api('POST', '/v1/workflows', draft)).status).toBe(422);
    expect((await h.api('POST', '/v1/workflows?partial=true', { name: 'x', steps: [] })).status).toBe(422);

    const id = created.body.id;
    const first = await h.api(
      'PUT',
      `/v1/workflows/${id}?partial=true`,
      { ...draft, name: 'Renamed' },
      { 'if-match': created.body.revision },
    );
    expect(first.status).toBe(200);
    expect(first.body.revision).not.toBe(created.body.revision);
    const stale = await h.api(
      'PUT',
      `/v1/workflows/${id}?partial=true`,
      { ...draft, name: 'Lost edit' },
      { 'if-match': created.body.revision },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('WORKFLOW_CHANGED');
    expect((await h.api('GET', `/v1/workflows/${id}`)).body.name).toBe('Renamed');
    const publish = await h.api('POST', `/v1/workflows/${id}/publish`);
    expect(publish.status).toBe(422);
  });
});

describe('workflow versions', () => {
  it("lists the published versions, newest first, and answers each one's document", async () => {
    const h = await startHarness();
    try {
      const s = await setUpScenario(h);
      const first = (await h.api('GET', `/v1/workflows/${s.workflowId}`)).body;
      const renamed = await h.api('PUT', `/v1/workflows/${s.workflowId}`, { ...first.draft, name: 'Second version' });
      expect(renamed.status).toBe(200);
      expect((await h.api('POST', `/v1/workflows/${s.workflowId}/publish`)).status).toBe(200);
      const versions = await h.api('GET', `/v1/workflows/${s.workflowId}/versions`);
      expect(versions.body.data.map((v: any) => [v.version, v.running])).toEqual([
        [2, true],
        [1, false],
      ]);
      const one = await h.api('GET', `/v1/workflows/${s.workflowId}/versions/1`);
      expect(one.body.document.name).toBe(first.draft.name);
      expect((await h.api('GET', `/v1/workflows/${s.workflowId}/versions/9`)).status).toBe(404);
      expect((await h.api('GET', `/v1/workflows/${s.workflowId}/versions/x`)).status).toBe(400);
      expect((await h.api('GET', '/v1/workflows/nope/versions')).status).toBe(404);
    } finally {
      await h.close();
    }
  });
});

describe('sessions', () => {
  it('expire, and a code cannot be spent twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wireup-sessions-'));
    const store = createSqliteStore({ path: join(dir, 'db') });
    await store.start();
    try {
      let now = Date.parse('2026-01-01T00:00:00Z');
      const sessions = createSessions(store.kv, () => now);
      const code = await sessions.issueSignInCode();
      const session = (await sessions.redeemCode(code))!;
      expect(await sessions.redeemCode(code)).toBeNull();
      expect((await sessions.get(session.id))?.csrfToken).toBe(session.csrfToken);
      now += 12 * 60 * 60 * 1000 + 1;
      expect(await sessions.get(session.id)).toBeNull();
      const late = await sessions.issueSignInCode();
      now += 24 * 60 * 60 * 1000 + 1;
      expect(await sessions.redeemCode(late)).toBeNull();
    } finally {
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
