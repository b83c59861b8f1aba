/**
 * The one place that talks to Stripe: builds the official SDK client from a connection's auth
 * (one cached client per secret key and API base), knows the API base, and maps Stripe's errors
 * onto @wireup/sdk's registry so the engine knows what to retry.
 *
 * Settings come from the call's context, never from the environment: the API base is the
 * connector setting `apiBase` (`ctx.settings.apiBase`, which Wireup fills from
 * WIREUP_STRIPE_API_BASE; tests point it at stripe-mock, `http://127.0.0.1:12111`), default
 * `https://api.stripe.com`.
 *
 * Every request the SDK makes goes through the context's HTTP client (`ctx.http`: the egress
 * guard, the response cap) with the context's abort signal: the SDK is given an `httpClient`
 * that sends through whichever context the current `callStripe` runs in (an AsyncLocalStorage,
 * so one SDK client per key can be cached and still serve each call with its own context; an
 * SDK client costs ~0.3 ms to build). An SDK call outside `callStripe` fails at once.
 *
 * The SDK's own network retries are off (maxNetworkRetries 0): the engine retries retriable
 * errors with backoff, and every write carries the step's Idempotency-Key, so a retry never
 * charges twice.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import Stripe from 'stripe';
import {
  AuthenticationError,
  InvalidInputError,
  NetworkError,
  RateLimitedError,
  UpstreamError,
  WireupError,
  type ConnectorContext,
  type ConnectorSettings,
  type HttpRequest,
} from '@wireup/sdk';
import { CardDeclinedError, IdempotencyConflictError, StripeApiBaseInvalidError } from './errors.ts';

/** The variable Wireup reads the `apiBase` setting from (core/server's config.ts). */
export const STRIPE_API_BASE_ENV = 'WIREUP_STRIPE_API_BASE';
export const DEFAULT_STRIPE_API_BASE = 'https://api.stripe.com';
const MAX_CACHED_CLIENTS = 256;
const TIMEOUT_MS = 60_000;
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;

/** Where the SDK sends requests. */
export interface StripeApiBase {
  protocol: 'http' | 'https';
  host: string;
  port: number;
}

/** The API base from the connector's settings (`apiBase`, an origin; default https://api.stripe.com). Throws StripeApiBaseInvalidError. */
export function stripeApiBase(settings: ConnectorSettings = {}): StripeApiBase {
  const raw = settings.apiBase?.trim() || DEFAULT_STRIPE_API_BASE;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StripeApiBaseInvalidError(raw, 'it is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new StripeApiBaseInvalidError(raw, 'the scheme must be http or https');
  if (url.pathname !== '/' || url.search || url.hash)
    throw new StripeApiBaseInvalidError(raw, 'give only scheme, host and port (the SDK adds /v1/)');
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    protocol,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (protocol === 'https' ? 443 : 80)),
  };
}

/** The context of the SDK call in progress (set by callStripe). */
const current = new AsyncLocalStorage<ConnectorContext>();

/** An SDK answer already read by `ctx.http` (which parsed the JSON). */
class ContextResponse extends Stripe.HttpClientResponse {
  constructor(
    status: number,
    headers: Record<string, string>,
    private readonly body: unknown,
  ) {
    super(status, headers);
  }

  override getRawResponse(): unknown {
    return this.body;
  }

  override toStream(): never {
    throw new Error('Stripe streaming responses are not supported by the Wireup connector');
  }

  override toJSON(): Promise<unknown> {
    if (this.body !== null && typeof this.body === 'object') return Promise.resolve(this.body);
    // Not JSON: let the SDK report it as it would (an invalid-JSON API error).
    return new Promise((resolve) => resolve(this._parseResponseBody(typeof this.body === 'string' ? this.body : '')));
  }
}

/** The SDK's transport: each request goes out through the current call's `ctx.http` with its signal. */
class ContextHttpClient extends Stripe.HttpClient {
  override getClientName(): string {
    return 'wireup';
  }

  override async makeRequest(
    host: string,
    port: string,
    path: string,
    method: string,
    headers: Record<string, unknown>,
    requestData: string,
    protocol: string,
    timeout: number,
  ): Promise<ContextResponse> {
    const ctx = current.getStore();
    if (!ctx)
      throw new Error('A Stripe call was made outside callStripe(ctx, ...): it has no context to send through.');
    const lowerCased: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers))
      if (value !== undefined) lowerCased[name.toLowerCase()] = String(value);
    const hostPart = host.includes(':') ? `[${host}]` : host;
    const response = await ctx.http.request({
      method: method as HttpRequest['method'],
      url: `${protocol}://${hostPart}:${port}${path}`,
      headers: lowerCased,
      body: requestData || undefined,
      timeoutMs: timeout,
      signal: ctx.signal,
    });
    return new ContextResponse(response.status, Object.fromEntries(response.headers.entries()), response.body);
  }
}

const transport = new ContextHttpClient();
const clients = new Map<string, Stripe>();

/**
 * The SDK client for a connection and the connector's settings; use it only inside
 * `callStripe`. Throws AuthenticationError when the connection has no secret key.
 */
export function stripeFor(ctx: Pick<ConnectorContext, 'auth' | 'settings'>): Stripe {
  const secretKey = ctx.auth.secretKey?.trim();
  if (!secretKey)
    throw new AuthenticationError(
      'The Stripe connection has no secret key: add your secret key (sk_...) or restricted key (rk_...) to the connection.',
    );
  const base = stripeApiBase(ctx.settings);
  const cacheKey = `${base.protocol}://${base.host}:${base.port} ${secretKey}`;
  const cached = clients.get(cacheKey);
  if (cached) return cached;
  const client = new Stripe(secretKey, {
    ...base,
    httpClient: transport,
    maxNetworkRetries: 0,
    timeout: TIMEOUT_MS,
    telemetry: false,
    appInfo: { name: 'Wireup' },
  });
  if (clients.size >= MAX_CACHED_CLIENTS) clients.delete(clients.keys().next().value as string);
  clients.set(cacheKey, client);
  return client;
}

interface StripeErrorLike {
  type: string;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  statusCode?: number;
  requestId?: string;
  headers?: Record<string, string>;
  charge?: string;
  detail?: unknown;
}

function isStripeError(error: unknown): error is StripeErrorLike {
  return error instanceof Stripe.errors.StripeError;
}

/** `items[0][price]` → `/items/0/price`, the path style of InvalidInputError's problems. */
function paramPath(param: string): string {
  return `/${param.replace(/\]/g, '').split('[').join('/')}`;
}

function retryAfterMs(error: StripeErrorLike): number {
  const seconds = Number(error.headers?.['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RATE_LIMIT_WAIT_MS;
}

/** Maps an error thrown by the Stripe SDK to @wireup/sdk's registry; other errors are returned unchanged. */
export function toWireupError(error: unknown): unknown {
  if (!isStripeError(error)) return error;
  const details = {
    type: error.type,
    code: error.code,
    param: error.param,
    requestId: error.requestId,
    statusCode: error.statusCode,
  };
  switch (error.type) {
    case 'StripeCardError': {
      const declineCode = error.decline_code ?? error.code;
      return new CardDeclinedError(
        `Stripe declined the payment (decline code: ${declineCode ?? 'none given'}): ${error.message}`,
        declineCode,
        { ...details, declineCode: error.decline_code, charge: error.charge },
      );
    }
    case 'StripeInvalidRequestError': {
      const where = error.param ? ` (parameter "${error.param}")` : '';
      return new InvalidInputError(
        `Stripe refused the request${where}: ${error.message}`,
        error.param
          ? [{ path: paramPath(error.param), message: error.message, fix: `check the value of "${error.param}"` }]
          : [],
      );
    }
    case 'StripeAuthenticationError':
      return new AuthenticationError(
        `Stripe refused the secret key: ${error.message} Check the connection's key (sk_... or rk_...).`,
        details,
      );
    case 'StripePermissionError':
      return new AuthenticationError(
        `The Stripe key is not allowed to do this: ${error.message} Use a key with the needed permission.`,
        details,
      );
    case 'StripeRateLimitError':
      return new RateLimitedError(`Stripe asked to slow down: ${error.message}`, retryAfterMs(error), details);
    case 'StripeIdempotencyError':
      return new IdempotencyConflictError(`Stripe refused a repeated request: ${error.message}`, details);
    case 'StripeConnectionError':
      // The egress guard refusing the connection (or a capped answer) is ours, not the network's: not retried.
      if (error.detail instanceof WireupError) return error.detail;
      return new NetworkError(`Could not reach Stripe: ${error.message}`, error);
    case 'StripeAPIError':
      return new UpstreamError(
        `Stripe had a problem on its side: ${error.message}`,
        error.statusCode && error.statusCode >= 500 ? error.statusCode : 500,
        details,
      );
    default:
      return new UpstreamError(`Stripe answered with an error: ${error.message}`, error.statusCode ?? 500, details);
  }
}

/**
 * Runs SDK calls for one context: `call` gets the connection's client, and every request it
 * makes goes through `ctx.http` with `ctx.signal`. Stripe's errors are mapped (see toWireupError).
 */
export async function callStripe<T>(ctx: ConnectorContext, call: (stripe: Stripe) => Promise<T>): Promise<T> {
  try {
    const stripe = stripeFor(ctx);
    return await current.run(ctx, () => call(stripe));
  } catch (error) {
    throw toWireupError(error);
  }
}

/** Proves the connection's secret key works with a cheap read (the account balance). */
export async function testStripeConnection(ctx: ConnectorContext): Promise<void> {
  await callStripe(ctx, (stripe) => stripe.balance.retrieve());
}
