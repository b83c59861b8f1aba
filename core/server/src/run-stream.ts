/**
 * One client's live run stream (server-sent events): each run the feed says changed, read
 * back from the store and sent as `event: run` with the run's summary (the list's shape,
 * without steps). Bounded per client: changes wait in a set keyed by run id (ten changes of
 * one run are one read and one event), at most `maxPending` of them; past that, or while the
 * socket does not take more (backpressure), nothing more is queued and the client is told
 * `event: reset` to read the list again. A comment line every `heartbeatMs` keeps proxies from
 * closing a quiet stream.
 */
import { PassThrough } from 'node:stream';
import type { RunRecord, Store } from '@wireup/store';
import type { RunChange, RunFeed } from './run-feed.ts';

export interface RunStreamOptions {
  feed: RunFeed;
  store: Store;
  /** Only runs of this workflow. */
  workflow?: string;
  /** Only this run. */
  run?: string;
  /** Changed runs waiting to be sent, at most. Default 200. */
  maxPending?: number;
  /** Default 15 s. */
  heartbeatMs?: number;
  /** Bytes the socket may hold unsent before the stream stops writing and resets. Default 1 MiB. */
  maxBufferedBytes?: number;
}

/** The stream's body (to send as the response) and `close` to end it. */
export interface RunStream {
  body: PassThrough;
  close(): void;
}

/** A run as the stream sends it: without its steps (GET /v1/runs/:id has them). */
export function runSummary({ steps: _steps, ...summary }: RunRecord): Omit<RunRecord, 'steps'> {
  return summary;
}

export function openRunStream(options: RunStreamOptions): RunStream {
  const maxPending = options.maxPending ?? 200;
  const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
  const body = new PassThrough();
  const pending = new Set<string>();
  let overflow = false;
  let flushing = false;
  let ended = false;
  let sequence = 0;

  const write = (chunk: string) => {
    if (!ended) body.write(chunk);
  };
  const flush = async () => {
    if (flushing || ended) return;
    flushing = true;
    try {
      while (!ended && (pending.size || overflow)) {
        if (overflow) {
          overflow = false;
          pending.clear();
          write(`id: ${++sequence}\nevent: reset\ndata: {}\n\n`);
          continue;
        }
        const [id] = pending;
        pending.delete(id);
        const run = await options.store.runs.get(id).catch(() => null);
        if (run) write(`id: ${++sequence}\nevent: run\ndata: ${JSON.stringify(runSummary(run))}\n\n`);
        // Backpressure: wait until the socket has taken what was written.
        if (body.writableNeedDrain) await new Promise((resolve) => body.once('drain', resolve));
      }
    } finally {
      flushing = false;
    }
  };
  const onChange = (change: RunChange) => {
    if (ended) return;
    if (options.workflow && change.workflowId !== options.workflow) return;
    if (options.run && change.id !== options.run) return;
    if (pending.has(change.id)) return;
    if (pending.size >= maxPending || body.writableLength > maxBuffered) overflow = true;
    else pending.add(change.id);
    // Coalesce a burst of writes of one run into one read.
    setTimeout(() => void flush(), 20);
  };

  let unsubscribe = () => undefined as void;
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  const close = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    body.end();
  };
  // `retry`: how long EventSource waits before reconnecting; `ready`: the client reads the current state now, and follows the changes from here.
  write(`retry: 2000\nevent: ready\ndata: {}\n\n`);
  unsubscribe = options.feed.subscribe(onChange, close);
  body.on('close', close);
  return { body, close };
}
