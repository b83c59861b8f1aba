/**
 * Connectors get their settings from their context (`ctx.settings`), never from the process
 * environment: this finds every read of `process.env` in a connector's source, tests excepted.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|mts|js|mjs)$/.test(entry) && !/\.test\.ts$/.test(entry)) yield path;
  }
}

const environmentRead = /\bprocess\s*(\.\s*env\b|\[\s*['"]env['"]\s*\])/;

/** `file:line` of each environment read under connectors/<name>/src (test files excepted). */
export function connectorEnvironmentReads(root: string): string[] {
  const base = join(root, 'connectors');
  if (!existsSync(base)) return [];
  const found: string[] = [];
  for (const connector of readdirSync(base)) {
    const src = join(base, connector, 'src');
    if (!existsSync(src)) continue;
    for (const file of sources(src)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (environmentRead.test(line)) found.push(`${relative(root, file)}:${i + 1}`);
        });
    }
  }
  return found;
}
