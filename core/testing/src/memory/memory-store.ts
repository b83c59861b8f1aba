/**
 * An in-memory Store for tests: every rule of the Store port (unique keys, idempotent run
 * creation, immutable published versions, keyset paging), nothing durable. Records are
 * copied in and out through JSON, as a real database would, so callers never share objects
 * with the store.
 */
import {
  StoreConflictError,
  StoreRecordNotFoundError,
  compareRunsNewestFirst,
  resetRunForReplay,
  runPageSize,
  upsertStep,
  withStatus,
} from '@wireup/store';
import type {
  ConnectionRecord,
  ConnectionRepository,
  DeadLetterRecord,
  DeadLetterRepository,
  EventRecord,
  EventRepository,
  KeyValueRepository,
  PublishedWorkflow,
  RunRecord,
  RunRepository,
  Store,
  WorkflowRecord,
  WorkflowRepository,
  WorkflowVersionRecord,
} from '@wireup/store';

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const now = (): string => new Date().toISOString();

function createConnections(): ConnectionRepository {
  const rows = new Map<string, ConnectionRecord>();
  return {
    async create(record) {
      if (rows.has(record.id)) throw new StoreConflictError(`Connection "${record.id}" already exists.`);
      for (const row of rows.values()) {
        if (row.webhookToken === record.webhookToken)
          throw new StoreConflictError('Another connection has this webhook token.');
      }
      rows.set(record.id, copy(record));
      return copy(record);
    },
    async get(id) {
      return copy(rows.get(id) ?? null);
    },
    async getByWebhookToken(token) {
      for (const row of rows.values()) if (row.webhookToken === token) return copy(row);
      return null;
    },
    async list() {
      return copy(
        [...rows.values()].sort((a, b) =>
          a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
        ),
      );
    },
    async update(id, patch) {
      const row = rows.get(id);
      if (!row) return null;
      const next: ConnectionRecord = { ...row, updatedAt: now() };
      if (patch.name !== undefined) next.name = patch.name;
      if (patch.authCiphertext !== undefined) next.authCiphertext = patch.authCiphertext;
      if (patch.publicAuth !== undefined) next.publicAuth = copy(patch.publicAuth);
      rows.set(id, next);
      return copy(next);
    },
    async delete(id) {
      return rows.delete(id);
    },
  };
}

function createWorkflows(): WorkflowRepository {
  const rows = new Map<string, WorkflowRecord>();
  const versions = new Map<string, WorkflowVersionRecord>();
  const versionKey = (id: string, version: number): string => `${id}@${version}`;
  const published = (match: (w: PublishedWorkflow) => boolean): PublishedWorkflow[] => {
    const out: PublishedWorkflow[] = [];
    for (const row of [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (row.publishedVersion === null) continue;
      const version = versions.get(versionKey(row.id, row.publishedVersion));
      if (!version) continue;
      const candidate = { workflowId: row.id, version: version.version, document: version.document };
      if (match(candidate)) out.push(copy(candidate));
    }
    return out;
  };
  return {
    async create(id, draft) {
      if (rows.has(id)) throw new StoreConflictError(`Workflow "${id}" already exists.`);
      const at = now();
      const record: WorkflowRecord = {
        id,
        draft: copy(draft),
        publishedVersion: null,
        latestVersion: 0,
        createdAt: at,
        updatedAt: at,
      };
      rows.set(id, record);
      return copy(record);
    },
    async get(id) {
      return copy(rows.get(id) ?? null);
    },
    async list() {
      return copy(
        [...rows.values()].sort((a, b) =>
          a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
        ),
      );
    },
    async updateDraft(id, draft) {
      const row = rows.get(id);
      if (!row) return null;
      const next = { ...row, draft: copy(draft), updatedAt: now() };
      rows.set(id, next);
      return copy(next);
    },
    async publish(id) {
      const row = rows.get(id);
      if (!row) return null;
      const at = now();
      const version: WorkflowVersionRecord = {
        workflowId: id,
        version: row.latestVersion + 1,
        document: copy(row.draft),
        publishedAt: at,
      };
      versions.set(versionKey(id, version.version), version);
      rows.set(id, { ...row, publishedVersion: version.version, latestVersion: version.version, updatedAt: at });
      return copy(version);
    },
    async unpublish(id) {
      const row = rows.get(id);
      if (!row) return null;
      const next = { ...row, publishedVersion: null, updatedAt: now() };
      rows.set(id, next);
      return copy(next);
    },
    async delete(id) {
      const row = rows.get(id);
      if (!row) return 'missing';
      if (row.publishedVersion !== null) return 'published';
      rows.delete(id);
      return 'deleted';
    },
    async getVersion(id, version) {
      return copy(versions.get(versionKey(id, version)) ?? null);
    },
    async listPublishedForTrigger(connector, trigger, connectionId) {
      return published(
        ({ document: { trigger: t } }) =>
          t.connector === connector && t.trigger === trigger && t.connection === connectionId,
      );
    },
    async listPublishedForConnection(connectionId) {
      return published(({ document }) => document.trigger.connection === connectionId);
    },
  };
}

function createEvents(): EventRepository {
  const rows = new Map<string, EventRecord>();
  return {
    async accept(record) {
      const existing = rows.get(record.key);
      if (existing) return { isNew: false, record: copy(existing) };
      rows.set(record.key, copy(record));
      return { isNew: true, record: copy(record) };
    },
    async get(key) {
      return copy(rows.get(key) ?? null);
    },
    async markRouted(key) {
      const row = rows.get(key);
      if (row) rows.set(key, { ...row, status: 'routed' });
    },
    async listUnrouted(limit) {
      // Map iteration is insertion order, so equal receivedAt values keep acceptance order.
      const unrouted = [...rows.values()].filter((r) => r.status === 'received');
      return copy(
        unrouted
          .sort((a, b) => (a.receivedAt === b.receivedAt ? 0 : a.receivedAt < b.receivedAt ? -1 : 1))
          .slice(0, Math.max(0, limit)),
      );
    },
  };
}

function createRuns(): RunRepository {
  const rows = new Map<string, RunRecord>();
  const mustGet = (id: string): RunRecord => {
    const row = rows.get(id);
    if (!row) throw new StoreRecordNotFoundError(`Run "${id}" does not exist.`);
    return row;
  };
  return {
    async createIfAbsent(run) {
      const existing = rows.get(run.id);
      if (existing) return { created: false, run: copy(existing) };
      rows.set(run.id, copy(run));
      return { created: true, run: copy(run) };
    },
    async get(id) {
      return copy(rows.get(id) ?? null);
    },
    async list(query) {
      const cursor = query.before === undefined ? undefined : rows.get(query.before);
      if (query.before !== undefined && !cursor) return [];
      const statuses = query.status && query.status.length > 0 ? new Set(query.status) : null;
      const matching = [...rows.values()].filter(
        (r) =>
          (query.workflowId === undefined || r.workflowId === query.workflowId) &&
          (statuses === null || statuses.has(r.status)) &&
          (query.test === undefined || Boolean(r.test) === query.test) &&
          (cursor === undefined || compareRunsNewestFirst(r, cursor) > 0),
      );
      return copy(matching.sort(compareRunsNewestFirst).slice(0, runPageSize(query.limit)));
    },
    async saveStep(runId, step) {
      const run = mustGet(runId);
      rows.set(runId, { ...run, steps: upsertStep(run.steps, copy(step)), updatedAt: now() });
    },
    async setStatus(runId, status, fields) {
      rows.set(runId, withStatus(mustGet(runId), status, copy(fields), now()));
    },
    async resetForReplay(runId) {
      const run = rows.get(runId);
      if (!run) return null;
      const next = resetRunForReplay(run, now());
      rows.set(runId, next);
      return copy(next);
    },
  };
}

function createKeyValues(): KeyValueRepository {
  const rows = new Map<string, unknown>();
  return {
    async get<T>(key: string) {
      return rows.has(key) ? copy(rows.get(key) as T) : null;
    },
    async set(key, value) {
      rows.set(key, copy(value ?? null));
    },
    async delete(key) {
      rows.delete(key);
    },
    async setIfAbsent<T>(key: string, value: T) {
      if (!rows.has(key)) rows.set(key, copy(value ?? null));
      return copy(rows.get(key) as T);
    },
  };
}

function createDeadLetters(): DeadLetterRepository {
  const rows = new Map<string, DeadLetterRecord>();
  return {
    async add(record) {
      if (!rows.has(record.id)) rows.set(record.id, copy(record));
    },
    async get(id) {
      return copy(rows.get(id) ?? null);
    },
    async list(query) {
      const ids = [...rows.keys()]
        .filter((id) => query.before === undefined || id < query.before)
        .sort()
        .reverse();
      return copy(ids.slice(0, runPageSize(query.limit)).map((id) => rows.get(id)!));
    },
    async delete(id) {
      return rows.delete(id);
    },
  };
}

/** Creates an empty in-memory Store. `start` and `stop` do nothing; data lives as long as the object. */
export function createMemoryStore(): Store {
  return {
    connections: createConnections(),
    workflows: createWorkflows(),
    events: createEvents(),
    runs: createRuns(),
    kv: createKeyValues(),
    deadLetters: createDeadLetters(),
    async start() {},
    async stop() {},
  };
}
