/**
 * The build's own manifest, `<outDir>/.pair-pages-build.json`: the input hash of every file the
 * last build produced. The next incremental build renders only files whose hash changed and
 * deletes files it no longer produces. Files it never produced (screenshots, ...) are left alone.
 */
import { readFile, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** File name of the build manifest inside outDir. */
export const BUILD_STATE_FILE = '.pair-pages-build.json';
const FORMAT = 1;

/** Input hash per output file (path relative to outDir). */
export type FileHashes = Map<string, string>;

/** Reads the previous build's hashes; an empty map when there is none or it is unreadable. */
export async function readBuildState(outDir: string): Promise<FileHashes> {
  try {
    const parsed = JSON.parse(await readFile(join(outDir, BUILD_STATE_FILE), 'utf8')) as { format?: number; files?: Record<string, string> };
    return parsed.format === FORMAT && parsed.files ? new Map(Object.entries(parsed.files)) : new Map();
  } catch {
    return new Map();
  }
}

/** Writes the hashes of this build. */
export async function writeBuildState(outDir: string, files: FileHashes): Promise<void> {
  await writeFile(join(outDir, BUILD_STATE_FILE), JSON.stringify({ format: FORMAT, generator: '@wireup/pair-pages', files: Object.fromEntries(files) }));
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
