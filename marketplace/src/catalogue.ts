/**
 * The catalogue: the registry's `wireup-connector` packages, indexed (name, display name,
 * description, categories, icon, and each version's manifest, integrity, sdk range and
 * publication date). Manifests come out of the tarballs, verified against their integrity and
 * read as data; a version already indexed is never downloaded again. The index is kept in the
 * data folder, so the catalogue answers from the last index when the registry is unreachable.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import semver from 'semver';
import ssri from 'ssri';
import { Parser } from 'tar';
import { validateManifest, type ConnectorManifest } from '@wireup/sdk';
import type { RegistryClient } from './registry-client.ts';

export interface CatalogueVersion {
  version: string;
  integrity: string;
  sdk: string;
  publishedAt?: string;
  manifest: ConnectorManifest;
}

export interface CatalogueEntry {
  /** The npm package name (what `POST /v1/connectors` takes). */
  name: string;
  /** The connector's manifest name (what workflows use). */
  connector: string;
  displayName: string;
  description: string;
  categories: string[];
  icon?: string;
  latest: string;
  versions: CatalogueVersion[];
}

export interface CatalogueIndex {
  registry: string;
  indexedAt: string | null;
  entries: CatalogueEntry[];
}

export interface Catalogue {
  /** Re-reads the registry; on failure keeps the last index and says so (`stale`). */
  refresh(): Promise<{ stale: boolean; error?: string }>;
  search(query?: {
    q?: string;
    category?: string;
  }): Promise<{ data: CatalogueEntry[]; indexedAt: string | null; stale: boolean }>;
  get(name: string): Promise<CatalogueEntry | undefined>;
}

/** The package's manifest and package.json, read from the tarball in memory. */
async function manifestFromTarball(bytes: Buffer): Promise<ConnectorManifest | null> {
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      onReadEntry: (entry) => {
        if (
          !['package/package.json', 'package/manifest.json'].includes(entry.path) ||
          (entry.size ?? 0) > 4 * 1024 * 1024
        )
          return entry.resume();
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', () => files.set(entry.path, Buffer.concat(chunks)));
      },
    });
    parser.on('error', reject);
    parser.on('end', () => resolve());
    parser.end(bytes);
  });
  try {
    const pkg = JSON.parse(files.get('package/package.json')?.toString() ?? '{}') as { wireup?: { manifest?: string } };
    const path = `package/${(pkg.wireup?.manifest ?? 'manifest.json').replace(/^\.\//, '')}`;
    const manifest = JSON.parse((files.get(path) ?? files.get('package/manifest.json'))?.toString() ?? 'null');
    return validateManifest(manifest).length ? null : (manifest as ConnectorManifest);
  } catch {
    return null;
  }
}

function matches(entry: CatalogueEntry, q: string): boolean {
  const m = entry.versions.find((v) => v.version === entry.latest)?.manifest;
  const haystack = [
    entry.name,
    entry.connector,
    entry.displayName,
    entry.description,
    ...(m?.triggers ?? []).flatMap((t) => [t.key, t.displayName]),
    ...(m?.actions ?? []).flatMap((a) => [a.key, a.displayName]),
  ]
    .join('\n')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export function createCatalogue(options: { registry: RegistryClient; file: string }): Catalogue {
  const { registry } = options;
  let index: CatalogueIndex | null = null;
  let stale = false;

  const load = async (): Promise<CatalogueIndex> => {
    if (index) return index;
    try {
      index = JSON.parse(await readFile(options.file, 'utf8')) as CatalogueIndex;
    } catch {
      index = { registry: registry.url, indexedAt: null, entries: [] };
    }
    return index;
  };

  const save = async (next: CatalogueIndex) => {
    await mkdir(dirname(options.file), { recursive: true });
    await writeFile(`${options.file}.tmp`, JSON.stringify(next));
    await rename(`${options.file}.tmp`, options.file);
  };

  const indexPackage = async (name: string, previous: CatalogueEntry | undefined): Promise<CatalogueEntry | null> => {
    const packument = await registry.packument(name);
    const known = new Map((previous?.versions ?? []).map((v) => [v.integrity, v]));
    const versions: CatalogueVersion[] = [];
    for (const meta of Object.values(packument.versions)) {
      const integrity = meta.dist.integrity;
      if (!integrity || !meta.keywords?.includes('wireup-connector')) continue;
      const cached = known.get(integrity);
      if (cached) {
        versions.push(cached);
        continue;
      }
      const bytes = await registry.tarball(meta.dist.tarball);
      // A version whose tarball does not match its integrity, or whose manifest is invalid, is left out.
      if (!ssri.checkData(bytes, integrity)) continue;
      const manifest = await manifestFromTarball(bytes);
      if (!manifest) continue;
      versions.push({
        version: meta.version,
        integrity,
        sdk: meta.wireup?.sdk ?? manifest.sdk,
        publishedAt: packument.time?.[meta.version],
        manifest,
      });
    }
    if (!versions.length) return null;
    versions.sort((a, b) => semver.compare(a.version, b.version));
    const tagged = packument['dist-tags']?.latest;
    const latest = versions.find((v) => v.version === tagged) ?? versions[versions.length - 1];
    const m = latest.manifest;
    return {
      name,
      connector: m.name,
      displayName: m.displayName,
      description: m.description,
      categories: m.categories,
      ...(m.icon ? { icon: m.icon } : {}),
      latest: latest.version,
      versions,
    };
  };

  let refreshing: Promise<{ stale: boolean; error?: string }> | null = null;
  const catalogue: Catalogue = {
    refresh() {
      refreshing ??= (async () => {
        const previous = await load();
        try {
          const names = await registry.searchConnectors();
          const byName = new Map(previous.entries.map((e) => [e.name, e]));
          const entries: CatalogueEntry[] = [];
          for (const name of names) {
            const entry = await indexPackage(name, byName.get(name));
            if (entry) entries.push(entry);
          }
          index = { registry: registry.url, indexedAt: new Date().toISOString(), entries };
          stale = false;
          await save(index);
          return { stale: false };
        } catch (error) {
          stale = true;
          return { stale: true, error: (error as Error).message };
        }
      })().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    async search(query = {}) {
      const { entries, indexedAt } = await load();
      const data = entries.filter(
        (e) => (!query.category || e.categories.includes(query.category)) && (!query.q || matches(e, query.q)),
      );
      return { data, indexedAt, stale };
    },
    async get(name) {
      const { entries } = await load();
      return entries.find((e) => e.name === name) ?? entries.find((e) => e.connector === name);
    },
  };
  return catalogue;
}
