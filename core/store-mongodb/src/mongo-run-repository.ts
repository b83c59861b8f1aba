/**
 * RunRepository on MongoDB. A run is one document whose steps are a JSON string; updates are
 * read-modify-write guarded by a revision number (compare-and-set with `replaceOne`), retried
 * on a lost race. Positional (`steps.$`) and pipeline updates would avoid the read, but
 * MongoDB-compatible servers such as FerretDB 1.x do not support them.
 *
 * Hot-path economy (a new run is read once by its executor, found absent, and created by its
 * first checkpoint, `RunCheckpoint.create`): creates are batched (insert-batcher.ts) and answer
 * from the inserted document; the last revision this
 * process read or wrote of each recent unfinished run is kept, so a checkpoint right after `get`
 * writes without reading again; a stale revision fails the compare-and-set and is read afresh.
 * Updates of one run are serialised in this process. On FerretDB the filter is `_id` alone (see
 * server-traits.ts), so there nothing is remembered and every update reads the run first.
 */
import {
  StoreConflictError,
  StoreRecordNotFoundError,
  applyCheckpoint,
  resetRunForReplay,
  runPageSize,
  upsertStep,
  withStatus,
  type RunCheckpoint,
  type RunQuery,
  type RunRecord,
  type RunRepository,
  type RunStatus,
  type StepError,
  type StepRecord,
} from '@wireup/store';
import type { Filter } from 'mongodb';
import { collections, fromJson, toJson, type DbRef } from './mongo-database.ts';
import { createInsertBatcher } from './insert-batcher.ts';
import { createKeyedSerial } from './keyed-serial.ts';
import type { ServerTraits } from './server-traits.ts';

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
  test?: boolean;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

const MAX_UPDATE_ATTEMPTS = 50;
/** How many recently read or written unfinished runs keep their last known revision in memory. */
const KNOWN_RUNS = 2000;
const finished: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'filtered']);

function toRecord(doc: RunDoc): RunRecord {
  const record: RunRecord = {
    id: doc._id,
    workflowId: doc.workflowId,
    version: doc.version,
    status: doc.status,
    event: { key: doc.event.key, id: doc.event.id, type: doc.event.type },
    steps: fromJson<StepRecord[]>(doc.steps),
    replays: doc.replays,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
  if (doc.error !== undefined && doc.error !== null) record.error = fromJson<StepError>(doc.error);
  if (doc.finishedAt !== undefined && doc.finishedAt !== null) record.finishedAt = doc.finishedAt;
  if (doc.test) record.test = true;
  return record;
}

function toDoc(run: RunRecord, rev: number): RunDoc {
  const doc: RunDoc = {
    _id: run.id,
    rev,
    workflowId: run.workflowId,
    version: run.version,
    status: run.status,
    event: { key: run.event.key, id: run.event.id, type: run.event.type },
    steps: toJson(run.steps ?? []),
    replays: run.replays ?? 0,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  };
  if (run.error !== undefined) doc.error = toJson(run.error);
  if (run.finishedAt !== undefined) doc.finishedAt = run.finishedAt;
  if (run.test) doc.test = true;
  return doc;
}

export function createMongoRunRepository(db: DbRef, traits: ServerTraits): RunRepository {
  const col = () => db().collection<RunDoc>(collections.runs);
  const insert = createInsertBatcher(col);
  const serial = createKeyedSerial();
  const known = new Map<string, RunDoc>();
  const remember = (doc: RunDoc): void => {
    known.delete(doc._id);
    // Only a compare-and-set can use a remembered revision (not on FerretDB), and only an
    // unfinished run is updated again.
    if (traits.scansUnlessFilterIsIdAlone || finished.has(doc.status)) return;
    if (known.size >= KNOWN_RUNS) known.delete(known.keys().next().value!);
    known.set(doc._id, doc);
  };
  const read = async (id: string): Promise<RunDoc | null> => {
    const doc = await col().findOne({ _id: id });
    if (doc) remember(doc);
    else known.delete(id);
    return doc;
  };
  const get = async (id: string): Promise<RunRecord | null> => {
    const doc = await read(id);
    return doc ? toRecord(doc) : null;
  };

  const mutate = (
    id: string,
    change: (run: RunRecord) => RunRecord,
    missing: 'throw' | 'null',
    create?: RunRecord,
  ): Promise<RunRecord | null> =>
    serial(id, async () => {
      if (create) {
        // A new run (RunCheckpoint.create): one batched insert of the updated run, no read. When it
        // exists already (a redelivery raced this one), it is updated as stored below.
        const next = change(create);
        const nextDoc = toDoc(next, 0);
        if ((await insert(nextDoc)) === 'inserted') {
          remember(nextDoc);
          return next;
        }
      }
      // Without a compare-and-set (FerretDB) a remembered revision could hide another process's write: read it.
      let doc = (traits.scansUnlessFilterIsIdAlone ? undefined : known.get(id)) ?? (await read(id));
      for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt += 1) {
        if (!doc) {
          if (missing === 'throw') throw new StoreRecordNotFoundError(`Run "${id}" does not exist.`);
          return null;
        }
        const next = change(toRecord(doc));
        const nextDoc = toDoc(next, doc.rev + 1);
        const filter = traits.scansUnlessFilterIsIdAlone ? { _id: id } : { _id: id, rev: doc.rev };
        const { matchedCount } = await col().replaceOne(filter, nextDoc);
        if (matchedCount === 1) {
          remember(nextDoc);
          return next;
        }
        doc = await read(id);
      }
      throw new StoreConflictError(`Run "${id}" kept changing under this update; try again.`);
    });

  return {
    async createIfAbsent(run) {
      const doc = toDoc(run, 0);
      if ((await insert(doc)) === 'duplicate') return { created: false, run: (await get(run.id))! };
      remember(doc);
      return { created: true, run: toRecord(doc) };
    },
    get,
    async list(query: RunQuery) {
      const filter: Filter<RunDoc> = {};
      if (query.workflowId !== undefined) filter.workflowId = query.workflowId;
      if (query.status !== undefined && query.status.length > 0) filter.status = { $in: query.status };
      // Runs written before test runs existed have no field: they are not tests.
      if (query.test !== undefined) filter.test = query.test ? true : { $ne: true };
      if (query.before !== undefined) {
        const cursor = await col().findOne({ _id: query.before }, { projection: { createdAt: 1 } });
        if (!cursor) return [];
        filter.$or = [
          { createdAt: { $lt: cursor.createdAt } },
          { createdAt: cursor.createdAt, _id: { $lt: query.before } },
        ];
      }
      const docs = await col().find(filter).sort({ createdAt: -1, _id: -1 }).limit(runPageSize(query.limit)).toArray();
      return docs.map(toRecord);
    },
    async saveStep(runId, step) {
      const at = new Date().toISOString();
      await mutate(
        runId,
        (run) => ({ ...run, steps: upsertStep(run.steps, fromJson<StepRecord>(toJson(step))), updatedAt: at }),
        'throw',
      );
    },
    async setStatus(runId, status, fields) {
      await mutate(runId, (run) => withStatus(run, status, fields, new Date().toISOString()), 'throw');
    },
    resetForReplay(runId) {
      return mutate(runId, (run) => resetRunForReplay(run, new Date().toISOString()), 'null');
    },
    async checkpoint(runId, update) {
      const { create, ...rest } = update;
      await mutate(
        runId,
        (run) => applyCheckpoint(run, fromJson<RunCheckpoint>(toJson(rest)), new Date().toISOString()),
        'throw',
        create,
      );
    },
  };
}
