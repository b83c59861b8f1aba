/**
 * Bad input at the edges gets a clear 4xx in the one error shape and leaves nothing behind:
 * after each refusal, the same event sent correctly is accepted as new, and no run or
 * Kustomer call happened in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, stripeEvent, failedCharge, postSigned, eventually, type Harness } from '../testing/harness.ts';
import { waitForRun } from '../testing/wait-for-run.ts';
import { setUpScenario, failedChargeWorkflow, type Scenario } from '../testing/scenario.ts';

describe('webhook ingress refuses bad input and stores nothing', () => {
  let h: Harness;
  let s: Scenario;
  beforeAll(async () => {
    h = await startHarness({ webhookBodyLimit: 64 * 1024 });
    s = await setUpScenario(h);
    h.kustomer.reset(); // forget the connection check's call: the tests count calls from here
  });
  afterAll(async () => h?.close());

  const runsNow = async () => (await h.api('GET', `/v1/runs?workflow=${s.workflowId}`)).body.data.length;

  /** After a refusal: nothing ran, and the event is still new when sent properly. */
  async function expectNothingStored(event: { id: string }) {
    expect(await runsNow()).toBe(0);
    expect(h.kustomer.requests.length).toBe(0);
    const ok = await postSigned(s.webhookUrl, JSON.stringify(event));
    expect(ok.body).toMatchObject({ accepted: 1, duplicates: 0 });
    await waitForRun(h, s.workflowId, { eventId: event.id, status: 'succeeded' });
    await eventually(
      async () => (h.kustomer.conversations.length === 1 ? true : undefined),
      15_000,
      'the conversation',
    );
    h.kustomer.reset();
  }

  it('wrong signature → 400 SIGNATURE_INVALID', async () => {
    const event = stripeEvent('charge.failed', failedCharge());
    const res = await postSigned(s.webhookUrl, JSON.stringify(event), { secret: 'whsec_not_the_right_one' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('SIGNATURE_INVALID');
    expect(res.body.error.message).toMatch(/signature/i);
    await expectNothingStored(event);
  });

  it('timestamp older than 300 s → 400 with a message about the timestamp', async () => {
    await new Promise((r) => setTimeout(r, 200));
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_old' }));
    const res = await postSigned(s.webhookUrl, JSON.stringify(event), {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('SIGNATURE_INVALID');
    expect(res.body.error.message).toMatch(/timestamp|tolerance|old/i);
  });

  it('malformed JSON (correctly signed) → 400 PAYLOAD_INVALID', async () => {
    const res = await postSigned(s.webhookUrl, '{"id": "evt_broken", "type": "charge.failed", ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('PAYLOAD_INVALID');
  });

  it('body over the limit → 413 PAYLOAD_TOO_LARGE', async () => {
    const event = stripeEvent('charge.failed', failedCharge({ metadata: { padding: 'x'.repeat(70 * 1024) } }));
    const res = await postSigned(s.webhookUrl, JSON.stringify(event));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('unknown webhook paths → 404 in the error shape', async () => {
    const event = JSON.stringify(stripeEvent('charge.failed', failedCharge()));
    const wrongToken = s.webhookUrl.replace(/[^/]+$/, 'not-a-real-token-0000000000');
    for (const url of [
      wrongToken,
      `${h.wireup.url}/v1/webhooks/stripe.trigger-charge-failed`,
      `${h.wireup.url}/v1/webhooks/nosuchapp/${s.webhookUrl.split('/').pop()}`,
    ]) {
      const res = await postSigned(url, event);
      expect(res.status, url).toBe(404);
      expect(res.body.error.code).toMatch(/UNKNOWN_WEBHOOK|ROUTE_NOT_FOUND/);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    expect(await runsNow()).toBe(1);
  });

  it('an invalid workflow definition → 422 naming the field, and nothing created', async () => {
    const before = (await h.api('GET', '/v1/workflows')).body.data.length;
    const document = failedChargeWorkflow(s.stripeConnection, s.kustomerConnection);
    (document.steps[1] as Record<string, unknown>).action = 'create-conversaton';
    const res = await h.api('POST', '/v1/workflows', document);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('WORKFLOW_INVALID');
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: '/steps/1/action' }));
    expect(res.body.error.message).toContain('/steps/1/action');

    const missing = failedChargeWorkflow(s.stripeConnection, s.kustomerConnection) as Record<string, unknown>;
    delete missing.trigger;
    const res2 = await h.api('POST', '/v1/workflows', missing);
    expect(res2.status).toBe(422);
    expect(res2.body.error.message).toContain('/trigger');

    const wrongConnection = failedChargeWorkflow(s.kustomerConnection, s.kustomerConnection);
    const res3 = await h.api('POST', '/v1/workflows', wrongConnection);
    expect(res3.status).toBe(422);
    expect(res3.body.error.details).toContainEqual(expect.objectContaining({ path: '/trigger/connection' }));
    expect((await h.api('GET', '/v1/workflows')).body.data.length).toBe(before);
  });

  it('malformed JSON on the API → 400 INVALID_JSON', async () => {
    const res = await h.api('POST', '/v1/workflows', '{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });
});
