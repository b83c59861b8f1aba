/** Reads installed connectors' manifests as data: `<rootDir>/connectors/<app>/manifest.json`. No connector code runs. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblems, validateManifest, type ConnectorManifest } from '@wireup/sdk';
import { ManifestUnreadableError } from './errors.ts';

/**
 * Every `connectors/<app>/manifest.json` under `rootDir` (folders without one are skipped),
 * validated against the manifest schema, sorted by name. Throws ManifestUnreadableError naming
 * the file and, for an invalid manifest, each problem's path and fix.
 */
export async function loadInstalledManifests(rootDir: string): Promise<ConnectorManifest[]> {
  const dir = join(rootDir, 'connectors');
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const manifests: ConnectorManifest[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((x, y) => x.name.localeCompare(y.name))) {
    const file = join(dir, entry.name, 'manifest.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new ManifestUnreadableError(file, (err as Error).message);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new ManifestUnreadableError(file, `not JSON (${(err as Error).message})`);
    }
    const problems = validateManifest(data);
    if (problems.length) {
      throw new ManifestUnreadableError(file, formatProblems(problems), problems);
    }
    manifests.push(data as ConnectorManifest);
  }
  return manifests.sort((x, y) => x.name.localeCompare(y.name));
}
