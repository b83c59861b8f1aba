/**
 * The `pages build` command: reads installed manifests, builds the site incrementally and
 * prints progress every few seconds. Exported so the `wireup` CLI can mount it as `wireup pages build`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSite } from './build-site.ts';
import { loadInstalledManifests } from './load-manifests.ts';
import type { UsageRecord } from './types.ts';

/** Repository root as seen from this file (generators/pair-pages/src). */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const PAGES_USAGE = `Usage: pages build --out <dir> [--base-url <url>] [--root <repo>] [--usage <file.json>] [--full]

  --out        folder to write the site into (pages under <out>/integrations/)
  --base-url   origin the site is served from, for canonical links and the sitemap
               (default: $WIREUP_BASE_URL or http://localhost:8080)
  --root       folder holding connectors/<app>/manifest.json (default: this repository)
  --usage      JSON array of {trigger, action, count} to rank pairings
  --full       render every page even when its inputs did not change`;

/** Where the command writes; defaults to the process's streams. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** How often progress is printed, in ms. Default 2000. */
  progressEveryMs?: number;
}

const defaultIo: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs the command with `args` (without the command name); resolves to the exit code. */
export async function runPagesBuild(args: string[], io: CliIo = defaultIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        out: { type: 'string' },
        'base-url': { type: 'string' },
        root: { type: 'string' },
        usage: { type: 'string' },
        full: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n${PAGES_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(PAGES_USAGE);
    return 0;
  }
  if (!values.out) {
    io.err(`--out is required\n${PAGES_USAGE}`);
    return 2;
  }
  try {
    const manifests = await loadInstalledManifests(resolve(values.root ?? REPO_ROOT));
    const usage = values.usage ? (JSON.parse(await readFile(values.usage, 'utf8')) as UsageRecord[]) : undefined;
    const every = io.progressEveryMs ?? 2000;
    let last = performance.now();
    io.out(`Building pair pages for ${manifests.length} connectors into ${resolve(values.out)}`);
    const result = await buildSite({
      manifests,
      usage,
      outDir: values.out,
      incremental: !values.full,
      baseUrl: values['base-url'] ?? process.env.WIREUP_BASE_URL ?? 'http://localhost:8080',
      onProgress: ({ done, total }) => {
        if (done < total && performance.now() - last >= every) {
          last = performance.now();
          io.out(`  ${done}/${total} files (${Math.round((done / total) * 100)}%)`);
        }
      },
    });
    for (const s of result.skipped) io.out(`Left off: ${s.name}, ${s.reason}`);
    io.out(
      `Done in ${(result.ms / 1000).toFixed(2)} s: ${result.pages} pages; ${result.written} files written, ${result.unchanged} unchanged, ${result.removed} removed.`,
    );
    return 0;
  } catch (err) {
    const e = err as Error & { code?: string };
    io.err(`pages build failed${e.code ? ` (${e.code})` : ''}: ${e.message}`);
    return 1;
  }
}
