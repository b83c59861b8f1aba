/**
 * The one place that knows how to talk to an OpenAI-compatible API: the official `openai` SDK
 * with the connection's `baseURL`, `apiKey` and a fetch over Wireup's guarded HTTP client, its
 * own retries off (the engine retries), and how its errors map to Wireup errors:
 * 429 → RateLimitedError (wait from `retry-after-ms` / `Retry-After`), except an exhausted
 * quota, which waiting does not fix; 401/403 → AuthenticationError; 5xx and 408 →
 * UpstreamError (retriable); other 4xx → UpstreamError (not retriable); no answer or a
 * timeout → the client's NetworkError (retriable).
 */
import OpenAI, { APIConnectionError, APIError } from 'openai';
import {
  AuthenticationError,
  InvalidInputError,
  NetworkError,
  RateLimitedError,
  UpstreamError,
  WireupError,
  type ConnectorContext,
} from '@wireup/sdk';
import { guardedFetch } from './guarded-fetch.ts';

/** The API base used when a connection gives none. */
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** The model used when a connection gives none. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
/** How long one call may take when the step does not say. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Wait before retrying a 429 that names none. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 2_000;

/** The connection's base URL, normalised: default when empty, no trailing slash. */
export function openaiBaseUrl(configured: string | undefined): string {
  const raw = (configured ?? '').trim() || DEFAULT_OPENAI_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInputError(
      `The OpenAI connection's baseUrl "${raw}" is not a URL. Use e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama).`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Milliseconds to wait before retrying a 429, from `retry-after-ms` or `Retry-After` (seconds or a date). */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms);
  const after = headers?.get('retry-after');
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}

function wireupCause(error: unknown): WireupError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof WireupError) return e;
  }
  return undefined;
}

/** Maps what the SDK throws to the Wireup error the engine acts on. */
export function toOpenAiError(error: unknown, what: string): Error {
  const own = wireupCause(error);
  if (own) return own;
  if (error instanceof APIConnectionError) return new NetworkError(`${what} failed: ${error.message}`, error);
  if (!(error instanceof APIError) || error.status === undefined)
    return error instanceof Error ? error : new Error(String(error));
  const body = error.error as { message?: string; code?: string; type?: string } | undefined;
  const said = body?.message ? `: ${body.message}` : '';
  const details = { status: error.status, code: body?.code ?? null, type: body?.type ?? null };
  if (error.status === 429 && body?.code !== 'insufficient_quota') {
    const wait = retryAfterMs(error.headers);
    return new RateLimitedError(
      `The AI endpoint's rate limit was reached on ${what}${said}; retry in ${Math.ceil(wait / 1000)} s.`,
      wait,
      details,
    );
  }
  if (error.status === 401 || error.status === 403) {
    return new AuthenticationError(
      `The AI endpoint refused the API key (${error.status} on ${what})${said}. Check the key and baseUrl of the OpenAI connection.`,
      details,
    );
  }
  return new UpstreamError(`The AI endpoint answered ${error.status} to ${what}${said}`, error.status, details);
}

/** An SDK client for the connection in `ctx` (auth fields apiKey, baseUrl). */
export function openaiClient(ctx: ConnectorContext, timeoutMs = DEFAULT_TIMEOUT_MS): OpenAI {
  const apiKey = (ctx.auth.apiKey ?? '').trim();
  if (!apiKey)
    throw new AuthenticationError(
      'The OpenAI connection has no API key. Give the key of your OpenAI account, or any non-empty text for a local server that checks none.',
    );
  return new OpenAI({
    apiKey,
    baseURL: openaiBaseUrl(ctx.auth.baseUrl),
    fetch: guardedFetch(ctx.http, timeoutMs),
    maxRetries: 0,
    // The guarded client ends the call at timeoutMs; the SDK's own timer only backs it up.
    timeout: timeoutMs + 5_000,
  });
}
