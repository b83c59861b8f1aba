import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const json = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

/** Folders matching a pattern of plain segments and `*` (one level), below the root. */
function folders(pattern: string): string[] {
  let found = [''];
  for (const segment of pattern.split('/')) {
    found = found.flatMap((dir) => {
      const base = join(root, dir);
      if (segment === '*')
        return existsSync(base)
          ? readdirSync(base)
              .filter((n) => !n.startsWith('.') && n !== 'node_modules' && statSync(join(base, n)).isDirectory())
              .map((n) => join(dir, n))
          : [];
      return existsSync(join(base, segment)) && statSync(join(base, segment)).isDirectory() ? [join(dir, segment)] : [];
    });
  }
  return found;
}

describe('workspace and tsconfig entries', () => {
  const workspaces: string[] = json('package.json').workspaces;

  it.each(workspaces)('workspace entry %s names at least one package folder', (pattern) => {
    expect(folders(pattern).filter((dir) => existsSync(join(root, dir, 'package.json')))).not.toEqual([]);
  });

  it.each(json('tsconfig.base.json').include as string[])('tsconfig include %s names an existing folder', (pattern) => {
    const folderPart = pattern.split('/**')[0].replace(/\/\*\.ts$/, '');
    expect(folders(folderPart)).not.toEqual([]);
  });

  it('every package folder under core/, connectors/, generators/ is a workspace', () => {
    const covered = new Set(workspaces.flatMap(folders));
    const packages = ['core/*', 'connectors/*', 'generators/*']
      .flatMap(folders)
      .filter((dir) => existsSync(join(root, dir, 'package.json')));
    expect(packages.filter((dir) => !covered.has(dir))).toEqual([]);
  });
});
