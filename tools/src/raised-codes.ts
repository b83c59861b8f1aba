/**
 * The error codes a package's source raises, found by reading it: `super('CODE', …)` in an
 * error class, `new WireupError('CODE', …)`, `code: 'CODE'` beside a `message` (a run or step
 * error, an error body), and `[status, 'CODE', …]` rows of a status table. Test files and
 * testing folders (fakes answer their providers' codes) are left out.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const patterns = [
  /\bsuper\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /\bWireupError\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /\[\s*\d{3},\s*'([A-Z][A-Z0-9_]+)'/g,
];
/** On a line that also has a `message`: an error object (not e.g. a coupon's `code: 'SPRING25'`). */
const codeBesideMessage = /\bcode:\s*'([A-Z][A-Z0-9_]+)'/g;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'testing' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|mts|mjs|js|vue)$/.test(entry) && !/\.test\.ts$/.test(entry)) yield path;
  }
}

/** The codes raised under `dir` (a package's src folder), each once, sorted. */
export function raisedCodes(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const codes = new Set<string>();
  for (const file of sources(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) codes.add(match[1]);
    for (const line of text.split('\n')) {
      if (/\bmessage\b/.test(line)) for (const match of line.matchAll(codeBesideMessage)) codes.add(match[1]);
    }
  }
  return [...codes].sort();
}
