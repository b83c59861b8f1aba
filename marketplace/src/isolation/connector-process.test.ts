/**
 * The isolated connector process: a connector that throws while loading, loops forever,
 * allocates without bound or reads outside its folder fails its call (retriable) and the next
 * call gets a fresh process; the HTTP capability goes through the parent's egress guard; the
 * process sees no environment variable of ours.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from '@wireup/runtime';
import { createConnectorProcess, type ConnectorProcess } from './connector-process.ts';

const dirs: string[] = [];
const processes: ConnectorProcess[] = [];

async function connectorWith(
  moduleSource: string,
  options: { callTimeoutMs?: number; memoryMb?: number; allowPrivate?: boolean } = {},
): Promise<ConnectorProcess> {
  const { allowPrivate = false, ...limits } = options;
  const dir = await mkdtemp(join(tmpdir(), 'wireup-isolation-'));
  dirs.push(dir);
  await writeFile(join(dir, 'index.js'), moduleSource);
  const process = createConnectorProcess({
    spec: 'test@1.0.0',
    packageDir: dir,
    mainPath: join(dir, 'index.js'),
    http: createHttpClient({ allowPrivate }),
    ...limits,
  });
  processes.push(process);
  return process;
}

/** A connector module whose one action runs `body` (an async function body with `ctx`). */
const withAction = (body: string, prelude = '') => `${prelude}
export default { manifest: { name: 'test' }, triggers: new Map(), actions: new Map([['go', { run: async (ctx) => { ${body} } }]]) };\n`;

afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.stop()));
});
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const call = (p: ConnectorProcess, input: unknown = {}) =>
  p.call({ kind: 'action', key: 'go', input, auth: { apiKey: 'secret' }, idempotencyKey: 'k' });

describe('isolated connector process', () => {
  it('runs an action with its input and auth, and sees none of our environment', async () => {
    process.env.WIREUP_SECRET_FOR_TEST = 'must-not-leak';
    const p = await connectorWith(
      withAction('return { input: ctx.input, key: ctx.auth.apiKey, env: Object.keys(process.env) };'),
    );
    expect(await call(p, { n: 1 })).toEqual({ input: { n: 1 }, key: 'secret', env: [] });
  });

  it('cannot read files outside its package folder', async () => {
    const p = await connectorWith(
      withAction("const fs = await import('node:fs'); return fs.readFileSync('/etc/hostname', 'utf8');"),
    );
    await expect(call(p)).rejects.toMatchObject({ code: 'ERR_ACCESS_DENIED' });
  });

  it('makes HTTP calls only through the egress-guarded capability', async () => {
    const p = await connectorWith(
      withAction("return ctx.http.request({ method: 'GET', url: 'http://127.0.0.1:9/' });"),
    );
    await expect(call(p)).rejects.toMatchObject({ code: 'EGRESS_REFUSED' });
  });

  it('fails the call of a connector that throws in its module scope (retriable), every time', async () => {
    const p = await connectorWith(withAction('return 1;', "throw new Error('boom at load');"));
    await expect(call(p)).rejects.toMatchObject({
      code: 'CONNECTOR_LOAD_FAILED',
      retriable: true,
      message: expect.stringContaining('boom at load'),
    });
    await expect(call(p)).rejects.toMatchObject({ code: 'CONNECTOR_LOAD_FAILED' });
  });

  it('stops a call that loops forever, and answers the next call from a new process', async () => {
    const p = await connectorWith(withAction('if (ctx.input.loop) for (;;) {} return 42;'), { callTimeoutMs: 500 });
    await expect(call(p, { loop: true })).rejects.toMatchObject({
      code: 'CONNECTOR_PROCESS_FAILED',
      retriable: true,
      message: expect.stringContaining('longer than 500 ms'),
    });
    expect(await call(p, { loop: false })).toBe(42);
    expect(p.starts).toBe(2);
  });

  it('fails the call of a connector that allocates without bound, and recovers', async () => {
    const p = await connectorWith(
      withAction(
        'if (ctx.input.grow) { const a = []; for (;;) a.push(new Array(1e5).fill(Math.random())); } return "ok";',
      ),
      { memoryMb: 32, callTimeoutMs: 20_000 },
    );
    await expect(call(p, { grow: true })).rejects.toMatchObject({
      code: 'CONNECTOR_PROCESS_FAILED',
      retriable: true,
      message: expect.stringMatching(/out of memory|exited/),
    });
    expect(await call(p, { grow: false })).toBe('ok');
  });

  describe('abort', () => {
    /** A local server that never answers, and counts the requests whose client went away. */
    let server: Server;
    let url: string;
    let received = 0;
    let cutShort = 0;
    beforeAll(async () => {
      server = createServer((req) => {
        received++;
        req.socket.on('close', () => cutShort++);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('reaches the connector as ctx.signal and cuts short the HTTP request the parent makes for the call', async () => {
      const p = await connectorWith(
        withAction(
          `const failed = await ctx.http.request({ method: 'GET', url: ctx.input.url }).then(() => null, (e) => e.code);
           return { failed, signalAborted: ctx.signal.aborted };`,
        ),
        { allowPrivate: true, callTimeoutMs: 20_000 },
      );
      const [before, requestsBefore] = [cutShort, received];
      const controller = new AbortController();
      const started = Date.now();
      const result = p.call(
        { kind: 'action', key: 'go', input: { url }, auth: {}, idempotencyKey: 'k' },
        { signal: controller.signal },
      );
      await vi.waitFor(() => expect(received).toBe(requestsBefore + 1));
      controller.abort();
      expect(await result).toEqual({ failed: 'NETWORK_ERROR', signalAborted: true });
      expect(Date.now() - started).toBeLessThan(10_000);
      await vi.waitFor(() => expect(cutShort).toBe(before + 1));
      expect(p.starts).toBe(1);
    });

    it("aborts a request whose own signal (the connector's timeout) fires", async () => {
      const p = await connectorWith(
        withAction(
          `return ctx.http.request({ method: 'GET', url: ctx.input.url, signal: AbortSignal.timeout(200) }).then(() => 'answered', (e) => e.code);`,
        ),
        { allowPrivate: true, callTimeoutMs: 20_000 },
      );
      const before = cutShort;
      expect(await call(p, { url })).toBe('NETWORK_ERROR');
      await vi.waitFor(() => expect(cutShort).toBe(before + 1));
    });

    it('a call made with an aborted signal starts with ctx.signal aborted', async () => {
      const p = await connectorWith(withAction('return ctx.signal.aborted;'));
      const result = await p.call(
        { kind: 'action', key: 'go', input: {}, auth: {}, idempotencyKey: 'k' },
        { signal: AbortSignal.abort() },
      );
      expect(result).toBe(true);
    });
  });

  it("keeps a thrown error's code, retriable flag and retryAfterMs", async () => {
    const p = await connectorWith(
      withAction(
        "const e = new Error('slow down'); e.code = 'RATE_LIMITED'; e.retriable = true; e.retryAfterMs = 1234; throw e;",
      ),
    );
    await expect(call(p)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retriable: true,
      retryAfterMs: 1234,
      message: 'slow down',
    });
  });
});

describe('isolated connector proxy', () => {
  it('serves polling, webhook verification and registration through the same channel', async () => {
    const { isolatedConnector } = await import('./isolated-connector.ts');
    const source = `export default {
  manifest: { name: 'test' }, triggers: new Map([['new-thing', { poll: async (ctx) => ({ items: [{ id: 'a', payload: { cursor: ctx.cursor } }], cursor: 'next' }) }]]), actions: new Map(),
  webhook: {
    secretField: 'webhookSecret',
    verify: (request, auth) => [{ id: 'evt', type: 'thing.created', payload: { body: request.rawBody.toString(), secret: auth.webhookSecret } }],
    register: async (ctx) => ({ id: 'wh_1', events: ctx.events, secret: 'whsec' }),
  },
};\n`;
    const p = await connectorWith(source);
    const { offers } = await p.ready();
    expect(offers).toMatchObject({ webhook: true, register: true, unregister: false, secretField: 'webhookSecret' });
    const manifest = {
      name: 'test',
      version: '1.0.0',
      triggers: [
        { key: 'new-thing', strategy: 'polling', pollIntervalSeconds: 60 },
        { key: 'thing-created', strategy: 'webhook', event: 'thing.created' },
      ],
      actions: [],
    };
    const connector = isolatedConnector(manifest as never, offers, p);
    const http = createHttpClient({ allowPrivate: false });
    expect(await connector.triggers.get('new-thing')!.poll!({ auth: {}, http, cursor: 'c1' })).toEqual({
      items: [{ id: 'a', payload: { cursor: 'c1' } }],
      cursor: 'next',
    });
    expect(
      await connector.webhook!.verify({ rawBody: Buffer.from('{"x":1}'), headers: {} }, { webhookSecret: 's' }),
    ).toEqual([{ id: 'evt', type: 'thing.created', payload: { body: '{"x":1}', secret: 's' } }]);
    expect(
      await connector.webhook!.register!({
        auth: {},
        http,
        url: 'https://x.test/h',
        events: ['thing.created'],
        existing: null,
      }),
    ).toEqual({ id: 'wh_1', events: ['thing.created'], secret: 'whsec' });
    expect(connector.webhook!.unregister).toBeUndefined();
  });

  it("hands each call the connector's settings and the caller's signal", async () => {
    const { isolatedConnector } = await import('./isolated-connector.ts');
    const p = await connectorWith(
      withAction(
        'return { settings: ctx.settings, frozen: Object.isFrozen(ctx.settings), aborted: ctx.signal.aborted };',
      ),
    );
    const manifest = { name: 'test', version: '1.0.0', triggers: [], actions: [{ key: 'go' }] };
    const connector = isolatedConnector(manifest as never, await p.ready().then((r) => r.offers), p);
    const run = (settings: Record<string, string> | undefined, signal?: AbortSignal) =>
      connector.actions.get('go')!.run({
        input: {},
        auth: {},
        http: createHttpClient({ allowPrivate: false }),
        idempotencyKey: 'k',
        settings,
        signal,
      });
    expect(await run({ apiBase: 'https://crm.acme.test' })).toEqual({
      settings: { apiBase: 'https://crm.acme.test' },
      frozen: true,
      aborted: false,
    });
    expect(await run(undefined, AbortSignal.abort())).toEqual({ settings: {}, frozen: true, aborted: true });
  });
});
