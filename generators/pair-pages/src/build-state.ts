/**
 * The build's own manifest, `<outDir>/.pair-pages-build`: the input hash of every file the last
 * build produced, one per line in build order, with the hash of the list of their URL paths
 * (kept in `.pair-pages-paths`). Plain text: for 90,000 pages it reads and writes several times
 * faster than JSON, and when the site has the same files as last time (the usual case) the
 * hashes are compared by position and the paths file is not even read.
 * The next incremental build renders only files whose hash changed and deletes files it no
 * longer produces; files it never produced are left alone.
 */
import { readFile, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** File name of the build manifest inside outDir: the hashes, one per line, in build order. */
export const BUILD_STATE_FILE = '.pair-pages-build';
/** Its companion: the URL paths of those files, same order; read only when the site's set of files changed. */
export const BUILD_PATHS_FILE = '.pair-pages-paths';
const FORMAT = '# @wireup/pair-pages build state, format 3';

/** The previous build: its files' input hashes in build order, and how to get their URL paths. */
export interface BuildState {
  /** Hash of the list of paths, in order (the plan's structure hash): equal to this build's when it has the same files. */
  pathsHash: string;
  hashes: string[];
  paths: () => Promise<string[]>;
}

const lines = (text: string): string[] => (text ? text.slice(0, -1).split('\n') : []);

/** Reads the previous build's state; empty when there is none or it is in another format. */
export async function readBuildState(outDir: string): Promise<BuildState> {
  const empty: BuildState = { pathsHash: '', hashes: [], paths: async () => [] };
  const text = await readFile(join(outDir, BUILD_STATE_FILE), 'utf8').catch(() => '');
  const head = text.indexOf('\n', FORMAT.length + 1);
  if (!text.startsWith(`${FORMAT}\n`) || head < 0) return empty;
  return {
    pathsHash: text.slice(FORMAT.length + 1, head),
    hashes: lines(text.slice(head + 1)),
    paths: async () => lines(await readFile(join(outDir, BUILD_PATHS_FILE), 'utf8').catch(() => '')),
  };
}

/**
 * The indices of `files` whose hash differs from the previous build's (all of them when
 * there is no previous build), and the previous paths that are no longer produced.
 */
export async function diffBuildState(
  previous: BuildState,
  files: Array<{ path: string; hash: string }>,
  pathsHash: string,
): Promise<{ changed: number[]; gone: string[] }> {
  const changed: number[] = [];
  if (pathsHash === previous.pathsHash && previous.hashes.length === files.length) {
    files.forEach((f, k) => {
      if (f.hash !== previous.hashes[k]) changed.push(k);
    });
    return { changed, gone: [] };
  }
  const paths = await previous.paths();
  const before = new Map(paths.length === previous.hashes.length ? paths.map((p, k) => [p, previous.hashes[k]]) : []);
  files.forEach((f, k) => {
    if (before.get(f.path) !== f.hash) changed.push(k);
  });
  const now = new Set(files.map((f) => f.path));
  return { changed, gone: paths.filter((p) => !now.has(p)) };
}

/** Writes this build's state; the paths file only when the set of files changed. */
export async function writeBuildState(
  outDir: string,
  files: Array<{ path: string; hash: string }>,
  pathsHash: string,
  previous: BuildState,
): Promise<void> {
  if (pathsHash !== previous.pathsHash)
    await writeFile(join(outDir, BUILD_PATHS_FILE), `${files.map((f) => f.path).join('\n')}\n`);
  await writeFile(join(outDir, BUILD_STATE_FILE), `${FORMAT}\n${pathsHash}\n${files.map((f) => f.hash).join('\n')}\n`);
}

/** Deletes `file` (relative to outDir) and the folders it leaves empty, up to outDir. Missing files are fine. */
export async function removeOutput(outDir: string, file: string): Promise<void> {
  await unlink(join(outDir, file)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  let dir = dirname(join(outDir, file));
  while (relative(outDir, dir) && !relative(outDir, dir).startsWith('..')) {
    try {
      await rmdir(dir);
    } catch {
      return; // not empty (or already gone): stop climbing
    }
    dir = dirname(dir);
  }
}
