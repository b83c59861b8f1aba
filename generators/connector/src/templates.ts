/**
 * The scaffold's templates: the files under generators/connector/files/, each ending in
 * `__tmpl__` (so neither Vitest, tsc nor the module-boundary check mistakes a template for
 * code of this package). Rendering is plain substitution of `__name__` and
 * `__displayName__` in paths and contents: nothing is evaluated.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';
import type { ConnectorNames } from './names.ts';

/** Where the templates live. */
export const templatesDir = fileURLToPath(new URL('../files/', import.meta.url));

const templateSuffix = '__tmpl__';

/** One file of the new connector: its path inside the package (POSIX separators) and content. */
export interface RenderedFile {
  path: string;
  content: string;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Replaces every placeholder in `text`. */
export function substitute(text: string, names: ConnectorNames): string {
  return text.replaceAll('__displayName__', names.displayName).replaceAll('__name__', names.name);
}

/** Renders every template for these names. Paths are relative to the new package's folder. */
export async function renderTemplates(names: ConnectorNames, dir = templatesDir): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  for (const file of await listFiles(dir)) {
    if (!file.endsWith(templateSuffix)) continue;
    const path = substitute(relative(dir, file).split(sep).join('/').slice(0, -templateSuffix.length), names);
    files.push({ path, content: substitute(await readFile(file, 'utf8'), names) });
  }
  return files;
}
