/**
 * Every action against stripe-mock (Stripe's official API mock, built from its OpenAPI spec):
 * the SDK call is accepted as Stripe would accept it, the output validates against the
 * action's outputSchema, and writes carry the step's Idempotency-Key. Needs stripe-mock at
 * STRIPE_MOCK_URL (default http://127.0.0.1:12111): `~/go/bin/stripe-mock -http-port 12111`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  validateValue,
  type ActionContext,
  type ConnectorContext,
  type JsonSchema,
} from '@wireup/sdk';
import { createHttpClient } from '@wireup/testing';
import stripe from '../connector.ts';
import { callStripe, stripeFor } from '../client.ts';
import { exampleInputs, readActions } from './example-inputs.ts';
import { valueFor } from './schema-values.ts';

const mockUrl = process.env.STRIPE_MOCK_URL ?? 'http://127.0.0.1:12111';
const auth = { secretKey: 'sk_test_wireupIntegration' };
const requests: Array<{ method: string; path: string; idempotency_key?: string }> = [];
/** What the engine hands every call: the connection's auth, the egress-guarded client (loopback allowed), the connector's settings. */
const base: ConnectorContext = { auth, http: createHttpClient({ allowPrivate: true }), settings: { apiBase: mockUrl } };

function context(input: Record<string, unknown>, idempotencyKey: string): ActionContext {
  return { ...base, input, idempotencyKey };
}

beforeAll(async () => {
  let res: Response;
  try {
    res = await fetch(`${mockUrl}/v1/balance`, {
      headers: { authorization: `Bearer ${auth.secretKey}` },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new Error(
      `stripe-mock is not reachable at ${mockUrl} (${(error as Error).message}). Start it with \`~/go/bin/stripe-mock -http-port 12111 -https-port 12112\` (go install github.com/stripe/stripe-mock@latest) or set STRIPE_MOCK_URL.`,
    );
  }
  if (!res.ok)
    throw new Error(`stripe-mock at ${mockUrl} answered GET /v1/balance with ${res.status}: ${await res.text()}`);
  stripeFor(base).on('request', (event: { method: string; path: string; idempotency_key?: string }) =>
    requests.push(event),
  );
}, 30_000);

describe('Stripe actions against stripe-mock', () => {
  it('the example table covers every action', () => {
    expect(Object.keys(exampleInputs).sort()).toEqual([...stripe.actions.keys()].sort());
  });

  it.each([...stripe.actions.values()].map((a) => [a.key, a] as const))(
    '%s: Stripe accepts the call and the output matches outputSchema',
    async (key, action) => {
      const idempotencyKey = `run_it:${key}`;
      requests.length = 0;
      const output = await action.run(context(exampleInputs[key], idempotencyKey));
      expect(validateValue(action.outputSchema, output)).toEqual([]);
      expect(requests).toHaveLength(1);
      if (readActions.has(key)) {
        expect(requests[0].method).toBe('GET');
        expect(requests[0].idempotency_key).not.toBe(idempotencyKey);
      } else {
        expect(requests[0].method).toMatch(/^(POST|DELETE)$/);
        expect(requests[0].idempotency_key).toBe(idempotencyKey);
      }
    },
    30_000,
  );

  it.each([...stripe.actions.values()].map((a) => [a.key, a] as const))(
    '%s: Stripe accepts every input property the schema offers',
    async (key, action) => {
      const properties = (action.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
      for (const [name, schema] of Object.entries(properties)) {
        if (name in exampleInputs[key]) continue;
        const input = { ...exampleInputs[key], [name]: valueFor(schema, name) };
        if (validateValue(action.inputSchema, input).length) continue; // e.g. amount_off without currency: refused before Stripe
        await expect(action.run(context(input, `run_it:${key}:${name}`)), `${key} with ${name}`).resolves.toBeTruthy();
      }
    },
    60_000,
  );

  it('find-customer reports the first match and its id', async () => {
    const output = await stripe.actions.get('find-customer')!.run(context({ email: 'jenny.rosen@example.com' }, 'k'));
    expect(output.found).toBe(true);
    expect(output.id).toBe(output.customer.id);
    expect(output.matches[0]).toEqual(output.customer);
  });

  it('a request Stripe refuses becomes a non-retriable InvalidInputError', async () => {
    // The actions' schemas never let this through; the client alone can send it.
    const error = await callStripe(base, (client) => client.customers.create({ nickname: 'x' } as never)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).retriable).toBe(false);
    expect((error as Error).message).toMatch(/^Stripe refused the request/);
  });

  it('testConnection passes with the mock', async () => {
    await expect(stripe.testConnection!(base)).resolves.toBeUndefined();
  });
});
