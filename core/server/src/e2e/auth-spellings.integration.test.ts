/**
 * The token guards the route that matched, not the spelling of the URL: every way of writing
 * a /v1 path over a raw socket answers 401 without the token (or 400/404/405), never data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, testToken, type Harness } from '../testing/harness.ts';
import { setUpScenario, type Scenario } from '../testing/scenario.ts';
import { rawRequest } from '../testing/raw-http.ts';

describe('auth on the matched route', () => {
  let h: Harness;
  let s: Scenario;
  let host: string;
  beforeAll(async () => {
    h = await startHarness();
    s = await setUpScenario(h);
    host = new URL(h.wireup.url).host;
  });
  afterAll(async () => h?.close());

  const spellings = () => [
    '/v1/connections',
    '/%761/connections',
    '/%76%31/connections',
    '/v1/%63onnections',
    '/V1/connections',
    '/v1/CONNECTIONS',
    '/v1%2Fconnections',
    '/v1/connections%2F',
    '//v1/connections',
    '/v1//connections',
    '/v1/connections/',
    '/x/../v1/connections',
    '/v1/./connections',
    '/v1/x/../connections',
    '/%2e%2e/v1/connections',
    '/v1/webhooks/../connections',
    '/v1/webhooks/%2e%2e/connections',
    `/v1/connections/${s.kustomerConnection}`,
    `/%761/connections/${s.kustomerConnection}`,
    `/v1/connections/${s.kustomerConnection}/`,
    '/v1/runs',
    '/%761/runs',
    '/v1/runs?status=failed',
    '/v1/connections?x=%zz',
    '/v1/%zz',
    '/v1/connections;x',
    '/v1/connections#x',
    `http://${host}/v1/connections`,
    'http://x/v1/runs',
    `HTTP://${host}/v1/connections`,
    '//x/v1/runs',
    '*',
  ];

  it('answers 401, 400 or 404 to every spelling of a /v1 path without the token, never data', async () => {
    for (const target of spellings()) {
      for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
        const res = await rawRequest(h.wireup.url, 'GET', target, { headers });
        expect([400, 401, 404, 405], `GET ${target} → ${res.status} ${res.body}`).toContain(res.status);
        expect(JSON.parse(res.body).error.code, target).toMatch(/^[A-Z_]+$/);
        expect(res.body).not.toContain(h.kustomer.url);
        expect(res.body).not.toContain('"data"');
      }
    }
  });

  it('refuses absolute-form request targets with 400 even with the token', async () => {
    for (const target of [`http://${host}/v1/connections`, 'http://x/v1/runs', `https://${host}/healthz`]) {
      const res = await rawRequest(h.wireup.url, 'GET', target, { headers: { authorization: `Bearer ${testToken}` } });
      expect(res.status, target).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe('REQUEST_TARGET_INVALID');
    }
  });

  it('serves the decoded spelling with the token, so the check really sits on the matched route', async () => {
    const res = await rawRequest(h.wireup.url, 'GET', '/%761/connections', {
      headers: { authorization: `Bearer ${testToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain(h.kustomer.url);
  });

  it('refuses a PUT that would redirect a stored secret elsewhere, in any spelling', async () => {
    const body = JSON.stringify({ auth: { baseUrl: 'https://elsewhere.example' }, test: false });
    for (const target of [
      `/%761/connections/${s.kustomerConnection}`,
      `http://x/v1/connections/${s.kustomerConnection}`,
      `/v1/connections/${s.kustomerConnection}`,
    ]) {
      const res = await rawRequest(h.wireup.url, 'PUT', target, { body });
      expect([400, 401], target).toContain(res.status);
    }
    expect((await h.api('GET', `/v1/connections/${s.kustomerConnection}`)).body.auth.baseUrl).toBe(h.kustomer.url);
  });

  it('keeps webhooks open (their provider signature is the check) and answers 400 to malformed percent-encoding', async () => {
    const res = await rawRequest(h.wireup.url, 'POST', '/v1/webhooks/stripe.trigger-charge-failed/not-a-token', {
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).error.code).toBe('UNKNOWN_WEBHOOK');
    for (const target of ['/v1/runs/%zz', '/v1/runs?before=%E0%A4%A']) {
      const bad = await rawRequest(h.wireup.url, 'GET', target, { headers: { authorization: `Bearer ${testToken}` } });
      expect(bad.status, target).toBe(400);
      expect(JSON.parse(bad.body).error.code).toBe('URL_INVALID');
    }
  });
});
