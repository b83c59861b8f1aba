/**
 * EventRepository on SQLite: the primary key on `key` is the dedupe. Writes go through the group
 * commit; an accept's commit is durable against power loss (see sqlite-write-queue.ts).
 */
import type { EventRecord, EventRepository, EventStatus } from '@wireup/store';
import { fromJson, toJson, type SqliteDatabase } from './sqlite-database.ts';
import type { WriteQueue } from './sqlite-write-queue.ts';

interface EventRow {
  key: string;
  connection_id: string;
  connector: string;
  provider_event_id: string;
  type: string;
  payload: string | null;
  status: EventStatus;
  received_at: string;
}

const toRecord = (row: EventRow): EventRecord => ({
  key: row.key,
  connectionId: row.connection_id,
  connector: row.connector,
  providerEventId: row.provider_event_id,
  type: row.type,
  payload: fromJson(row.payload) ?? null,
  status: row.status,
  receivedAt: row.received_at,
});

/** The EventRepository on SQLite, and an accept that writes more in its transaction. */
export interface SqliteEventRepository extends EventRepository {
  /**
   * `accept`, and when the event is new, `alsoWhenNew` (a synchronous write on the same
   * connection, such as the embedded bus's outbox message) in the same durable transaction.
   */
  acceptWith(record: EventRecord, alsoWhenNew: () => void): Promise<{ isNew: boolean; record: EventRecord }>;
}

export function createSqliteEventRepository(db: SqliteDatabase, writes: WriteQueue): SqliteEventRepository {
  const insert =
    db.prepare(`INSERT INTO events (key, connection_id, connector, provider_event_id, type, payload, status, received_at)
    VALUES (@key, @connectionId, @connector, @providerEventId, @type, @payload, @status, @receivedAt) ON CONFLICT (key) DO NOTHING`);
  const byKey = db.prepare('SELECT * FROM events WHERE key = ?');
  const routed = db.prepare("UPDATE events SET status = 'routed' WHERE key = ?");
  // rowid breaks ties between equal receivedAt values in acceptance order.
  const unrouted = db.prepare("SELECT * FROM events WHERE status = 'received' ORDER BY received_at, rowid LIMIT ?");

  const acceptWith = async (
    record: EventRecord,
    alsoWhenNew?: () => void,
  ): Promise<{ isNew: boolean; record: EventRecord }> => {
    const params = { ...record, payload: toJson(record.payload) };
    // The commit that lets the server answer 2xx: fsynced (synchronous=FULL), so it survives power loss.
    const isNew = await writes.write(
      () => {
        const inserted = insert.run(params).changes > 0;
        if (inserted) alsoWhenNew?.();
        return inserted;
      },
      { durable: true },
    );
    // A new event is what was given (its payload as given: no need to read back and parse it).
    if (isNew) return { isNew, record: { ...record, payload: record.payload ?? null } };
    return { isNew, record: toRecord(byKey.get(record.key) as EventRow) };
  };

  return {
    accept: (record) => acceptWith(record),
    acceptWith,
    async get(key) {
      const row = byKey.get(key) as EventRow | undefined;
      return row ? toRecord(row) : null;
    },
    async markRouted(key) {
      await writes.write(() => routed.run(key));
    },
    async listUnrouted(limit) {
      return (unrouted.all(Math.max(0, Math.floor(limit))) as EventRow[]).map(toRecord);
    },
  };
}
