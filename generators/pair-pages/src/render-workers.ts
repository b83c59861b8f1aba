/** Spreads the rendering and writing of a large build over worker threads (one per core, at most 2 by default). */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ConnectorManifest } from '@wireup/sdk';
import type { UsageRecord } from './types.ts';

/** What a worker is given. */
export interface WorkerJob {
  manifests: ConnectorManifest[];
  usage?: UsageRecord[];
  baseUrl: string;
  templatesDir?: string;
  outDir: string;
  fileCount: number;
  /** Indices into the plan's files to render and write. */
  indices: number[];
}

/** What a worker reports: files written since its last message. */
export interface WorkerMessage {
  done: number;
  finished?: boolean;
}

// Rendering allocates a lot of short-lived strings: a larger young generation halves the time spent in GC.
const YOUNG_GENERATION = { maxYoungGenerationSizeMb: 192 };

/** Below this many files to write, threads cost more than they save. */
export const WORKER_THRESHOLD = 4000;

/** The default number of workers for `count` files to write: none for small builds. */
export function defaultWorkers(count: number): number {
  return count < WORKER_THRESHOLD ? 0 : Math.min(2, availableParallelism());
}

/** Renders and writes `indices` with `workers` threads; `onDone` gets the count of files each time some are written. */
export async function renderInWorkers(job: Omit<WorkerJob, 'indices'>, indices: number[], workers: number, onDone: (count: number) => void): Promise<void> {
  const size = Math.ceil(indices.length / workers);
  const runs: Array<Promise<void>> = [];
  for (let w = 0; w < workers; w++) {
    const share = indices.slice(w * size, (w + 1) * size);
    if (!share.length) continue;
    runs.push(new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./render-worker-boot.mjs', import.meta.url), { workerData: { ...job, indices: share }, resourceLimits: YOUNG_GENERATION });
      let finished = false;
      worker.on('message', (m: WorkerMessage) => {
        onDone(m.done);
        if (m.finished) finished = true;
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (finished ? resolve() : reject(new Error(`render worker exited with code ${code} before finishing`))));
    }));
  }
  const results = await Promise.allSettled(runs);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
