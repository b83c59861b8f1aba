/**
 * The one place that talks to Stripe: builds the official SDK client from a connection's auth
 * (one cached client per secret key and API base), knows the API base, and maps Stripe's errors
 * onto @wireup/sdk's registry so the engine knows what to retry.
 *
 * The API base is `https://api.stripe.com` unless the environment variable
 * WIREUP_STRIPE_API_BASE names another origin (tests point it at stripe-mock,
 * `http://127.0.0.1:12111`). Every request goes through the SDK's egress guard like every other
 * outbound call: the SDK is given the guard's agent (`httpAgent`), whose `lookup` refuses
 * private addresses at connect time (a literal address is checked before), so a loopback or
 * private base needs WIREUP_EGRESS_ALLOW_PRIVATE (read from the environment, like the base).
 *
 * The SDK's own network retries are off (maxNetworkRetries 0): the engine retries retriable
 * errors with backoff, and every write carries the step's Idempotency-Key, so a retry never
 * charges twice.
 */
import Stripe from 'stripe';
import {
  AuthenticationError, InvalidInputError, NetworkError, RateLimitedError, UpstreamError, WireupError,
  assertEgressAllowed, egressAllowPrivateFromEnv, sharedEgressAgents, type ConnectionAuth, type ConnectorContext,
} from '@wireup/sdk';
import { CardDeclinedError, IdempotencyConflictError, StripeApiBaseInvalidError } from './errors.ts';

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

/** Reads WIREUP_STRIPE_API_BASE (an origin; default https://api.stripe.com). Throws StripeApiBaseInvalidError. */
export function stripeApiBase(env: NodeJS.ProcessEnv = process.env): StripeApiBase {
  const raw = env[STRIPE_API_BASE_ENV]?.trim() || DEFAULT_STRIPE_API_BASE;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StripeApiBaseInvalidError(raw, 'it is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new StripeApiBaseInvalidError(raw, 'the scheme must be http or https');
  if (url.pathname !== '/' || url.search || url.hash) throw new StripeApiBaseInvalidError(raw, 'give only scheme, host and port (the SDK adds /v1/)');
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { protocol, host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || (protocol === 'https' ? 443 : 80)) };
}

const clients = new Map<string, Stripe>();

/** The SDK client for a connection. Throws AuthenticationError when the connection has no secret key. */
export async function stripeFor(auth: ConnectionAuth, env: NodeJS.ProcessEnv = process.env): Promise<Stripe> {
  const secretKey = auth.secretKey?.trim();
  if (!secretKey) throw new AuthenticationError('The Stripe connection has no secret key: add your secret key (sk_...) or restricted key (rk_...) to the connection.');
  const base = stripeApiBase(env);
  const allowance = egressAllowPrivateFromEnv(env);
  const cacheKey = `${base.protocol}://${base.host}:${base.port} ${JSON.stringify(allowance)} ${secretKey}`;
  const cached = clients.get(cacheKey);
  if (cached) return cached;
  assertEgressAllowed(base.host, allowance);
  const client = new Stripe(secretKey, {
    ...base,
    httpAgent: sharedEgressAgents(allowance)[base.protocol],
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
  const details = { type: error.type, code: error.code, param: error.param, requestId: error.requestId, statusCode: error.statusCode };
  switch (error.type) {
    case 'StripeCardError': {
      const declineCode = error.decline_code ?? error.code;
      return new CardDeclinedError(`Stripe declined the payment (decline code: ${declineCode ?? 'none given'}): ${error.message}`, declineCode, { ...details, declineCode: error.decline_code, charge: error.charge });
    }
    case 'StripeInvalidRequestError': {
      const where = error.param ? ` (parameter "${error.param}")` : '';
      return new InvalidInputError(`Stripe refused the request${where}: ${error.message}`, error.param ? [{ path: paramPath(error.param), message: error.message, fix: `check the value of "${error.param}"` }] : []);
    }
    case 'StripeAuthenticationError':
      return new AuthenticationError(`Stripe refused the secret key: ${error.message} Check the connection's key (sk_... or rk_...).`, details);
    case 'StripePermissionError':
      return new AuthenticationError(`The Stripe key is not allowed to do this: ${error.message} Use a key with the needed permission.`, details);
    case 'StripeRateLimitError':
      return new RateLimitedError(`Stripe asked to slow down: ${error.message}`, retryAfterMs(error), details);
    case 'StripeIdempotencyError':
      return new IdempotencyConflictError(`Stripe refused a repeated request: ${error.message}`, details);
    case 'StripeConnectionError':
      // The egress guard refusing the connection (or a capped answer) is ours, not the network's: not retried.
      if (error.detail instanceof WireupError) return error.detail;
      return new NetworkError(`Could not reach Stripe: ${error.message}`, error);
    case 'StripeAPIError':
      return new UpstreamError(`Stripe had a problem on its side: ${error.message}`, error.statusCode && error.statusCode >= 500 ? error.statusCode : 500, details);
    default:
      return new UpstreamError(`Stripe answered with an error: ${error.message}`, error.statusCode ?? 500, details);
  }
}

/** Runs one SDK call and maps its errors (see toWireupError). */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toWireupError(error);
  }
}

/** Proves the connection's secret key works with a cheap read (the account balance). */
export async function testStripeConnection(ctx: ConnectorContext): Promise<void> {
  const stripe = await stripeFor(ctx.auth);
  await callStripe(() => stripe.balance.retrieve());
}
