import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManifestUnreadableError } from './errors.ts';
import { loadInstalledManifests } from './load-manifests.ts';
import { kustomerFixture, stripeFixture } from './testing/fixture-manifests.ts';

let root: string;
const put = (app: string, content: string): void => {
  mkdirSync(join(root, 'connectors', app), { recursive: true });
  writeFileSync(join(root, 'connectors', app, 'manifest.json'), content);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pair-pages-load-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('reads connectors/*/manifest.json, skipping folders without one', async () => {
  put('stripe', JSON.stringify(stripeFixture()));
  put('kustomer', JSON.stringify(kustomerFixture()));
  mkdirSync(join(root, 'connectors', 'half-written'));
  const manifests = await loadInstalledManifests(root);
  expect(manifests.map((m) => [m.name, m.triggers.length, m.actions.length])).toEqual([
    ['kustomer', 0, 4],
    ['stripe', 10, 31],
  ]);
});

it('names the file and the path of the problem when a manifest is invalid', async () => {
  const broken = stripeFixture() as unknown as Record<string, unknown>;
  delete broken.displayName;
  put('stripe', JSON.stringify(broken));
  const error = await loadInstalledManifests(root).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ManifestUnreadableError);
  expect((error as Error).message).toContain(join('connectors', 'stripe', 'manifest.json'));
  expect((error as Error).message).toContain('displayName');
});

it('says when a manifest is not JSON', async () => {
  put('stripe', '{ nope');
  await expect(loadInstalledManifests(root)).rejects.toThrow(/not JSON/);
});

it('returns no manifest when there is no connectors folder', async () => {
  expect(await loadInstalledManifests(root)).toEqual([]);
});
