import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSite } from './build-site.ts';
import { DEFAULT_TEMPLATES_DIR } from './templates.ts';
import { syntheticCatalog } from './testing/synthetic-catalog.ts';

let root: string;
const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pair-pages-workers-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function expectSameFiles(a: string, b: string): void {
  const list = files(b);
  expect(files(a)).toEqual(list);
  for (const f of list) expect(readFileSync(join(a, f), 'utf8'), f).toBe(readFileSync(join(b, f), 'utf8'));
}

it('writes the same site with worker threads as in one thread, and reports progress', async () => {
  const manifests = syntheticCatalog(30);
  const progress: number[] = [];
  const threaded = await buildSite({
    manifests,
    outDir: join(root, 'threads'),
    baseUrl: 'https://w.example',
    workers: 2,
    onProgress: (p) => progress.push(p.done),
  });
  const single = await buildSite({ manifests, outDir: join(root, 'single'), baseUrl: 'https://w.example', workers: 0 });
  expect(threaded.written).toBe(single.written);
  expectSameFiles(join(root, 'threads'), join(root, 'single'));
  expect(progress.at(-1)).toBe(threaded.written);
  expect(progress.length).toBeGreaterThan(1);
});

it('renders templates that only Handlebars can in the workers too', async () => {
  const templatesDir = join(root, 'templates');
  cpSync(DEFAULT_TEMPLATES_DIR, templatesDir, { recursive: true });
  const pair = join(templatesDir, 'pages', 'pair.hbs');
  writeFileSync(
    pair,
    readFileSync(pair, 'utf8').replace('{{#each faq}}', '{{#each faq}}\n    <!-- question {{@index}} -->'),
  );
  const manifests = syntheticCatalog(12);
  await buildSite({
    manifests,
    outDir: join(root, 'hb-threads'),
    baseUrl: 'https://w.example',
    templatesDir,
    workers: 2,
  });
  await buildSite({
    manifests,
    outDir: join(root, 'hb-single'),
    baseUrl: 'https://w.example',
    templatesDir,
    workers: 0,
  });
  expectSameFiles(join(root, 'hb-threads'), join(root, 'hb-single'));
  expect(
    readFileSync(
      join(root, 'hb-threads', 'integrations', manifests[0].name, 'with', manifests[1].name, 'index.html'),
      'utf8',
    ),
  ).toContain('<!-- question 5 -->');
});

it('fails the build when a worker cannot write, and ends the workers', async () => {
  const manifests = syntheticCatalog(30);
  const outDir = join(root, 'blocked');
  mkdirSync(join(outDir, 'integrations'), { recursive: true });
  writeFileSync(join(outDir, 'integrations', manifests[7].name), 'a file where a folder of pages should be');
  await expect(buildSite({ manifests, outDir, baseUrl: 'https://w.example', workers: 2 })).rejects.toThrow(
    /ENOTDIR|EEXIST/,
  );
});
