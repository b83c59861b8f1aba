/**
 * A fake "feed" app for polling tests: a real HTTP server on 127.0.0.1 (random port) with no
 * webhooks, only a list to poll. Items carry an increasing `seq`; `GET /items?since=<seq>`
 * returns the items after it, oldest first, one page at a time. Tests add items, program
 * failures (`failNext`), make pages overlap (`setOverlap`, like an inclusive `updated_since`),
 * and read the requests and the items marked read.
 *
 * Routes (all need `Authorization: Bearer <apiKey>`):
 * - `GET /items?since=<seq>&limit=<1..100, default 50>` → `{items, next, hasMore}`; `next` is the
 *   seq of the last item returned (or `since`, or "0"), to send as `since` next time.
 * - `POST /items/:id/read` `{note?}` → `{id, read: true, note}`; 404 for an unknown id.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An item of the feed. */
export interface FeedItem {
  id: string;
  seq: number;
  title: string;
  createdAt: string;
  [extra: string]: unknown;
}

/** A request the fake received (failed ones included). */
export interface FeedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The status the fake answered with. */
  status: number;
  receivedAt: number;
}

/** A programmed failure. */
export interface FeedFailure {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeFeed {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly apiKey: string;
  /** Every item, in creation order. */
  readonly items: FeedItem[];
  /** `POST /items/:id/read` calls, in order. */
  readonly reads: Array<{ id: string; note: unknown }>;
  readonly requests: FeedRequest[];
  /** Adds an item (id `item_<seq>` unless given) and returns it. */
  add(fields?: Partial<FeedItem>): FeedItem;
  /** The next `count` requests get `failure` instead of their answer. */
  failNext(count: number, failure: FeedFailure): void;
  /** When on, `since` is inclusive: every poll returns the last item it was given again. */
  setOverlap(on: boolean): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

const error = (status: number, message: string): Reply => ({ status, body: { error: { status, message } } });

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  res
    .writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers })
    .end(JSON.stringify(reply.body));
}

/** Starts a fake feed app on 127.0.0.1 with a random port. Close it with `close()`. */
export async function createFakeFeed(options: { apiKey?: string } = {}): Promise<FakeFeed> {
  const apiKey = options.apiKey ?? 'feed-test-key';
  const items: FeedItem[] = [];
  const reads: FakeFeed['reads'] = [];
  const requests: FeedRequest[] = [];
  const failures: Array<FeedFailure & { remaining: number }> = [];
  let overlap = false;
  let seq = 0;

  function list(query: URLSearchParams): Reply {
    const sinceText = query.get('since');
    const since = sinceText === null ? 0 : Number(sinceText);
    const limit = query.get('limit') === null ? 50 : Number(query.get('limit'));
    if (!Number.isInteger(since) || since < 0) return error(400, 'since must be a non-negative integer');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      return error(400, 'limit must be an integer from 1 to 100');
    const after = items.filter((i) => (overlap ? i.seq >= since : i.seq > since));
    const page = after.slice(0, limit);
    const next = page.length ? String(page[page.length - 1].seq) : String(since);
    return { status: 200, body: { items: page, next, hasMore: after.length > page.length } };
  }

  function answer(method: string, url: URL, authorization: string | undefined, body: unknown): Reply {
    const failure = failures[0];
    if (failure) {
      if (--failure.remaining <= 0) failures.shift();
      return {
        status: failure.status,
        headers: failure.headers,
        body: failure.body ?? { error: { status: failure.status, message: 'the fake was told to fail' } },
      };
    }
    if (authorization !== `Bearer ${apiKey}`) return error(401, 'send "Authorization: Bearer <API key>"');
    if (method === 'GET' && url.pathname === '/items') return list(url.searchParams);
    const read = /^\/items\/([^/]+)\/read$/.exec(url.pathname);
    if (method === 'POST' && read) {
      const id = decodeURIComponent(read[1]);
      if (!items.some((i) => i.id === id)) return error(404, `no item ${id}`);
      const note = (body as { note?: unknown } | undefined)?.note ?? null;
      reads.push({ id, note });
      return { status: 200, body: { id, read: true, note } };
    }
    return error(404, `no route ${method} ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readJson(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const reply = answer(method, url, req.headers.authorization, body);
      requests.push({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        status: reply.status,
        receivedAt: Date.now(),
      });
      send(res, reply);
    })().catch((e) => {
      if (!res.headersSent) send(res, error(500, String(e)));
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
    items,
    reads,
    requests,
    add(fields = {}) {
      seq++;
      const item: FeedItem = {
        title: `Item ${seq}`,
        createdAt: new Date().toISOString(),
        ...fields,
        id: fields.id ?? `item_${seq}`,
        seq,
      };
      items.push(item);
      return item;
    },
    failNext(count, failure) {
      if (count > 0) failures.push({ ...failure, remaining: count });
    },
    setOverlap(on) {
      overlap = on;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
