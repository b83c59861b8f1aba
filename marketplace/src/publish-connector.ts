/**
 * `wireup connector publish <dir> [--registry URL]`: builds (build-connector.ts) and publishes
 * with libnpmpublish. Published versions never change: a version the registry already has is
 * refused before anything is sent, and so is a connector whose manifest still holds the
 * scaffold's placeholder text (`publishingProblems`).
 */
import { publish } from 'libnpmpublish';
import { buildConnector, type BuiltConnector } from './build-connector.ts';
import { publishingProblems } from '@wireup/sdk';
import {
  ConnectorUnfinishedError,
  PackageNotFoundError,
  RegistryUnavailableError,
  VersionExistsError,
} from './errors.ts';
import type { RegistryClient } from './registry-client.ts';

export interface Published extends BuiltConnector {
  registry: string;
  integrity: string;
}

async function alreadyPublished(registry: RegistryClient, name: string, version: string): Promise<boolean> {
  try {
    return Boolean((await registry.packument(name)).versions[version]);
  } catch (error) {
    if (error instanceof PackageNotFoundError) return false;
    throw error;
  }
}

/** Builds the connector in `dir` and publishes it to the registry. */
export async function publishConnector(dir: string, registry: RegistryClient): Promise<Published> {
  const built = await buildConnector(dir);
  const unfinished = publishingProblems(built.manifest);
  if (unfinished.length) throw new ConnectorUnfinishedError(dir, unfinished);
  const { name, version } = built.packageJson;
  if (await alreadyPublished(registry, name, version)) throw new VersionExistsError(name, version);
  try {
    await publish(built.packageJson as never, built.tarball, {
      ...registry.options(),
      access: 'public',
      defaultTag: 'latest',
    } as never);
  } catch (error) {
    const e = error as { code?: string; statusCode?: number; message?: string };
    if (e.code === 'EPUBLISHCONFLICT' || e.statusCode === 409) throw new VersionExistsError(name, version);
    throw new RegistryUnavailableError(registry.url, e.message ?? String(error));
  }
  const packument = await registry.packument(name);
  return { ...built, registry: registry.url, integrity: packument.versions[version]?.dist.integrity ?? '' };
}
