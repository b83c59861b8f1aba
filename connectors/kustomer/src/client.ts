/**
 * The one place that knows how to talk to Kustomer: the base URL (from the connection), the
 * Bearer auth header, and how answers map to Wireup errors. Actions call `kustomerClient(ctx)`
 * and never build URLs or read statuses themselves. Calls go through `ctx.http`, the
 * egress-guarded client the engine hands to every action.
 *
 * Error mapping: 429 → RateLimitedError (wait from `x-ratelimit-reset`, else `Retry-After`);
 * 401/403 → AuthenticationError; 5xx → UpstreamError (retriable); other 4xx → UpstreamError
 * (not retriable). Messages quote Kustomer's own error text from either of its error shapes.
 */
import {
  AuthenticationError,
  InvalidInputError,
  RateLimitedError,
  UpstreamError,
  type ConnectorContext,
  type HttpResponse,
} from '@wireup/sdk';

/** The API base used when a connection gives none (organisations have their own, see the auth field). */
export const DEFAULT_KUSTOMER_BASE_URL = 'https://api.kustomerapp.com';

/** Wait used when a 429 carries neither `x-ratelimit-reset` nor `Retry-After`: Kustomer's budget is per minute. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** What a call may carry besides method and path. */
export interface KustomerCall {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
}

/** A Kustomer client bound to one connection. */
export interface KustomerClient {
  /** The API base in use, without a trailing slash or `/v1`. */
  baseUrl: string;
  /** Calls `path` (starting with `/v1/`) and returns the parsed JSON body of a 2xx answer. Throws mapped errors otherwise. */
  request<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, call?: KustomerCall): Promise<T>;
}

/** The connection's base URL, normalised: default when empty, no trailing slash, no trailing `/v1`. */
export function kustomerBaseUrl(configured: string | undefined): string {
  const raw = (configured ?? '').trim() || DEFAULT_KUSTOMER_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInputError(
      `The Kustomer connection's baseUrl "${raw}" is not a URL. Use your organisation's API base, such as https://<org>.api.kustomerapp.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InvalidInputError(`The Kustomer connection's baseUrl must start with https:// (got "${raw}").`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/**
 * Milliseconds to wait before retrying a 429. `x-ratelimit-reset` is read as epoch seconds when
 * it is larger than 1e9 (epoch milliseconds above 1e12), otherwise as seconds to wait; then
 * `Retry-After` (seconds or an HTTP date); else DEFAULT_RATE_LIMIT_WAIT_MS.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number {
  const reset = Number(headers.get('x-ratelimit-reset') ?? NaN);
  if (Number.isFinite(reset) && reset >= 0) {
    if (reset > 1e12) return Math.max(0, Math.ceil(reset - now));
    if (reset > 1e9) return Math.max(0, Math.ceil(reset * 1000 - now));
    return Math.ceil(reset * 1000);
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}

function describeOne(e: Record<string, unknown>): string {
  const title = typeof e.title === 'string' ? e.title : undefined;
  const text = [e.detail, e.message].find((v) => typeof v === 'string' && v) as string | undefined;
  const source = e.source as { pointer?: unknown; parameter?: unknown } | undefined;
  const meta = e.meta as { field?: unknown } | undefined;
  const where = [source?.pointer, source?.parameter, meta?.field].find((v) => typeof v === 'string' && v);
  const main =
    title && text && !text.includes(title)
      ? `${title}: ${text}`
      : (text ?? title ?? (typeof e.code === 'string' ? e.code : ''));
  return where ? `${main} (at ${String(where)})` : main;
}

/**
 * Kustomer's error text from either shape it uses: `{errors:[{title, detail|message, source,
 * meta}]}` or the flat `{status, code, title, detail, source}`; plain text bodies as they are.
 */
export function kustomerErrorText(body: unknown): string {
  if (typeof body === 'string') return body.trim().slice(0, 300);
  if (!body || typeof body !== 'object') return '';
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.errors)) {
    return record.errors
      .filter((e) => e && typeof e === 'object')
      .map((e) => describeOne(e as Record<string, unknown>))
      .filter(Boolean)
      .join('; ');
  }
  return describeOne(record);
}

/** Maps a non-2xx answer to the Wireup error the engine acts on. */
export function toKustomerError(res: HttpResponse, method: string, path: string, now: number = Date.now()): Error {
  const text = kustomerErrorText(res.body);
  const said = text ? `: ${text}` : '';
  const details = { status: res.status, body: res.body };
  if (res.status === 429) {
    const wait = retryAfterMs(res.headers, now);
    return new RateLimitedError(
      `Kustomer rate limit reached on ${method} ${path}${said}; retry in ${Math.ceil(wait / 1000)} s.`,
      wait,
      details,
    );
  }
  if (res.status === 401 || res.status === 403) {
    const why = res.status === 401 ? 'refused the API key' : 'says the API key lacks the permission for this call';
    return new AuthenticationError(
      `Kustomer ${why} (${res.status} on ${method} ${path})${said}. Check the key in the Kustomer connection, its roles, and that baseUrl is your organisation's API base.`,
      details,
    );
  }
  return new UpstreamError(`Kustomer answered ${res.status} to ${method} ${path}${said}`, res.status, details);
}

function withQuery(url: string, query: KustomerCall['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

/** A client for the connection in `ctx` (auth fields `apiKey`, `baseUrl`). */
export function kustomerClient(ctx: ConnectorContext): KustomerClient {
  const apiKey = (ctx.auth.apiKey ?? '').trim();
  if (!apiKey)
    throw new AuthenticationError(
      'The Kustomer connection has no API key. Create one in Kustomer (Settings → Security → API Keys) and add it to the connection.',
    );
  const baseUrl = kustomerBaseUrl(ctx.auth.baseUrl);
  return {
    baseUrl,
    async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, call: KustomerCall = {}): Promise<T> {
      const res = await ctx.http.request({
        method,
        url: withQuery(`${baseUrl}${path}`, call.query),
        headers: { authorization: `Bearer ${apiKey}` },
        json: call.body,
        signal: ctx.signal,
      });
      if (res.status < 200 || res.status >= 300) throw toKustomerError(res, method, path);
      return res.body as T;
    },
  };
}
