/**
 * The HTTP client connectors use for outbound calls: JSON in and out, a timeout, the egress
 * guard, and network failures turned into retriable NetworkErrors. Status handling and error
 * mapping stay in each connector's client.ts, which alone knows its provider's error shapes.
 */
import { NetworkError, WireupError } from './errors.ts';
import { assertEgressAllowed } from './egress-guard.ts';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON when given. */
  json?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else the text (or null when empty). */
  body: unknown;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
}

export interface HttpClientOptions {
  allowPrivate: boolean;
  defaultTimeoutMs?: number;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Creates the egress-guarded JSON HTTP client. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const timeoutDefault = options.defaultTimeoutMs ?? 30_000;
  return {
    async request(req) {
      const url = new URL(req.url);
      await assertEgressAllowed(url.hostname, options.allowPrivate);
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      if (req.json !== undefined) headers['content-type'] = 'application/json';
      const timeout = AbortSignal.timeout(req.timeoutMs ?? timeoutDefault);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      try {
        const res = await fetch(url, { method: req.method, headers, body: req.json === undefined ? undefined : JSON.stringify(req.json), signal });
        return { status: res.status, headers: res.headers, body: await readBody(res) };
      } catch (error) {
        if (error instanceof WireupError) throw error;
        const reason = (error as Error).name === 'TimeoutError' ? `timed out after ${req.timeoutMs ?? timeoutDefault} ms` : String((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
        throw new NetworkError(`${req.method} ${url.origin}${url.pathname} failed: ${reason}`, error);
      }
    },
  };
}
