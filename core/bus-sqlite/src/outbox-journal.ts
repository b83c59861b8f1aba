/**
 * The outbox's reads and writes, as statements prepared once. Writes are group-committed:
 * appends and acknowledgements asked for during one turn of the event loop are written together
 * in one transaction on the next turn (setImmediate). An acknowledgement alone does not start a
 * commit: it rides with the next append's, or is written within ACK_DELAY_MS (at a few hundred
 * events a second that saves a commit per message and group). An append resolves only once that
 * transaction committed, so a resolved publish is durable; an acknowledgement lost by a crash
 * before its commit means a redelivery, never a loss. On a connection shared with the store
 * (`SharedSqlite`) the writes go through the store's group commit instead, in its transactions,
 * and `stage` adds a message to a transaction the store is writing.
 */
import type { OutboxDatabase } from './outbox-database.ts';

/**
 * A SQLite connection the store owns and shares (@wireup/store-sqlite's `SqliteStore.sqlite`):
 * `write` runs a synchronous write in its next group commit and resolves once committed.
 */
export interface SharedSqlite {
  readonly db: OutboxDatabase;
  write<T>(op: () => T, options?: { durable?: boolean }): Promise<T>;
}

/** A pending message as fetched for one group. */
export interface OutboxRow {
  id: number;
  key: string;
  value: string;
  failures: number;
}

export interface OutboxJournal {
  /**
   * Queues the message (and a pending row for every group registered on its topic) for the next
   * group commit; resolves with the message id once committed, rejects when the commit failed.
   */
  append(topic: string, key: string, value: string): Promise<number>;
  /** Registers a group on a topic; a new group gets every message still kept for that topic. */
  registerGroup(topic: string, group: string): void;
  /** Pending messages of a group with id greater than `afterId`, oldest first. */
  fetch(topic: string, group: string, afterId: number, limit: number): OutboxRow[];
  /** Pending messages of one key of a group with id in [fromId, toId], oldest first. */
  fetchKey(topic: string, group: string, key: string, fromId: number, toId: number, limit: number): OutboxRow[];
  recordFailure(topic: string, group: string, id: number, failures: number): void;
  /** Queues the acknowledgement; written by the next `flush()` (an append's, or one within ACK_DELAY_MS). */
  acknowledge(topic: string, group: string, id: number): void;
  /**
   * Inserts the message (and its pending rows) at once, inside a transaction the caller is
   * running on this connection (a store write on a shared connection); returns its id.
   */
  stage(topic: string, key: string, value: string): number;
  /** Writes queued appends and acknowledgements now (on a shared connection: hands them to its group commit). */
  flush(): void;
}

/** Longest time an acknowledgement waits for an append's commit to ride with. */
export const ACK_DELAY_MS = 20;

interface QueuedAppend {
  topic: string;
  key: string;
  value: string;
  resolve(id: number): void;
  reject(error: unknown): void;
}

/** `onError` hears about acknowledgements that could not be written (they are retried shortly). `shared`: write through the store's group commit. */
export function createOutboxJournal(
  db: OutboxDatabase,
  onError: (error: unknown) => void = () => {},
  shared?: SharedSqlite,
): OutboxJournal {
  const insertMessage = db.prepare('INSERT INTO outbox_messages (topic, key, value, published_at) VALUES (?, ?, ?, ?)');
  const insertPending = db.prepare(
    'INSERT INTO outbox_pending (topic, grp, message_id) SELECT topic, grp, ? FROM outbox_groups WHERE topic = ?',
  );
  const insertGroup = db.prepare('INSERT INTO outbox_groups (topic, grp) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const backfill =
    db.prepare(`INSERT INTO outbox_pending (topic, grp, message_id) SELECT topic, ?, id FROM outbox_messages WHERE topic = ?
    ON CONFLICT DO NOTHING`);
  const select = db.prepare(`SELECT m.id AS id, m.key AS key, m.value AS value, p.failures AS failures
    FROM outbox_pending p JOIN outbox_messages m ON m.id = p.message_id
    WHERE p.topic = ? AND p.grp = ? AND p.message_id > ? ORDER BY p.message_id LIMIT ?`);
  const selectKey = db.prepare(`SELECT m.id AS id, m.key AS key, m.value AS value, p.failures AS failures
    FROM outbox_messages m JOIN outbox_pending p ON p.topic = m.topic AND p.grp = ? AND p.message_id = m.id
    WHERE m.topic = ? AND m.key = ? AND m.id BETWEEN ? AND ? ORDER BY m.id LIMIT ?`);
  const updateFailures = db.prepare(
    'UPDATE outbox_pending SET failures = ? WHERE topic = ? AND grp = ? AND message_id = ?',
  );
  const deletePending = db.prepare('DELETE FROM outbox_pending WHERE topic = ? AND grp = ? AND message_id = ?');
  const deleteMessage = db.prepare(
    'DELETE FROM outbox_messages WHERE id = ? AND NOT EXISTS (SELECT 1 FROM outbox_pending WHERE message_id = ?)',
  );

  const register = db.transaction((topic: string, group: string) => {
    if (insertGroup.run(topic, group).changes > 0) backfill.run(group, topic);
  });

  let appends: QueuedAppend[] = [];
  let acks: Array<[string, string, number]> = [];
  let scheduled = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let ackTimer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };
  const insertOne = (topic: string, key: string, value: string, now: number): number => {
    const id = Number(insertMessage.run(topic, key, value, now).lastInsertRowid);
    insertPending.run(id, topic);
    return id;
  };
  const writeBatch = (batch: QueuedAppend[], done: Array<[string, string, number]>): number[] => {
    const ids: number[] = new Array(batch.length);
    const now = Date.now();
    for (let i = 0; i < batch.length; i += 1) ids[i] = insertOne(batch[i].topic, batch[i].key, batch[i].value, now);
    for (const [topic, group, id] of done) {
      deletePending.run(topic, group, id);
      deleteMessage.run(id, id);
    }
    return ids;
  };
  const write = db.transaction(writeBatch);
  const ackFailed = (done: Array<[string, string, number]>, error: unknown): void => {
    // Acknowledgements are retried shortly; until written, a restart would redeliver them.
    acks = done.concat(acks);
    if (done.length > 0) onError(error);
    if (done.length > 0 && !retryTimer) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        schedule();
      }, 100);
      retryTimer.unref();
    }
  };
  function flush(): void {
    scheduled = false;
    if (ackTimer) {
      clearTimeout(ackTimer);
      ackTimer = undefined;
    }
    if (appends.length === 0 && acks.length === 0) return;
    const batch = appends;
    const done = acks;
    appends = [];
    acks = [];
    if (shared) {
      // Each append is its own write of the store's group commit (one failing rejects only itself); the acknowledgements one write.
      for (const item of batch)
        shared.write(() => insertOne(item.topic, item.key, item.value, Date.now())).then(item.resolve, item.reject);
      if (done.length > 0)
        shared
          .write(() => writeBatch([], done))
          .catch((error: unknown) => {
            if (db.open) ackFailed(done, error);
          });
      return;
    }
    let ids: number[];
    try {
      if (!db.open) throw new Error('the outbox is closed');
      ids = write.immediate(batch, done);
    } catch (error) {
      for (const item of batch) item.reject(error);
      if (!db.open) return;
      ackFailed(done, error);
      return;
    }
    for (let i = 0; i < batch.length; i += 1) batch[i].resolve(ids[i]);
  }

  return {
    append(topic, key, value) {
      return new Promise<number>((resolve, reject) => {
        appends.push({ topic, key, value, resolve, reject });
        schedule();
      });
    },
    registerGroup: (topic, group) => register.immediate(topic, group),
    fetch: (topic, group, afterId, limit) => select.all(topic, group, afterId, limit) as OutboxRow[],
    fetchKey: (topic, group, key, fromId, toId, limit) =>
      selectKey.all(group, topic, key, fromId, toId, limit) as OutboxRow[],
    recordFailure: (topic, group, id, failures) => {
      updateFailures.run(failures, topic, group, id);
    },
    acknowledge(topic, group, id) {
      acks.push([topic, group, id]);
      if (scheduled || ackTimer) return;
      ackTimer = setTimeout(() => {
        ackTimer = undefined;
        schedule();
      }, ACK_DELAY_MS);
      ackTimer.unref();
    },
    stage: (topic, key, value) => insertOne(topic, key, value, Date.now()),
    flush,
  };
}
