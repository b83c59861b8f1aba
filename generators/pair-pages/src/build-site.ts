/**
 * buildSite: renders the static site of mirrored pair pages from connector manifests.
 * Templates are compiled once; each page is rendered in memory only when its input hash
 * changed (or always, without `incremental`), and files are written with bounded concurrency,
 * by worker threads when there are thousands of them (started before planning when the whole
 * site is to be written, so their start-up overlaps it).
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { diffBuildState, readBuildState, removeOutput, writeBuildState } from './build-state.ts';
import { BuildOptionsError, DuplicateConnectorError } from './errors.ts';
import { createFileWriter } from './file-writer.ts';
import { isPage } from './planned-file.ts';
import { publishable } from './publishable.ts';
import { defaultWorkers, startRenderPool, type RenderPool } from './render-workers.ts';
import { fileOfPath, planSite, type SitePlan } from './site-plan.ts';
import { loadTemplates } from './templates.ts';
import type { BuildResult, BuildSiteOptions } from './types.ts';
import { KEBAB } from './urls.ts';

const PROGRESS_EVERY = 500;

function checkOptions(options: BuildSiteOptions): string {
  if (!options.outDir) throw new BuildOptionsError('outDir is required: the folder to write the site into');
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new BuildOptionsError(
      `baseUrl "${options.baseUrl}" is not an absolute URL: give the site's origin, e.g. https://wireup.example.com`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BuildOptionsError(`baseUrl must be http(s), got "${options.baseUrl}"`);
  const seen = new Set<string>();
  for (const m of options.manifests) {
    if (seen.has(m.name)) throw new DuplicateConnectorError(m.name);
    seen.add(m.name);
    for (const id of [m.name, ...m.triggers.map((t) => t.key), ...m.actions.map((a) => a.key)]) {
      if (!KEBAB.test(id))
        throw new BuildOptionsError(
          `connector "${m.name}": "${id}" is not kebab-case; names and keys become URLs, so validate the manifest first`,
        );
    }
  }
  return options.baseUrl.replace(/\/+$/, '');
}

/** Renders and writes the given files in this thread, `concurrency` writes in flight. */
async function writeHere(
  plan: SitePlan,
  indices: number[],
  outDir: string,
  concurrency: number,
  onDone: (count: number) => void,
): Promise<void> {
  const writer = createFileWriter(outDir, concurrency);
  for (const index of indices) {
    const file = plan.files[index];
    await writer.write(fileOfPath(file.path), plan.render(file));
    onDone(1);
  }
  await writer.flush();
}

/** How many files a full build of `manifests` writes, without planning it (to decide on workers early). */
function fileCount(manifests: BuildSiteOptions['manifests']): number {
  const n = manifests.length;
  const steps = manifests.reduce((sum, m) => sum + m.triggers.length + m.actions.length, 0);
  return 1 + n + steps + n * (n - 1) + 3; // catalog, apps, steps, pairs; stylesheet, sitemap, robots.txt
}

/** Builds (or incrementally rebuilds) the site into `outDir`. See the README for the layout. */
export async function buildSite(options: BuildSiteOptions): Promise<BuildResult> {
  const started = performance.now();
  const baseUrl = checkOptions(options);
  const { manifests, skipped } = publishable(options.manifests);
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const templates = loadTemplates(options.templatesDir);
  const previous = await readBuildState(outDir);
  const startPool = (count: number): RenderPool | undefined => {
    const workers = options.workers ?? defaultWorkers(count);
    return workers > 0
      ? startRenderPool(
          {
            manifests,
            usage: options.usage,
            baseUrl,
            compiledSource: templates.compiledSource,
            templatesDir: options.templatesDir,
            outDir,
          },
          workers,
        )
      : undefined;
  };
  // Everything is written when not incremental or when there is no previous build: start the workers now.
  let pool = !options.incremental || !previous.hashes.length ? startPool(fileCount(manifests)) : undefined;
  try {
    const plan = planSite(manifests, { baseUrl }, templates, options.usage);
    const total = plan.files.length;
    const pathsHash = plan.structureHash;
    const diff = await diffBuildState(previous, plan.files, pathsHash);
    const toWrite = options.incremental ? diff.changed : plan.files.map((_, index) => index);
    let done = total - toWrite.length;
    let reported = 0;
    const onDone = (count: number): void => {
      done += count;
      if (options.onProgress && done - reported >= PROGRESS_EVERY) {
        reported = done;
        options.onProgress({ done, total });
      }
    };
    pool ??= startPool(toWrite.length);
    const concurrency = options.writeConcurrency ?? 64;
    if (pool) {
      // Workers render the pages; this thread writes the stylesheet, sitemaps and robots.txt meanwhile.
      await Promise.all([
        pool.render(
          toWrite.filter((k) => isPage(plan.files[k].kind)).map((k) => plan.files[k]),
          onDone,
        ),
        writeHere(
          plan,
          toWrite.filter((k) => !isPage(plan.files[k].kind)),
          outDir,
          concurrency,
          onDone,
        ),
      ]);
    } else {
      await writeHere(plan, toWrite, outDir, concurrency, onDone);
    }

    for (const path of diff.gone) await removeOutput(outDir, fileOfPath(path));
    await writeBuildState(outDir, plan.files, pathsHash, previous);
    options.onProgress?.({ done: total, total });
    return {
      written: toWrite.length,
      unchanged: total - toWrite.length,
      removed: diff.gone.length,
      pages: plan.pages,
      skipped,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await pool?.close();
  }
}
