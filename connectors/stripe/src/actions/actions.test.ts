import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, validateValue, type ActionContext, type JsonSchema } from '@wireup/sdk';
import { createHttpClient } from '@wireup/testing';
import stripe from '../connector.ts';
import { stripeFor } from '../client.ts';
import { exampleInputs } from './example-inputs.ts';
import { wrongTypeFor } from './schema-values.ts';

const catalog = [
  'create-customer',
  'update-customer',
  'retrieve-customer',
  'find-customer',
  'delete-customer',
  'create-payment-intent',
  'confirm-payment-intent',
  'capture-payment-intent',
  'cancel-payment-intent',
  'create-charge',
  'retrieve-charge',
  'create-refund',
  'create-invoice',
  'create-invoice-item',
  'finalize-invoice',
  'send-invoice',
  'void-invoice',
  'pay-invoice',
  'create-subscription',
  'update-subscription',
  'cancel-subscription',
  'search-subscriptions',
  'create-product',
  'create-price',
  'create-coupon',
  'create-promotion-code',
  'create-payment-link',
  'deactivate-payment-link',
  'create-checkout-session',
  'create-billing-portal-session',
  'retrieve-balance',
];

// Any call that got past validation would reach this closed port and fail with NetworkError.
const auth = { secretKey: 'sk_test_unitNoNetwork' };
const settings = { apiBase: 'http://127.0.0.1:9' };
const http = createHttpClient({ allowPrivate: true });
let requests = 0;
const actions = [...stripe.actions.values()].map((a) => [a.key, a] as const);

beforeAll(() => {
  stripeFor({ auth, settings }).on('request', () => {
    requests += 1;
  });
});

function context(input: unknown): ActionContext {
  return { auth, settings, http, input: input as Record<string, unknown>, idempotencyKey: 'run_unit:step' };
}

async function refusal(key: string, input: unknown): Promise<InvalidInputError> {
  const before = requests;
  const error = await stripe.actions
    .get(key)!
    .run(context(input))
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error, `${key} accepted ${JSON.stringify(input)}`).toBeInstanceOf(InvalidInputError);
  expect(requests, 'no request may reach Stripe').toBe(before);
  return error as InvalidInputError;
}

describe('Stripe action definitions', () => {
  it('are the 31 catalog actions', () => {
    expect([...stripe.actions.keys()]).toEqual(catalog);
  });

  it.each(actions)(
    '%s: idempotent (retried: see retry.test.ts), input refuses unknown properties, every property described',
    (_key, action) => {
      expect(action.idempotent).toBe(true);
      expect(action.inputSchema.additionalProperties).toBe(false);
      for (const [name, schema] of Object.entries(
        (action.inputSchema.properties ?? {}) as Record<string, JsonSchema>,
      )) {
        expect(schema.description, `${name} has a description`).toEqual(expect.any(String));
      }
      expect(validateValue(action.outputSchema, action.sample)).toEqual([]);
    },
  );

  it.each(actions)('%s: the example input is valid', (key, action) => {
    expect(validateValue(action.inputSchema, exampleInputs[key])).toEqual([]);
  });
});

describe('Stripe action inputs are checked before any call', () => {
  it.each(actions)('%s: an unknown property is refused, naming it', async (key) => {
    const error = await refusal(key, { ...exampleInputs[key], colour: 'blue' });
    expect(error.message).toMatch(/\/colour is not a known property/);
  });

  it.each(actions)('%s: each property of the wrong type is refused, naming it', async (key, action) => {
    for (const [name, schema] of Object.entries((action.inputSchema.properties ?? {}) as Record<string, JsonSchema>)) {
      const error = await refusal(key, { ...exampleInputs[key], [name]: wrongTypeFor(schema) });
      expect((error.details as Array<{ path: string }>).map((p) => p.path)).toContain(`/${name}`);
    }
  });

  it.each(actions.filter(([, a]) => ((a.inputSchema.required ?? []) as string[]).length))(
    '%s: a missing required property is refused, naming it',
    async (key, action) => {
      for (const name of action.inputSchema.required as string[]) {
        const { [name]: _dropped, ...input } = exampleInputs[key];
        const error = await refusal(key, input);
        expect(error.message).toContain(`/${name} is required`);
      }
    },
  );

  it('alternatives are enforced: a refund needs a charge or a payment intent; a coupon a percent or an amount with currency', async () => {
    await refusal('create-refund', { amount: 100 });
    await refusal('create-coupon', { amount_off: 500 });
    await refusal('find-customer', { limit: 3 });
    await refusal('create-price', { currency: 'usd', unit_amount: 100 });
  });

  it('amounts must be whole numbers in the smallest currency unit', async () => {
    await refusal('create-payment-intent', { amount: 49.99, currency: 'usd' });
    await refusal('create-payment-intent', { amount: 0, currency: 'usd' });
    await refusal('create-payment-intent', { amount: 4999, currency: 'dollars' });
  });

  it('a valid input does reach Stripe (here: an unreachable one), so the checks above are not vacuous', async () => {
    const before = requests;
    const error = await stripe.actions
      .get('retrieve-balance')!
      .run(context({}))
      .catch((e: unknown) => e);
    expect((error as Error & { code: string }).code).toBe('NETWORK_ERROR');
    expect(requests).toBe(before + 1);
  });
});
