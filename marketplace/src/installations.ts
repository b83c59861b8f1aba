/**
 * The installations, recorded in the Store (its key-value repository) so every Wireup process
 * of a deployment sees the same list: each worker fetches a package it lacks by its integrity.
 */
import type { KeyValueRepository } from '@wireup/store';

/** One installed connector version. */
export interface Installation {
  /** The connector's manifest name (`acme-crm`): what workflows name. */
  connector: string;
  /** The npm package (`@acme/wireup-connector-crm`). */
  package: string;
  version: string;
  /** `sha512-…` as published; names its content-addressed folder. */
  integrity: string;
  /** Where the tarball came from (a worker without the package fetches it again, by integrity). */
  tarball: string;
  sdkRange: string;
  /** Bundle path inside the package. */
  main: string;
  installedAt: string;
}

export const installationsKey = 'marketplace:installations';

export interface Installations {
  list(): Promise<Installation[]>;
  add(installation: Installation): Promise<void>;
  remove(connector: string, version: string): Promise<void>;
}

/** Installations over the Store's key-value repository. Writes from one process are serialized. */
export function createInstallations(kv: KeyValueRepository): Installations {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => {});
    return next;
  };
  const list = async () => (await kv.get<Installation[]>(installationsKey)) ?? [];
  return {
    list,
    add: (installation) =>
      serial(async () => {
        const all = (await list()).filter(
          (i) => !(i.connector === installation.connector && i.version === installation.version),
        );
        await kv.set(installationsKey, [...all, installation]);
      }),
    remove: (connector, version) =>
      serial(async () => {
        await kv.set(
          installationsKey,
          (await list()).filter((i) => !(i.connector === connector && i.version === version)),
        );
      }),
  };
}
