/**
 * Spreads the rendering and writing of a large build over worker threads (one per core, at
 * most 2 by default). Workers are started before the main thread plans the site when the
 * whole site will be written, so their start-up overlaps the planning. Each one builds the
 * site model from the manifests (no plan, no hashes, no Handlebars: the templates come
 * compiled) and then renders chunks of pages handed out one at a time, so a worker slowed by
 * other load on the machine simply takes fewer chunks.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ConnectorManifest } from '@wireup/sdk';
import type { FileRef } from './planned-file.ts';
import type { UsageRecord } from './types.ts';

/** What every worker is given once, at start. */
export interface WorkerSetup {
  manifests: ConnectorManifest[];
  usage?: UsageRecord[];
  baseUrl: string;
  /** The compiled templates (`TemplateSet.compiledSource`); without them a worker loads `templatesDir` itself. */
  compiledSource?: string;
  templatesDir?: string;
  outDir: string;
}

/** Main thread → worker: pages to render and write, or the end of the work. */
export type ToWorker = { files: FileRef[] } | { end: true };

/** Worker → main thread: a chunk is written. */
export interface FromWorker {
  done: number;
}

// Rendering allocates a lot of short-lived strings: a larger young generation halves the time spent in GC.
const YOUNG_GENERATION = { maxYoungGenerationSizeMb: 192 };

/** Below this many files to write, threads cost more than they save. */
export const WORKER_THRESHOLD = 4000;

/** The default number of workers for `count` files to write: none for small builds. */
export function defaultWorkers(count: number): number {
  return count < WORKER_THRESHOLD ? 0 : Math.min(2, availableParallelism());
}

/** Started render workers. */
export interface RenderPool {
  /** Renders and writes `files` (HTML pages); `onDone` gets the count of files each time a chunk is written. */
  render(files: FileRef[], onDone: (count: number) => void): Promise<void>;
  /** Ends the workers (after `render`, or instead of it). */
  close(): Promise<void>;
}

/** Chunks small enough to balance the load and report progress, large enough to keep messages few. */
const chunkSize = (count: number, workers: number): number =>
  Math.max(64, Math.min(512, Math.ceil(count / (workers * 8))));

/** Starts `count` render workers. */
export function startRenderPool(setup: WorkerSetup, count: number): RenderPool {
  let closing = false;
  let fail: (err: unknown) => void = () => {};
  let failure: unknown;
  const failed = (err: unknown): void => {
    if (closing) return; // a worker failing while it is being ended has nothing left to report
    failure ??= err;
    fail(err);
  };
  const workers = Array.from({ length: count }, () => {
    const w = new Worker(new URL('./render-worker-boot.mjs', import.meta.url), {
      workerData: setup,
      resourceLimits: YOUNG_GENERATION,
    });
    w.on('error', failed);
    return w;
  });
  const exited = workers.map(
    (w) =>
      new Promise<void>((resolve) =>
        w.once('exit', (code) => {
          failed(new Error(`render worker exited with code ${code} before finishing`));
          resolve();
        }),
      ),
  );
  return {
    render(files, onDone) {
      const size = chunkSize(files.length, workers.length);
      let next = 0;
      let pending = 0;
      return new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        fail = reject;
        const give = (w: Worker): void => {
          if (next >= files.length) return;
          w.postMessage({ files: files.slice(next, next + size) } satisfies ToWorker);
          next += size;
          pending++;
        };
        for (const w of workers) {
          w.on('message', (m: FromWorker) => {
            pending--;
            onDone(m.done);
            give(w);
            if (pending === 0 && next >= files.length) resolve();
          });
          // Two chunks each, so a worker has the next one at hand when it finishes one.
          give(w);
          give(w);
        }
        if (!files.length) resolve();
      });
    },
    async close() {
      closing = true;
      for (const w of workers) {
        w.removeAllListeners('message');
        if (failure) void w.terminate();
        else w.postMessage({ end: true } satisfies ToWorker);
      }
      await Promise.all(exited);
    },
  };
}
