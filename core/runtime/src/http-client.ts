/**
 * The HTTP client connectors use for outbound calls: JSON in and out, a timeout, the egress
 * guard, and network failures turned into retriable NetworkErrors. Status handling and error
 * mapping stay in each connector's client.ts, which alone knows its provider's error shapes.
 *
 * Transport: node:http and node:https over kept-alive sockets (one pool per client). Every
 * action call goes through here, and this costs a fraction of the CPU of `fetch` (its
 * Request/Response objects and web streams) per call. What `fetch` did for callers is kept:
 * redirects are followed (at most 20; a 303, or a 301/302 after a POST, becomes a GET without
 * body; the authorization header is dropped when a redirect leaves the origin), and every hop
 * passes the egress guard; gzip, deflate and br bodies are decoded; one timeout covers the
 * whole exchange, body included.
 *
 * Egress: the agents resolve names through the guard (egress-agents.ts), so the address that
 * was checked is the one connected to, on the first hop and on every redirect. Size: the raw
 * body and the decoded body are each capped at `maxResponseBytes` (default 10 MiB); over it,
 * the exchange is cut off and the call fails with ResponseTooLargeError (a decompression bomb
 * stops at the cap, never in memory).
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync, type ZlibOptions } from 'node:zlib';
import {
  NetworkError,
  ResponseTooLargeError,
  WireupError,
  type EgressAllowance,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '@wireup/sdk';
import { assertEgressAllowed, type Resolver } from './egress-guard.ts';
import { createEgressAgents } from './egress-agents.ts';

export interface HttpClientOptions {
  allowPrivate: EgressAllowance;
  defaultTimeoutMs?: number;
  /** Largest answer body, raw and decoded, in bytes (default DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** How host names are resolved before the guard checks them (default `dns.lookup`; tests rebind). */
  resolve?: Resolver;
}

const MAX_REDIRECTS = 20;
/** Default cap of an answer's body (raw, and again decoded): 10 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** Why an exchange was cut short: ours (timeout) or the caller's (signal). */
class Interrupted extends Error {}

interface Exchange {
  status: number;
  rawHeaders: string[];
  location: string | undefined;
  encoding: string | undefined;
  body: Buffer;
}

/** Decodes the body; zlib stops at `maxOutputLength`, so a bomb costs at most the cap. */
function decode(body: Buffer, contentEncoding: string | undefined, limit: number, target: string): Buffer {
  const encoding = contentEncoding?.trim().toLowerCase();
  const options: ZlibOptions = { maxOutputLength: limit };
  try {
    return encoding === 'gzip' || encoding === 'x-gzip'
      ? gunzipSync(body, options)
      : encoding === 'deflate'
        ? inflateSync(body, options)
        : encoding === 'br'
          ? brotliDecompressSync(body, options)
          : body;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new ResponseTooLargeError(target, limit, 'decompressed body');
    throw error;
  }
}

function parseBody(bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i], raw[i + 1]);
    } catch {
      // A header value fetch would not accept either; leave it out.
    }
  }
  return headers;
}

/** The method, body and headers for the next hop of a redirect, as fetch would send them. */
function redirected(
  status: number,
  from: URL,
  to: URL,
  method: string,
  body: string | undefined,
  headers: OutgoingHttpHeaders,
) {
  const asGet = status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
  const next: OutgoingHttpHeaders = { ...headers };
  if (asGet) {
    delete next['content-type'];
    delete next['content-length'];
  }
  if (to.origin !== from.origin) delete next.authorization;
  return { method: asGet ? 'GET' : method, body: asGet ? undefined : body, headers: next };
}

/** Creates the egress-guarded JSON HTTP client. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const timeoutDefault = options.defaultTimeoutMs ?? 30_000;
  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const agents = createEgressAgents(options.allowPrivate, options.resolve);

  /** One request/response; `cancel` is set so the caller's timer or signal can cut it short. */
  const exchange = (
    url: URL,
    method: string,
    headers: OutgoingHttpHeaders,
    body: string | undefined,
    watch: { cancel?: (error: Error) => void; sent?: boolean },
    target: string,
  ): Promise<Exchange> =>
    new Promise((resolve, reject) => {
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:') {
        reject(new TypeError(`unsupported protocol ${url.protocol}`));
        return;
      }
      const send = secure ? httpsRequest : httpRequest;
      const req = send(url, { method, headers, agent: secure ? agents.https : agents.http }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let received = 0;
        const tooLarge = (): void => {
          reject(new ResponseTooLargeError(target, limit, 'body'));
          req.destroy();
        };
        if (Number(res.headers['content-length']) > limit) {
          tooLarge();
          return;
        }
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > limit) tooLarge();
          else chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('close', () => {
          if (!res.complete) reject(new Error('the connection closed before the response ended'));
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            rawHeaders: res.rawHeaders,
            location: res.headers.location,
            encoding: res.headers['content-encoding'],
            body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
          }),
        );
      });
      watch.cancel = (error) => req.destroy(error);
      // From the moment the socket is connected the request may reach the provider: a failure after
      // that (timeout, reset) leaves its effect unknown (NetworkError.requestSent).
      req.once('socket', (socket) => {
        const connected = (): void => {
          watch.sent = true;
        };
        if (!socket.connecting) connected();
        else socket.once(secure ? 'secureConnect' : 'connect', connected);
      });
      req.on('error', reject);
      req.end(body);
    });

  return {
    async request(req) {
      let url = new URL(req.url);
      const target = `${req.method} ${url.origin}${url.pathname}`;
      const timeoutMs = req.timeoutMs ?? timeoutDefault;
      let method: string = req.method;
      let body = req.json === undefined ? req.body : JSON.stringify(req.json);
      let headers: OutgoingHttpHeaders = { accept: 'application/json', ...req.headers };
      if (req.json !== undefined) headers['content-type'] = 'application/json';
      if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
      const watch: { cancel?: (error: Error) => void; stopped?: Interrupted; sent?: boolean } = {};
      const interrupt = (error: Interrupted): void => {
        watch.stopped ??= error;
        watch.cancel?.(error);
      };
      const timer = setTimeout(() => interrupt(new Interrupted(`timed out after ${timeoutMs} ms`)), timeoutMs);
      const onAbort = (): void => interrupt(new Interrupted('the request was aborted'));
      req.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        if (req.signal?.aborted) onAbort();
        for (let hop = 0; ; hop += 1) {
          assertEgressAllowed(url.hostname, options.allowPrivate);
          if (watch.stopped) throw watch.stopped;
          const res = await exchange(url, method, headers, body, watch, target);
          if (res.status >= 300 && res.status < 400 && res.status !== 304 && res.location !== undefined) {
            if (hop >= MAX_REDIRECTS) throw new Error('too many redirects');
            const to = new URL(res.location, url);
            ({ method, body, headers } = redirected(res.status, url, to, method, body, headers));
            url = to;
            continue;
          }
          return {
            status: res.status,
            headers: toHeaders(res.rawHeaders),
            body: parseBody(decode(res.body, res.encoding, limit, target)),
          };
        }
      } catch (error) {
        if (error instanceof WireupError) throw error;
        const reason = watch.stopped?.message ?? (error as Error).message;
        const sent = watch.sent === true;
        throw new NetworkError(`${target} failed${sent ? ' after the request was sent' : ''}: ${reason}`, error, {
          requestSent: sent,
        });
      } finally {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
