/**
 * Content-addressed package folders under `<dataDir>/connectors/`: a package lives in the
 * folder named after its sha512 integrity, so two versions (or two registries) never share or
 * overwrite a folder, and a worker can tell whether it already holds a package.
 */
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import ssri from 'ssri';

export interface PackageStore {
  readonly root: string;
  /** The folder of the package with this integrity. */
  dirOf(integrity: string): string;
  has(integrity: string): Promise<boolean>;
  /** A fresh staging folder beside the packages (same file system, so `commit` is a rename). */
  stage(): Promise<string>;
  /** Moves a staged folder into place; a package already there wins (same integrity, same bytes). */
  commit(staging: string, integrity: string): Promise<string>;
  discard(staging: string): Promise<void>;
  remove(integrity: string): Promise<void>;
}

/** The sha512 digest of an integrity string, hex, for a folder name. */
export function sha512Hex(integrity: string): string | null {
  const hash = ssri.parse(integrity, { single: false }) as unknown as { sha512?: Array<{ digest: string }> };
  const digest = hash?.sha512?.[0]?.digest;
  return digest ? Buffer.from(digest, 'base64').toString('hex') : null;
}

export function createPackageStore(dataDir: string): PackageStore {
  const root = join(dataDir, 'connectors');
  const dirOf = (integrity: string) => {
    const hex = sha512Hex(integrity);
    if (!hex) throw new Error(`integrity ${integrity} has no sha512`);
    return join(root, `sha512-${hex}`);
  };
  return {
    root,
    dirOf,
    has: (integrity) =>
      stat(join(dirOf(integrity), 'package.json')).then(
        () => true,
        () => false,
      ),
    async stage() {
      await mkdir(root, { recursive: true });
      return mkdtemp(join(root, '.staging-'));
    },
    async commit(staging, integrity) {
      const target = dirOf(integrity);
      try {
        await rename(staging, target);
      } catch (error) {
        if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
        await rm(staging, { recursive: true, force: true });
      }
      return target;
    },
    discard: (staging) => rm(staging, { recursive: true, force: true }),
    remove: (integrity) => rm(dirOf(integrity), { recursive: true, force: true }),
  };
}
