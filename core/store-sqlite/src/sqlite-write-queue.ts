/**
 * Group commit for one SQLite connection. Every write asked for during one turn of the event
 * loop is applied in a single `BEGIN IMMEDIATE … COMMIT` on the next turn (setImmediate), and
 * each write's promise settles only after that COMMIT: a resolved write is committed, exactly
 * as with one transaction per write, but a busy process pays one commit (one set of WAL frames)
 * for dozens of writes instead of one each.
 *
 * A write is a synchronous function of the connection; it may run more than once (see below),
 * so it must not change anything but the database before it returns. When one write of a batch
 * throws, the whole batch is rolled back and every write of it is run again alone, in order, in
 * its own transaction: the failing one rejects with its own error and the others commit. When
 * the transaction cannot even begin (the file is locked by another process past the busy
 * timeout), every write of the batch rejects with that error.
 *
 * Durability: the connection runs at `synchronous=NORMAL` (a commit survives a process crash; an
 * OS crash or power loss can lose the last commits). A write marked `durable` (the event accept
 * that licenses a webhook's 2xx) resolves only once its commit is on disk, so it survives power
 * loss too. On a file in WAL mode the batch commits at NORMAL and the WAL file is then
 * fdatasync'ed off the main thread (libuv's pool): the durable writes resolve when that returns,
 * the others at once. fsync flushes the file, not a descriptor, so a sync started after the
 * commit covers it; syncs asked for while one runs share the next one. Elsewhere (`:memory:`, no
 * WAL file) the batch commits at `synchronous=FULL`, fsynced on the main thread.
 */
import { closeSync, fdatasync, openSync } from 'node:fs';
import { hasWalFile, type SqliteDatabase } from './sqlite-database.ts';

export interface WriteQueue {
  /** Queues `op` for the next group commit; resolves with its result once committed (with `durable`: on disk, fsynced). */
  write<T>(op: () => T, options?: { durable?: boolean }): Promise<T>;
  /** Commits what is queued now (before the connection closes); durable writes still resolve after their sync. */
  flush(): void;
  /** After the connection closed: lets go of the WAL file (once a sync in flight is done). */
  close(): void;
}

export interface WriteQueueOptions {
  /** How the WAL file is synced (tests); default node:fs `fdatasync`. */
  sync?(fd: number, done: (error: Error | null) => void): void;
}

interface Pending {
  op: () => unknown;
  durable: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** The WAL file of a file database in WAL mode, opened for syncing; undefined otherwise. */
function openWal(db: SqliteDatabase): number | undefined {
  if (!hasWalFile(db)) return undefined;
  try {
    // The WAL file exists while a connection is open in WAL mode; its inode stays while this one is.
    return openSync(`${db.name}-wal`, 'r');
  } catch {
    return undefined;
  }
}

/** Creates the group-commit queue of one connection. */
export function createWriteQueue(db: SqliteDatabase, options: WriteQueueOptions = {}): WriteQueue {
  const sync = options.sync ?? fdatasync;
  let wal: number | undefined;
  let walChecked = false;
  const walFd = (): number | undefined => {
    if (!walChecked) {
      walChecked = true;
      wal = openWal(db);
    }
    return wal;
  };
  /** Durable writes committed, waiting for the next sync; and whether one runs. */
  let awaitingSync: Array<() => void> = [];
  let failedSync: Array<(error: unknown) => void> = [];
  let syncing = false;
  const startSync = (fd: number): void => {
    const resolves = awaitingSync;
    const rejects = failedSync;
    awaitingSync = [];
    failedSync = [];
    syncing = true;
    sync(fd, (error) => {
      syncing = false;
      if (error) for (const reject of rejects) reject(error);
      else for (const resolve of resolves) resolve();
      if (awaitingSync.length > 0) startSync(fd);
      else if (!db.open) closeSync(fd);
    });
  };
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  // Not prepared statements: a prepared PRAGMA that sets a value was seen not to take effect on its first run.
  const syncFull = { run: () => db.exec('PRAGMA synchronous = FULL') };
  const syncNormal = { run: () => db.exec('PRAGMA synchronous = NORMAL') };
  let queue: Pending[] = [];
  let scheduled = false;

  /** Settles a committed write: a durable one on a WAL file once the WAL is synced. */
  let settleAfterSync = false;
  const settle = (item: Pending, result: unknown): void => {
    if (!settleAfterSync || !item.durable) return item.resolve(result);
    awaitingSync.push(() => item.resolve(result));
    failedSync.push(item.reject);
  };

  const alone = (item: Pending): void => {
    let result: unknown;
    try {
      begin.run();
      try {
        result = item.op();
        commit.run();
      } catch (error) {
        if (db.inTransaction) rollback.run();
        throw error;
      }
    } catch (error) {
      item.reject(error);
      return;
    }
    settle(item, result);
  };

  const flush = (): void => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    if (!batch.some((item) => item.durable)) return commitBatch(batch);
    const fd = walFd();
    if (fd !== undefined) {
      settleAfterSync = true;
      try {
        commitBatch(batch);
      } finally {
        settleAfterSync = false;
      }
      if (awaitingSync.length > 0 && !syncing) startSync(fd);
      return;
    }
    syncFull.run();
    try {
      commitBatch(batch);
    } finally {
      if (db.open) syncNormal.run();
    }
  };

  const commitBatch = (batch: Pending[]): void => {
    if (batch.length === 1) return alone(batch[0]);
    try {
      begin.run();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const results: unknown[] = new Array(batch.length);
    try {
      for (let i = 0; i < batch.length; i += 1) results[i] = batch[i].op();
      commit.run();
    } catch {
      if (db.inTransaction) rollback.run();
      for (const item of batch) alone(item);
      return;
    }
    for (let i = 0; i < batch.length; i += 1) settle(batch[i], results[i]);
  };

  return {
    write<T>(op: () => T, options: { durable?: boolean } = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ op, durable: options.durable === true, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
    close() {
      if (wal !== undefined && !syncing) closeSync(wal);
      walChecked = true;
    },
  };
}
