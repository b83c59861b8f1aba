/**
 * Reading a package tarball safely: every entry is checked before anything is written (no
 * absolute paths, no `..`, no links or devices, everything under `package/`, a size limit),
 * then the archive is extracted with `tar` into a folder of our choosing. Nothing in the
 * package is run: there is no install step, so no script can run.
 */
import { Parser, Unpack } from 'tar';
import { UnsafeArchiveError } from './errors.ts';

/** Largest unpacked package accepted. Bundled connectors are small; this stops a zip bomb. */
export const maxUnpackedBytes = 64 * 1024 * 1024;

const allowedTypes = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory']);

interface Entry {
  path: string;
  type: string;
  size: number;
}

function listEntries(bytes: Buffer): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry) => {
        entries.push({ path: entry.path, type: entry.type, size: entry.size ?? 0 });
        entry.resume();
      },
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(entries));
    parser.end(bytes);
  });
}

/** Why this entry path is unsafe, or null. */
export function unsafePathReason(path: string): string | null {
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.startsWith('\\')) return 'it is an absolute path';
  const parts = path.split(/[\\/]+/);
  if (parts.includes('..')) return 'it climbs out of the package folder with ".."';
  if (parts[0] !== 'package') return 'npm packages keep every file under "package/"';
  return null;
}

/** Throws UnsafeArchiveError naming the first bad entry. */
export async function checkArchive(spec: string, bytes: Buffer): Promise<void> {
  let entries: Entry[];
  try {
    entries = await listEntries(bytes);
  } catch (error) {
    throw new UnsafeArchiveError(
      spec,
      '(archive)',
      `it is not a readable gzip tar archive (${(error as Error).message})`,
    );
  }
  if (!entries.length) throw new UnsafeArchiveError(spec, '(archive)', 'it is empty');
  let total = 0;
  for (const entry of entries) {
    const reason = unsafePathReason(entry.path);
    if (reason) throw new UnsafeArchiveError(spec, entry.path, reason);
    if (!allowedTypes.has(entry.type))
      throw new UnsafeArchiveError(spec, entry.path, `it is a ${entry.type}; only files and folders are accepted`);
    total += entry.size;
    if (total > maxUnpackedBytes)
      throw new UnsafeArchiveError(
        spec,
        entry.path,
        `the package unpacks to more than ${maxUnpackedBytes / 1024 / 1024} MiB`,
      );
  }
}

/** Extracts a checked archive's `package/` into `dir` (which must exist). */
export function extractArchive(bytes: Buffer, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // strict: any warning (e.g. a path tar would rewrite) is an error, never silently changed.
    const unpack = new Unpack({
      cwd: dir,
      strip: 1,
      strict: true,
      preservePaths: false,
      noMtime: true,
      preserveOwner: false,
    });
    unpack.on('error', reject);
    unpack.on('close', () => resolve());
    unpack.end(bytes);
  });
}
