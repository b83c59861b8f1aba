/**
 * The marketplace as the server uses it: install, upgrade (with its report) and uninstall while
 * Wireup runs, the catalogue, and the registry of loaded connectors. Installations are recorded
 * in the Store; every process follows that record (`sync`), fetching packages it lacks by
 * integrity, so a worker picks up an installation or removal without a restart.
 */
import { join } from 'node:path';
import semver from 'semver';
import type { Connector, HttpClient } from '@wireup/sdk';
import type { Store } from '@wireup/store';
import { createCatalogue, type Catalogue } from './catalogue.ts';
import { createConnectorRegistry, type ConnectorRegistry } from './connector-registry.ts';
import { BuiltInConnectorError, ConnectorInUseError, NotInstalledError, VersionNotFoundError } from './errors.ts';
import { createInstallations, type Installation, type Installations } from './installations.ts';
import { createInstaller, type Installer } from './installer.ts';
import { createPackageStore, type PackageStore } from './package-store.ts';
import { createRegistryClient, type RegistryClient } from './registry-client.ts';
import { runningSdkVersion } from './sdk-version.ts';
import { upgradeReport, type UpgradeReport } from './upgrade-report.ts';
import { publishedUses } from './workflow-pins.ts';

export interface MarketplaceOptions {
  dataDir: string;
  registryUrl: string;
  registryToken?: string;
  store: Store;
  /** The egress-guarded client that serves connector processes' HTTP capability. */
  http: HttpClient;
  /** First-party connectors, run in-process. */
  builtIn: Connector[];
  sdkVersion?: string;
  memoryMb?: number;
  callTimeoutMs?: number;
  /**
   * Tells the other processes that the installations changed (the composition root publishes a
   * domain event on the bus; each process's handler calls `sync`).
   */
  announce?: (change: MarketplaceChange) => Promise<void>;
  /** How often this process re-reads the installations anyway, should an event be missed (ms, 0 = never). Default 30000. */
  followMs?: number;
}

/** The domain event of an installation or removal. */
export interface MarketplaceChange {
  type: 'connector.installed' | 'connector.removed';
  connector: string;
  version: string;
  integrity: string;
}

export interface InstallResult {
  installation: Installation;
  /** Wall time from resolve to loaded, ms. */
  durationMs: number;
  alreadyInstalled: boolean;
}

export interface Marketplace {
  readonly registry: RegistryClient;
  readonly catalogue: Catalogue;
  readonly connectors: ConnectorRegistry;
  readonly installations: Installations;
  readonly installer: Installer;
  readonly packages: PackageStore;
  /** Loads what the Store records as installed, then follows changes. */
  start(): Promise<void>;
  /** Resolves `version` (exact, range or tag; default latest) and installs it beside any other version. */
  install(name: string, version?: string): Promise<InstallResult>;
  /** What moving the connector's newest installed version (or `from`) to `to` would break. */
  upgradeReport(connector: string, to: string, from?: string): Promise<UpgradeReport>;
  /** Installs `to` beside the current versions and answers the report (pinned workflows keep their version). */
  upgrade(connector: string, to: string): Promise<InstallResult & { report: UpgradeReport }>;
  /** Removes one version, or every version; refused while a published workflow pins it. */
  uninstall(connector: string, version?: string): Promise<Installation[]>;
  /** Brings this process in line with the installations recorded in the Store. */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

export function createMarketplace(options: MarketplaceOptions): Marketplace {
  const sdkVersion = options.sdkVersion ?? runningSdkVersion;
  const registry = createRegistryClient({ url: options.registryUrl, token: options.registryToken });
  const packages = createPackageStore(options.dataDir);
  const installer = createInstaller({ registry, packages, sdkVersion });
  const installations = createInstallations(options.store.kv);
  const connectors = createConnectorRegistry({
    builtIn: options.builtIn,
    http: options.http,
    sdkVersion,
    memoryMb: options.memoryMb,
    callTimeoutMs: options.callTimeoutMs,
  });
  const catalogue = createCatalogue({ registry, file: join(options.dataDir, 'marketplace', 'catalogue.json') });
  let timer: NodeJS.Timeout | null = null;
  // Installs, removals and syncs of this process run one at a time: a sync between an install's
  // load and its record would otherwise unload what was just installed.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => {});
    return next;
  };
  // The installation is recorded whatever happens to the announcement: the periodic sync catches up.
  const announce = async (change: MarketplaceChange) => {
    try {
      await options.announce?.(change);
    } catch (error) {
      process.stderr.write(
        `marketplace: could not announce ${change.type} ${change.connector}@${change.version}: ${(error as Error).message}\n`,
      );
    }
  };
  let syncing: Promise<void> | null = null;

  const installedVersion = (connector: string, version?: string): Installation => {
    const all = connectors.installed().filter((i) => i.connector === connector);
    if (!all.length)
      throw connectors.isBuiltIn(connector) ? new BuiltInConnectorError(connector) : new NotInstalledError(connector);
    if (!version) return all.sort((a, b) => semver.rcompare(a.version, b.version))[0];
    const one = all.find((i) => i.version === version);
    if (!one) throw new NotInstalledError(connector, version);
    return one;
  };

  const doSync = async () => {
    const recorded = await installations.list();
    const key = (i: Installation) => `${i.connector}@${i.version}:${i.integrity}`;
    const wanted = new Set(recorded.map(key));
    for (const loaded of connectors.installed())
      if (!wanted.has(key(loaded))) await connectors.unload(loaded.connector, loaded.version);
    const have = new Set(connectors.installed().map(key));
    for (const installation of recorded) {
      if (have.has(key(installation))) continue;
      try {
        await connectors.load(installation, await installer.ensureLocal(installation));
      } catch (error) {
        process.stderr.write(
          `marketplace: could not load ${installation.connector}@${installation.version}: ${(error as Error).message}\n`,
        );
      }
    }
  };

  const installNow = async (name: string, version?: string): Promise<InstallResult> => {
    const t0 = performance.now();
    const { installation, dir } = await installer.fetch(name, version);
    if (connectors.isBuiltIn(installation.connector)) throw new BuiltInConnectorError(installation.connector);
    const existing = connectors
      .installed()
      .find((i) => i.connector === installation.connector && i.version === installation.version);
    if (existing?.integrity === installation.integrity)
      return { installation: existing, durationMs: performance.now() - t0, alreadyInstalled: true };
    await connectors.load(installation, dir);
    await installations.add(installation);
    return { installation, durationMs: performance.now() - t0, alreadyInstalled: false };
  };

  const uninstallNow = async (connector: string, version?: string): Promise<Installation[]> => {
    const targets = version
      ? [installedVersion(connector, version)]
      : (installedVersion(connector), connectors.installed().filter((i) => i.connector === connector));
    const uses = (await Promise.all(targets.map((t) => publishedUses(options.store, connector, t.version)))).flat();
    if (uses.length)
      throw new ConnectorInUseError(
        connector,
        uses.map((u) => ({
          workflowId: u.workflowId,
          workflowName: u.workflowName,
          workflowVersion: u.workflowVersion,
          connectorVersion: u.version ?? '',
        })),
      );
    for (const target of targets) {
      await installations.remove(target.connector, target.version);
      await connectors.unload(target.connector, target.version);
      if (!connectors.installed().some((i) => i.integrity === target.integrity))
        await packages.remove(target.integrity);
    }
    return targets;
  };

  const marketplace: Marketplace = {
    registry,
    catalogue,
    connectors,
    installations,
    installer,
    packages,
    async start() {
      await marketplace.sync();
      const every = options.followMs ?? 30_000;
      if (every > 0) {
        timer = setInterval(() => {
          void marketplace.sync().catch(() => {});
        }, every);
        timer.unref();
      }
    },
    sync() {
      syncing ??= serial(doSync).finally(() => {
        syncing = null;
      });
      return syncing;
    },
    // Announced after the queue moves on: a handler of our own announcement (the embedded bus) syncs through the same queue.
    async install(name, version) {
      const result = await serial(() => installNow(name, version));
      if (!result.alreadyInstalled) {
        const i = result.installation;
        await announce({
          type: 'connector.installed',
          connector: i.connector,
          version: i.version,
          integrity: i.integrity,
        });
      }
      return result;
    },
    async upgradeReport(connector, to, from) {
      const current = installedVersion(connector, from);
      const fromManifest = connectors.get(connector, current.version)!.manifest;
      const loaded = connectors.get(connector, to);
      let toManifest = loaded?.manifest;
      if (!toManifest) {
        const entry =
          (await catalogue.get(current.package)) ?? (await catalogue.refresh(), await catalogue.get(current.package));
        const target = await installer.resolve(current.package, to).catch(() => null);
        toManifest = entry?.versions.find((v) => v.version === target?.version)?.manifest;
        if (!toManifest) {
          // Not in the catalogue yet: fetch and check it (nothing is recorded or loaded).
          if (!target) throw new VersionNotFoundError(current.package, to, entry?.versions.map((v) => v.version) ?? []);
          toManifest = (await installer.fetch(current.package, target.version)).pkg.manifest;
        }
      }
      return upgradeReport(fromManifest, toManifest, await publishedUses(options.store, connector, current.version));
    },
    async upgrade(connector, to) {
      const current = installedVersion(connector);
      const result = await marketplace.install(current.package, to);
      const report = upgradeReport(
        connectors.get(connector, current.version)!.manifest,
        connectors.get(connector, result.installation.version)!.manifest,
        await publishedUses(options.store, connector, current.version),
      );
      return { ...result, report };
    },
    async uninstall(connector, version) {
      const removed = await serial(() => uninstallNow(connector, version));
      for (const t of removed)
        await announce({
          type: 'connector.removed',
          connector: t.connector,
          version: t.version,
          integrity: t.integrity,
        });
      return removed;
    },
    async stop() {
      if (timer) clearInterval(timer);
      await syncing?.catch(() => {});
      await connectors.stop();
    },
  };
  return marketplace;
}
