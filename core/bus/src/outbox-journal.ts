/**
 * The outbox's reads and writes, as statements prepared once. Acknowledgements are queued and
 * written together in one transaction on the next turn of the event loop: a crash before that
 * write means a redelivery, never a loss.
 */
import type { OutboxDatabase } from './outbox-database.ts';

/** A pending message as fetched for one group. */
export interface OutboxRow {
  id: number;
  key: string;
  value: string;
  failures: number;
}

export interface OutboxJournal {
  /** Inserts the message and a pending row for every group registered on its topic, in one committed transaction. */
  append(topic: string, key: string, value: string): void;
  /** Registers a group on a topic; a new group gets every message still kept for that topic. */
  registerGroup(topic: string, group: string): void;
  /** Pending messages of a group with id greater than `afterId`, oldest first. */
  fetch(topic: string, group: string, afterId: number, limit: number): OutboxRow[];
  /** Pending messages of one key of a group with id in [fromId, toId], oldest first. */
  fetchKey(topic: string, group: string, key: string, fromId: number, toId: number, limit: number): OutboxRow[];
  recordFailure(topic: string, group: string, id: number, failures: number): void;
  /** Queues the acknowledgement; written by the next `flush()` (scheduled automatically). */
  acknowledge(topic: string, group: string, id: number): void;
  /** Writes queued acknowledgements now. */
  flush(): void;
}

/** `onError` hears about acknowledgements that could not be written (they are retried shortly). */
export function createOutboxJournal(db: OutboxDatabase, onError: (error: unknown) => void = () => {}): OutboxJournal {
  const insertMessage = db.prepare('INSERT INTO outbox_messages (topic, key, value, published_at) VALUES (?, ?, ?, ?)');
  const insertPending = db.prepare('INSERT INTO outbox_pending (topic, grp, message_id) SELECT topic, grp, ? FROM outbox_groups WHERE topic = ?');
  const insertGroup = db.prepare('INSERT INTO outbox_groups (topic, grp) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const backfill = db.prepare(`INSERT INTO outbox_pending (topic, grp, message_id) SELECT topic, ?, id FROM outbox_messages WHERE topic = ?
    ON CONFLICT DO NOTHING`);
  const select = db.prepare(`SELECT m.id AS id, m.key AS key, m.value AS value, p.failures AS failures
    FROM outbox_pending p JOIN outbox_messages m ON m.id = p.message_id
    WHERE p.topic = ? AND p.grp = ? AND p.message_id > ? ORDER BY p.message_id LIMIT ?`);
  const selectKey = db.prepare(`SELECT m.id AS id, m.key AS key, m.value AS value, p.failures AS failures
    FROM outbox_messages m JOIN outbox_pending p ON p.topic = m.topic AND p.grp = ? AND p.message_id = m.id
    WHERE m.topic = ? AND m.key = ? AND m.id BETWEEN ? AND ? ORDER BY m.id LIMIT ?`);
  const updateFailures = db.prepare('UPDATE outbox_pending SET failures = ? WHERE topic = ? AND grp = ? AND message_id = ?');
  const deletePending = db.prepare('DELETE FROM outbox_pending WHERE topic = ? AND grp = ? AND message_id = ?');
  const deleteMessage = db.prepare('DELETE FROM outbox_messages WHERE id = ? AND NOT EXISTS (SELECT 1 FROM outbox_pending WHERE message_id = ?)');

  const append = db.transaction((topic: string, key: string, value: string) => {
    const { lastInsertRowid } = insertMessage.run(topic, key, value, Date.now());
    insertPending.run(lastInsertRowid, topic);
  });
  const register = db.transaction((topic: string, group: string) => {
    if (insertGroup.run(topic, group).changes > 0) backfill.run(group, topic);
  });

  let queued: Array<[string, string, number]> = [];
  let scheduled = false;
  const writeAcks = db.transaction((acks: Array<[string, string, number]>) => {
    for (const [topic, group, id] of acks) {
      deletePending.run(topic, group, id);
      deleteMessage.run(id, id);
    }
  });
  const flush = (): void => {
    scheduled = false;
    if (queued.length === 0 || !db.open) return;
    const acks = queued;
    queued = [];
    try {
      writeAcks(acks);
    } catch (error) {
      queued = acks.concat(queued);
      onError(error);
      scheduled = true;
      setTimeout(flush, 100).unref();
    }
  };

  return {
    append: (topic, key, value) => append.immediate(topic, key, value),
    registerGroup: (topic, group) => register.immediate(topic, group),
    fetch: (topic, group, afterId, limit) => select.all(topic, group, afterId, limit) as OutboxRow[],
    fetchKey: (topic, group, key, fromId, toId, limit) => selectKey.all(group, topic, key, fromId, toId, limit) as OutboxRow[],
    recordFailure: (topic, group, id, failures) => { updateFailures.run(failures, topic, group, id); },
    acknowledge(topic, group, id) {
      queued.push([topic, group, id]);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
