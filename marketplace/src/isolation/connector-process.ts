/**
 * One installed third-party connector version in its own child process: a clean environment
 * (no variable of ours reaches it), a heap limit (--max-old-space-size) and Node's permission
 * model (--experimental-permission) allowing file reads of its package folder only, no writes,
 * no child processes, no worker threads, no native addons. What it cannot restrict: the network
 * (Node 20's model has no network permission), so the connector is given an HTTP capability
 * that the parent serves through the egress guard, and is expected to use it; a connector that
 * opens sockets itself is not stopped (docs/decisions.md).
 *
 * Calls are messages; each one carries its input, auth and the connector's settings, and the
 * process keeps nothing between calls that Wireup relies on. A call's abort signal reaches the
 * connector as `ctx.signal`, and cuts short the HTTP requests the parent is making for it. A
 * call that outlives its time limit kills the process; an exit (crash, out of memory) fails the
 * calls in flight with a retriable error, and the next call starts a new process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ConnectorSettings, HttpClient, HttpRequest } from '@wireup/sdk';
import { ConnectorProcessError } from '../errors.ts';

const childScript = fileURLToPath(new URL('./connector-child.mjs', import.meta.url));

/** What the loaded connector offers, reported by the child once its bundle is imported. */
export interface ConnectorOffers {
  webhook: boolean;
  register: boolean;
  unregister: boolean;
  secretField?: string;
  testConnection: boolean;
}

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  retriable?: boolean;
  statusCode?: number;
  retryAfterMs?: number;
  details?: unknown;
}

/** One call to the connector; `settings` reaches it as `ctx.settings`. */
export type ConnectorCall = ConnectorCallBody & { settings?: ConnectorSettings };

type ConnectorCallBody =
  | { kind: 'action'; key: string; input: unknown; auth: Record<string, string>; idempotencyKey: string }
  | { kind: 'poll'; key: string; auth: Record<string, string>; cursor: string | null }
  | { kind: 'verify'; rawBody: Buffer; headers: Record<string, unknown>; auth: Record<string, string>; now?: string }
  | { kind: 'register'; auth: Record<string, string>; url: string; events: string[]; existing: unknown }
  | { kind: 'unregister'; auth: Record<string, string>; registration: unknown }
  | { kind: 'test-connection'; auth: Record<string, string> }
  | { kind: 'ping' };

export interface ConnectorProcessOptions {
  /** `name@version`, for messages. */
  spec: string;
  /** The extracted package folder: the only place it may read. */
  packageDir: string;
  /** Absolute path of the bundle to import. */
  mainPath: string;
  /** The egress-guarded client that serves the connector's HTTP capability. */
  http: HttpClient;
  /** Heap limit in MiB. Default 128. */
  memoryMb?: number;
  /** Longest call; the process is killed past it. Default 60 s. */
  callTimeoutMs?: number;
  /** Longest wait for the bundle to load. Default 10 s. */
  loadTimeoutMs?: number;
}

export interface ConnectorProcess {
  /** Starts the process if needed and resolves with what the connector offers (null when its bundle threw while loading). */
  ready(): Promise<{ offers: ConnectorOffers | null; loadError?: SerializedError }>;
  call<T = unknown>(call: ConnectorCall, options?: CallOptions): Promise<T>;
  /** Processes started so far (1 plus restarts). */
  readonly starts: number;
  stop(): Promise<void>;
}

export interface CallOptions {
  /** Longest call (default: the process's `callTimeoutMs`). */
  timeoutMs?: number;
  /** Aborted when the work the call belongs to is cut short (the engine stopping). */
  signal?: AbortSignal;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  owner: ChildProcess;
  signal?: AbortSignal;
}

/** Rebuilds an error thrown in the child: code, retriable and retryAfterMs survive, so retries behave as in-process. */
export function toParentError(spec: string, e: SerializedError): Error {
  const error = new ConnectorProcessError(spec, e.message);
  Object.assign(error, {
    message: e.code === 'CONNECTOR_LOAD_FAILED' ? error.message : e.message,
    code: e.code ?? 'CONNECTOR_ERROR',
    retriable: e.code === 'CONNECTOR_LOAD_FAILED' ? true : (e.retriable ?? false),
    statusCode: e.statusCode ?? 502,
    details: e.details,
    ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }),
  });
  error.name = e.name;
  return error;
}

function serializeForChild(error: unknown): SerializedError {
  const e = error as SerializedError & { retryAfterMs?: number };
  return {
    name: e?.name ?? 'Error',
    message: e?.message ?? String(error),
    code: e?.code,
    retriable: e?.retriable,
    statusCode: e?.statusCode,
    retryAfterMs: e?.retryAfterMs,
    details: e?.details,
  };
}

/** A lazily started, self-restarting child process for one connector version. */
export function createConnectorProcess(options: ConnectorProcessOptions): ConnectorProcess {
  let child: ChildProcess | null = null;
  let readyPromise: Promise<{ offers: ConnectorOffers | null; loadError?: SerializedError }> | null = null;
  const pending = new Map<number, Pending>();
  /** The HTTP requests the parent is making for the child, by the child's request id. */
  const httpInFlight = new Map<number, AbortController>();
  let nextId = 0;
  let starts = 0;
  let stopped = false;

  const failAll = (owner: ChildProcess, reason: string) => {
    for (const [id, p] of pending) {
      if (p.owner !== owner) continue;
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(new ConnectorProcessError(options.spec, reason));
    }
  };

  /** Serves one request of the HTTP capability, cut short by the call's signal or the child's abort. */
  const serveHttp = async (target: ChildProcess, id: number, callId: number, req: HttpRequest) => {
    const controller = new AbortController();
    httpInFlight.set(id, controller);
    const callSignal = pending.get(callId)?.signal;
    try {
      const signal = callSignal ? AbortSignal.any([callSignal, controller.signal]) : controller.signal;
      const response = await options.http.request({ ...req, signal });
      if (target.connected)
        target.send({
          type: 'http-reply',
          id,
          ok: true,
          status: response.status,
          headers: [...response.headers.entries()],
          body: response.body,
        });
    } catch (error) {
      if (target.connected) target.send({ type: 'http-reply', id, ok: false, error: serializeForChild(error) });
    } finally {
      httpInFlight.delete(id);
    }
  };

  const start = () => {
    starts++;
    const spawned = fork(childScript, [options.mainPath], {
      env: {},
      cwd: options.packageDir,
      execArgv: [
        `--max-old-space-size=${options.memoryMb ?? 128}`,
        '--experimental-permission',
        `--allow-fs-read=${options.packageDir}`,
        `--allow-fs-read=${childScript}`,
        '--no-warnings',
        '--disable-proto=delete',
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    spawned.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child = spawned;
    readyPromise = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        spawned.kill('SIGKILL');
        reject(new ConnectorProcessError(options.spec, `it did not load within ${options.loadTimeoutMs ?? 10_000} ms`));
      }, options.loadTimeoutMs ?? 10_000);
      spawned.on('message', (message: { type: string; id: number; [k: string]: unknown }) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve({
            offers: message.offers as ConnectorOffers | null,
            loadError: message.loadError as SerializedError | undefined,
          });
        } else if (message.type === 'result') {
          const p = pending.get(message.id);
          if (!p) return;
          pending.delete(message.id);
          clearTimeout(p.timer);
          if (message.ok) p.resolve(message.value);
          else p.reject(toParentError(options.spec, message.error as SerializedError));
        } else if (message.type === 'http') {
          void serveHttp(spawned, message.id, message.callId as number, message.req as HttpRequest);
        } else if (message.type === 'http-abort') {
          httpInFlight.get(message.id)?.abort();
        }
      });
      spawned.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (child === spawned) {
          child = null;
          readyPromise = null;
        }
        const oom = /heap out of memory|Allocation failed/i.test(stderr);
        const reason = oom
          ? `it ran out of memory (limit ${options.memoryMb ?? 128} MiB)`
          : `its process exited (${signal ?? `code ${code}`})`;
        reject(new ConnectorProcessError(options.spec, reason));
        failAll(spawned, reason);
      });
    });
    // A rejected ready promise with nobody waiting must not become an unhandled rejection.
    readyPromise.catch(() => {});
    return readyPromise;
  };

  const ensure = () => {
    if (stopped) throw new ConnectorProcessError(options.spec, 'it was uninstalled or Wireup is stopping');
    return readyPromise ?? start();
  };

  return {
    get starts() {
      return starts;
    },
    ready: () => ensure(),
    async call<T>(
      call: ConnectorCall,
      { timeoutMs = options.callTimeoutMs ?? 60_000, signal }: CallOptions = {},
    ): Promise<T> {
      await ensure();
      const target = child;
      if (!target?.connected) throw new ConnectorProcessError(options.spec, 'its process is not running');
      const id = ++nextId;
      // The connector sees the abort as ctx.signal and answers as it would in process (usually by
      // throwing); the time limit still bounds a connector that ignores it.
      const onAbort = () => {
        if (target.connected) target.send({ type: 'abort', id });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(
            new ConnectorProcessError(
              options.spec,
              `the call took longer than ${timeoutMs} ms and its process was stopped`,
            ),
          );
          // Detach at once: the next call starts a new process instead of waiting for this one's exit.
          if (child === target) {
            child = null;
            readyPromise = null;
          }
          target.kill('SIGKILL');
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, owner: target, signal });
        target.send({ type: 'call', id, call, aborted: signal?.aborted ?? false });
      }).finally(() => signal?.removeEventListener('abort', onAbort));
    },
    async stop() {
      stopped = true;
      const target = child;
      if (!target) return;
      await new Promise<void>((resolve) => {
        target.once('exit', () => resolve());
        target.kill('SIGKILL');
      });
    },
  };
}
