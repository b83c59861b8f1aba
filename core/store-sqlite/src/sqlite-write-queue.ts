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
 * that licenses a webhook's 2xx) makes its whole batch commit at `synchronous=FULL`: the WAL is
 * fsynced before the commit returns, so it survives power loss too. The group commit keeps that
 * cheap: one fsync per batch, however many events it carries.
 */
import type { SqliteDatabase } from './sqlite-database.ts';

export interface WriteQueue {
  /** Queues `op` for the next group commit; resolves with its result once committed (with `durable`: on disk, fsynced). */
  write<T>(op: () => T, options?: { durable?: boolean }): Promise<T>;
  /** Commits what is queued now (before the connection closes). */
  flush(): void;
}

interface Pending {
  op: () => unknown;
  durable: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Creates the group-commit queue of one connection. */
export function createWriteQueue(db: SqliteDatabase): WriteQueue {
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  // Not prepared statements: a prepared PRAGMA that sets a value was seen not to take effect on its first run.
  const syncFull = { run: () => db.exec('PRAGMA synchronous = FULL') };
  const syncNormal = { run: () => db.exec('PRAGMA synchronous = NORMAL') };
  let queue: Pending[] = [];
  let scheduled = false;

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
    item.resolve(result);
  };

  const flush = (): void => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    if (!batch.some((item) => item.durable)) return commitBatch(batch);
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
    for (let i = 0; i < batch.length; i += 1) batch[i].resolve(results[i]);
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
  };
}
