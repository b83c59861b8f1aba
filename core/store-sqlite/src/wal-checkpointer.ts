/**
 * WAL checkpoints off the main thread. SQLite copies the WAL back into the database file (a
 * checkpoint, with an fsync of the file) inside the commit that takes the WAL past 1000 pages; on
 * the main thread that stalled everything else for milliseconds several times a second under load
 * (profiled under bench/webhook-to-action at 500 events/s). The store's connection therefore turns
 * automatic checkpoints off and a worker thread with a connection of its own checkpoints every
 * `intervalMs` in PASSIVE mode, which never blocks the writer; once the WAL holds `restartAtPages`
 * pages (a passive checkpoint under steady writes never lets the writer start it over) it
 * checkpoints in RESTART mode, which holds the writer back for the last frames only. Closing the store stops the worker,
 * which checkpoints a last time; the store's own close then checkpoints what is left.
 */
import { Worker } from 'node:worker_threads';
import { hasWalFile, type SqliteDatabase } from './sqlite-database.ts';

export interface WalCheckpointer {
  /** Stops the worker after a last checkpoint. */
  stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
  /** Time between checkpoints. Default 250 ms. */
  intervalMs?: number;
  /** WAL pages (4 KiB) from which a checkpoint makes the writer start the WAL over. Default 16 384 (64 MiB). */
  restartAtPages?: number;
  busyTimeoutMs?: number;
  /** Hears a checkpoint that failed (the next one retries; the WAL grows meanwhile). */
  onError?(message: string): void;
}

const workerUrl = new URL('./wal-checkpoint-worker.js', import.meta.url);

/** Starts checkpointing `db`'s file from a worker thread; undefined (nothing to do) for a database without a WAL file. */
export function startWalCheckpointer(
  db: SqliteDatabase,
  options: WalCheckpointerOptions = {},
): WalCheckpointer | undefined {
  if (!hasWalFile(db)) return undefined;
  db.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(workerUrl, {
    workerData: {
      path: db.name,
      intervalMs: options.intervalMs ?? 250,
      busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
      restartAtPages: options.restartAtPages ?? 16_384,
    },
  });
  worker.unref();
  let failed: string | undefined;
  const stopped = new Promise<void>((resolve) => {
    worker.on('message', (message: { type: string; message?: string }) => {
      if (message.type === 'error') options.onError?.(message.message ?? 'checkpoint failed');
    });
    worker.on('error', (error) => {
      failed = error.message;
      options.onError?.(error.message);
    });
    worker.on('exit', () => resolve());
  });
  return {
    async stop() {
      // Unreferenced while running (it must not keep a process alive); referenced while stopping, or
      // a process awaiting this with nothing else to do would exit at once, skipping what follows.
      worker.ref();
      if (failed === undefined) worker.postMessage('stop');
      await stopped;
    },
  };
}
