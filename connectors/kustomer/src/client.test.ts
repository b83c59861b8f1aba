import {
  AuthenticationError,
  EgressRefusedError,
  InvalidInputError,
  RateLimitedError,
  UpstreamError,
} from '@wireup/sdk';
import { createHttpClient } from '@wireup/testing';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMIT_WAIT_MS,
  kustomerBaseUrl,
  kustomerClient,
  kustomerErrorText,
  retryAfterMs,
} from './client.ts';
import { contextFor, failed } from './testing/context.ts';

const now = Date.UTC(2026, 2, 13, 15, 0, 0);
const headers = (h: Record<string, string>) => new Headers(h);

describe('retryAfterMs', () => {
  it('reads x-ratelimit-reset as seconds to wait when small', () => {
    expect(retryAfterMs(headers({ 'x-ratelimit-reset': '1' }), now)).toBe(1000);
    expect(retryAfterMs(headers({ 'x-ratelimit-reset': '42' }), now)).toBe(42_000);
  });
  it('reads x-ratelimit-reset as epoch seconds (or milliseconds) when large', () => {
    expect(retryAfterMs(headers({ 'x-ratelimit-reset': String(now / 1000 + 30) }), now)).toBe(30_000);
    expect(retryAfterMs(headers({ 'x-ratelimit-reset': String(now + 2500) }), now)).toBe(2500);
    expect(retryAfterMs(headers({ 'x-ratelimit-reset': String(now / 1000 - 5) }), now)).toBe(0);
  });
  it('falls back to Retry-After (seconds or date), then to a minute', () => {
    expect(retryAfterMs(headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterMs(headers({ 'retry-after': new Date(now + 9000).toUTCString() }), now)).toBe(9000);
    expect(retryAfterMs(headers({}), now)).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
  });
});

describe('kustomerErrorText', () => {
  it('reads the errors-array shape, with title, detail and where', () => {
    expect(
      kustomerErrorText({
        errors: [
          {
            status: 400,
            code: 'validation_error',
            title: 'Bad Request',
            detail: '"customer" is required',
            source: { pointer: '/customer' },
          },
        ],
      }),
    ).toBe('Bad Request: "customer" is required (at /customer)');
    expect(
      kustomerErrorText({
        errors: [
          { code: 'invalid', message: 'email is malformed', meta: { field: 'emails' } },
          { code: 'other', message: 'second' },
        ],
      }),
    ).toBe('email is malformed (at emails); second');
  });
  it('reads the flat shape', () => {
    expect(
      kustomerErrorText({
        status: 500,
        code: 'internal_error',
        title: 'Internal Server Error',
        detail: 'database timeout',
        source: {},
      }),
    ).toBe('Internal Server Error: database timeout');
  });
  it('keeps plain text and ignores empty bodies', () => {
    expect(kustomerErrorText('upstream connect error')).toBe('upstream connect error');
    expect(kustomerErrorText(null)).toBe('');
  });
});

describe('kustomerBaseUrl', () => {
  it('defaults, and trims a trailing slash or /v1', () => {
    expect(kustomerBaseUrl(undefined)).toBe('https://api.kustomerapp.com');
    expect(kustomerBaseUrl('')).toBe('https://api.kustomerapp.com');
    expect(kustomerBaseUrl('https://acme.api.kustomerapp.com/')).toBe('https://acme.api.kustomerapp.com');
    expect(kustomerBaseUrl('https://acme.api.kustomerapp.com/v1/')).toBe('https://acme.api.kustomerapp.com');
  });
  it('refuses what is not an http(s) URL', () => {
    expect(() => kustomerBaseUrl('acme.api.kustomerapp.com')).toThrow(InvalidInputError);
    expect(() => kustomerBaseUrl('ftp://acme.example')).toThrow(/https:\/\//);
  });
});

describe('kustomerClient against the fake', () => {
  let fake: FakeKustomer;
  beforeAll(async () => {
    fake = await createFakeKustomer({ apiKey: 'key-abc' });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());
  const client = (auth: Record<string, string> = {}) => kustomerClient(contextFor(fake, {}, auth));

  it("sends the Bearer key to the connection's base URL, also when it ends in /v1", async () => {
    await client({ baseUrl: `${fake.url}/v1/` }).request('GET', '/v1/auth/tokens/current');
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      path: '/v1/auth/tokens/current',
      headers: { authorization: 'Bearer key-abc' },
    });
  });

  it('refuses a connection without an API key before calling', () => {
    expect(() => client({ apiKey: ' ' })).toThrow(AuthenticationError);
    expect(fake.requests).toHaveLength(0);
  });

  it('maps 429 with x-ratelimit-reset (seconds to wait) to a retriable RateLimitedError', async () => {
    fake.failNext(1, {
      status: 429,
      headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '7' },
    });
    const error = await failed(client().request('POST', '/v1/conversations', { body: { customer: 'c1' } }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 7000, retriable: true });
    expect(error.message).toMatch(/rate limit.*Too Many Requests/);
  });

  it('maps 429 with an epoch x-ratelimit-reset to the time left', async () => {
    const reset = Math.floor(Date.now() / 1000) + 20;
    fake.failNext(1, { status: 429, headers: { 'x-ratelimit-reset': String(reset) } });
    const error = await failed(client().request('GET', '/v1/auth/tokens/current'));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBeGreaterThan(17_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(20_000);
  });

  it('maps 429 with only Retry-After', async () => {
    fake.failNext(1, { status: 429, headers: { 'retry-after': '2' } });
    const error = await failed(client().request('GET', '/v1/auth/tokens/current'));
    expect(error).toMatchObject({ retryAfterMs: 2000 });
  });

  it('maps 401 to AuthenticationError quoting Kustomer', async () => {
    const error = await failed(client({ apiKey: 'wrong' }).request('GET', '/v1/auth/tokens/current'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.retriable).toBe(false);
    expect(error.message).toMatch(
      /refused the API key \(401 on GET \/v1\/auth\/tokens\/current\).*not valid or was revoked/,
    );
  });

  it('maps 403 to AuthenticationError about permissions', async () => {
    fake.failNext(1, {
      status: 403,
      body: {
        errors: [
          {
            status: 403,
            code: 'forbidden',
            title: 'Forbidden',
            detail: 'missing role org.permission.conversation.create',
          },
        ],
      },
    });
    const error = await failed(client().request('POST', '/v1/conversations', { body: { customer: 'c' } }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/lacks the permission.*missing role/);
  });

  it('maps 5xx in the flat shape to a retriable UpstreamError with the provider text', async () => {
    fake.failNext(1, {
      status: 500,
      body: {
        status: 500,
        code: 'internal_error',
        title: 'Internal Server Error',
        detail: 'database timeout',
        source: {},
      },
    });
    const error = await failed(client().request('POST', '/v1/conversations', { body: { customer: 'c' } }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 500, retriable: true });
    expect(error.message).toBe(
      'Kustomer answered 500 to POST /v1/conversations: Internal Server Error: database timeout',
    );
  });

  it('maps a 4xx in the errors-array shape to a non-retriable UpstreamError naming the field', async () => {
    const error = await failed(client().request('POST', '/v1/conversations', { body: { name: 'no customer' } }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 400, retriable: false });
    expect(error.message).toMatch(/"customer" is required \(at \/customer\)/);
  });

  it('maps a 4xx in the flat shape (unknown conversation) the same way', async () => {
    const error = await failed(
      client().request('POST', '/v1/conversations/000000000000000000000000/messages', {
        body: { channel: 'email', app: 'postmark' },
      }),
    );
    expect(error).toMatchObject({ status: 404, retriable: false });
    expect(error.message).toMatch(/Not Found: conversation 000000000000000000000000 not found/);
  });

  it('goes through ctx.http: the egress guard refuses loopback unless allowed', async () => {
    const ctx = { ...contextFor(fake, {}), http: createHttpClient({ allowPrivate: false }) };
    await expect(kustomerClient(ctx).request('GET', '/v1/auth/tokens/current')).rejects.toBeInstanceOf(
      EgressRefusedError,
    );
    expect(fake.requests).toHaveLength(0);
  });
});
