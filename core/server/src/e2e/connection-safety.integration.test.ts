/**
 * Connections keep their secrets where they were meant to go: moving a Kustomer connection to
 * another `baseUrl` needs the API key again (422 naming it; the stored key is never sent to the
 * new host); plain `http://` bases are refused unless private egress is allowed; a connection
 * that a published workflow uses, as trigger or as an action's connection, cannot be deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { startHarness, type Harness } from '../testing/harness.ts';
import { setUpScenario, type Scenario } from '../testing/scenario.ts';

describe('connection safety', () => {
  let h: Harness;
  let s: Scenario;
  let elsewhere: FakeKustomer;
  beforeAll(async () => {
    h = await startHarness();
    s = await setUpScenario(h);
    elsewhere = await createFakeKustomer({ apiKey: 'key-for-elsewhere' });
  });
  afterAll(async () => {
    await h?.close();
    await elsewhere?.close();
  });

  it('changing baseUrl without the API key → 422 CONNECTION_SECRETS_REQUIRED naming apiKey; the stored key goes nowhere', async () => {
    const before = (await h.api('GET', `/v1/connections/${s.kustomerConnection}`)).body;
    const res = await h.api('PUT', `/v1/connections/${s.kustomerConnection}`, { auth: { baseUrl: elsewhere.url } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CONNECTION_SECRETS_REQUIRED');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        path: '/auth/apiKey',
        message: expect.stringMatching(/changing baseUrl changes where it is sent/),
      }),
    ]);
    expect(elsewhere.requests).toHaveLength(0);
    expect((await h.api('GET', `/v1/connections/${s.kustomerConnection}`)).body).toEqual(before);
    // Re-sending the same base (a trailing slash aside) is no change and needs nothing.
    expect(
      (
        await h.api('PUT', `/v1/connections/${s.kustomerConnection}`, {
          auth: { baseUrl: `${h.kustomer.url}/` },
          test: false,
        })
      ).status,
    ).toBe(200);
  });

  it('changing baseUrl together with the key for the new host is checked there and saved', async () => {
    const res = await h.api('PUT', `/v1/connections/${s.kustomerConnection}`, {
      auth: { baseUrl: elsewhere.url, apiKey: 'key-for-elsewhere' },
    });
    expect(res.status).toBe(200);
    expect(res.body.auth.baseUrl).toBe(elsewhere.url);
    expect(elsewhere.requests.map((r) => r.headers.authorization)).toEqual(['Bearer key-for-elsewhere']);
    const back = await h.api('PUT', `/v1/connections/${s.kustomerConnection}`, {
      auth: { baseUrl: h.kustomer.url, apiKey: 'kustomer-test-key' },
    });
    expect(back.status).toBe(200);
  });

  it("deleting a connection used only by a published workflow's action → 409 naming the workflow; 204 once unpublished", async () => {
    const res = await h.api('DELETE', `/v1/connections/${s.kustomerConnection}`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { workflows: [s.workflowId] } });
    expect(res.body.error.message).toContain(s.workflowId);
    expect((await h.api('GET', `/v1/connections/${s.kustomerConnection}`)).status).toBe(200);
    expect((await h.api('DELETE', `/v1/connections/${s.stripeConnection}`)).status).toBe(409);
    expect((await h.api('POST', `/v1/workflows/${s.workflowId}/unpublish`)).status).toBe(200);
    expect((await h.api('DELETE', `/v1/connections/${s.kustomerConnection}`)).status).toBe(204);
  });
});

describe('plain http:// destinations', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ egressAllowPrivate: false });
  });
  afterAll(async () => h?.close());

  it('are refused while private egress is not allowed, and so are private literals', async () => {
    const plain = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'plain',
      test: false,
      auth: { apiKey: 'k', baseUrl: 'http://acme.api.kustomerapp.com' },
    });
    expect(plain.status).toBe(400);
    expect(plain.body.error.details).toEqual([
      expect.objectContaining({ path: '/auth/baseUrl', message: expect.stringMatching(/plain http:\/\/ URL/) }),
    ]);
    const metadata = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'metadata',
      test: false,
      auth: { apiKey: 'k', baseUrl: 'https://169.254.169.254' },
    });
    expect(metadata.status).toBe(400);
    expect(metadata.body.error.details[0].message).toMatch(/refused/);
    const mapped = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'mapped',
      auth: { apiKey: 'kustomer-test-key', baseUrl: `https://[::ffff:7f00:1]:${new URL(h.kustomer.url).port}` },
    });
    expect(mapped.status).toBe(400);
    expect(mapped.body.error.details[0].message).toMatch(/Outbound call to ::ffff:7f00:1 refused/);
    expect(h.kustomer.requests).toHaveLength(0);
    const ok = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'https',
      test: false,
      auth: { apiKey: 'k', baseUrl: 'https://acme.api.kustomerapp.com' },
    });
    expect(ok.status).toBe(201);
  });
});
