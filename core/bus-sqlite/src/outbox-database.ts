/**
 * The embedded bus's tables in a SQLite file (may be the store's file: the names do not
 * clash). `outbox_messages` holds each message once; `outbox_pending` holds one row per
 * (topic, group, message) not yet acknowledged; `outbox_groups` remembers the groups that
 * ever subscribed to a topic, so messages published before they subscribe again (after a
 * restart) are kept for them.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BusUnavailableError } from '@wireup/bus';

export type OutboxDatabase = Database.Database;

const migrations: Array<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE outbox_messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        topic TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        published_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_messages_topic ON outbox_messages (topic, id);
      CREATE TABLE outbox_groups (
        topic TEXT NOT NULL,
        grp TEXT NOT NULL,
        PRIMARY KEY (topic, grp)
      ) WITHOUT ROWID;
      CREATE TABLE outbox_pending (
        topic TEXT NOT NULL,
        grp TEXT NOT NULL,
        message_id INTEGER NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (topic, grp, message_id)
      ) WITHOUT ROWID;
      CREATE INDEX outbox_pending_message ON outbox_pending (message_id);
    `,
  },
  {
    // Reading one key's parked messages (see outbox-consumer.ts).
    version: 2,
    sql: 'CREATE INDEX outbox_messages_key ON outbox_messages (topic, key, id);',
  },
  {
    // Wireup until 2026-12-08 subscribed to \`marketplace\` with a new group at every start
    // (\`marketplace-<hex>\`); the outbox kept every later message pending for each of them, for
    // good. The server now uses one group; the groups of past starts and their rows go.
    version: 3,
    sql: `
      DELETE FROM outbox_pending WHERE topic = 'marketplace' AND grp GLOB 'marketplace-*';
      DELETE FROM outbox_groups WHERE topic = 'marketplace' AND grp GLOB 'marketplace-*';
      DELETE FROM outbox_messages WHERE topic = 'marketplace'
        AND NOT EXISTS (SELECT 1 FROM outbox_pending p WHERE p.message_id = outbox_messages.id);
    `,
  },
];

const SCHEMA_VERSION = migrations[migrations.length - 1].version;

/** Opens the file (WAL, synchronous=NORMAL, busy timeout) and brings the outbox tables up to date. */
export function openOutboxDatabase(path: string, busyTimeoutMs = 5_000): OutboxDatabase {
  let db: OutboxDatabase | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    // A commit survives a process crash (SIGKILL); only an OS crash or power loss can lose the last commits.
    db.pragma('synchronous = NORMAL');
    // Reads of the file through memory (no read call per page); only pages touched become resident.
    db.pragma('mmap_size = 268435456');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof BusUnavailableError) throw error;
    throw new BusUnavailableError(`Cannot open the outbox at "${path}": ${(error as Error).message}`, error);
  }
}

/** Brings the outbox tables up to date on an open connection (the store's, when shared); returns it. */
export function migrateOutbox(db: OutboxDatabase): OutboxDatabase {
  try {
    migrate(db);
  } catch (error) {
    if (error instanceof BusUnavailableError) throw error;
    throw new BusUnavailableError(`Cannot set up the outbox: ${(error as Error).message}`, error);
  }
  return db;
}

function migrate(db: OutboxDatabase): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS outbox_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  db.transaction(() => {
    const current = (db.prepare('SELECT MAX(version) FROM outbox_schema_version').pluck().get() as number | null) ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new BusUnavailableError(
        `The outbox has schema version ${current}, newer than this Wireup understands (${SCHEMA_VERSION}). Upgrade Wireup.`,
      );
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.prepare('INSERT INTO outbox_schema_version (version, applied_at) VALUES (?, ?)').run(
        migration.version,
        new Date().toISOString(),
      );
    }
  }).immediate();
}
