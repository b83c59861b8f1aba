/**
 * Server timeouts against slow clients: a client that never finishes its headers or its body
 * is cut off after the configured time (WIREUP_HEADERS_TIMEOUT_MS, WIREUP_REQUEST_TIMEOUT_MS),
 * and the server keeps answering everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { loadConfig } from '../config.ts';
import { startHarness, testEnv, type Harness } from '../testing/harness.ts';

/** Opens a socket, writes `text` and resolves with what came back and how long until the server closed it. */
function stall(url: string, text: string): Promise<{ answer: string; ms: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket: Socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.on('data', (d) => {
      answer += d;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer, ms: Date.now() - started }));
    setTimeout(() => {
      socket.destroy();
      reject(new Error('the server never closed the stalled connection'));
    }, 10_000);
  });
}

describe('slow clients', () => {
  let h: Harness;
  beforeAll(async () => {
    // The real configuration path: the variables a user sets.
    const env = {
      ...testEnv('/unused'),
      WIREUP_HEADERS_TIMEOUT_MS: '500',
      WIREUP_REQUEST_TIMEOUT_MS: '1000',
      WIREUP_KEEP_ALIVE_TIMEOUT_MS: '500',
    };
    const timeouts = loadConfig(env).timeouts;
    expect(timeouts).toMatchObject({ headersMs: 500, requestMs: 1000, keepAliveMs: 500 });
    h = await startHarness({ timeouts });
  });
  afterAll(async () => h?.close());

  it('cuts off a client that never finishes its headers, with 408', async () => {
    const slow = stall(h.wireup.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    // Meanwhile everyone else is served.
    expect((await fetch(`${h.wireup.url}/healthz`)).status).toBe(200);
    const { answer, ms } = await slow;
    expect(ms).toBeLessThan(3_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
  });

  it('cuts off a client that never finishes its body', async () => {
    const { answer, ms } = await stall(
      h.wireup.url,
      'POST /v1/webhooks/stripe/x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":',
    );
    expect(ms).toBeLessThan(3_500);
    expect(answer).not.toMatch(/^HTTP\/1\.1 2/);
  });

  it('closes an idle keep-alive connection', async () => {
    const { answer, ms } = await stall(h.wireup.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(ms).toBeLessThan(3_000);
  });

  it('refuses a headers timeout longer than the request timeout at start', () => {
    expect(() => loadConfig({ WIREUP_HEADERS_TIMEOUT_MS: '5000', WIREUP_REQUEST_TIMEOUT_MS: '1000' })).toThrow(
      /WIREUP_HEADERS_TIMEOUT_MS=5000 is longer/,
    );
  });
});
