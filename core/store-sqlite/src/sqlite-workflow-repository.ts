/**
 * WorkflowRepository on SQLite: drafts in `workflows`, immutable published copies in
 * `workflow_versions`. Every event asks which published workflows its trigger fires, so those
 * answers are kept in memory until any workflow write of this store (the file's one writer: see
 * sqlite-store.ts). Their documents are frozen, since callers share them.
 */
import { StoreConflictError } from '@wireup/store';
import type { PublishedWorkflow, WorkflowDocument, WorkflowRecord, WorkflowVersionRecord } from '@wireup/store';
import { isUniqueViolation, type SqliteDatabase } from './sqlite-database.ts';
import type { WriteQueue } from './sqlite-write-queue.ts';
import type { WorkflowRepository } from '@wireup/store';

interface WorkflowRow {
  id: string;
  draft: string;
  published_version: number | null;
  latest_version: number;
  created_at: string;
  updated_at: string;
}

interface VersionRow {
  workflow_id: string;
  version: number;
  document: string;
  published_at: string;
}

const toWorkflow = (row: WorkflowRow): WorkflowRecord => ({
  id: row.id,
  draft: JSON.parse(row.draft) as WorkflowDocument,
  publishedVersion: row.published_version,
  latestVersion: row.latest_version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toVersion = (row: VersionRow): WorkflowVersionRecord => ({
  workflowId: row.workflow_id,
  version: row.version,
  document: JSON.parse(row.document) as WorkflowDocument,
  publishedAt: row.published_at,
});

const toPublished = (row: VersionRow): PublishedWorkflow => ({
  workflowId: row.workflow_id,
  version: row.version,
  document: JSON.parse(row.document) as WorkflowDocument,
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Trigger lookups kept in memory (one per connection and trigger that received events). */
const CACHE_LIMIT = 10_000;

export function createSqliteWorkflowRepository(db: SqliteDatabase, writes: WriteQueue): WorkflowRepository {
  const insert =
    db.prepare(`INSERT INTO workflows (id, draft, published_version, latest_version, created_at, updated_at)
    VALUES (?, ?, NULL, 0, ?, ?)`);
  const byId = db.prepare('SELECT * FROM workflows WHERE id = ?');
  const all = db.prepare('SELECT * FROM workflows ORDER BY created_at, id');
  const setDraft = db.prepare('UPDATE workflows SET draft = ?, updated_at = ? WHERE id = ?');
  const setPublished = db.prepare(
    'UPDATE workflows SET published_version = ?, latest_version = MAX(latest_version, COALESCE(?, 0)), updated_at = ? WHERE id = ?',
  );
  const insertVersion =
    db.prepare(`INSERT INTO workflow_versions (workflow_id, version, document, published_at, trigger_connector, trigger_key, trigger_connection)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const version = db.prepare('SELECT * FROM workflow_versions WHERE workflow_id = ? AND version = ?');
  const removeDraft = db.prepare('DELETE FROM workflows WHERE id = ? AND published_version IS NULL');
  const publishedForTrigger =
    db.prepare(`SELECT v.* FROM workflow_versions v JOIN workflows w ON w.id = v.workflow_id AND w.published_version = v.version
    WHERE v.trigger_connection = ? AND v.trigger_connector = ? AND v.trigger_key = ? ORDER BY v.workflow_id`);
  const publishedForConnection =
    db.prepare(`SELECT v.* FROM workflow_versions v JOIN workflows w ON w.id = v.workflow_id AND w.published_version = v.version
    WHERE v.trigger_connection = ? ORDER BY v.workflow_id`);

  const get = (id: string): WorkflowRecord | null => {
    const row = byId.get(id) as WorkflowRow | undefined;
    return row ? toWorkflow(row) : null;
  };

  const publishedByTrigger = new Map<string, PublishedWorkflow[]>();
  /** A write through the group commit that clears the trigger lookups (when it runs, and once committed). */
  const write = async <T>(op: () => T): Promise<T> => {
    try {
      return await writes.write(() => {
        publishedByTrigger.clear();
        return op();
      });
    } finally {
      publishedByTrigger.clear();
    }
  };

  const publish = (id: string): WorkflowVersionRecord | null => {
    const row = byId.get(id) as WorkflowRow | undefined;
    if (!row) return null;
    const draft = JSON.parse(row.draft) as WorkflowDocument;
    const next = row.latest_version + 1;
    const at = new Date().toISOString();
    const trigger = draft.trigger ?? { connector: '', trigger: '', connection: '' };
    insertVersion.run(
      id,
      next,
      row.draft,
      at,
      String(trigger.connector),
      String(trigger.trigger),
      String(trigger.connection),
    );
    setPublished.run(next, next, at, id);
    return { workflowId: id, version: next, document: draft, publishedAt: at };
  };

  return {
    async create(id, draft) {
      const at = new Date().toISOString();
      const text = JSON.stringify(draft);
      try {
        await write(() => insert.run(id, text, at, at));
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError(`Workflow "${id}" already exists.`);
        throw error;
      }
      return get(id)!;
    },
    async get(id) {
      return get(id);
    },
    async list() {
      return (all.all() as WorkflowRow[]).map(toWorkflow);
    },
    async updateDraft(id, draft) {
      const text = JSON.stringify(draft);
      const at = new Date().toISOString();
      return (await write(() => setDraft.run(text, at, id))).changes === 0 ? null : get(id);
    },
    async publish(id) {
      return write(() => publish(id));
    },
    async unpublish(id) {
      const at = new Date().toISOString();
      return (await write(() => setPublished.run(null, null, at, id))).changes === 0 ? null : get(id);
    },
    async delete(id) {
      if ((await write(() => removeDraft.run(id))).changes > 0) return 'deleted';
      return get(id) ? 'published' : 'missing';
    },
    async getVersion(id, n) {
      const row = version.get(id, n) as VersionRow | undefined;
      return row ? toVersion(row) : null;
    },
    async listPublishedForTrigger(connector, trigger, connectionId) {
      const key = `${connectionId}\n${connector}\n${trigger}`;
      let list = publishedByTrigger.get(key);
      if (!list) {
        list = (publishedForTrigger.all(connectionId, connector, trigger) as VersionRow[]).map((row) =>
          deepFreeze(toPublished(row)),
        );
        if (publishedByTrigger.size >= CACHE_LIMIT) publishedByTrigger.clear();
        publishedByTrigger.set(key, list);
      }
      return list.map((w) => ({ ...w }));
    },
    async listPublishedForConnection(connectionId) {
      return (publishedForConnection.all(connectionId) as VersionRow[]).map(toPublished);
    },
  };
}
