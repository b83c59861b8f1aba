import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.ts';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

const servers: Server[] = [];
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); }))); });

/** A local server answering with `handler`; records what it received. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { seen.push({ method: req.method!, url: req.url!, headers: req.headers, body }); handler(req, res, body); });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const http = createHttpClient({ allowPrivate: true });

describe('http client', () => {
  it('sends JSON and parses a JSON answer, with the answer\'s status and headers', async () => {
    const api = await serve((_req, res, body) => { res.writeHead(201, { 'content-type': 'application/json', 'x-ratelimit-reset': '12' }).end(JSON.stringify({ got: JSON.parse(body) })); });
    const res = await http.request({ method: 'POST', url: `${api.url}/v1/things?x=1`, headers: { authorization: 'Bearer k' }, json: { name: 'é' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ got: { name: 'é' } });
    expect(res.headers.get('x-ratelimit-reset')).toBe('12');
    expect(api.seen[0]).toMatchObject({ method: 'POST', url: '/v1/things?x=1', headers: { authorization: 'Bearer k', 'content-type': 'application/json', accept: 'application/json' } });
  });

  it('gives text bodies as text and an empty body as null', async () => {
    const api = await serve((req, res) => { if (req.url === '/text') res.end('plain words'); else res.writeHead(204).end(); });
    expect((await http.request({ method: 'GET', url: `${api.url}/text` })).body).toBe('plain words');
    expect((await http.request({ method: 'DELETE', url: `${api.url}/empty` })).body).toBeNull();
  });

  it('decodes a gzip body', async () => {
    const api = await serve((_req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(JSON.stringify({ ok: true }))); });
    expect((await http.request({ method: 'GET', url: api.url })).body).toEqual({ ok: true });
  });

  it('follows redirects like fetch: 307 keeps the POST, 303 becomes a GET, another origin gets no authorization', async () => {
    const other = await serve((_req, res) => { res.end('{"at":"other"}'); });
    const api = await serve((req, res) => {
      if (req.url === '/keep') res.writeHead(307, { location: '/kept' }).end();
      else if (req.url === '/see') res.writeHead(303, { location: `${other.url}/seen` }).end();
      else res.end('{"at":"api"}');
    });
    expect((await http.request({ method: 'POST', url: `${api.url}/keep`, headers: { authorization: 'Bearer k' }, json: { a: 1 } })).body).toEqual({ at: 'api' });
    expect(api.seen[1]).toMatchObject({ method: 'POST', url: '/kept', body: '{"a":1}', headers: { authorization: 'Bearer k' } });
    expect((await http.request({ method: 'POST', url: `${api.url}/see`, headers: { authorization: 'Bearer k' }, json: { a: 1 } })).body).toEqual({ at: 'other' });
    expect(other.seen[0]).toMatchObject({ method: 'GET', url: '/seen', body: '' });
    expect(other.seen[0].headers.authorization).toBeUndefined();
  });

  it('turns a timeout, an abort and a refused connection into retriable NetworkErrors', async () => {
    const slow = await serve((_req, res) => { setTimeout(() => res.end('{}'), 2_000); });
    await expect(http.request({ method: 'GET', url: slow.url, timeoutMs: 50 })).rejects.toMatchObject({ code: 'NETWORK_ERROR', retriable: true, message: expect.stringMatching(/timed out after 50 ms/) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(http.request({ method: 'GET', url: slow.url, signal: controller.signal })).rejects.toMatchObject({ code: 'NETWORK_ERROR', message: expect.stringMatching(/aborted/) });
    const closed = await serve(() => {});
    const port = new URL(closed.url).port;
    await new Promise((r) => { servers.pop()!.close(r); });
    await expect(http.request({ method: 'GET', url: `http://127.0.0.1:${port}/x` })).rejects.toMatchObject({ code: 'NETWORK_ERROR', retriable: true, message: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('says whether a failed request may have reached the provider (requestSent): timeout and reset yes, refused connection no', async () => {
    const slow = await serve((_req, res) => { setTimeout(() => res.end('{}'), 2_000); });
    await expect(http.request({ method: 'POST', url: slow.url, json: {}, timeoutMs: 50 })).rejects.toMatchObject({ code: 'NETWORK_ERROR', requestSent: true });
    const dropping = await serve((req) => { req.socket.destroy(); });
    await expect(http.request({ method: 'POST', url: dropping.url, json: { a: 1 } })).rejects.toMatchObject({ code: 'NETWORK_ERROR', requestSent: true, message: expect.stringMatching(/after the request was sent/) });
    expect(dropping.seen).toHaveLength(1);
    const closed = await serve(() => {});
    const port = new URL(closed.url).port;
    await new Promise((r) => { servers.pop()!.close(r); });
    await expect(http.request({ method: 'POST', url: `http://127.0.0.1:${port}/x`, json: {} })).rejects.toMatchObject({ code: 'NETWORK_ERROR', requestSent: false });
  });

  it('refuses private addresses unless allowed, before sending anything', async () => {
    const api = await serve((_req, res) => { res.end('{}'); });
    await expect(createHttpClient({ allowPrivate: false }).request({ method: 'GET', url: api.url })).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
    expect(api.seen).toHaveLength(0);
  });
});
