/**
 * Worker thread of a large build: plans the same site as the main thread (planning is
 * deterministic and cheap), then renders and writes the files it was given by index.
 * Synchronous writes are fine here: they block only this thread.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { fileOfPath, planSite } from './site-plan.ts';
import { loadTemplates } from './templates.ts';
import type { WorkerJob, WorkerMessage } from './render-workers.ts';

const REPORT_EVERY = 250;
const job = workerData as WorkerJob;
const post = (message: WorkerMessage): void => parentPort!.postMessage(message);

const plan = planSite(job.manifests, { baseUrl: job.baseUrl }, loadTemplates(job.templatesDir), job.usage);
if (plan.files.length !== job.fileCount) throw new Error(`worker planned ${plan.files.length} files, the build ${job.fileCount}: templates or manifests changed during the build`);
const made = new Set<string>();
let done = 0;
for (const index of job.indices) {
  const file = plan.files[index];
  const path = join(job.outDir, fileOfPath(file.path));
  const dir = dirname(path);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(path, plan.render(file));
  if (++done % REPORT_EVERY === 0) post({ done: REPORT_EVERY });
}
post({ done: done % REPORT_EVERY, finished: true });
