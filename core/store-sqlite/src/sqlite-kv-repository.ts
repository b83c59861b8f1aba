/** KeyValueRepository on SQLite: one JSON value per key. */
import type { SqliteDatabase } from './sqlite-database.ts';
import type { WriteQueue } from './sqlite-write-queue.ts';
import type { KeyValueRepository } from '@wireup/store';

export function createSqliteKeyValueRepository(db: SqliteDatabase, writes: WriteQueue): KeyValueRepository {
  const select = db.prepare('SELECT value FROM kv WHERE key = ?').pluck();
  const upsert = db.prepare(
    'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const insertIfAbsent = db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  const remove = db.prepare('DELETE FROM kv WHERE key = ?');

  const get = <T>(key: string): T | null => {
    const text = select.get(key) as string | undefined;
    return text === undefined ? null : (JSON.parse(text) as T);
  };

  return {
    async get<T>(key: string) {
      return get<T>(key);
    },
    async set(key, value) {
      const text = JSON.stringify(value ?? null);
      await writes.write(() => upsert.run(key, text));
    },
    async delete(key) {
      await writes.write(() => remove.run(key));
    },
    async setIfAbsent<T>(key: string, value: T) {
      const text = JSON.stringify(value ?? null);
      await writes.write(() => insertIfAbsent.run(key, text));
      return get<T>(key) as T;
    },
  };
}
