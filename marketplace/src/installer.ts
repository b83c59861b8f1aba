/**
 * The installer: resolves a name and version (or range) on the registry, downloads the
 * tarball, verifies its sha512 `dist.integrity` with ssri, checks every archive entry, extracts
 * it (no script runs, ever), reads and checks the package (connector-package.ts) and keeps it
 * content-addressed in the data folder. Any refusal leaves nothing installed.
 */
import semver from 'semver';
import ssri from 'ssri';
import { IntegrityMismatchError, NotAConnectorError, VersionNotFoundError } from './errors.ts';
import { checkArchive, extractArchive } from './package-archive.ts';
import { readConnectorPackage, type ConnectorPackage } from './connector-package.ts';
import { sha512Hex, type PackageStore } from './package-store.ts';
import type { Packument, PackumentVersion, RegistryClient } from './registry-client.ts';
import type { Installation } from './installations.ts';

export interface Installer {
  /** The highest published version matching `wanted` (an exact version, a range, a dist-tag, or empty for `latest`). */
  resolve(name: string, wanted?: string): Promise<PackumentVersion & { publishedAt?: string }>;
  /** Downloads, verifies and unpacks; returns the installation to record (not yet recorded). */
  fetch(name: string, wanted?: string): Promise<{ installation: Installation; pkg: ConnectorPackage; dir: string }>;
  /** Makes sure a recorded installation's package is on this machine (a worker's path). */
  ensureLocal(installation: Installation): Promise<string>;
}

export interface InstallerOptions {
  registry: RegistryClient;
  packages: PackageStore;
  sdkVersion: string;
}

/** Picks the version: an exact one, a dist-tag, else the highest in the range. */
export function pickVersion(packument: Packument, wanted: string | undefined): string | null {
  const versions = Object.keys(packument.versions);
  const tag = packument['dist-tags']?.[wanted || 'latest'];
  if (tag && (!wanted || !semver.validRange(wanted))) return tag;
  if (!wanted) return semver.maxSatisfying(versions, '*');
  if (packument.versions[wanted]) return wanted;
  return semver.validRange(wanted) ? semver.maxSatisfying(versions, wanted) : null;
}

function requireSha512(spec: string, integrity: string | undefined): string {
  if (!integrity || !sha512Hex(integrity))
    throw new IntegrityMismatchError(
      spec,
      integrity ?? '(none)',
      'the registry published no sha512 integrity for it, and Wireup installs only what it can verify',
    );
  return integrity;
}

export function createInstaller(options: InstallerOptions): Installer {
  const { registry, packages } = options;

  async function download(spec: string, tarball: string, integrity: string): Promise<Buffer> {
    const bytes = await registry.tarball(tarball);
    // Only the sha512 part is trusted: a weaker algorithm alongside it is ignored.
    if (!ssri.checkData(bytes, integrity, { pickAlgorithm: () => 'sha512' })) {
      throw new IntegrityMismatchError(
        spec,
        integrity,
        `the downloaded bytes hash to ${ssri
          .fromData(bytes, { algorithms: ['sha512'] })
          .toString()
          .slice(0, 24)}…`,
      );
    }
    return bytes;
  }

  async function unpack(spec: string, bytes: Buffer, integrity: string, sdkVersion: string) {
    await checkArchive(spec, bytes);
    const staging = await packages.stage();
    try {
      await extractArchive(bytes, staging);
      const pkg = await readConnectorPackage(staging, spec, sdkVersion);
      return { pkg, dir: await packages.commit(staging, integrity) };
    } catch (error) {
      await packages.discard(staging);
      throw error;
    }
  }

  const installer: Installer = {
    async resolve(name, wanted) {
      const packument = await registry.packument(name);
      const version = pickVersion(packument, wanted?.trim() || undefined);
      if (!version || !packument.versions[version])
        throw new VersionNotFoundError(name, wanted || 'latest', Object.keys(packument.versions));
      return { ...packument.versions[version], publishedAt: packument.time?.[version] };
    },
    async fetch(name, wanted) {
      const meta = await installer.resolve(name, wanted);
      const spec = `${meta.name}@${meta.version}`;
      if (!meta.keywords?.includes('wireup-connector'))
        throw new NotAConnectorError(spec, 'it lacks the keyword "wireup-connector"');
      const integrity = requireSha512(spec, meta.dist.integrity);
      const bytes = await download(spec, meta.dist.tarball, integrity);
      const { pkg, dir } = await unpack(spec, bytes, integrity, options.sdkVersion);
      if (pkg.packageJson.name !== meta.name || pkg.packageJson.version !== meta.version) {
        await packages.remove(integrity);
        throw new NotAConnectorError(spec, `its package.json says ${pkg.packageJson.name}@${pkg.packageJson.version}`);
      }
      const installation: Installation = {
        connector: pkg.manifest.name,
        package: meta.name,
        version: meta.version,
        integrity,
        tarball: meta.dist.tarball,
        sdkRange: pkg.sdkRange,
        main: pkg.main,
        installedAt: new Date().toISOString(),
      };
      return { installation, pkg, dir };
    },
    async ensureLocal(installation) {
      if (await packages.has(installation.integrity)) return packages.dirOf(installation.integrity);
      const spec = `${installation.package}@${installation.version}`;
      const bytes = await download(spec, installation.tarball, installation.integrity);
      return (await unpack(spec, bytes, installation.integrity, options.sdkVersion)).dir;
    },
  };
  return installer;
}
