/** DeadLetterRepository on SQLite: one row per letter, the message value and error as JSON. */
import type { DeadLetterQuery, DeadLetterRecord } from '@wireup/store';
import { runPageSize } from '@wireup/store';
import type { SqliteDatabase } from './sqlite-database.ts';
import type { WriteQueue } from './sqlite-write-queue.ts';
import type { DeadLetterRepository } from '@wireup/store';

interface DeadLetterRow {
  id: string;
  topic: string;
  key: string;
  grp: string;
  value: string;
  deliveries: number;
  error: string;
  dead_at: string;
}

const toRecord = (row: DeadLetterRow): DeadLetterRecord => ({
  id: row.id,
  topic: row.topic,
  key: row.key,
  group: row.grp,
  value: JSON.parse(row.value) as unknown,
  deliveries: row.deliveries,
  error: JSON.parse(row.error) as DeadLetterRecord['error'],
  deadAt: row.dead_at,
});

export function createSqliteDeadLetterRepository(db: SqliteDatabase, writes: WriteQueue): DeadLetterRepository {
  const insert = db.prepare(`INSERT INTO dead_letters (id, topic, key, grp, value, deliveries, error, dead_at)
    VALUES (@id, @topic, @key, @group, @value, @deliveries, @error, @deadAt) ON CONFLICT (id) DO NOTHING`);
  const byId = db.prepare('SELECT * FROM dead_letters WHERE id = ?');
  const newest = db.prepare('SELECT * FROM dead_letters ORDER BY id DESC LIMIT ?');
  const older = db.prepare('SELECT * FROM dead_letters WHERE id < ? ORDER BY id DESC LIMIT ?');
  const remove = db.prepare('DELETE FROM dead_letters WHERE id = ?');
  return {
    async add(record) {
      const params = { ...record, value: JSON.stringify(record.value ?? null), error: JSON.stringify(record.error) };
      await writes.write(() => insert.run(params));
    },
    async get(id) {
      const row = byId.get(id) as DeadLetterRow | undefined;
      return row ? toRecord(row) : null;
    },
    async list(query: DeadLetterQuery) {
      const limit = runPageSize(query.limit);
      const rows = (query.before === undefined ? newest.all(limit) : older.all(query.before, limit)) as DeadLetterRow[];
      return rows.map(toRecord);
    },
    async delete(id) {
      return writes.write(() => remove.run(id).changes > 0);
    },
  };
}
