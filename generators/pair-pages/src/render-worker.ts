/**
 * Worker thread of a large build: builds the site model from the manifests (not the plan: no
 * hashes), then renders and writes the pages it is sent, chunk by chunk. Synchronous writes
 * are fine here: they block only this thread.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createPageRenderer, type PageTemplates } from './page-renderer.ts';
import { fileOfPath } from './planned-file.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './render-workers.ts';
import { createSiteModel } from './site-model.ts';
import { instantiateTemplates } from './template-runtime.ts';

const setup = workerData as WorkerSetup;
// Compiled templates need no Handlebars; other templates are loaded (and compiled) here.
const templates = setup.compiledSource
  ? (instantiateTemplates(setup.compiledSource) as PageTemplates)
  : (await import('./templates.ts')).loadTemplates(setup.templatesDir).render;
const renderer = createPageRenderer(
  createSiteModel(setup.manifests, setup.usage),
  { baseUrl: setup.baseUrl },
  templates,
);
const made = new Set<string>();

parentPort!.on('message', (m: ToWorker) => {
  if ('end' in m) {
    parentPort!.close();
    return;
  }
  for (const file of m.files) {
    const path = join(setup.outDir, fileOfPath(file.path));
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path, renderer.render(file));
  }
  parentPort!.postMessage({ done: m.files.length } satisfies FromWorker);
});
