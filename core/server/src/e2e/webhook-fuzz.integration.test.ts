/**
 * Property test of the webhook ingress (fast-check): random bodies, headers, signatures and
 * paths posted over HTTP to a real Wireup never get a 5xx, every refusal is a 4xx in the one
 * error shape, and only deliveries answered 200 ever become runs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Stripe from 'stripe';
import { stripeEvent, failedCharge, eventually, stripeWebhookSecret } from '../testing/harness.ts';
import { useScenario } from '../testing/use-scenario.ts';

/** What gets posted: a body, which signature it carries, where it goes, and a content type. */
const delivery = fc.record({
  body: fc.oneof(
    fc.json({ maxDepth: 4 }),
    fc.string({ maxLength: 200 }),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    // A real-looking event, sometimes valid, sometimes with a field broken or nested deep.
    fc
      .record({
        id: fc.string({ minLength: 1, maxLength: 30 }),
        type: fc.constantFrom('charge.failed', 'charge.succeeded', 'x', ''),
        depth: fc.integer({ min: 0, max: 80 }),
        code: fc.constantFrom('card_declined', 'expired_card'),
      })
      .map(({ id, type, depth, code }) => {
        const text = JSON.stringify(
          stripeEvent(type, failedCharge({ failure_code: code, metadata: { deep: 'PLACEHOLDER' } }), `evt_${id}`),
        );
        return text.replace('"PLACEHOLDER"', `${'['.repeat(depth)}1${']'.repeat(depth)}`);
      }),
  ),
  signature: fc.constantFrom('right', 'wrong-secret', 'stale', 'garbage', 'none'),
  garbage: fc.string({ maxLength: 120 }),
  target: fc.constantFrom('hook', 'hook', 'hook', 'wrong-token', 'unknown-connector', 'no-token'),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    '',
  ),
});

describe('webhook ingress under random input', () => {
  const { h, s } = useScenario();

  it('never answers 5xx, refuses in the one error shape, and stores only what it accepted', async () => {
    const acceptedIds = new Set<string>();
    const statuses = new Map<number, number>();
    const token = s.webhookUrl.split('/').pop()!;
    // The per-trigger form of the URL ignores other event types, so every accepted event is a run.
    const hook = s.webhookUrl.replace('/v1/webhooks/stripe/', '/v1/webhooks/stripe.trigger-charge-failed/');
    const urls = {
      hook,
      'wrong-token': hook.replace(/[^/]+$/, 'x'.repeat(token.length)),
      'unknown-connector': `${h.wireup.url}/v1/webhooks/nosuchapp/${token}`,
      'no-token': `${h.wireup.url}/v1/webhooks/stripe.trigger-charge-failed`,
    };
    await fc.assert(
      fc.asyncProperty(delivery, async (d) => {
        const payload = typeof d.body === 'string' ? d.body : JSON.stringify(d.body);
        const headers: Record<string, string> = d.contentType ? { 'content-type': d.contentType } : {};
        const now = Math.floor(Date.now() / 1000);
        if (d.signature === 'right')
          headers['stripe-signature'] = Stripe.webhooks.generateTestHeaderString({
            payload,
            secret: stripeWebhookSecret,
          });
        if (d.signature === 'wrong-secret')
          headers['stripe-signature'] = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_wrong' });
        if (d.signature === 'stale')
          headers['stripe-signature'] = Stripe.webhooks.generateTestHeaderString({
            payload,
            secret: stripeWebhookSecret,
            timestamp: now - 3600,
          });
        if (d.signature === 'garbage') headers['stripe-signature'] = d.garbage.replace(/[\r\n]/g, ' ');
        const res = await fetch(urls[d.target], { method: 'POST', headers, body: payload });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${d.target} ${d.signature} ${payload.slice(0, 200)} → ${text}`).toBeLessThan(500);
        const answer = JSON.parse(text);
        if (res.status >= 400) {
          expect(answer.error.code).toMatch(/^[A-Z_]+$/);
        } else {
          expect(res.status).toBe(200);
          if (answer.accepted > 0) acceptedIds.add(JSON.parse(payload).id);
        }
      }),
      { numRuns: 250, seed: 20261207 },
    );

    // Some deliveries were accepted and many refused, so the property says something.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].some((st) => st >= 400)).toBe(true);
    // Exactly the accepted events became runs: nothing of a refused delivery was stored.
    const runs = await eventually(
      async () => {
        const data = (await h.api('GET', `/v1/runs?workflow=${s.workflowId}&limit=500`)).body.data as Array<{
          event: { id: string };
          status: string;
        }>;
        return data.length === acceptedIds.size && data.every((r) => r.status !== 'queued' && r.status !== 'running')
          ? data
          : undefined;
      },
      30_000,
      'the runs of the accepted events',
    );
    expect(new Set(runs.map((r) => r.event.id))).toEqual(acceptedIds);
  }, 120_000);
});
