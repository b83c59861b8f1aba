/**
 * RunRepository on MongoDB. A run is one document whose steps are a JSON string; updates are
 * read-modify-write guarded by a revision number (compare-and-set with `replaceOne`), retried
 * on a lost race. Positional (`steps.$`) and pipeline updates would avoid the read, but
 * MongoDB-compatible servers such as FerretDB 1.x do not support them.
 */
import {
  StoreConflictError, StoreRecordNotFoundError, resetRunForReplay, runPageSize, upsertStep, withStatus,
  type RunQuery, type RunRecord, type RunRepository, type RunStatus, type StepError, type StepRecord,
} from '@wireup/store';
import type { Filter } from 'mongodb';
import { collections, fromJson, isDuplicateKey, toJson, type DbRef } from './mongo-database.ts';

interface RunDoc {
  _id: string;
  rev: number;
  workflowId: string;
  version: number;
  status: RunStatus;
  event: RunRecord['event'];
  steps: string;
  error?: string;
  replays: number;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

const MAX_UPDATE_ATTEMPTS = 50;

function toRecord(doc: RunDoc): RunRecord {
  const record: RunRecord = {
    id: doc._id, workflowId: doc.workflowId, version: doc.version, status: doc.status,
    event: { key: doc.event.key, id: doc.event.id, type: doc.event.type },
    steps: fromJson<StepRecord[]>(doc.steps), replays: doc.replays, createdAt: doc.createdAt, updatedAt: doc.updatedAt,
  };
  if (doc.error !== undefined && doc.error !== null) record.error = fromJson<StepError>(doc.error);
  if (doc.finishedAt !== undefined && doc.finishedAt !== null) record.finishedAt = doc.finishedAt;
  return record;
}

function toDoc(run: RunRecord, rev: number): RunDoc {
  const doc: RunDoc = {
    _id: run.id, rev, workflowId: run.workflowId, version: run.version, status: run.status,
    event: { key: run.event.key, id: run.event.id, type: run.event.type }, steps: toJson(run.steps ?? []),
    replays: run.replays ?? 0, createdAt: run.createdAt, updatedAt: run.updatedAt,
  };
  if (run.error !== undefined) doc.error = toJson(run.error);
  if (run.finishedAt !== undefined) doc.finishedAt = run.finishedAt;
  return doc;
}

export function createMongoRunRepository(db: DbRef): RunRepository {
  const col = () => db().collection<RunDoc>(collections.runs);
  const get = async (id: string): Promise<RunRecord | null> => {
    const doc = await col().findOne({ _id: id });
    return doc ? toRecord(doc) : null;
  };

  async function mutate(id: string, change: (run: RunRecord) => RunRecord, missing: 'throw' | 'null'): Promise<RunRecord | null> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt += 1) {
      const doc = await col().findOne({ _id: id });
      if (!doc) {
        if (missing === 'throw') throw new StoreRecordNotFoundError(`Run "${id}" does not exist.`);
        return null;
      }
      const next = change(toRecord(doc));
      const { matchedCount } = await col().replaceOne({ _id: id, rev: doc.rev }, toDoc(next, doc.rev + 1));
      if (matchedCount === 1) return next;
    }
    throw new StoreConflictError(`Run "${id}" kept changing under this update; try again.`);
  }

  return {
    async createIfAbsent(run) {
      try {
        await col().insertOne(toDoc(run, 0));
        return { created: true, run: (await get(run.id))! };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return { created: false, run: (await get(run.id))! };
      }
    },
    get,
    async list(query: RunQuery) {
      const filter: Filter<RunDoc> = {};
      if (query.workflowId !== undefined) filter.workflowId = query.workflowId;
      if (query.status !== undefined && query.status.length > 0) filter.status = { $in: query.status };
      if (query.before !== undefined) {
        const cursor = await col().findOne({ _id: query.before }, { projection: { createdAt: 1 } });
        if (!cursor) return [];
        filter.$or = [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, _id: { $lt: query.before } }];
      }
      const docs = await col().find(filter).sort({ createdAt: -1, _id: -1 }).limit(runPageSize(query.limit)).toArray();
      return docs.map(toRecord);
    },
    async saveStep(runId, step) {
      const at = new Date().toISOString();
      await mutate(runId, (run) => ({ ...run, steps: upsertStep(run.steps, fromJson<StepRecord>(toJson(step))), updatedAt: at }), 'throw');
    },
    async setStatus(runId, status, fields) {
      await mutate(runId, (run) => withStatus(run, status, fields, new Date().toISOString()), 'throw');
    },
    resetForReplay(runId) {
      return mutate(runId, (run) => resetRunForReplay(run, new Date().toISOString()), 'null');
    },
  };
}
