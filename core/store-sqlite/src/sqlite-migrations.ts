/**
 * The SQLite store's schema, as numbered migrations recorded in `store_schema_version`.
 * Add a migration at the end; never edit one that has shipped.
 */
import { StoreUnavailableError } from '@wireup/store';
import type { SqliteDatabase } from './sqlite-database.ts';

interface Migration {
  version: number;
  sql: string;
}

const migrations: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE connections (
        id TEXT NOT NULL PRIMARY KEY,
        connector TEXT NOT NULL,
        name TEXT NOT NULL,
        auth_ciphertext TEXT NOT NULL,
        public_auth TEXT NOT NULL,
        webhook_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX connections_webhook_token ON connections (webhook_token);
      CREATE INDEX connections_created ON connections (created_at, id);

      CREATE TABLE workflows (
        id TEXT NOT NULL PRIMARY KEY,
        draft TEXT NOT NULL,
        published_version INTEGER,
        latest_version INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE workflow_versions (
        workflow_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        document TEXT NOT NULL,
        published_at TEXT NOT NULL,
        trigger_connector TEXT NOT NULL,
        trigger_key TEXT NOT NULL,
        trigger_connection TEXT NOT NULL,
        PRIMARY KEY (workflow_id, version)
      );
      CREATE INDEX workflow_versions_trigger ON workflow_versions (trigger_connection, trigger_connector, trigger_key);

      CREATE TABLE events (
        key TEXT NOT NULL PRIMARY KEY,
        connection_id TEXT NOT NULL,
        connector TEXT NOT NULL,
        provider_event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT,
        status TEXT NOT NULL,
        received_at TEXT NOT NULL
      );
      CREATE INDEX events_unrouted ON events (received_at) WHERE status = 'received';

      CREATE TABLE runs (
        id TEXT NOT NULL PRIMARY KEY,
        workflow_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        event TEXT NOT NULL,
        steps TEXT NOT NULL,
        error TEXT,
        replays INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX runs_newest ON runs (created_at DESC, id DESC);
      CREATE INDEX runs_by_workflow ON runs (workflow_id, created_at DESC, id DESC);
      CREATE INDEX runs_by_status ON runs (status, created_at DESC, id DESC);

      CREATE TABLE kv (
        key TEXT NOT NULL PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    // Bus messages that kept failing (DeadLetterRepository).
    version: 2,
    sql: `
      CREATE TABLE dead_letters (
        id TEXT NOT NULL PRIMARY KEY,
        topic TEXT NOT NULL,
        key TEXT NOT NULL,
        grp TEXT NOT NULL,
        value TEXT NOT NULL,
        deliveries INTEGER NOT NULL,
        error TEXT NOT NULL,
        dead_at TEXT NOT NULL
      );
    `,
  },
  {
    // Test runs (RunRecord.test), listed with or without the others.
    version: 3,
    sql: 'ALTER TABLE runs ADD COLUMN test INTEGER NOT NULL DEFAULT 0;',
  },
];

/** The schema version this code writes. */
export const STORE_SCHEMA_VERSION = migrations[migrations.length - 1].version;

/** Brings the file's schema up to STORE_SCHEMA_VERSION in one transaction; refuses a file from a newer Wireup. */
export function migrateStore(db: SqliteDatabase): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS store_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS version FROM store_schema_version').get() as {
      version: number | null;
    };
    const current = row.version ?? 0;
    if (current > STORE_SCHEMA_VERSION) {
      throw new StoreUnavailableError(
        `The store file has schema version ${current}, newer than this Wireup understands (${STORE_SCHEMA_VERSION}). Upgrade Wireup.`,
      );
    }
    const record = db.prepare('INSERT INTO store_schema_version (version, applied_at) VALUES (?, ?)');
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }
  });
  apply.immediate();
}
