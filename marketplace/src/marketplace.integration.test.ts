/**
 * The marketplace against a real Verdaccio (embedded, temp storage, port 0): the generator's
 * scaffold built and published, indexed, installed by range and called through its isolated
 * process; a second publish refused; every unsafe package refused with nothing installed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '@wireup/runtime';
import { createSqliteStore } from '@wireup/store-sqlite';
import type { Store } from '@wireup/store';
import { startEmbeddedRegistry, type EmbeddedRegistry } from './embedded-registry.ts';
import { createMarketplace, type Marketplace } from './marketplace.ts';
import { publishConnector } from './publish-connector.ts';
import { createCatalogue } from './catalogue.ts';
import { createRegistryClient } from './registry-client.ts';
import {
  handMadeModule,
  handMadePackage,
  minimalManifest,
  publishRaw,
  scaffoldWithTwoActions,
  tempWorkspace,
} from './testing/connector-fixtures.ts';

let registry: EmbeddedRegistry;
let workspace: { root: string; remove(): Promise<void> };
let dataDir: string;
let store: Store;
let marketplace: Marketplace;
let api: Server;
let apiUrl: string;
const calls: Array<{ url: string; body: string }> = [];

beforeAll(async () => {
  [registry, workspace, dataDir] = await Promise.all([
    startEmbeddedRegistry({ storage: await mkdtemp(join(tmpdir(), 'wireup-verdaccio-')), port: 0 }),
    tempWorkspace(),
    mkdtemp(join(tmpdir(), 'wireup-marketplace-data-')),
  ]);
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      calls.push({ url: req.url ?? '', body });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'item_1',
          name: JSON.parse(body || '{}').name ?? 'x',
          createdAt: '2026-01-01T00:00:00.000Z',
        }),
      );
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  store = createSqliteStore({ path: join(dataDir, 'wireup.db') });
  await store.start();
  marketplace = createMarketplace({
    dataDir,
    registryUrl: registry.url,
    store,
    http: createHttpClient({ allowPrivate: true }),
    builtIn: [],
    followMs: 0,
    callTimeoutMs: 3_000,
    memoryMb: 64,
  });
  await marketplace.start();
}, 120_000);

afterAll(async () => {
  await marketplace?.stop();
  await store?.stop();
  await new Promise((r) => api?.close(r));
  await registry?.stop();
  await workspace?.remove();
  await rm(dataDir, { recursive: true, force: true });
});

async function installedDirs(): Promise<string[]> {
  return (await readdir(join(dataDir, 'connectors')).catch(() => [] as string[])).sort();
}

describe('a scaffolded connector, published and installed', () => {
  let dir: string;

  it('publishes, appears in the catalogue, and installs by range into its own process', async () => {
    dir = await scaffoldWithTwoActions(workspace.root, 'acme-crm');
    const published = await publishConnector(dir, marketplace.registry);
    expect(published.packageJson).toMatchObject({
      name: '@wireup/connector-acme-crm',
      version: '1.0.0',
      keywords: expect.arrayContaining(['wireup-connector']),
    });
    expect(published.integrity).toMatch(/^sha512-/);

    await marketplace.catalogue.refresh();
    const found = await marketplace.catalogue.search({ q: 'archive item' });
    expect(found.data.map((e) => e.name)).toEqual(['@wireup/connector-acme-crm']);
    expect(found.data[0].versions[0]).toMatchObject({
      version: '1.0.0',
      integrity: published.integrity,
      sdk: '^0.1.0',
    });
    expect((await marketplace.catalogue.search({ category: 'no-such-category' })).data).toEqual([]);

    const { installation, durationMs } = await marketplace.install('@wireup/connector-acme-crm', '^1.0.0');
    expect(installation).toMatchObject({ connector: 'acme-crm', version: '1.0.0', integrity: published.integrity });
    expect(durationMs).toBeGreaterThan(0);
    expect(await marketplace.installations.list()).toHaveLength(1);

    const action = marketplace.connectors.get('acme-crm')!.actions.get('archive-item')!;
    const output = await action.run({
      input: { name: 'Q3' },
      auth: { apiKey: 'k', baseUrl: apiUrl },
      http: createHttpClient({ allowPrivate: false }),
      idempotencyKey: 'run:step',
    });
    expect(output).toMatchObject({ id: 'item_1', name: 'Q3' });
    expect(calls.at(-1)).toMatchObject({ url: '/v1/items/archive' });
  });

  it('answers from the last index when the registry is unreachable', async () => {
    const offline = createCatalogue({
      registry: createRegistryClient({ url: 'http://127.0.0.1:9', timeoutMs: 500 }),
      file: join(dataDir, 'marketplace', 'catalogue.json'),
    });
    expect(await offline.refresh()).toMatchObject({ stale: true });
    const found = await offline.search({ q: 'acme' });
    expect(found.stale).toBe(true);
    expect(found.data.map((e) => e.name)).toEqual(['@wireup/connector-acme-crm']);
    expect((await offline.get('acme-crm'))?.versions[0].manifest.actions.map((a) => a.key)).toEqual([
      'create-item',
      'archive-item',
    ]);
  });

  it('refuses a second publish of the same version, naming it', async () => {
    await expect(publishConnector(dir, marketplace.registry)).rejects.toMatchObject({
      code: 'VERSION_EXISTS',
      message: expect.stringContaining('@wireup/connector-acme-crm@1.0.0 is already published'),
    });
  });
});

describe('packages that must not be installed', () => {
  const refused = async (name: string, code: string, says: RegExp) => {
    const before = await installedDirs();
    const count = (await marketplace.installations.list()).length;
    const error = await marketplace.install(name, '1.0.0').then(
      () => null,
      (e) => e,
    );
    expect(error).toMatchObject({ code });
    expect(error.statusCode).toBeGreaterThanOrEqual(400);
    expect(error.statusCode).toBeLessThan(500);
    expect(error.message).toMatch(says);
    expect(await installedDirs()).toEqual(before);
    expect(await marketplace.installations.list()).toHaveLength(count);
  };
  const storageFile = async (name: string, suffix: string) => {
    const folder = join(registry.storage, name);
    const file = (await readdir(folder)).find((f) => f.endsWith(suffix))!;
    return join(folder, file);
  };

  it('a tampered tarball', async () => {
    const manifest = minimalManifest('tampered', '1.0.0');
    await publishRaw(marketplace.registry, handMadePackage('tampered', '1.0.0'), {
      'manifest.json': JSON.stringify(manifest),
      'index.js': handMadeModule(manifest, 'return { ok: true };'),
    });
    const tgz = await storageFile('tampered', '.tgz');
    const bytes = await readFile(tgz);
    bytes[bytes.length - 20] ^= 0xff;
    await writeFile(tgz, bytes);
    await refused('tampered', 'INTEGRITY_MISMATCH', /does not match its published integrity/);
  });

  it('a wrong published integrity', async () => {
    const manifest = minimalManifest('wrong-integrity', '1.0.0');
    await publishRaw(marketplace.registry, handMadePackage('wrong-integrity', '1.0.0'), {
      'manifest.json': JSON.stringify(manifest),
      'index.js': handMadeModule(manifest, 'return { ok: true };'),
    });
    const doc = await storageFile('wrong-integrity', 'package.json');
    const packument = JSON.parse(await readFile(doc, 'utf8'));
    packument.versions['1.0.0'].dist.integrity = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;
    await writeFile(doc, JSON.stringify(packument));
    await refused('wrong-integrity', 'INTEGRITY_MISMATCH', /does not match its published integrity/);
  });

  it('a manifest that does not validate', async () => {
    const manifest = { ...minimalManifest('bad-manifest', '1.0.0'), actions: [{ key: 'Not Kebab' }] };
    await publishRaw(marketplace.registry, handMadePackage('bad-manifest', '1.0.0'), {
      'manifest.json': JSON.stringify(manifest),
      'index.js': 'export default {};',
    });
    await refused(
      'bad-manifest',
      'MANIFEST_INVALID',
      /manifest of bad-manifest@1.0.0 is invalid, so it was not installed: \/actions\/0/,
    );
  });

  it('an incompatible sdk range, naming both versions', async () => {
    const manifest = minimalManifest('future-sdk', '1.0.0', '^9.0.0');
    await publishRaw(marketplace.registry, handMadePackage('future-sdk', '1.0.0', '^9.0.0'), {
      'manifest.json': JSON.stringify(manifest),
      'index.js': handMadeModule(manifest, 'return { ok: true };'),
    });
    await refused(
      'future-sdk',
      'SDK_INCOMPATIBLE',
      /needs @wireup\/sdk \^9\.0\.0, but this Wireup runs @wireup\/sdk 0\.1\.0/,
    );
  });

  it('an archive entry that climbs out of the package folder', async () => {
    const manifest = minimalManifest('traversal', '1.0.0');
    await publishRaw(
      marketplace.registry,
      handMadePackage('traversal', '1.0.0'),
      { 'manifest.json': JSON.stringify(manifest), 'index.js': handMadeModule(manifest, 'return { ok: true };') },
      [{ path: 'package/../../evil.js', content: 'owned' }],
    );
    await refused('traversal', 'UNSAFE_ARCHIVE', /"package\/\.\.\/\.\.\/evil\.js": it climbs out/);
  });

  it('a symbolic link', async () => {
    const manifest = minimalManifest('linked', '1.0.0');
    await publishRaw(
      marketplace.registry,
      handMadePackage('linked', '1.0.0'),
      { 'manifest.json': JSON.stringify(manifest), 'index.js': handMadeModule(manifest, 'return { ok: true };') },
      [{ path: 'package/passwd', type: '2', linkTarget: '/etc/passwd' }],
    );
    await refused('linked', 'UNSAFE_ARCHIVE', /it is a SymbolicLink/);
  });
});
