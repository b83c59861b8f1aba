/**
 * Every /v1 call except webhooks needs the bearer token; no secret ever appears in an API
 * response or in the run log.
 */
import { describe, expect, it } from 'vitest';
import { testToken, stripeEvent, failedCharge, postSigned, stripeWebhookSecret } from '../testing/harness.ts';
import { useScenario } from '../testing/use-scenario.ts';
import { waitForRun } from '../testing/wait-for-run.ts';

describe('API token and secrets', () => {
  const { h, s } = useScenario();

  it('answers 401 on every documented /v1 call without the token (or with a wrong one), webhooks excepted', async () => {
    const openapi = (await (await fetch(`${h.wireup.url}/openapi.json`)).json()) as any;
    const calls = Object.entries(openapi.paths as Record<string, object>)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), path] as const))
      .filter(([, path]) => path.startsWith('/v1/') && !path.startsWith('/v1/webhooks'));
    expect(calls.length).toBeGreaterThanOrEqual(14);
    for (const [method, template] of calls) {
      const path = template.replace(/\{[^}]+\}/g, 'x');
      for (const headers of [{ authorization: '' }, { authorization: 'Bearer wrong-token' }]) {
        const res = await fetch(`${h.wireup.url}${path}`, { method, headers });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(((await res.json()) as any).error.code).toBe('UNAUTHORIZED');
      }
    }
  });

  it('never returns or logs a secret', async () => {
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_secret' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const run = await waitForRun(h, s.workflowId, { eventId: event.id, status: 'succeeded' });
    const bodies = [
      await h.api('GET', '/v1/connections'),
      await h.api('GET', `/v1/connections/${s.stripeConnection}`),
      await h.api('GET', `/v1/connections/${s.kustomerConnection}`),
      await h.api('GET', '/v1/workflows'),
      await h.api('GET', `/v1/runs/${run.id}`),
      await h.api('GET', '/v1/runs'),
      await h.api('PUT', `/v1/connections/${s.kustomerConnection}`, { name: 'Kustomer renamed' }),
    ].map((r) => JSON.stringify(r.body));
    for (const secret of ['sk_test_123', stripeWebhookSecret, 'kustomer-test-key']) {
      for (const body of bodies) expect(body).not.toContain(secret);
    }
    const connection = (await h.api('GET', `/v1/connections/${s.stripeConnection}`)).body;
    expect(connection.secrets).toEqual({ secretKey: 'set', webhookSecret: 'set' });
    const kustomer = (await h.api('GET', `/v1/connections/${s.kustomerConnection}`)).body;
    expect(kustomer.auth).toEqual({ baseUrl: h.kustomer.url });
    // The fake did receive the key: it is used, just never shown.
    expect(h.kustomer.requests.some((r) => r.headers.authorization === 'Bearer kustomer-test-key')).toBe(true);
  });

  it('keeps secrets encrypted at rest', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const files = readdirSync(h.dataDir).filter((f) => f.startsWith('wireup.db'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = readFileSync(`${h.dataDir}/${f}`).toString('latin1');
      expect(bytes).not.toContain('kustomer-test-key');
      expect(bytes).not.toContain(stripeWebhookSecret);
    }
  });

  it('leaves /healthz and /openapi.json open; /metrics needs the token', async () => {
    expect((await fetch(`${h.wireup.url}/healthz`)).status).toBe(200);
    const refused = await fetch(`${h.wireup.url}/metrics`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as any).error.code).toBe('UNAUTHORIZED');
    expect((await fetch(`${h.wireup.url}/metrics`, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(
      401,
    );
    const metrics = await (
      await fetch(`${h.wireup.url}/metrics`, { headers: { authorization: `Bearer ${testToken}` } })
    ).text();
    expect(metrics).toMatch(/wireup_runs_finished_total\{status="succeeded"\} \d+/);
    expect(metrics).toMatch(/wireup_webhook_deliveries_total\{connector="stripe",result="accepted"\} \d+/);
    expect((await fetch(`${h.wireup.url}/openapi.json`)).status).toBe(200);
  });
});
