/**
 * On a laptop (WIREUP_PUBLIC_URL unset, private egress not allowed) Wireup does not register a
 * webhook endpoint the provider could never reach: publishing a managed Stripe trigger answers
 * 422 WEBHOOK_URL_NOT_PUBLIC with the way out, and the workflow stays a draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { failedChargeWorkflow } from '../testing/scenario.ts';

describe('webhooks on a laptop', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ egressAllowPrivate: false });
  });
  afterAll(async () => h?.close());

  it('refuses to register a loopback webhook URL at Stripe, saying to use a tunnel or stripe listen', async () => {
    const stripe = await h.api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'Stripe (managed)',
      test: false,
      auth: { secretKey: 'sk_test_laptop' },
    });
    const kustomer = await h.api('POST', '/v1/connections', {
      connector: 'kustomer',
      name: 'Kustomer',
      test: false,
      auth: { apiKey: 'k', baseUrl: 'https://acme.api.kustomerapp.com' },
    });
    const workflow = await h.api('POST', '/v1/workflows', failedChargeWorkflow(stripe.body.id, kustomer.body.id));
    expect(workflow.status).toBe(201);
    const res = await h.api('POST', `/v1/workflows/${workflow.body.id}/publish`);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'WEBHOOK_URL_NOT_PUBLIC',
      details: { url: stripe.body.webhookUrl, events: ['charge.failed'] },
    });
    expect(res.body.error.message).toMatch(/Stripe cannot reach http:\/\/127\.0\.0\.1:\d+/);
    expect(res.body.error.message).toMatch(/WIREUP_PUBLIC_URL/);
    expect(res.body.error.message).toMatch(/stripe listen --forward-to/);
    expect((await h.api('GET', `/v1/workflows/${workflow.body.id}`)).body.status).toBe('draft');
  });
});
