/**
 * Creating or updating a connection checks its credentials with the app's cheap test call
 * (Stripe `GET /v1/balance` against stripe-mock, Kustomer `GET /v1/auth/tokens/current`
 * against the fake): a refused key is a 422 that says what is wrong and stores nothing;
 * `"test": false` skips the check; a failed update keeps the previous credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';

describe('connection checks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(); // testEnv points WIREUP_STRIPE_API_BASE at stripe-mock
  });
  afterAll(async () => h?.close());

  const names = async () => (await h.api('GET', '/v1/connections')).body.data.map((c: any) => c.name);
  const tokenChecks = () => h.kustomer.requests.filter((r) => r.path === '/v1/auth/tokens/current');

  it('Stripe: a key Stripe refuses → 422 CONNECTION_TEST_FAILED saying the secret key was refused; nothing stored', async () => {
    // stripe-mock accepts test-mode keys (sk_test_ then letters and digits) and refuses others with Stripe's 401.
    const res = await h.api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'Stripe bad key',
      auth: { secretKey: 'sk_live_not_a_test_key' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CONNECTION_TEST_FAILED');
    expect(JSON.stringify(res.body), 'the refused key is never echoed back').not.toContain('sk_live_not_a_test_key');
    expect(res.body.error.message).toMatch(/^Stripe did not accept these credentials: Stripe refused the secret key/);
    expect(res.body.error.message).toMatch(/Check the connection's key/);
    expect(res.body.error.details).toEqual({ cause: 'AUTHENTICATION_FAILED' });
    expect(await names()).not.toContain('Stripe bad key');
  });

  it('Stripe: a good key → 201', async () => {
    const res = await h.api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'Stripe good key',
      auth: { secretKey: 'sk_test_goodKey' },
    });
    expect(res.status).toBe(201);
    expect(res.body.secrets).toEqual({ secretKey: 'set', webhookSecret: 'unset' });
  });

  it('Kustomer: a refused API key → 422 naming the refused key and quoting Kustomer; nothing stored', async () => {
    const res = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'Kustomer bad key',
      auth: { apiKey: 'not-the-key', baseUrl: h.kustomer.url },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CONNECTION_TEST_FAILED');
    expect(res.body.error.message).toMatch(
      /^Kustomer did not accept these credentials: Kustomer refused the API key \(401 on GET \/v1\/auth\/tokens\/current\)/,
    );
    expect(res.body.error.message).toMatch(/the API key is not valid or was revoked/);
    expect(res.body.error.details).toEqual({ cause: 'AUTHENTICATION_FAILED' });
    expect(tokenChecks().at(-1)?.headers.authorization).toBe('Bearer not-the-key');
    expect(await names()).not.toContain('Kustomer bad key');
  });

  it('Kustomer: an unreachable base URL → 422 saying the call failed', async () => {
    const res = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'Kustomer nowhere',
      auth: { apiKey: 'kustomer-test-key', baseUrl: 'http://127.0.0.1:1' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(
      /^Kustomer could not be reached, so these credentials were not checked: GET http:\/\/127\.0\.0\.1:1\/v1\/auth\/tokens\/current failed/,
    );
    expect(res.body.error.details).toEqual({ cause: 'NETWORK_ERROR' });
  });

  it('Kustomer: a good key → 201, after one token check', async () => {
    const before = tokenChecks().length;
    const res = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'Kustomer good key',
      auth: { apiKey: 'kustomer-test-key', baseUrl: h.kustomer.url },
    });
    expect(res.status).toBe(201);
    expect(tokenChecks().length).toBe(before + 1);
  });

  it('"test": false skips the check (no call to the app)', async () => {
    const before = h.kustomer.requests.length;
    const kustomer = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'Kustomer unchecked',
      test: false,
      auth: { apiKey: 'not-the-key', baseUrl: h.kustomer.url },
    });
    expect(kustomer.status).toBe(201);
    expect(h.kustomer.requests.length).toBe(before);
    const stripe = await h.api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'Stripe unchecked',
      test: false,
      auth: { secretKey: 'sk_live_not_a_test_key' },
    });
    expect(stripe.status).toBe(201);
  });

  it('Kustomer: PUT with a new bad key → 422, and the old key is kept', async () => {
    const created = (
      await h.api('POST', '/v1/connections', {
        connector: 'kustomer',
        name: 'Kustomer to update',
        auth: { apiKey: 'kustomer-test-key', baseUrl: h.kustomer.url },
      })
    ).body;
    const refused = await h.api('PUT', `/v1/connections/${created.id}`, { auth: { apiKey: 'revoked-key' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('CONNECTION_TEST_FAILED');
    expect(refused.body.error.message).toMatch(/Kustomer refused the API key/);
    expect((await h.api('GET', `/v1/connections/${created.id}`)).body.updatedAt).toBe(created.updatedAt);
    // An update that leaves the key out is checked with the stored key: it is still the good one.
    const kept = await h.api('PUT', `/v1/connections/${created.id}`, { auth: { baseUrl: h.kustomer.url } });
    expect(kept.status).toBe(200);
    expect(tokenChecks().at(-1)?.headers.authorization).toBe('Bearer kustomer-test-key');
  });

  it('Stripe: PUT with a new bad key → 422, and the old key is kept', async () => {
    const created = (
      await h.api('POST', '/v1/connections', {
        connector: 'stripe',
        name: 'Stripe to update',
        auth: { secretKey: 'sk_test_goodKey' },
      })
    ).body;
    const refused = await h.api('PUT', `/v1/connections/${created.id}`, { auth: { secretKey: 'rk_live_restricted' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/Stripe refused the secret key/);
    const kept = await h.api('PUT', `/v1/connections/${created.id}`, { auth: { webhookSecret: 'whsec_added_later' } });
    expect(kept.status).toBe(200);
    expect(kept.body.secrets).toEqual({ secretKey: 'set', webhookSecret: 'set' });
  });
});
