/** ConnectionRepository on SQLite. */
import { StoreConflictError } from './errors.ts';
import type { ConnectionRecord } from './records.ts';
import { isUniqueViolation, type SqliteDatabase } from './sqlite-database.ts';
import type { ConnectionRepository } from './store.ts';

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

export function createSqliteConnectionRepository(db: SqliteDatabase): ConnectionRepository {
  const insert = db.prepare(`INSERT INTO connections (id, connector, name, auth_ciphertext, public_auth, webhook_token, created_at, updated_at)
    VALUES (@id, @connector, @name, @authCiphertext, @publicAuth, @webhookToken, @createdAt, @updatedAt)`);
  const byId = db.prepare('SELECT * FROM connections WHERE id = ?');
  const byToken = db.prepare('SELECT * FROM connections WHERE webhook_token = ?');
  const all = db.prepare('SELECT * FROM connections ORDER BY created_at, id');
  const update = db.prepare(`UPDATE connections SET name = COALESCE(@name, name), auth_ciphertext = COALESCE(@authCiphertext, auth_ciphertext),
    public_auth = COALESCE(@publicAuth, public_auth), updated_at = @updatedAt WHERE id = @id`);
  const remove = db.prepare('DELETE FROM connections WHERE id = ?');

  const get = (id: string): ConnectionRecord | null => {
    const row = byId.get(id) as ConnectionRow | undefined;
    return row ? toRecord(row) : null;
  };

  return {
    async create(record) {
      try {
        insert.run({ ...record, publicAuth: JSON.stringify(record.publicAuth) });
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError(`A connection with id "${record.id}" or this webhook token already exists.`);
        throw error;
      }
      return get(record.id)!;
    },
    async get(id) { return get(id); },
    async getByWebhookToken(token) {
      const row = byToken.get(token) as ConnectionRow | undefined;
      return row ? toRecord(row) : null;
    },
    async list() { return (all.all() as ConnectionRow[]).map(toRecord); },
    async update(id, patch) {
      const result = update.run({
        id,
        name: patch.name ?? null,
        authCiphertext: patch.authCiphertext ?? null,
        publicAuth: patch.publicAuth === undefined ? null : JSON.stringify(patch.publicAuth),
        updatedAt: new Date().toISOString(),
      });
      return result.changes === 0 ? null : get(id);
    },
    async delete(id) { return remove.run(id).changes > 0; },
  };
}
