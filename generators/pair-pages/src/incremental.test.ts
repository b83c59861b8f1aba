import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { ConnectorManifest } from '@wireup/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSite } from './build-site.ts';
import { BUILD_PATHS_FILE, BUILD_STATE_FILE } from './build-state.ts';
import { fixtureManifests } from './testing/fixture-manifests.ts';

const BASE = 'https://wireup.example.com';
const OLD = new Date('2001-01-01T00:00:00Z');
let root: string;
let outDir: string;

function allFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name !== BUILD_STATE_FILE && e.name !== BUILD_PATHS_FILE) out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

/** Marks every file old, so a later write shows in its mtime. */
const age = (dir: string): void => allFiles(dir).forEach((f) => utimesSync(join(dir, f), OLD, OLD));
const rewritten = (dir: string): string[] =>
  allFiles(dir).filter((f) => statSync(join(dir, f)).mtimeMs > OLD.getTime());

/** A fresh full build of `manifests`, to compare an incremental result with. */
async function fresh(manifests: ConnectorManifest[]): Promise<string> {
  const dir = join(root, `fresh-${Math.random().toString(36).slice(2)}`);
  await buildSite({ manifests, outDir: dir, baseUrl: BASE });
  return dir;
}

function expectSameSite(actual: string, expected: string): void {
  expect(allFiles(actual)).toEqual(allFiles(expected));
  for (const f of allFiles(expected))
    expect(readFileSync(join(actual, f), 'utf8'), f).toBe(readFileSync(join(expected, f), 'utf8'));
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'pair-pages-incr-'));
  outDir = join(root, 'site');
  await buildSite({ manifests: fixtureManifests(), outDir, baseUrl: BASE, incremental: true });
  age(outDir);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('incremental rebuild', () => {
  it('writes nothing when nothing changed', async () => {
    const result = await buildSite({ manifests: fixtureManifests(), outDir, baseUrl: BASE, incremental: true });
    expect(result).toMatchObject({ written: 0, removed: 0, unchanged: allFiles(outDir).length });
    expect(rewritten(outDir)).toEqual([]);
  });

  it('after one connector changes, rewrites only the pages that show it, and the site equals a full build', async () => {
    const manifests = fixtureManifests();
    const postbox = manifests.find((m) => m.name === 'postbox')!;
    postbox.description = 'A shared inbox for support teams.';
    postbox.triggers[0].displayName = 'New Inbound Email';
    const before = new Map(allFiles(outDir).map((f) => [f, readFileSync(join(outDir, f), 'utf8')]));
    const result = await buildSite({ manifests, outDir, baseUrl: BASE, incremental: true });

    const written = rewritten(outDir);
    const changed = allFiles(outDir).filter((f) => before.get(f) !== readFileSync(join(outDir, f), 'utf8'));
    // Every page whose content changed was written...
    expect(changed.filter((f) => !written.includes(f))).toEqual([]);
    expect(changed).toContain('integrations/postbox/triggers/new-email/index.html');
    expect(changed).toContain('integrations/postbox/with/stripe/index.html');
    // ...and nothing outside the pages that can show Postbox was touched.
    const scope = (f: string) =>
      f === 'integrations/index.html' ||
      f.startsWith('integrations/postbox/') ||
      f.endsWith('/with/postbox/index.html');
    expect(written.filter((f) => !scope(f))).toEqual([]);
    expect(written).not.toContain('integrations/postbox/actions/send-email/index.html'); // shows neither the description nor the trigger
    expect(result.written).toBe(written.length);
    expect(result.unchanged).toBe(allFiles(outDir).length - written.length);
    expectSameSite(outDir, await fresh(manifests));
  });

  it('removes the pages of a connector that is gone, and leaves files it did not make', async () => {
    mkdirSync(join(outDir, 'screenshots'));
    writeFileSync(join(outDir, 'screenshots', 'keep.png'), 'not ours');
    const before = allFiles(outDir).filter(
      (f) => f.startsWith('integrations/postbox/') || f.includes('/with/postbox/'),
    );
    const manifests = fixtureManifests().filter((m) => m.name !== 'postbox');
    const result = await buildSite({ manifests, outDir, baseUrl: BASE, incremental: true });
    expect(result.removed).toBe(before.length);
    expect(existsSync(join(outDir, 'integrations', 'postbox'))).toBe(false);
    expect(existsSync(join(outDir, 'integrations', 'stripe', 'with', 'postbox'))).toBe(false);
    expect(readFileSync(join(outDir, 'screenshots', 'keep.png'), 'utf8')).toBe('not ours');
    rmSync(join(outDir, 'screenshots'), { recursive: true });
    expectSameSite(outDir, await fresh(manifests));
  });

  it('writes every file again without `incremental`', async () => {
    const result = await buildSite({ manifests: fixtureManifests(), outDir, baseUrl: BASE });
    expect(result.written).toBe(allFiles(outDir).length);
    expect(rewritten(outDir)).toEqual(allFiles(outDir));
  });

  it('rewrites every page when the base URL changes', async () => {
    const result = await buildSite({
      manifests: fixtureManifests(),
      outDir,
      baseUrl: 'https://other.example',
      incremental: true,
    });
    expect(result.unchanged).toBe(1); // only the stylesheet does not mention the base URL
    expect(readFileSync(join(outDir, 'integrations', 'index.html'), 'utf8')).toContain(
      'https://other.example/integrations/',
    );
  });
});
