/**
 * Opens the embedded SQLite file with the settings every embedded adapter needs: WAL so
 * readers never wait for the writer, synchronous=NORMAL (a commit survives a process crash;
 * only an OS crash or power loss can lose the last commits — except the commits the write queue
 * makes durable, such as event accepts, which run at FULL), memory-mapped reads, and a busy
 * timeout so a second connection on the same file waits instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '@wireup/store';

export type SqliteDatabase = Database.Database;

/** Address space mapped for reads of the file. */
const MMAP_BYTES = 256 * 1024 * 1024;

/** Opens (creating when absent, with its folder) the SQLite file at `path`; `:memory:` works for throwaway databases. */
export function openSqliteDatabase(path: string, busyTimeoutMs = 5_000): SqliteDatabase {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Reads of the file through memory (no read call per page); only pages touched become resident.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    return db;
  } catch (error) {
    throw new StoreUnavailableError(`Cannot open the SQLite store at "${path}": ${(error as Error).message}`, error);
  }
}

/** Whether `db` is a file in WAL mode (so it has a WAL file to sync and checkpoint); not `:memory:`. */
export function hasWalFile(db: SqliteDatabase): boolean {
  return !db.memory && String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
}

/** Parses a JSON column; SQL NULL stays undefined. */
export function fromJson<T>(text: string | null | undefined): T | undefined {
  return text === null || text === undefined ? undefined : (JSON.parse(text) as T);
}

/** Serialises a value for a JSON column; undefined becomes SQL NULL. */
export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Whether a better-sqlite3 error is a PRIMARY KEY or UNIQUE constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
