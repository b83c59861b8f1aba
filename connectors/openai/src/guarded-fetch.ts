/**
 * A `fetch` for the OpenAI SDK built on Wireup's HTTP client (`ctx.http`), so every call the
 * SDK makes passes the egress guard, the response caps and the client's timeout like any
 * connector call. The SDK speaks JSON only here (chat completions, models), which is what the
 * client carries.
 */
import type { HttpClient } from '@wireup/sdk';

const methods = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds the fetch; `timeoutMs` bounds each call (the whole exchange, body included). */
export function guardedFetch(http: HttpClient, timeoutMs: number): typeof fetch {
  return async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init.method ?? 'GET').toUpperCase();
    if (!methods.has(method)) throw new TypeError(`method ${method} is not supported`);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    delete headers['content-length'];
    const text = init.body === undefined || init.body === null ? undefined : String(init.body);
    const res = await http.request({
      method: method as 'GET',
      url,
      headers,
      timeoutMs,
      ...(text === undefined ? {} : { json: JSON.parse(text) as unknown }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const out = new Headers(res.headers);
    // The client has decoded the body: its length and encoding are no longer those of the wire.
    out.delete('content-length');
    out.delete('content-encoding');
    const body =
      res.body === null || res.status === 204 || res.status === 304
        ? null
        : typeof res.body === 'string'
          ? res.body
          : JSON.stringify(res.body);
    if (body !== null && typeof res.body !== 'string') out.set('content-type', 'application/json');
    return new Response(body, { status: res.status, headers: out });
  };
}
