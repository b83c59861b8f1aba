/**
 * The egress guard on the real server path: with private egress limited to a range that does
 * not hold loopback, a Kustomer connection aimed at the loopback fake — spelled as IPv4-mapped
 * IPv6 (`[::ffff:7f00:1]`) or as a name resolving to loopback — never reaches it: neither the
 * credentials check nor a run's action. The same fake answers when it is allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startHarness,
  stripeEvent,
  failedCharge,
  postSigned,
  stripeWebhookSecret,
  type Harness,
} from '../testing/harness.ts';
import { waitForRun } from '../testing/wait-for-run.ts';
import { failedChargeWorkflow } from '../testing/scenario.ts';

describe('egress guard through the server', () => {
  let h: Harness;
  let port: string;
  beforeAll(async () => {
    h = await startHarness({ egressAllowPrivate: ['10.0.0.0/8'] });
    port = new URL(h.kustomer.url).port;
  });
  afterAll(async () => h?.close());

  it('a Kustomer baseUrl http://[::ffff:7f00:1]:PORT (loopback as IPv4-mapped IPv6) is refused; the fake sees nothing', async () => {
    for (const test of [true, false]) {
      const res = await h.api('POST', '/v1/connections', {
        connector: 'kustomer',
        name: 'mapped',
        test,
        auth: { apiKey: 'kustomer-test-key', baseUrl: `http://[::ffff:7f00:1]:${port}` },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        expect.objectContaining({
          path: '/auth/baseUrl',
          message: expect.stringMatching(/Outbound call to ::ffff:7f00:1 refused/),
        }),
      ]);
    }
    // A name that resolves to loopback passes the save-time check and is refused when the credentials check connects.
    const byName = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'by name',
      auth: { apiKey: 'kustomer-test-key', baseUrl: `http://localhost:${port}` },
    });
    expect(byName.status).toBe(422);
    expect(byName.body.error).toMatchObject({ code: 'CONNECTION_TEST_FAILED', details: { cause: 'EGRESS_REFUSED' } });
    expect(byName.body.error.message).toMatch(
      /^Wireup's egress guard refused the call to Kustomer, so these credentials were not checked: Outbound call to localhost/,
    );
    expect(h.kustomer.requests).toHaveLength(0);
  });

  it('a name resolving to loopback is refused when the action runs (not retried), and the fake sees nothing', async () => {
    const stripe = await h.api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'Stripe',
      test: false,
      auth: { secretKey: 'sk_test_123', webhookSecret: stripeWebhookSecret },
    });
    const kustomer = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'by name',
      test: false,
      auth: { apiKey: 'kustomer-test-key', baseUrl: `http://localhost:${port}` },
    });
    expect(kustomer.status).toBe(201);
    const workflow = await h.api('POST', '/v1/workflows', failedChargeWorkflow(stripe.body.id, kustomer.body.id));
    const published = await h.api('POST', `/v1/workflows/${workflow.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(
      (await postSigned(published.body.webhookUrl, JSON.stringify(stripeEvent('charge.failed', failedCharge()))))
        .status,
    ).toBe(200);
    const detail = await waitForRun(h, workflow.body.id, { status: ['failed', 'succeeded'] });
    const action = detail.steps.find((s: any) => s.id === 'find-customer'); // the first Kustomer call
    expect(detail.status).toBe('failed');
    expect(action.error).toMatchObject({
      code: 'EGRESS_REFUSED',
      message: expect.stringMatching(/localhost \((127\.0\.0\.1|::1)\)/),
    });
    expect(action.attempts).toBe(1);
    expect(h.kustomer.requests).toHaveLength(0);
  });
});

describe('egress guard allows what it is told to', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ egressAllowPrivate: ['127.0.0.0/8'] });
  });
  afterAll(async () => h?.close());

  it('the same mapped address reaches the fake when loopback is in the allowed ranges', async () => {
    const port = new URL(h.kustomer.url).port;
    const res = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'mapped allowed',
      auth: { apiKey: 'kustomer-test-key', baseUrl: `http://[::ffff:7f00:1]:${port}` },
    });
    expect(res.status).toBe(201);
    expect(h.kustomer.requests.length).toBeGreaterThan(0);
  });
});
