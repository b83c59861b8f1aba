/**
 * The registry of what this process runs, by connector name and version: the built-in
 * (first-party) connectors, in-process, and the installed ones, each version in its own
 * isolated process (isolation/). Versions live side by side; `get(name)` answers the newest,
 * `get(name, version)` the pinned one. It is the engine's ConnectorCatalog.
 */
import { join } from 'node:path';
import semver from 'semver';
import type { Connector, HttpClient } from '@wireup/sdk';
import { readConnectorPackage } from './connector-package.ts';
import type { Installation } from './installations.ts';
import { createConnectorProcess, type ConnectorProcess } from './isolation/connector-process.ts';
import { isolatedConnector } from './isolation/isolated-connector.ts';

interface Loaded {
  installation: Installation;
  connector: Connector;
  process: ConnectorProcess;
}

export interface ConnectorRegistryOptions {
  builtIn: Connector[];
  http: HttpClient;
  sdkVersion: string;
  /** Heap limit of each connector process, MiB. */
  memoryMb?: number;
  /** Longest call into a connector process before it is killed. */
  callTimeoutMs?: number;
}

export interface ConnectorRegistry {
  /** The pinned version when given (built-in connectors ignore it: they are Wireup's own), else the newest. */
  get(name: string, version?: string): Connector | undefined;
  /** The newest version of each connector. */
  list(): Connector[];
  /** Installed versions of a connector, oldest first (empty for built-ins and unknown names). */
  versions(name: string): string[];
  isBuiltIn(name: string): boolean;
  installed(): Installation[];
  /** Loads an installed package from its folder (reading its manifest as data, starting its process). */
  load(installation: Installation, dir: string): Promise<Connector>;
  unload(name: string, version: string): Promise<void>;
  stop(): Promise<void>;
}

export function createConnectorRegistry(options: ConnectorRegistryOptions): ConnectorRegistry {
  const builtIn = new Map(options.builtIn.map((c) => [c.manifest.name, c]));
  const installed = new Map<string, Map<string, Loaded>>();
  const newest = (name: string): Loaded | undefined => {
    const byVersion = installed.get(name);
    if (!byVersion?.size) return undefined;
    const top = semver.rsort([...byVersion.keys()])[0];
    return byVersion.get(top);
  };
  return {
    get(name, version) {
      const first = builtIn.get(name);
      if (first) return first;
      return version ? installed.get(name)?.get(version)?.connector : newest(name)?.connector;
    },
    list() {
      const out = [...builtIn.values()];
      for (const name of installed.keys()) {
        const top = newest(name);
        if (top) out.push(top.connector);
      }
      return out;
    },
    versions: (name) => semver.sort([...(installed.get(name)?.keys() ?? [])]),
    isBuiltIn: (name) => builtIn.has(name),
    installed: () => [...installed.values()].flatMap((m) => [...m.values()].map((l) => l.installation)),
    async load(installation, dir) {
      const existing = installed.get(installation.connector)?.get(installation.version);
      if (existing?.installation.integrity === installation.integrity) return existing.connector;
      const spec = `${installation.connector}@${installation.version}`;
      const pkg = await readConnectorPackage(dir, spec, options.sdkVersion);
      const process = createConnectorProcess({
        spec,
        packageDir: dir,
        mainPath: join(dir, pkg.main),
        http: options.http,
        memoryMb: options.memoryMb,
        callTimeoutMs: options.callTimeoutMs,
      });
      // The offers (webhook handler, registration, connection test) are known once its bundle has loaded.
      const { offers } = await process.ready().catch(() => ({ offers: null }));
      const connector = isolatedConnector(pkg.manifest, offers, process);
      if (!installed.has(installation.connector)) installed.set(installation.connector, new Map());
      installed.get(installation.connector)!.set(installation.version, { installation, connector, process });
      if (existing) await existing.process.stop();
      return connector;
    },
    async unload(name, version) {
      const loaded = installed.get(name)?.get(version);
      if (!loaded) return;
      installed.get(name)!.delete(version);
      if (!installed.get(name)!.size) installed.delete(name);
      await loaded.process.stop();
    },
    async stop() {
      await Promise.all([...installed.values()].flatMap((m) => [...m.values()].map((l) => l.process.stop())));
    },
  };
}
