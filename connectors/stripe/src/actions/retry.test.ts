/**
 * What the retry policy is for, shown on the wire: a Stripe failure worth retrying is reported
 * retriable, and the step's next attempt sends the same Idempotency-Key, so Stripe performs the
 * write once however often the engine retries.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionContext } from '@wireup/sdk';
import { createHttpClient } from '@wireup/testing';
import stripe from '../connector.ts';
import { stripeRetry } from '../stripe-action.ts';

let server: Server;
let base: string;
const seen: Array<{ path: string; idempotencyKey: string | undefined }> = [];
/** Answers 500 (Stripe's own failure) `failures` times per idempotency key, then the created customer. */
const failures = 2;
const attemptsByKey = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      const key = req.headers['idempotency-key'] as string | undefined;
      seen.push({ path: req.url!, idempotencyKey: key });
      const n = (attemptsByKey.get(key ?? '') ?? 0) + 1;
      attemptsByKey.set(key ?? '', n);
      const [status, body] =
        n <= failures
          ? [500, { error: { type: 'api_error', message: 'Something went wrong on our end.' } }]
          : [200, { id: 'cus_once', object: 'customer', email: 'a@example.com' }];
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${n}` }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise((resolve) => server.close(resolve)));

const context = (idempotencyKey: string): ActionContext => ({
  auth: { secretKey: 'sk_test_retry' },
  settings: { apiBase: base },
  http: createHttpClient({ allowPrivate: true }),
  input: { email: 'a@example.com' },
  idempotencyKey,
});

describe('Stripe actions under retry', () => {
  it('a Stripe failure is retriable, and every attempt of the step carries its one Idempotency-Key until Stripe answers', async () => {
    const action = stripe.actions.get('create-customer')!;
    const errors: unknown[] = [];
    let output: unknown;
    // The engine's loop, reduced to what the connector decides: retry while the error says so, within the policy's attempts.
    for (let attempt = 1; attempt <= action.retry!.maxAttempts! && output === undefined; attempt++) {
      try {
        output = await action.run(context('run_retry:open-customer'));
      } catch (error) {
        errors.push(error);
        if (!(error as { retriable?: boolean }).retriable) break;
      }
    }
    expect(errors).toHaveLength(failures);
    expect(
      errors.every(
        (e) =>
          (e as { code: string; retriable: boolean }).code === 'UPSTREAM_ERROR' &&
          (e as { retriable: boolean }).retriable,
      ),
    ).toBe(true);
    expect(output).toMatchObject({ id: 'cus_once' });
    expect(seen.map((r) => r.idempotencyKey)).toEqual(Array(failures + 1).fill('run_retry:open-customer'));
  });

  it('every action shares the one policy, which retries more than once with growing, capped waits', () => {
    for (const action of stripe.actions.values()) expect(action.retry).toBe(stripeRetry);
    expect(stripeRetry.maxAttempts).toBeGreaterThan(failures);
    expect(stripeRetry.initialDelayMs).toBeGreaterThan(0);
    expect(stripeRetry.maxDelayMs).toBeGreaterThanOrEqual(stripeRetry.initialDelayMs);
  });
});
