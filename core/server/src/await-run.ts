/**
 * Waiting for a run to finish inside a request (test runs and step tests answer their result):
 * the store is read every few milliseconds until the run is finished or the wait is over. The
 * run goes through the bus, so the executor may be in another process (role `worker`).
 */
import type { RunRecord, Store } from '@wireup/store';

const finished = new Set(['succeeded', 'failed', 'filtered']);
const POLL_MS = 25;

/** Whether a run has ended (succeeded, failed, filtered). */
export const isFinished = (run: RunRecord): boolean => finished.has(run.status);

/**
 * The run once finished, or as it stands after `waitMs` (or when `signal` aborts, e.g. the
 * client went away). Bounded: at most `waitMs / 25` reads.
 */
export async function awaitRun(store: Store, run: RunRecord, waitMs: number, signal?: AbortSignal): Promise<RunRecord> {
  const deadline = Date.now() + waitMs;
  let current = run;
  while (!isFinished(current) && Date.now() < deadline && !signal?.aborted) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
    current = (await store.runs.get(run.id)) ?? current;
  }
  return current;
}
