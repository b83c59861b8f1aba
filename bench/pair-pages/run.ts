/**
 * Benchmark: @wireup/pair-pages against Eleventy 3 on a synthetic catalog of 300 connectors
 * (~90,000 pair pages), full build and rebuild after one connector changes, side by side.
 *
 *   node --import tsx bench/pair-pages/run.ts [--connectors 300] [--runs 3] [--out /dev/shm/wireup-bench-pair-pages] [--no-eleventy]
 *
 * Each build runs in its own process, as `wireup pages build` would; timings are taken inside
 * it around the build call. Both generators write to the same folder kind (default: a tmpfs,
 * so the figures measure the generators rather than this VM's virtual disk; pass --out to
 * use another folder). Prints each run, then the median of the runs. Not a test.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    connectors: { type: 'string', default: '300' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: '/dev/shm/wireup-bench-pair-pages' },
    'no-eleventy': { type: 'boolean' },
  },
});
const connectors = Number(values.connectors);
const runs = Number(values.runs);
const root = values.out!;
const here = fileURLToPath(new URL('.', import.meta.url));

interface Timing {
  pages: number;
  rendered: number;
  ms: number;
}
type Row = Record<'oursFull' | 'oursIncremental' | 'eleventyFull' | 'eleventyIncremental', Timing | undefined>;

function child(script: string, args: string[]): Timing {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--max-old-space-size=16000', join(here, script), ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Timing;
}

/** Compares a sample of pages of both outputs, ignoring indentation and blank lines (preventIndent and the pagination wrapper change only whitespace). */
function samePages(a: string, b: string, sample = 300): string {
  const files = readdirSync(join(a, 'integrations'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.html'));
  const norm = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n');
  const step = Math.max(1, Math.floor(files.length / sample));
  let checked = 0;
  for (let k = 0; k < files.length; k += step) {
    const f = join('integrations', files[k]);
    if (norm(readFileSync(join(a, f), 'utf8')) !== norm(readFileSync(join(b, f), 'utf8'))) return `NO: ${f} differs`;
    checked++;
  }
  return `yes (${checked} pages sampled)`;
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const fmt = (t: Timing | undefined, col: 'pages' | 's' | 'rate'): string => {
  if (!t) return '-';
  if (col === 'pages') return String(t.rendered);
  if (col === 's') return (t.ms / 1000).toFixed(2);
  return Math.round(t.rendered / (t.ms / 1000)).toLocaleString('en-US');
};

function table(title: string, row: Row): void {
  console.log(`\n${title}`);
  console.log('| generator | build | pages rendered | seconds | pages/s |');
  console.log('|---|---|---:|---:|---:|');
  for (const [name, key] of [
    ['@wireup/pair-pages', 'ours'],
    ['Eleventy 3 + Handlebars', 'eleventy'],
  ] as const) {
    for (const [label, kind] of [
      ['full', 'Full'],
      ['one connector changed', 'Incremental'],
    ] as const) {
      const t = row[`${key}${kind}` as keyof Row];
      console.log(`| ${name} | ${label} | ${fmt(t, 'pages')} | ${fmt(t, 's')} | ${fmt(t, 'rate')} |`);
    }
  }
}

const fs = statfsSync(root.startsWith('/dev/shm') ? '/dev/shm' : '/');
console.log(
  `pair-pages benchmark: ${connectors} connectors, ${runs} runs, output under ${root} (filesystem type 0x${fs.type.toString(16)}${fs.type === 0x01021994 ? ', tmpfs' : ''})`,
);
const rows: Row[] = [];
for (let r = 1; r <= runs; r++) {
  rmSync(root, { recursive: true, force: true });
  const ours = join(root, 'ours');
  const eleventy = join(root, 'eleventy');
  const row: Row = {
    oursFull: undefined,
    oursIncremental: undefined,
    eleventyFull: undefined,
    eleventyIncremental: undefined,
  };
  const eleventyWork = join(root, 'eleventy-work');
  row.oursFull = child('ours.ts', [ours, String(connectors), '0', 'full']);
  if (!values['no-eleventy']) {
    row.eleventyFull = child('eleventy.ts', [eleventyWork, eleventy, String(connectors), '0']);
    console.log(`run ${r}, full: same HTML as Eleventy's (whitespace aside): ${samePages(ours, eleventy)}`);
  }
  // One connector changes (the middle one, to revision r): both generators build again.
  row.oursIncremental = child('ours.ts', [ours, String(connectors), String(r), 'incremental']);
  if (!values['no-eleventy']) {
    row.eleventyIncremental = child('eleventy.ts', [eleventyWork, eleventy, String(connectors), String(r)]);
    console.log(`run ${r}, after the change: same HTML as Eleventy's (whitespace aside): ${samePages(ours, eleventy)}`);
  }
  rows.push(row);
  table(`Run ${r}`, row);
  rmSync(root, { recursive: true, force: true });
}

const med = {} as Row;
for (const key of ['oursFull', 'oursIncremental', 'eleventyFull', 'eleventyIncremental'] as const) {
  const ts = rows.map((r) => r[key]).filter((t): t is Timing => !!t);
  med[key] = ts.length ? { pages: ts[0].pages, rendered: ts[0].rendered, ms: median(ts.map((t) => t.ms)) } : undefined;
}
table(`Median of ${runs} runs`, med);
if (med.eleventyFull && med.oursFull) {
  const rate = (t: Timing) => t.rendered / t.ms;
  console.log(
    `\nFull build: ${(rate(med.oursFull) / rate(med.eleventyFull)).toFixed(1)}× Eleventy's pages per second (target ≥ 5×).`,
  );
}
console.log(
  `Full build of ${med.oursFull!.pages.toLocaleString('en-US')} pages: ${(med.oursFull!.ms / 1000).toFixed(1)} s (target < 30 s). One connector changed: ${(med.oursIncremental!.ms / 1000).toFixed(2)} s (target < 1 s).`,
);
