import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runPagesBuild } from './cli-run.ts';
import { fixtureManifests } from './testing/fixture-manifests.ts';
import { syntheticCatalog } from './testing/synthetic-catalog.ts';

let root: string;
let lines: string[];
const io = () => ({
  out: (l: string) => lines.push(l),
  err: (l: string) => lines.push(`ERR ${l}`),
  progressEveryMs: 0,
});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pair-pages-cli-'));
  lines = [];
  for (const m of fixtureManifests()) {
    mkdirSync(join(root, 'connectors', m.name), { recursive: true });
    writeFileSync(join(root, 'connectors', m.name, 'manifest.json'), JSON.stringify(m));
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('builds the site from installed manifests, then rebuilds only what changed', async () => {
  const out = join(root, 'site');
  expect(await runPagesBuild(['--out', out, '--root', root, '--base-url', 'https://w.example'], io())).toBe(0);
  expect(existsSync(join(out, 'integrations', 'stripe', 'with', 'kustomer', 'index.html'))).toBe(true);
  expect(lines[0]).toBe(`Building pair pages for 3 connectors into ${out}`);
  expect(lines.at(-1)).toMatch(/^Done in \d+\.\d\d s: 57 pages; 60 files written, 0 unchanged, 0 removed\.$/);
  lines = [];
  expect(await runPagesBuild(['--out', out, '--root', root, '--base-url', 'https://w.example'], io())).toBe(0);
  expect(lines.at(-1)).toMatch(/0 files written, 60 unchanged, 0 removed\.$/);
});

it('prints progress while a long build runs', async () => {
  for (const m of syntheticCatalog(30)) {
    mkdirSync(join(root, 'connectors', m.name), { recursive: true });
    writeFileSync(join(root, 'connectors', m.name, 'manifest.json'), JSON.stringify(m));
  }
  expect(await runPagesBuild(['--out', join(root, 'site'), '--root', root, '--full'], io())).toBe(0);
  const progress = lines.filter((l) => /^ {2}\d+\/\d+ files \(\d+%\)$/.test(l));
  expect(progress.length).toBeGreaterThan(0);
  expect(lines[0]).toContain('for 33 connectors');
});

it('exits 2 with the usage when --out is missing, and 1 with the error code when a manifest is broken', async () => {
  expect(await runPagesBuild(['--root', root], io())).toBe(2);
  expect(lines.join('\n')).toContain('--out is required');
  writeFileSync(join(root, 'connectors', 'stripe', 'manifest.json'), '[]');
  expect(await runPagesBuild(['--out', join(root, 'site'), '--root', root], io())).toBe(1);
  expect(lines.at(-1)).toMatch(/^ERR pages build failed \(PAIR_PAGES_MANIFEST_UNREADABLE\)/);
});
