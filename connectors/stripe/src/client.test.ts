import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  EgressRefusedError,
  InvalidInputError,
  NetworkError,
  RateLimitedError,
  UpstreamError,
  type ConnectorContext,
  type EgressAllowance,
} from '@wireup/sdk';
import { createHttpClient } from '@wireup/testing';
import { callStripe, stripeApiBase, stripeFor, testStripeConnection } from './client.ts';
import { CardDeclinedError, StripeApiBaseInvalidError } from './errors.ts';

/**
 * A local server that answers like Stripe does when things go wrong (stripe-mock cannot
 * decline a card or rate-limit), so the real SDK raises its real errors.
 */
const answers: Record<string, [number, unknown, Record<string, string>?]> = {
  '/v1/charges/declined': [
    402,
    {
      error: {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
        charge: 'ch_123',
      },
    },
  ],
  '/v1/customers/missing': [
    404,
    {
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'id',
        message: "No such customer: 'missing'",
      },
    },
  ],
  '/v1/customers/bad-param': [
    400,
    {
      error: {
        type: 'invalid_request_error',
        code: 'parameter_invalid_integer',
        param: 'items[0][quantity]',
        message: 'Invalid integer: many',
      },
    },
  ],
  '/v1/balance': [
    401,
    { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_***oops' } },
  ],
  '/v1/charges/forbidden': [
    403,
    {
      error: {
        type: 'invalid_request_error',
        code: 'secret_key_required',
        message: 'This API call cannot be made with a publishable API key.',
      },
    },
  ],
  '/v1/charges/slow-down': [
    429,
    { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests.' } },
    { 'retry-after': '2' },
  ],
  '/v1/charges/broken': [500, { error: { type: 'api_error', message: 'Something went wrong on our end.' } }],
  '/v1/charges/ch_ok': [200, { id: 'ch_ok', object: 'charge' }],
};

let server: Server;
let base: string;
const localHttp = createHttpClient({ allowPrivate: true });
/** A call's context: the connection's key, this connector's settings, the (egress-guarded) HTTP client. */
const ctxFor = (
  secretKey: string | undefined,
  apiBase = base,
  allowPrivate: EgressAllowance = true,
): ConnectorContext => ({
  auth: secretKey === undefined ? {} : { secretKey },
  settings: { apiBase },
  http: allowPrivate === true ? localHttp : createHttpClient({ allowPrivate }),
});

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url!.split('?')[0];
    const goodKey = req.headers.authorization === 'Bearer sk_test_good';
    const [status, body, headers] =
      path === '/v1/balance' && goodKey
        ? [200, { object: 'balance', available: [], pending: [] }]
        : (answers[path] ?? [
            404,
            { error: { type: 'invalid_request_error', message: `Unrecognized request URL (GET: ${path})` } },
          ]);
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_test', ...headers });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function failure(call: () => Promise<unknown>): Promise<Error & { retriable?: boolean }> {
  try {
    await call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('stripeApiBase', () => {
  it('defaults to https://api.stripe.com', () => {
    expect(stripeApiBase({})).toEqual({ protocol: 'https', host: 'api.stripe.com', port: 443 });
    expect(stripeApiBase()).toEqual({ protocol: 'https', host: 'api.stripe.com', port: 443 });
  });

  it('reads the apiBase setting, e.g. stripe-mock', () => {
    expect(stripeApiBase({ apiBase: 'http://127.0.0.1:12111' })).toEqual({
      protocol: 'http',
      host: '127.0.0.1',
      port: 12111,
    });
  });

  it('refuses a base that is not an http(s) origin, naming the variable', () => {
    for (const bad of ['127.0.0.1:12111', 'ftp://example.com', 'https://api.stripe.com/v1']) {
      expect(() => stripeApiBase({ apiBase: bad })).toThrow(StripeApiBaseInvalidError);
    }
    expect(() => stripeApiBase({ apiBase: 'nope' })).toThrow(/WIREUP_STRIPE_API_BASE="nope"/);
  });
});

describe('stripeFor', () => {
  it('caches one client per secret key and API base', () => {
    const a = stripeFor(ctxFor('sk_test_a'));
    expect(stripeFor(ctxFor('sk_test_a'))).toBe(a);
    expect(stripeFor(ctxFor('sk_test_b'))).not.toBe(a);
    expect(stripeFor(ctxFor('sk_test_a', 'http://127.0.0.1:9'))).not.toBe(a);
  });

  it('refuses a connection without secret key', () => {
    expect(() => stripeFor(ctxFor(undefined))).toThrow(AuthenticationError);
  });
});

describe('calls go through the context', () => {
  it("the API base is the context's apiBase setting, not the environment", async () => {
    process.env.WIREUP_STRIPE_API_BASE = 'http://127.0.0.1:9';
    try {
      expect(await callStripe(ctxFor('sk_test_ctx'), (stripe) => stripe.charges.retrieve('ch_ok'))).toMatchObject({
        id: 'ch_ok',
      });
    } finally {
      delete process.env.WIREUP_STRIPE_API_BASE;
    }
  });

  it("every request is made by the context's HTTP client, with the context's signal", async () => {
    const seen: { url: string; method: string; signal?: AbortSignal; idempotencyKey?: string }[] = [];
    const signal = new AbortController().signal;
    const ctx: ConnectorContext = {
      ...ctxFor('sk_test_seen'),
      signal,
      http: {
        request: (req) => {
          seen.push({
            url: req.url,
            method: req.method,
            signal: req.signal,
            idempotencyKey: req.headers?.['idempotency-key'],
          });
          return localHttp.request(req);
        },
      },
    };
    await callStripe(ctx, (stripe) => stripe.charges.retrieve('ch_ok'));
    await callStripe(ctx, (stripe) =>
      stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'run_1:step' }),
    ).catch(() => undefined);
    expect(seen).toEqual([
      { url: `${base}/v1/charges/ch_ok`, method: 'GET', signal, idempotencyKey: undefined },
      { url: `${base}/v1/customers`, method: 'POST', signal, idempotencyKey: 'run_1:step' },
    ]);
  });

  it('an aborted signal ends the call at once with a NetworkError', async () => {
    const hang = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const controller = new AbortController();
    const ctx = {
      ...ctxFor('sk_test_abort', `http://127.0.0.1:${(hang.address() as AddressInfo).port}`),
      signal: controller.signal,
    };
    setTimeout(() => controller.abort(), 50);
    const t0 = Date.now();
    const error = await failure(() => callStripe(ctx, (stripe) => stripe.balance.retrieve()));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/aborted/);
    expect(Date.now() - t0).toBeLessThan(5_000);
    hang.closeAllConnections();
    await new Promise((resolve) => hang.close(resolve));
  });

  it('an SDK call outside callStripe is refused (it would have no context)', async () => {
    const stripe = stripeFor(ctxFor('sk_test_outside'));
    await expect(stripe.balance.retrieve()).rejects.toMatchObject({
      detail: expect.objectContaining({ message: expect.stringMatching(/outside callStripe/) }),
    });
  });

  it("the context's egress guard applies: a loopback base is refused unless private egress is allowed", async () => {
    for (const apiBase of [base, base.replace('127.0.0.1', '[::ffff:7f00:1]')]) {
      const refused = await failure(() =>
        callStripe(ctxFor('sk_test_egress', apiBase, false), (stripe) => stripe.balance.retrieve()),
      );
      expect(refused).toBeInstanceOf(EgressRefusedError);
    }
  });

  it('a name resolving to loopback is refused at connect time, not retried', async () => {
    const port = new URL(base).port;
    const refused = await failure(() =>
      callStripe(ctxFor('sk_test_egress_name', `http://localhost:${port}`, ['10.99.0.0/16']), (stripe) =>
        stripe.balance.retrieve(),
      ),
    );
    expect(refused).toBeInstanceOf(EgressRefusedError);
    expect(refused).toMatchObject({
      retriable: false,
      message: expect.stringMatching(/localhost \((127\.0\.0\.1|::1)\)/),
    });
  });
});

describe('Stripe errors become @wireup/sdk errors', () => {
  const get = (path: string) => () => callStripe(ctxFor('sk_test_errors'), (stripe) => stripe.charges.retrieve(path));
  const getCustomer = (id: string) => () =>
    callStripe(ctxFor('sk_test_errors'), (stripe) => stripe.customers.retrieve(id));

  it('a declined card: not retriable, the message names the decline code', async () => {
    const error = await failure(get('declined'));
    expect(error).toBeInstanceOf(CardDeclinedError);
    expect(error.retriable).toBe(false);
    expect(error.message).toContain('insufficient_funds');
    expect((error as CardDeclinedError).declineCode).toBe('insufficient_funds');
  });

  it('an invalid request: InvalidInputError naming the parameter', async () => {
    const missing = await failure(getCustomer('missing'));
    expect(missing).toBeInstanceOf(InvalidInputError);
    expect(missing.retriable).toBe(false);
    expect(missing.message).toMatch(/parameter "id".*No such customer/);
    const bad = await failure(getCustomer('bad-param'));
    expect((bad as InvalidInputError).details).toEqual([expect.objectContaining({ path: '/items/0/quantity' })]);
  });

  it('a refused key: AuthenticationError; a key without permission too', async () => {
    expect(
      await failure(() => callStripe(ctxFor('sk_test_oops'), (stripe) => stripe.balance.retrieve())),
    ).toBeInstanceOf(AuthenticationError);
    expect(await failure(get('forbidden'))).toBeInstanceOf(AuthenticationError);
  });

  it('rate limited: RateLimitedError, retriable after Retry-After', async () => {
    const error = await failure(get('slow-down'));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retriable).toBe(true);
    expect((error as RateLimitedError).retryAfterMs).toBe(2000);
  });

  it("Stripe's own failure: retriable UpstreamError", async () => {
    const error = await failure(get('broken'));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.retriable).toBe(true);
  });

  it('Stripe unreachable: retriable NetworkError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(() =>
      callStripe(ctxFor('sk_test_unreachable', `http://127.0.0.1:${port}`), (stripe) => stripe.balance.retrieve()),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.retriable).toBe(true);
  });

  it('a successful call returns the Stripe object', async () => {
    expect(await get('ch_ok')()).toMatchObject({ id: 'ch_ok', object: 'charge' });
  });
});

describe('testStripeConnection', () => {
  it('passes with a key Stripe accepts and throws AuthenticationError otherwise', async () => {
    await expect(testStripeConnection(ctxFor('sk_test_good'))).resolves.toBeUndefined();
    await expect(testStripeConnection(ctxFor('sk_test_bad'))).rejects.toThrow(AuthenticationError);
  });
});
