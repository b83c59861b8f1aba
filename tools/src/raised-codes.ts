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
/** In an object literal that also has a `message`: an error object (not e.g. a coupon's `code: 'SPRING25'`). */
const codeBesideMessage = /\bcode:\s*'([A-Z][A-Z0-9_]+)'/g;

/** The text of the innermost `{ … }` around `index` (the object literal a property sits in), or the line. */
function enclosingObject(text: string, index: number): string {
  let depth = 0;
  let start = index;
  for (; start >= 0; start--) {
    if (text[start] === '}') depth++;
    else if (text[start] === '{' && depth-- === 0) break;
  }
  depth = 0;
  let end = index;
  for (; end < text.length; end++) {
    if (text[end] === '{') depth++;
    else if (text[end] === '}' && depth-- === 0) break;
  }
  return start < 0 || end >= text.length
    ? text.slice(text.lastIndexOf('\n', index) + 1, text.indexOf('\n', index))
    : text.slice(start, end + 1);
}

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
    for (const match of text.matchAll(codeBesideMessage)) {
      if (/\bmessage\b/.test(enclosingObject(text, match.index))) codes.add(match[1]);
    }
  }
  return [...codes].sort();
}
