/**
 * RunRepository on SQLite. Steps are one JSON column, rewritten by read-modify-write inside the
 * write queue's immediate transaction, so a second process on the file cannot interleave.
 */
import { StoreRecordNotFoundError } from '@wireup/store';
import type { RunQuery, RunRecord, RunStatus, StepError, StepRecord } from '@wireup/store';
import { applyCheckpoint, resetRunForReplay, runPageSize, upsertStep, withStatus } from '@wireup/store';
import { fromJson, toJson, type SqliteDatabase } from './sqlite-database.ts';
import type { WriteQueue } from './sqlite-write-queue.ts';
import type { RunRepository } from '@wireup/store';

type Statement = ReturnType<SqliteDatabase['prepare']>;

interface RunRow {
  id: string;
  workflow_id: string;
  version: number;
  status: RunStatus;
  event: string;
  steps: string;
  error: string | null;
  replays: number;
  test: number;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

function toRecord(row: RunRow): RunRecord {
  const record: RunRecord = {
    id: row.id,
    workflowId: row.workflow_id,
    version: row.version,
    status: row.status,
    event: JSON.parse(row.event) as RunRecord['event'],
    steps: JSON.parse(row.steps) as StepRecord[],
    replays: row.replays,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  const error = fromJson<StepError>(row.error);
  if (error !== undefined) record.error = error;
  if (row.finished_at !== null) record.finishedAt = row.finished_at;
  if (row.test) record.test = true;
  return record;
}

const toParams = (run: RunRecord): Record<string, unknown> => ({
  id: run.id,
  workflowId: run.workflowId,
  version: run.version,
  status: run.status,
  event: JSON.stringify(run.event),
  steps: JSON.stringify(run.steps ?? []),
  error: toJson(run.error),
  replays: run.replays ?? 0,
  test: run.test ? 1 : 0,
  createdAt: run.createdAt,
  updatedAt: run.updatedAt,
  finishedAt: run.finishedAt ?? null,
});

export function createSqliteRunRepository(db: SqliteDatabase, writes: WriteQueue): RunRepository {
  const insert =
    db.prepare(`INSERT INTO runs (id, workflow_id, version, status, event, steps, error, replays, test, created_at, updated_at, finished_at)
    VALUES (@id, @workflowId, @version, @status, @event, @steps, @error, @replays, @test, @createdAt, @updatedAt, @finishedAt) ON CONFLICT (id) DO NOTHING`);
  const byId = db.prepare('SELECT * FROM runs WHERE id = ?');
  const cursorOf = db.prepare('SELECT created_at, id FROM runs WHERE id = ?');
  const replace = db.prepare(`UPDATE runs SET status = @status, steps = @steps, error = @error, replays = @replays,
    updated_at = @updatedAt, finished_at = @finishedAt WHERE id = @id`);
  // One statement per query shape (filters present or not), prepared on first use and kept.
  const listStatements = new Map<string, Statement>();

  const listStatement = (byWorkflow: boolean, byStatus: boolean, paged: boolean, byTest: boolean): Statement => {
    const shape = `${byWorkflow}/${byStatus}/${paged}/${byTest}`;
    let statement = listStatements.get(shape);
    if (!statement) {
      const where = [
        byWorkflow ? 'workflow_id = @workflowId' : '',
        byStatus ? 'status IN (SELECT value FROM json_each(@statuses))' : '',
        paged ? '(created_at, id) < (@beforeCreatedAt, @beforeId)' : '',
        byTest ? 'test = @test' : '',
      ].filter(Boolean);
      statement = db.prepare(
        `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT @limit`,
      );
      listStatements.set(shape, statement);
    }
    return statement;
  };

  const read = (id: string): RunRecord | null => {
    const row = byId.get(id) as RunRow | undefined;
    return row ? toRecord(row) : null;
  };

  const mutate = (
    id: string,
    change: (run: RunRecord) => RunRecord,
    missing: 'throw' | 'null',
    create?: RunRecord,
  ): Promise<RunRecord | null> =>
    writes.write(() => {
      // A new run (RunCheckpoint.create) is inserted first; one that exists already is updated as stored.
      const run = create && insert.run(toParams(create)).changes > 0 ? create : read(id);
      if (!run) {
        if (missing === 'throw') throw new StoreRecordNotFoundError(`Run "${id}" does not exist.`);
        return null;
      }
      const next = change(run);
      replace.run(toParams(next));
      return next;
    });

  return {
    async createIfAbsent(run) {
      const params = toParams(run);
      return writes.write(() => {
        const created = insert.run(params).changes > 0;
        return { created, run: read(run.id)! };
      });
    },
    async get(id) {
      return read(id);
    },
    async list(query: RunQuery) {
      let cursor: { created_at: string; id: string } | undefined;
      if (query.before !== undefined) {
        cursor = cursorOf.get(query.before) as typeof cursor;
        if (!cursor) return [];
      }
      const byStatus = query.status !== undefined && query.status.length > 0;
      const statement = listStatement(
        query.workflowId !== undefined,
        byStatus,
        cursor !== undefined,
        query.test !== undefined,
      );
      const rows = statement.all({
        limit: runPageSize(query.limit),
        ...(query.workflowId !== undefined ? { workflowId: query.workflowId } : {}),
        ...(byStatus ? { statuses: JSON.stringify(query.status) } : {}),
        ...(cursor ? { beforeCreatedAt: cursor.created_at, beforeId: cursor.id } : {}),
        ...(query.test !== undefined ? { test: query.test ? 1 : 0 } : {}),
      }) as RunRow[];
      return rows.map(toRecord);
    },
    async saveStep(runId, step) {
      const at = new Date().toISOString();
      await mutate(runId, (run) => ({ ...run, steps: upsertStep(run.steps, step), updatedAt: at }), 'throw');
    },
    async setStatus(runId, status, fields) {
      const at = new Date().toISOString();
      await mutate(runId, (run) => withStatus(run, status, fields, at), 'throw');
    },
    async resetForReplay(runId) {
      const at = new Date().toISOString();
      return mutate(runId, (run) => resetRunForReplay(run, at), 'null');
    },
    async checkpoint(runId, update) {
      const at = new Date().toISOString();
      await mutate(runId, (run) => applyCheckpoint(run, update, at), 'throw', update.create);
    },
  };
}
