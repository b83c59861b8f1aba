/**
 * Documented limits (docs/limits.md) are enforced with a clear 4xx before anything is stored:
 * deep JSON on the webhook ingress and the API, workflow documents that are too deep, too long
 * or too large.
 */
import { describe, expect, it } from 'vitest';
import { stripeEvent, failedCharge, postSigned } from '../testing/harness.ts';
import { useScenario } from '../testing/use-scenario.ts';
import { waitForRun } from '../testing/wait-for-run.ts';
import { failedChargeWorkflow } from '../testing/scenario.ts';

/** `{"x":{"x":…"leaf"…}}` nested `levels` deep, as text (JSON.stringify would recurse). */
const nestedText = (levels: number) => `${'{"x":'.repeat(levels)}"leaf"${'}'.repeat(levels)}`;

describe('input limits', () => {
  const { h, s } = useScenario();

  const runs = async () => (await h.api('GET', `/v1/runs?workflow=${s.workflowId}`)).body.data.length;

  it('a signed Stripe event with 60,000-level nested metadata → 400 JSON_TOO_DEEP, nothing stored', async () => {
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_deep', metadata: { placeholder: true } }));
    const payload = JSON.stringify(event).replace('{"placeholder":true}', nestedText(60_000));
    const res = await postSigned(s.webhookUrl, payload);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('JSON_TOO_DEEP');
    expect(res.body.error.details.path).toMatch(/^\/data\/object\/metadata\/x/);
    expect(await runs()).toBe(0);
    // Nothing of the refused delivery was kept: the same event id sent properly is new.
    const ok = await postSigned(s.webhookUrl, JSON.stringify(event));
    expect(ok.body).toMatchObject({ accepted: 1, duplicates: 0 });
    await waitForRun(h, s.workflowId, { eventId: event.id, status: 'succeeded' });
    expect((await fetch(`${h.wireup.url}/healthz`)).status).toBe(200);
  });

  it('a workflow whose action input nests 20,000 levels → 422 WORKFLOW_INVALID, nothing created', async () => {
    const before = (await h.api('GET', '/v1/workflows')).body.data.length;
    const doc = failedChargeWorkflow(s.stripeConnection, s.kustomerConnection);
    (doc.steps[1] as { input: Record<string, unknown> }).input.deep = 'PLACEHOLDER';
    for (const levels of [20_000, 60]) {
      const body = JSON.stringify(doc).replace('"PLACEHOLDER"', nestedText(levels));
      const res = await h.api('POST', '/v1/workflows', body);
      expect(res.status, `${levels} levels`).toBe(422);
      expect(res.body.error.code).toBe('WORKFLOW_INVALID');
      expect(res.body.error.details[0].path).toMatch(/^\/steps\/1\/input\/deep\/x/);
      expect(res.body.error.details[0].message).toMatch(/nests deeper than \d+ levels/);
    }
    const put = await h.api(
      'PUT',
      `/v1/workflows/${s.workflowId}`,
      JSON.stringify(doc).replace('"PLACEHOLDER"', nestedText(20_000)),
    );
    expect(put.status).toBe(422);
    expect((await h.api('GET', '/v1/workflows')).body.data.length).toBe(before);
  });

  it('workflow names, strings, step ids and step counts over the limit → 422 naming the field', async () => {
    const base = () => failedChargeWorkflow(s.stripeConnection, s.kustomerConnection);
    const cases: Array<[string, Record<string, any>]> = [
      ['/name', { ...base(), name: 'n'.repeat(201) }],
      [
        '/steps/1/input/name',
        (() => {
          const d = base();
          (d.steps[1] as any).input.name = 'y'.repeat(10_001);
          return d;
        })(),
      ],
      [
        '/steps/0/id',
        (() => {
          const d = base();
          (d.steps[0] as any).id = 'a'.repeat(65);
          return d;
        })(),
      ],
      ['/steps', { ...base(), steps: Array.from({ length: 201 }, (_, i) => ({ ...base().steps[0], id: `f${i}` })) }],
    ];
    for (const [path, doc] of cases) {
      const res = await h.api('POST', '/v1/workflows', doc);
      expect(res.status, path).toBe(422);
      expect(res.body.error.details[0].path, path).toBe(path);
    }
  });

  it('an API body nested deeper than 64 levels → 400 JSON_TOO_DEEP; an API body over 1 MiB → 413', async () => {
    const res = await h.api('POST', '/v1/connections', `{"connector":"stripe","name":"x","auth":${nestedText(100)}}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('JSON_TOO_DEEP');
    const big = await h.api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'x',
      auth: { secretKey: 'k'.repeat(1024 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
