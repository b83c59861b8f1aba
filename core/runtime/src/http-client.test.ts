import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((r) => {
          s.closeAllConnections();
          s.close(r);
        }),
    ),
  );
});

/** A local server answering with `handler`; records what it received. */
async function serve(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const http = createHttpClient({ allowPrivate: true });

describe('http client', () => {
  it("sends JSON and parses a JSON answer, with the answer's status and headers", async () => {
    const api = await serve((_req, res, body) => {
      res
        .writeHead(201, { 'content-type': 'application/json', 'x-ratelimit-reset': '12' })
        .end(JSON.stringify({ got: JSON.parse(body) }));
    });
    const res = await http.request({
      method: 'POST',
      url: `${api.url}/v1/things?x=1`,
      headers: { authorization: 'Bearer k' },
      json: { name: 'é' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ got: { name: 'é' } });
    expect(res.headers.get('x-ratelimit-reset')).toBe('12');
    expect(api.seen[0]).toMatchObject({
      method: 'POST',
      url: '/v1/things?x=1',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json', accept: 'application/json' },
    });
  });

  it('sends a raw body as given, with its own content type and its byte length (form-encoded, as Stripe sends)', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const body = 'email=j%C3%A9%40example.com&metadata[a]=1';
    expect(
      (
        await http.request({
          method: 'POST',
          url: `${api.url}/v1/customers`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        })
      ).body,
    ).toEqual({ ok: true });
    expect(api.seen[0]).toMatchObject({
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(Buffer.byteLength(body)),
      },
    });
  });

  it('gives text bodies as text and an empty body as null', async () => {
    const api = await serve((req, res) => {
      if (req.url === '/text') res.end('plain words');
      else res.writeHead(204).end();
    });
    expect((await http.request({ method: 'GET', url: `${api.url}/text` })).body).toBe('plain words');
    expect((await http.request({ method: 'DELETE', url: `${api.url}/empty` })).body).toBeNull();
  });

  it('decodes a gzip body', async () => {
    const api = await serve((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
        .end(gzipSync(JSON.stringify({ ok: true })));
    });
    expect((await http.request({ method: 'GET', url: api.url })).body).toEqual({ ok: true });
  });

  it('follows redirects like fetch: 307 keeps the POST, 303 becomes a GET, another origin gets no authorization', async () => {
    const other = await serve((_req, res) => {
      res.end('{"at":"other"}');
    });
    const api = await serve((req, res) => {
      if (req.url === '/keep') res.writeHead(307, { location: '/kept' }).end();
      else if (req.url === '/see') res.writeHead(303, { location: `${other.url}/seen` }).end();
      else res.end('{"at":"api"}');
    });
    expect(
      (
        await http.request({
          method: 'POST',
          url: `${api.url}/keep`,
          headers: { authorization: 'Bearer k' },
          json: { a: 1 },
        })
      ).body,
    ).toEqual({ at: 'api' });
    expect(api.seen[1]).toMatchObject({
      method: 'POST',
      url: '/kept',
      body: '{"a":1}',
      headers: { authorization: 'Bearer k' },
    });
    expect(
      (
        await http.request({
          method: 'POST',
          url: `${api.url}/see`,
          headers: { authorization: 'Bearer k' },
          json: { a: 1 },
        })
      ).body,
    ).toEqual({ at: 'other' });
    expect(other.seen[0]).toMatchObject({ method: 'GET', url: '/seen', body: '' });
    expect(other.seen[0].headers.authorization).toBeUndefined();
  });

  it('turns a timeout, an abort and a refused connection into retriable NetworkErrors', async () => {
    const slow = await serve((_req, res) => {
      setTimeout(() => res.end('{}'), 2_000);
    });
    await expect(http.request({ method: 'GET', url: slow.url, timeoutMs: 50 })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      retriable: true,
      message: expect.stringMatching(/timed out after 50 ms/),
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(http.request({ method: 'GET', url: slow.url, signal: controller.signal })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: expect.stringMatching(/aborted/),
    });
    const closed = await serve(() => {});
    const port = new URL(closed.url).port;
    await new Promise((r) => {
      servers.pop()!.close(r);
    });
    await expect(http.request({ method: 'GET', url: `http://127.0.0.1:${port}/x` })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      retriable: true,
      message: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('says whether a failed request may have reached the provider (requestSent): timeout and reset yes, refused connection no', async () => {
    const slow = await serve((_req, res) => {
      setTimeout(() => res.end('{}'), 2_000);
    });
    await expect(http.request({ method: 'POST', url: slow.url, json: {}, timeoutMs: 50 })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      requestSent: true,
    });
    const dropping = await serve((req) => {
      req.socket.destroy();
    });
    await expect(http.request({ method: 'POST', url: dropping.url, json: { a: 1 } })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      requestSent: true,
      message: expect.stringMatching(/after the request was sent/),
    });
    expect(dropping.seen).toHaveLength(1);
    const closed = await serve(() => {});
    const port = new URL(closed.url).port;
    await new Promise((r) => {
      servers.pop()!.close(r);
    });
    await expect(http.request({ method: 'POST', url: `http://127.0.0.1:${port}/x`, json: {} })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      requestSent: false,
    });
  });

  it('refuses private addresses unless allowed, before sending anything', async () => {
    const api = await serve((_req, res) => {
      res.end('{}');
    });
    await expect(
      createHttpClient({ allowPrivate: false }).request({ method: 'GET', url: api.url }),
    ).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    expect(api.seen).toHaveLength(0);
  });

  it('refuses an IPv4-mapped IPv6 spelling of loopback that reaches the server when allowed', async () => {
    const api = await serve((_req, res) => {
      res.end('{"ok":true}');
    });
    const mapped = api.url.replace('127.0.0.1', '[::ffff:7f00:1]');
    await expect(
      createHttpClient({ allowPrivate: false }).request({ method: 'GET', url: mapped }),
    ).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    expect(api.seen).toHaveLength(0);
    expect((await http.request({ method: 'GET', url: mapped })).body).toEqual({ ok: true });
  });

  it('connects to the address it checked: a name that resolves (or rebinds) to loopback is refused at connect', async () => {
    const api = await serve((_req, res) => {
      res.end('{}');
    });
    const port = new URL(api.url).port;
    let lookups = 0;
    // One resolution per connection, made by the guard itself: what it checks is what the socket dials.
    const rebinding = createHttpClient({
      allowPrivate: false,
      resolve: (_host, _options, callback) => {
        lookups += 1;
        callback(null, [{ address: '127.0.0.1', family: 4 }]);
      },
    });
    await expect(rebinding.request({ method: 'GET', url: `http://rebind.example:${port}/` })).rejects.toMatchObject({
      code: 'EGRESS_REFUSED',
      message: expect.stringMatching(/rebind\.example \(127\.0\.0\.1\)/),
    });
    expect(lookups).toBe(1);
    const roundRobin = createHttpClient({
      allowPrivate: false,
      resolve: (_host, _options, callback) =>
        callback(null, [
          { address: '93.184.216.34', family: 4 },
          { address: '127.0.0.1', family: 4 },
        ]),
    });
    await expect(roundRobin.request({ method: 'GET', url: `http://mixed.example:${port}/` })).rejects.toMatchObject({
      code: 'EGRESS_REFUSED',
    });
    expect(api.seen).toHaveLength(0);
    // The same name allowed: the resolver's address is the one connected to.
    const allowed = createHttpClient({
      allowPrivate: ['127.0.0.1/32'],
      resolve: (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
    });
    expect((await allowed.request({ method: 'GET', url: `http://rebind.example:${port}/` })).status).toBe(200);
    expect(api.seen).toHaveLength(1);
  });

  it('re-checks every redirect: an allowed host redirecting to another private address is refused before it is called', async () => {
    const inner = await serve((_req, res) => {
      res.end('{"secret":"internal"}');
    });
    const innerOnLoopback2 = inner.url.replace('127.0.0.1', '[::ffff:127.0.0.2]');
    const api = await serve((req, res) => {
      if (req.url === '/to-literal') res.writeHead(302, { location: `${innerOnLoopback2}/x` }).end();
      else res.writeHead(307, { location: `http://localhost:${new URL(inner.url).port}/x` }).end();
    });
    const onlyApi = createHttpClient({ allowPrivate: ['127.0.0.1/32'] });
    await expect(onlyApi.request({ method: 'GET', url: `${api.url}/to-literal` })).rejects.toMatchObject({
      code: 'EGRESS_REFUSED',
    });
    const onlyApi2 = createHttpClient({
      allowPrivate: ['127.0.0.1/32'],
      resolve: (_host, _options, callback) => callback(null, [{ address: '::1', family: 6 }]),
    });
    await expect(onlyApi2.request({ method: 'GET', url: `${api.url}/to-name` })).rejects.toMatchObject({
      code: 'EGRESS_REFUSED',
    });
    expect(api.seen).toHaveLength(2);
    expect(inner.seen).toHaveLength(0);
  });

  it('caps the body: over the limit (declared or streamed) is RESPONSE_TOO_LARGE, not retried', async () => {
    const big = Buffer.alloc(64 * 1024, 'a');
    const api = await serve((req, res) => {
      if (req.url === '/declared') res.writeHead(200, { 'content-length': String(big.length) }).end(big);
      else {
        res.writeHead(200);
        res.write(big.subarray(0, 16 * 1024));
        res.write(big.subarray(16 * 1024));
        res.end();
      }
    });
    const small = createHttpClient({ allowPrivate: true, maxResponseBytes: 32 * 1024 });
    for (const path of ['/declared', '/chunked']) {
      await expect(small.request({ method: 'GET', url: `${api.url}${path}` })).rejects.toMatchObject({
        code: 'RESPONSE_TOO_LARGE',
        retriable: false,
        message: expect.stringMatching(/32768-byte limit/),
      });
    }
    expect(
      (
        await createHttpClient({ allowPrivate: true, maxResponseBytes: 64 * 1024 }).request({
          method: 'GET',
          url: `${api.url}/declared`,
        })
      ).body,
    ).toBe(big.toString());
  });

  it('refuses a decompression bomb (gzip and br) at the cap without inflating it in memory', async () => {
    // gzip: 1,024 members of 1 MiB of zeros each (1 GiB inflated, ~1 MiB sent); br: 32 MiB of zeros.
    const gz = Buffer.concat(new Array<Buffer>(1024).fill(gzipSync(Buffer.alloc(1024 * 1024))));
    const br = brotliCompressSync(Buffer.alloc(32 * 1024 * 1024), { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
    const api = await serve((req, res) => {
      res.writeHead(200, { 'content-encoding': req.url === '/br' ? 'br' : 'gzip' }).end(req.url === '/br' ? br : gz);
    });
    const before = process.memoryUsage().rss;
    const started = Date.now();
    for (const path of ['/gz', '/br']) {
      await expect(http.request({ method: 'GET', url: `${api.url}${path}` })).rejects.toMatchObject({
        code: 'RESPONSE_TOO_LARGE',
        message: expect.stringMatching(/decompressed body is over the 10485760-byte limit/),
      });
    }
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
