/**
 * SqliteStore: the embedded Store adapter, one SQLite file (better-sqlite3) in WAL mode. The
 * file is opened and migrated when the store is created; `stop()` commits what is queued and
 * closes it. Writes are group-committed (sqlite-write-queue.ts): each resolves once committed.
 * One process owns the file (the embedded bus may share it through its own connection): the
 * store keeps connection and published-workflow lookups in memory, cleared by its own writes,
 * so a second process writing those tables would not be seen until a restart.
 */
import type { Store } from '@wireup/store';
import { createSqliteConnectionRepository } from './sqlite-connection-repository.ts';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite-database.ts';
import { createSqliteDeadLetterRepository } from './sqlite-dead-letter-repository.ts';
import { createSqliteEventRepository, type SqliteEventRepository } from './sqlite-event-repository.ts';
import { createSqliteKeyValueRepository } from './sqlite-kv-repository.ts';
import { migrateStore } from './sqlite-migrations.ts';
import { createSqliteRunRepository } from './sqlite-run-repository.ts';
import { createSqliteWorkflowRepository } from './sqlite-workflow-repository.ts';
import { createWriteQueue } from './sqlite-write-queue.ts';
import { startWalCheckpointer, type WalCheckpointerOptions } from './wal-checkpointer.ts';

export interface SqliteStoreOptions {
  /** The database file, created with its folder when absent (e.g. `.wireup/wireup.db`); `:memory:` for a throwaway store. */
  path: string;
  /** How long a write waits for another connection's lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** How the WAL is checkpointed off the main thread (wal-checkpointer.ts); defaults suit production. */
  walCheckpoints?: Pick<WalCheckpointerOptions, 'intervalMs' | 'restartAtPages'>;
}

/**
 * The store's connection and its group commit, for the embedded bus to share (@wireup/bus-sqlite,
 * option `sqlite`): its outbox then commits in the store's transactions, and an event and its
 * outbox message can be written in one (`events.acceptWith`).
 */
export interface SqliteConnection {
  readonly db: SqliteDatabase;
  write<T>(op: () => T, options?: { durable?: boolean }): Promise<T>;
}

/** The embedded Store, with what only SQLite offers: its connection, and an event accept that writes more in the same transaction. */
export interface SqliteStore extends Store {
  readonly events: SqliteEventRepository;
  readonly sqlite: SqliteConnection;
}

/** Opens the SQLite file, applies pending schema migrations, and returns the Store on it. Throws StoreUnavailableError when the file cannot be opened. */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const db = openSqliteDatabase(options.path, options.busyTimeoutMs);
  try {
    migrateStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const writes = createWriteQueue(db);
  const checkpointer = startWalCheckpointer(db, { ...options.walCheckpoints, busyTimeoutMs: options.busyTimeoutMs });
  return {
    sqlite: { db, write: (op, writeOptions) => writes.write(op, writeOptions) },
    connections: createSqliteConnectionRepository(db, writes),
    workflows: createSqliteWorkflowRepository(db, writes),
    events: createSqliteEventRepository(db, writes),
    runs: createSqliteRunRepository(db, writes),
    kv: createSqliteKeyValueRepository(db, writes),
    deadLetters: createSqliteDeadLetterRepository(db, writes),
    async start() {},
    async stop() {
      if (!db.open) return;
      await checkpointer?.stop();
      if (!db.open) return;
      writes.flush();
      db.close();
      writes.close();
    },
  };
}
