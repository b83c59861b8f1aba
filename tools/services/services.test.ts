/**
 * services.sh against fake servers: the protocol checks it uses for KAFKA_BROKERS / MONGODB_URL,
 * and its errors. Starting the real services is exercised by .ci/run itself (it calls `up`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./services.sh', import.meta.url));
const cache = mkdtempSync(join(tmpdir(), 'wireup-services-test-'));
const servers: Server[] = [];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [script, ...args],
      { env: { ...process.env, WIREUP_SERVICES_CACHE: cache, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A TCP server on a free loopback port that answers every request chunk with `reply` (or closes when null). */
async function fakeServer(reply: Buffer | null): Promise<number> {
  const server = createServer((socket: Socket) => {
    socket.on('error', () => {}); // the client may reset after reading what it needs
    socket.on('data', () => (reply ? socket.end(reply) : socket.destroy()));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const port = await fakeServer(null);
  await new Promise((resolve) => servers.pop()!.close(resolve));
  return port;
}

/** ApiVersions response header: size, correlation id 1, error code 0 (then an empty body). */
const kafkaReply = Buffer.from([0, 0, 0, 10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);

/** OP_MSG reply holding {ok: 1.0}. */
function mongoReply(ok: number): Buffer {
  const doc = Buffer.alloc(17);
  doc.writeInt32LE(17, 0);
  doc.writeUInt8(0x01, 4);
  doc.write('ok\0', 5, 'latin1');
  doc.writeDoubleLE(ok, 8);
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + doc.length, 0);
  header.writeInt32LE(7, 4);
  header.writeInt32LE(1, 8);
  header.writeInt32LE(2013, 12);
  return Buffer.concat([header, doc]);
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('services.sh', () => {
  it('accepts an external Kafka from KAFKA_BROKERS that answers ApiVersions, without starting one', async () => {
    const port = await fakeServer(kafkaReply);
    const result = await run(['up', 'kafka'], { KAFKA_BROKERS: `127.0.0.1:${port}` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`kafka: KAFKA_BROKERS=127.0.0.1:${port} answers`);
  });

  it('fails with one line naming kafka when KAFKA_BROKERS does not answer', async () => {
    const port = await closedPort();
    const result = await run(['up', 'kafka'], { KAFKA_BROKERS: `127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `services: kafka: KAFKA_BROKERS=127.0.0.1:${port} does not answer`,
    ]);
  });

  it('takes a TCP server that is not Kafka for one that does not answer', async () => {
    const port = await fakeServer(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const result = await run(['up', 'kafka'], { KAFKA_BROKERS: `127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('kafka');
  });

  it('checks MONGODB_URL (with credentials and options) by a ping that must say ok: 1', async () => {
    const good = await fakeServer(mongoReply(1));
    const bad = await fakeServer(mongoReply(0));
    const up = await run(['up', 'ferretdb'], {
      MONGODB_URL: `mongodb://user:pw@127.0.0.1:${good}/wireup?authSource=admin`,
    });
    expect(up.code).toBe(0);
    const status = await run(['status', 'ferretdb'], { MONGODB_URL: `mongodb://127.0.0.1:${bad}` });
    expect(status.code).toBe(3);
    expect(status.stdout).toContain('NOT answering');
  });

  it('rejects an unknown command or service with its usage', async () => {
    const result = await run(['up', 'postgres'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown service 'postgres'");
    expect(result.stderr).toContain('usage:');
  });
});
