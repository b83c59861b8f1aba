/**
 * A fake Kustomer API server for tests: a real HTTP server on 127.0.0.1 (random port) that
 * follows Kustomer's documented API (shared/reference/connectors.md): Bearer API keys,
 * JSON:API resources, paged lists, both error shapes, rate-limit headers. Tests read what it
 * stored and received, and program failures (`failNext`) and latency (`setDelay`).
 *
 * Routes: GET /v1/auth/tokens/current; POST /v1/customers, GET /v1/customers/:id (or externalId=<id>),
 * POST /v1/customers/search, POST /v1/customers/:id/drafts; POST /v1/conversations,
 * GET /v1/conversations/:id, POST /v1/conversations/:id/messages; POST/GET /v1/outbound-webhooks,
 * GET/DELETE /v1/outbound-webhooks/:id.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conversationRoutes } from './conversation-routes.ts';
import { customerRoutes } from './customer-routes.ts';
import { emptyState, matchPath, type FakeKustomerState, type Route } from './fake-state.ts';
import { errorFlat, errorList, type FakeReply, type KustomerResource } from './json-api.ts';
import { webhookRoutes } from './webhook-routes.ts';

export type { KustomerResource, Relationship, FakeReply } from './json-api.ts';

/** A call the fake received. Headers are lower-cased; `body` is the parsed JSON (or the raw text when not JSON). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  /** Date.now() when the request arrived. */
  receivedAt: number;
}

/** A programmed failure: the reply to send instead of the real one. */
export interface FakeFailure {
  status: number;
  headers?: Record<string, string>;
  /** The JSON body. Default: `{errors:[...]}` for 4xx, the flat `{status,code,title,detail,source}` for 5xx. */
  body?: unknown;
  /** Only fail requests with this method (default: any). */
  method?: string;
  /** Only fail requests to this exact path, e.g. `/v1/conversations` (default: any). */
  path?: string;
  /** Carry the request out first (store what it creates), then fail: the effect happened, the answer is lost. */
  apply?: boolean;
  /** Instead of answering, reset the connection once the request was read (`status` is then unused). */
  reset?: boolean;
}

/** A delivery made by `sendEvent`. */
export interface WebhookDelivery {
  webhookId: string;
  url: string;
  status: number;
}

export interface FakeKustomerOptions {
  /** The API key accepted as `Authorization: Bearer <apiKey>`. Default `kustomer-test-key`. */
  apiKey?: string;
}

/** The running fake. Collections are live arrays, in creation order. */
export interface FakeKustomer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`; paths start with `/v1`. */
  readonly url: string;
  readonly apiKey: string;
  readonly customers: KustomerResource[];
  readonly conversations: KustomerResource[];
  readonly messages: KustomerResource[];
  readonly drafts: KustomerResource[];
  readonly outboundWebhooks: KustomerResource[];
  /** Every request received, failed ones included. */
  readonly requests: RecordedRequest[];
  /** The next `count` matching requests get `failure` instead of their real answer (and change nothing). */
  failNext(count: number, failure: FakeFailure): void;
  /** Waits `ms` before answering every request (0 to stop). */
  setDelay(ms: number): void;
  /** Forgets all stored data, recorded requests, programmed failures and the delay. */
  reset(): void;
  /**
   * Delivers a Kustomer event (e.g. `kustomer.conversation.create`) to every enabled outbound
   * webhook subscribed to it, signed like Kustomer: `X-Kustomer-Webhook-Signature` = hex
   * HMAC-SHA256 of the raw body keyed by the webhook's token.
   */
  sendEvent(type: string, data: KustomerResource | Record<string, unknown>): Promise<WebhookDelivery[]>;
  close(): Promise<void>;
}

const routes: Route[] = [...webhookRoutes, ...customerRoutes, ...conversationRoutes];
const RATE_LIMIT = 1000;

function defaultFailureBody(status: number): unknown {
  if (status === 429)
    return errorList(
      429,
      'rate_limited',
      'Too Many Requests',
      'the organisation exceeded its per-minute request budget',
    ).body;
  if (status >= 500)
    return errorFlat(status, 'internal_error', 'Internal Server Error', 'the fake was told to fail').body;
  return errorList(status, 'error', 'Error', 'the fake was told to fail').body;
}

function route(state: FakeKustomerState, method: string, url: URL, body: unknown): FakeReply {
  let pathKnown = false;
  for (const r of routes) {
    const params = matchPath(r.pattern, url.pathname);
    if (!params) continue;
    pathKnown = true;
    if (r.method === method) return r.handle({ state, params, query: url.searchParams, body, path: url.pathname });
  }
  return pathKnown
    ? errorFlat(405, 'method_not_allowed', 'Method Not Allowed', `${method} is not supported on ${url.pathname}`)
    : errorFlat(404, 'not_found', 'Not Found', `no route ${method} ${url.pathname}`);
}

async function readRequest(req: IncomingMessage): Promise<{ raw: string; body: unknown; json: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return { raw, body: undefined, json: true };
  try {
    return { raw, body: JSON.parse(raw), json: true };
  } catch {
    return { raw, body: raw, json: false };
  }
}

function send(res: ServerResponse, reply: FakeReply, recent: number): void {
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(RATE_LIMIT),
    'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - recent)),
    ...reply.headers,
  };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  res
    .writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(reply.body));
}

/** Starts a fake Kustomer on 127.0.0.1 with a random port. Close it with `close()`. */
export async function createFakeKustomer(options: FakeKustomerOptions = {}): Promise<FakeKustomer> {
  const apiKey = options.apiKey ?? 'kustomer-test-key';
  const state = emptyState();
  const requests: RecordedRequest[] = [];
  const failures: Array<FakeFailure & { remaining: number }> = [];
  let delayMs = 0;

  function takeFailure(method: string, path: string): FakeFailure | null {
    const index = failures.findIndex((f) => (!f.method || f.method === method) && (!f.path || f.path === path));
    if (index < 0) return null;
    const failure = failures[index];
    if (--failure.remaining <= 0) failures.splice(index, 1);
    return failure;
  }

  /** The reply, or 'reset' to drop the connection without one. */
  function answer(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: unknown,
    json: boolean,
  ): FakeReply | 'reset' {
    const failure = takeFailure(method, url.pathname);
    if (failure) {
      if (failure.apply) serve(method, url, headers, body, json);
      if (failure.reset) return 'reset';
      return {
        status: failure.status,
        headers: failure.headers,
        body: failure.body === undefined ? defaultFailureBody(failure.status) : failure.body,
      };
    }
    return serve(method, url, headers, body, json);
  }

  function serve(method: string, url: URL, headers: Record<string, string>, body: unknown, json: boolean): FakeReply {
    const auth = headers.authorization;
    if (!auth)
      return errorList(
        401,
        'unauthorized',
        'Unauthorized',
        'missing Authorization header: send "Authorization: Bearer <API key>"',
      );
    if (auth !== `Bearer ${apiKey}`)
      return errorList(401, 'unauthorized', 'Unauthorized', 'the API key is not valid or was revoked');
    if (!json) return errorList(400, 'invalid_json', 'Bad Request', 'the request body is not valid JSON');
    return route(state, method, url, body);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const { body, json } = await readRequest(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
      );
      const receivedAt = Date.now();
      requests.push({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body,
        receivedAt,
      });
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      const recent = requests.filter((r) => r.receivedAt > receivedAt - 60_000).length;
      const reply = answer(method, url, headers, body, json);
      if (reply === 'reset') req.socket.resetAndDestroy();
      else send(res, reply, recent);
    })().catch((error) => {
      if (!res.headersSent)
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify(errorFlat(500, 'fake_crashed', 'Internal Server Error', String(error)).body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    ...state,
    requests,
    failNext(count, failure) {
      if (count > 0) failures.push({ ...failure, remaining: count });
    },
    setDelay(ms) {
      delayMs = Math.max(0, ms);
    },
    reset() {
      for (const list of Object.values(state)) list.length = 0;
      requests.length = 0;
      failures.length = 0;
      delayMs = 0;
    },
    async sendEvent(type, data) {
      const deliveries: WebhookDelivery[] = [];
      for (const hook of state.outboundWebhooks) {
        const { url, events, enabled, token } = hook.attributes as {
          url: string;
          events: string[];
          enabled: boolean;
          token: string;
        };
        if (!enabled || !events.includes(type)) continue;
        const raw = JSON.stringify({
          id: randomUUID(),
          type,
          org: 'fake00000000000000000org',
          createdAt: new Date().toISOString(),
          data,
        });
        const signature = createHmac('sha256', token).update(raw).digest('hex');
        const res = await fetch(url, {
          method: 'POST',
          body: raw,
          headers: {
            'content-type': 'application/json',
            'x-kustomer-webhook-event': type,
            'x-kustomer-webhook-signature': signature,
          },
        });
        await res.arrayBuffer();
        deliveries.push({ webhookId: hook.id, url, status: res.status });
      }
      return deliveries;
    },
    close() {
      return new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
