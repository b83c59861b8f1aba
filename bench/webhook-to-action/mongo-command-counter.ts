/**
 * A loopback TCP proxy in front of a MongoDB wire-protocol server that counts the commands
 * going through it, by name (the first key of each OP_MSG body: `insert`, `find`, `update`, …).
 * The benchmark points Wireup's MONGODB_URL at it to report database commands per event without
 * touching Wireup itself. Driver housekeeping (`hello`, `ping`, …) is counted apart.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

/** Commands of the driver's own (monitoring, handshakes, sessions), not of Wireup's work. */
const housekeeping = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'ping',
  'buildinfo',
  'buildInfo',
  'endSessions',
  'saslStart',
  'saslContinue',
  'getParameter',
  'serverStatus',
]);

export interface CommandCounter {
  /** `mongodb://127.0.0.1:<port>/<db>` for the given database. */
  url(dbName: string): string;
  /** Counts by command name since the last `reset()`, housekeeping left out. */
  counts(): Map<string, number>;
  total(): number;
  reset(): void;
  close(): Promise<void>;
}

const OP_MSG = 2013;
const OP_QUERY = 2004;

/** The name of the first element of the BSON document at `at`, with its value when a string (`find runs`). */
function firstKey(buf: Buffer, at: number): string {
  const start = at + 5;
  const end = buf.indexOf(0, start);
  if (end < 0) return '?';
  const name = buf.toString('utf8', start, end);
  // A command's first element names it; its string value is the collection (BSON type 0x02).
  if (buf[at + 4] !== 0x02 || housekeeping.has(name)) return name;
  const length = buf.readInt32LE(end + 1);
  return `${name} ${buf.toString('utf8', end + 5, end + 4 + length)}`;
}

/** Starts the proxy on an ephemeral loopback port, forwarding to `target` (`host:port`). */
export async function startCommandCounter(target: string): Promise<CommandCounter> {
  const [host, port] = target.split(':');
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const count = (name: string): void => {
    if (housekeeping.has(name.split(' ')[0])) return;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), host);
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 16) {
        const length = pending.readInt32LE(0);
        if (pending.length < length) break;
        const opCode = pending.readInt32LE(12);
        // OP_MSG: flags (4 bytes), then section kind 0 (1 byte) and the body document.
        if (opCode === OP_MSG && pending[20] === 0) count(firstKey(pending, 21));
        else if (opCode === OP_QUERY) count('legacy-query');
        pending = pending.subarray(length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port: own } = server.address() as { port: number };
  return {
    url: (dbName) => `mongodb://127.0.0.1:${own}/${dbName}`,
    counts: () => new Map(counts),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => counts.clear(),
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
