/**
 * Pure run-record transitions shared by every Store adapter, so SQLite, MongoDB and the
 * in-memory store apply the port's rules (step upsert order, replay reset) identically.
 */
import type { RunCheckpoint, RunRecord, RunStatus, StepError, StepRecord } from './records.ts';
import type { RunRepository } from './store.ts';

/** Default page size of `runs.list` when the query gives no limit. */
export const DEFAULT_RUN_PAGE_SIZE = 50;
/** Largest page `runs.list` returns, whatever the query asks. */
export const MAX_RUN_PAGE_SIZE = 500;

/** The page size a run query asks for, clamped to 1..MAX_RUN_PAGE_SIZE. */
export function runPageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_RUN_PAGE_SIZE;
  return Math.min(MAX_RUN_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

/** Replaces the step with the same id in place, or appends it: a step keeps the position of its first save. */
export function upsertStep(steps: readonly StepRecord[], step: StepRecord): StepRecord[] {
  const index = steps.findIndex((s) => s.id === step.id);
  if (index === -1) return [...steps, step];
  const next = [...steps];
  next[index] = step;
  return next;
}

/** The run after `setStatus`: `null` clears error/finishedAt, `undefined` keeps them. */
export function withStatus(
  run: RunRecord,
  status: RunStatus,
  fields: { error?: StepError | null; finishedAt?: string | null } | undefined,
  now: string,
): RunRecord {
  const next: RunRecord = { ...run, status, updatedAt: now };
  if (fields?.error === null) delete next.error;
  else if (fields?.error !== undefined) next.error = fields.error;
  if (fields?.finishedAt === null) delete next.finishedAt;
  else if (fields?.finishedAt !== undefined) next.finishedAt = fields.finishedAt;
  return next;
}

/** The run after `checkpoint`: each step upserted in order, then the status when one is given. */
export function applyCheckpoint(run: RunRecord, update: RunCheckpoint, now: string): RunRecord {
  let steps = run.steps;
  for (const step of update.steps) steps = upsertStep(steps, step);
  const next: RunRecord = { ...run, steps, updatedAt: now };
  return update.status === undefined
    ? next
    : withStatus(next, update.status, { error: update.error, finishedAt: update.finishedAt }, now);
}

/**
 * Writes a checkpoint with the adapter's atomic `checkpoint` when it has one, else as the
 * sequence of `createIfAbsent` (with `create`), `saveStep` calls and a final `setStatus` that it stands for.
 */
export async function checkpointRun(runs: RunRepository, runId: string, update: RunCheckpoint): Promise<void> {
  if (runs.checkpoint) return runs.checkpoint(runId, update);
  if (update.create) await runs.createIfAbsent(update.create);
  for (const step of update.steps) await runs.saveStep(runId, step);
  if (update.status === undefined) return;
  const fields: { error?: StepError | null; finishedAt?: string | null } = {};
  if (update.error !== undefined) fields.error = update.error;
  if (update.finishedAt !== undefined) fields.finishedAt = update.finishedAt;
  await runs.setStatus(runId, update.status, fields);
}

/** The run after `resetForReplay`: failed and skipped steps removed, replays+1, queued, no error or finishedAt. */
export function resetRunForReplay(run: RunRecord, now: string): RunRecord {
  const next: RunRecord = {
    ...run,
    steps: run.steps.filter((s) => s.status !== 'failed' && s.status !== 'skipped'),
    replays: run.replays + 1,
    status: 'queued',
    updatedAt: now,
  };
  delete next.error;
  delete next.finishedAt;
  return next;
}

/** Sort order of `runs.list`: newest first by createdAt, then id descending. */
export function compareRunsNewestFirst(
  a: Pick<RunRecord, 'createdAt' | 'id'>,
  b: Pick<RunRecord, 'createdAt' | 'id'>,
): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}
