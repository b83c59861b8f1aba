/**
 * buildSite: renders the static site of mirrored pair pages from connector manifests.
 * Templates are compiled once; each page is rendered in memory only when its input hash
 * changed (or always, without `incremental`), and files are written with bounded concurrency.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readBuildState, removeOutput, writeBuildState, type FileHashes } from './build-state.ts';
import { BuildOptionsError, DuplicateConnectorError } from './errors.ts';
import { createFileWriter } from './file-writer.ts';
import { planSite } from './site-plan.ts';
import { loadTemplates } from './templates.ts';
import { KEBAB } from './urls.ts';
import type { BuildResult, BuildSiteOptions } from './types.ts';

const PROGRESS_EVERY = 500;

function checkOptions(options: BuildSiteOptions): string {
  if (!options.outDir) throw new BuildOptionsError('outDir is required: the folder to write the site into');
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new BuildOptionsError(`baseUrl "${options.baseUrl}" is not an absolute URL: give the site's origin, e.g. https://wireup.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BuildOptionsError(`baseUrl must be http(s), got "${options.baseUrl}"`);
  const seen = new Set<string>();
  for (const m of options.manifests) {
    if (seen.has(m.name)) throw new DuplicateConnectorError(m.name);
    seen.add(m.name);
    for (const id of [m.name, ...m.triggers.map((t) => t.key), ...m.actions.map((a) => a.key)]) {
      if (!KEBAB.test(id)) throw new BuildOptionsError(`connector "${m.name}": "${id}" is not kebab-case; names and keys become URLs, so validate the manifest first`);
    }
  }
  return options.baseUrl.replace(/\/+$/, '');
}

/** Builds (or incrementally rebuilds) the site into `outDir`. See the README for the layout. */
export async function buildSite(options: BuildSiteOptions): Promise<BuildResult> {
  const started = performance.now();
  const baseUrl = checkOptions(options);
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const templates = loadTemplates(options.templatesDir);
  const previous: FileHashes = await readBuildState(outDir);
  const files = planSite(options.manifests, { baseUrl }, templates, options.usage);
  const writer = createFileWriter(outDir, options.writeConcurrency ?? 64);
  const next: FileHashes = new Map();
  const total = files.length;
  let written = 0;
  let unchanged = 0;
  let pages = 0;
  for (let i = 0; i < total; i++) {
    const f = files[i];
    next.set(f.file, f.hash);
    if (f.url) pages++;
    if (options.incremental && previous.get(f.file) === f.hash) unchanged++;
    else {
      await writer.write(f.file, f.render());
      written++;
    }
    if (options.onProgress && (i + 1) % PROGRESS_EVERY === 0) options.onProgress({ done: i + 1, total });
  }
  await writer.flush();
  let removed = 0;
  for (const file of previous.keys()) {
    if (next.has(file)) continue;
    await removeOutput(outDir, file);
    removed++;
  }
  await writeBuildState(outDir, next);
  options.onProgress?.({ done: total, total });
  return { written, unchanged, removed, pages, ms: Math.round(performance.now() - started) };
}
