/**
 * ConnectionRepository on SQLite. Every webhook delivery looks its connection up by token, so
 * lookups by token and by id are kept in memory; any connection write of this store clears them
 * (the store is the file's one writer: see sqlite-store.ts). Callers get their own copies.
 */
import { StoreConflictError } from '@wireup/store';
import type { ConnectionRecord } from '@wireup/store';
import { isUniqueViolation, type SqliteDatabase } from './sqlite-database.ts';
import type { WriteQueue } from './sqlite-write-queue.ts';
import type { ConnectionRepository } from '@wireup/store';

interface ConnectionRow {
  id: string;
  connector: string;
  name: string;
  auth_ciphertext: string;
  public_auth: string;
  webhook_token: string;
  created_at: string;
  updated_at: string;
}

const toRecord = (row: ConnectionRow): ConnectionRecord => ({
  id: row.id,
  connector: row.connector,
  name: row.name,
  authCiphertext: row.auth_ciphertext,
  publicAuth: JSON.parse(row.public_auth) as Record<string, string>,
  webhookToken: row.webhook_token,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const copy = (record: ConnectionRecord): ConnectionRecord => ({ ...record, publicAuth: { ...record.publicAuth } });

/** Lookups kept in memory: few connections, read on every delivery and action. */
const CACHE_LIMIT = 10_000;

export function createSqliteConnectionRepository(db: SqliteDatabase, writes: WriteQueue): ConnectionRepository {
  const insert =
    db.prepare(`INSERT INTO connections (id, connector, name, auth_ciphertext, public_auth, webhook_token, created_at, updated_at)
    VALUES (@id, @connector, @name, @authCiphertext, @publicAuth, @webhookToken, @createdAt, @updatedAt)`);
  const byId = db.prepare('SELECT * FROM connections WHERE id = ?');
  const byToken = db.prepare('SELECT * FROM connections WHERE webhook_token = ?');
  const all = db.prepare('SELECT * FROM connections ORDER BY created_at, id');
  const update =
    db.prepare(`UPDATE connections SET name = COALESCE(@name, name), auth_ciphertext = COALESCE(@authCiphertext, auth_ciphertext),
    public_auth = COALESCE(@publicAuth, public_auth), updated_at = @updatedAt WHERE id = @id`);
  const remove = db.prepare('DELETE FROM connections WHERE id = ?');

  const cachedById = new Map<string, ConnectionRecord | null>();
  const cachedByToken = new Map<string, ConnectionRecord | null>();
  const forget = (): void => {
    cachedById.clear();
    cachedByToken.clear();
  };
  const cached = (
    cache: Map<string, ConnectionRecord | null>,
    key: string,
    statement: typeof byId,
  ): ConnectionRecord | null => {
    let record = cache.get(key);
    if (record === undefined) {
      const row = statement.get(key) as ConnectionRow | undefined;
      record = row ? toRecord(row) : null;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, record);
    }
    return record ? copy(record) : null;
  };
  const get = (id: string): ConnectionRecord | null => cached(cachedById, id, byId);
  /** A write through the group commit that clears the lookups (when it runs, and once committed). */
  const write = async <T>(op: () => T): Promise<T> => {
    try {
      return await writes.write(() => {
        forget();
        return op();
      });
    } finally {
      forget();
    }
  };

  return {
    async create(record) {
      const params = { ...record, publicAuth: JSON.stringify(record.publicAuth) };
      try {
        await write(() => insert.run(params));
      } catch (error) {
        if (isUniqueViolation(error))
          throw new StoreConflictError(`A connection with id "${record.id}" or this webhook token already exists.`);
        throw error;
      }
      return get(record.id)!;
    },
    async get(id) {
      return get(id);
    },
    async getByWebhookToken(token) {
      return cached(cachedByToken, token, byToken);
    },
    async list() {
      return (all.all() as ConnectionRow[]).map(toRecord);
    },
    async update(id, patch) {
      const params = {
        id,
        name: patch.name ?? null,
        authCiphertext: patch.authCiphertext ?? null,
        publicAuth: patch.publicAuth === undefined ? null : JSON.stringify(patch.publicAuth),
        updatedAt: new Date().toISOString(),
      };
      const { changes } = await write(() => update.run(params));
      return changes === 0 ? null : get(id);
    },
    async delete(id) {
      return (await write(() => remove.run(id))).changes > 0;
    },
  };
}
