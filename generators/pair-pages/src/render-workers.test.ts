import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSite } from './build-site.ts';
import { syntheticCatalog } from './testing/synthetic-catalog.ts';

let root: string;
const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pair-pages-workers-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('writes the same site with worker threads as in one thread, and reports progress', async () => {
  const manifests = syntheticCatalog(30);
  const progress: number[] = [];
  const threaded = await buildSite({ manifests, outDir: join(root, 'threads'), baseUrl: 'https://w.example', workers: 2, onProgress: (p) => progress.push(p.done) });
  const single = await buildSite({ manifests, outDir: join(root, 'single'), baseUrl: 'https://w.example', workers: 0 });
  expect(threaded.written).toBe(single.written);
  const list = files(join(root, 'single'));
  expect(files(join(root, 'threads'))).toEqual(list);
  for (const f of list) expect(readFileSync(join(root, 'threads', f), 'utf8'), f).toBe(readFileSync(join(root, 'single', f), 'utf8'));
  expect(progress.at(-1)).toBe(threaded.written);
  expect(progress.length).toBeGreaterThan(1);
});

it('fails the build when a worker cannot write, and ends the workers', async () => {
  const manifests = syntheticCatalog(30);
  const outDir = join(root, 'blocked');
  mkdirSync(join(outDir, 'integrations'), { recursive: true });
  writeFileSync(join(outDir, 'integrations', manifests[7].name), 'a file where a folder of pages should be');
  await expect(buildSite({ manifests, outDir, baseUrl: 'https://w.example', workers: 2 })).rejects.toThrow(/ENOTDIR|EEXIST/);
});
