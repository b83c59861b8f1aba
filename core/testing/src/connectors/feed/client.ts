/**
 * The feed connector's client: the only file that knows the feed app's base URL, its auth
 * header and its error statuses.
 */
import {
  AuthenticationError,
  RateLimitedError,
  UpstreamError,
  type ConnectorContext,
  type HttpRequest,
} from '@wireup/sdk';

/** Calls the feed app and returns the JSON body; maps error statuses to Wireup errors (401 → auth, 429 → rate limited, else upstream). */
export async function feedRequest(
  ctx: ConnectorContext,
  method: HttpRequest['method'],
  path: string,
  json?: unknown,
): Promise<unknown> {
  const base = (ctx.auth.baseUrl ?? '').replace(/\/+$/, '');
  const res = await ctx.http.request({
    method,
    url: `${base}${path}`,
    headers: { authorization: `Bearer ${ctx.auth.apiKey}` },
    ...(json === undefined ? {} : { json }),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  if (res.status < 400) return res.body;
  const message = `Feed ${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`;
  if (res.status === 401 || res.status === 403) throw new AuthenticationError(message);
  if (res.status === 429) throw new RateLimitedError(message, Number(res.headers.get('retry-after') ?? '1') * 1000);
  throw new UpstreamError(message, res.status, res.body);
}
