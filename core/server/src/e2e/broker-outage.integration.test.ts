/**
 * The broker stops while events arrive: the ingress answers 503 (so the provider retries) and
 * acknowledges nothing it has not stored; when the broker is back, the providers' retries are
 * accepted and every event runs exactly once: nothing lost, nothing doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Stripe from 'stripe';
import {
  startHarness,
  stripeEvent,
  failedCharge,
  eventually,
  stripeWebhookSecret,
  type Harness,
} from '../testing/harness.ts';
import { setUpScenario, type Scenario } from '../testing/scenario.ts';
import { kafkaMongoOverrides } from '../testing/backends.ts';
import { repoRoot } from '../testing/spawn-wireup.ts';

const services = (...args: string[]) =>
  execFileSync('bash', [join(repoRoot, 'tools/services/services.sh'), ...args], {
    cwd: repoRoot,
    stdio: 'pipe',
    timeout: 180_000,
  });
/** The broker can be stopped only when this checkout's tools/services started it (not an external KAFKA_BROKERS, nor another checkout's). */
function ownsBroker(): boolean {
  if (process.env.KAFKA_BROKERS) return false;
  try {
    return /kafka: running \(pid \d+\)/.test(services('status', 'kafka').toString());
  } catch {
    return false;
  }
}

describe.skipIf(!ownsBroker())(
  "Kafka broker outage (skipped only when the broker was not started by this checkout's tools/services, so the test cannot stop it)",
  () => {
    let h: Harness;
    let s: Scenario;
    beforeAll(async () => {
      h = await startHarness(kafkaMongoOverrides('outage'));
      s = await setUpScenario(h);
      h.kustomer.reset();
    });
    afterAll(async () => {
      services('up', 'kafka'); // never leave the shared broker down for the next tests
      await h?.close();
    });

    const post = async (body: string) => {
      const res = await fetch(s.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: stripeWebhookSecret }),
        },
        body,
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    // services() blocks this process for seconds while the server closes idle keep-alive sockets
    // (WIREUP_KEEP_ALIVE_TIMEOUT_MS): let fetch see those closes before it sends on a pooled socket.
    const settle = () => new Promise((r) => setTimeout(r, 250));
    const events = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        JSON.stringify(
          stripeEvent('charge.failed', failedCharge({ id: `ch_outage_${from + i}` }), `evt_outage_${from + i}`),
        ),
      );

    it('answers 503 while the broker is down, and runs every event once after it is back', async () => {
      const before = events(0, 10);
      for (const body of before) expect((await post(body)).status).toBe(200);

      services('down', 'kafka');
      await settle();
      const during = events(10, 10);
      const refused = await Promise.all(during.map(post));
      for (const r of refused) {
        expect(r.status).toBe(503);
        expect(r.body.error.code).toBe('BUS_UNAVAILABLE');
      }

      services('up', 'kafka');
      await settle();
      // The provider retries what was not acknowledged, until it is (a reset connection is not an
      // acknowledgement either); and re-sends some it already had acknowledged.
      for (const body of [...during, ...before.slice(0, 3)]) {
        await eventually(
          async () => ((await post(body).catch(() => undefined))?.status === 200 ? true : undefined),
          90_000,
          'the retried delivery to be accepted',
        );
      }
      await eventually(
        async () => (h.kustomer.conversations.length >= 20 ? true : undefined),
        180_000,
        '20 conversations',
      );
      await new Promise((r) => setTimeout(r, 2000));
      const names = h.kustomer.conversations.map((c) => c.attributes.name);
      expect(names).toHaveLength(20);
      expect(new Set(names).size).toBe(20);
      const runs = (await h.api('GET', `/v1/runs?workflow=${s.workflowId}&limit=100`)).body.data;
      expect(runs).toHaveLength(20);
      expect(runs.every((r: any) => r.status === 'succeeded')).toBe(true);
    }, 420_000);
  },
);
