/**
 * Test helper (not exported by the package): an action context aimed at a fake Kustomer,
 * with the SDK's egress-guarded HTTP client allowed to reach 127.0.0.1.
 */
import { type ActionContext } from '@wireup/sdk';
import { createHttpClient } from '@wireup/testing';
import type { FakeKustomer } from '@wireup/testing';

/** A context for `action.run` against `fake`; `auth` overrides the fake's key and URL. */
export function contextFor<I>(fake: FakeKustomer, input: I, auth: Record<string, string> = {}): ActionContext<I> {
  return {
    input,
    auth: { apiKey: fake.apiKey, baseUrl: fake.url, ...auth },
    http: createHttpClient({ allowPrivate: true, defaultTimeoutMs: 10_000 }),
    idempotencyKey: 'run-1:step-1',
  };
}

/** The error a call fails with; fails the test when the call succeeds. */
export async function failed(call: Promise<unknown>): Promise<any> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
