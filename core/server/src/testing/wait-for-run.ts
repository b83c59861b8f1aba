/**
 * The one way e2e tests wait for a run: poll `GET /v1/runs?workflow=…` (as a user would) until
 * a run of the workflow matches, then answer it in full (`GET /v1/runs/:id`, with its steps).
 */
import type { RunStatus } from '@wireup/store';
import { callApi, eventually, type Harness } from './harness.ts';

/** Where runs are read: an in-process harness, or the base URL of a spawned server. */
export type RunSource = Pick<Harness, 'api'> | string;

export interface WaitForRunOptions {
  /** The run of this provider event (`run.event.id`); any run of the workflow when absent. */
  eventId?: string;
  /** The statuses waited for; default a finished run (succeeded, failed or filtered). */
  status?: RunStatus | readonly RunStatus[];
  /** Default 15 s. */
  timeoutMs?: number;
}

const finished: readonly RunStatus[] = ['succeeded', 'failed', 'filtered'];

/** Waits for a run of `workflowId` matching `options`; returns the run with its steps. Throws after `timeoutMs`. */
export async function waitForRun(source: RunSource, workflowId: string, options: WaitForRunOptions = {}): Promise<any> {
  const api = typeof source === 'string' ? (method: string, path: string) => callApi(source, method, path) : source.api;
  const statuses: readonly RunStatus[] =
    options.status === undefined ? finished : typeof options.status === 'string' ? [options.status] : options.status;
  const what = `a ${statuses.join('/')} run of workflow ${workflowId}${options.eventId ? ` for event ${options.eventId}` : ''}`;
  return eventually(
    async () => {
      const runs: Array<{ id: string; status: RunStatus; event?: { id: string } }> = (
        await api('GET', `/v1/runs?workflow=${workflowId}&limit=100`)
      ).body.data;
      const run = runs.find(
        (r) => statuses.includes(r.status) && (options.eventId === undefined || r.event?.id === options.eventId),
      );
      return run ? (await api('GET', `/v1/runs/${run.id}`)).body : undefined;
    },
    options.timeoutMs ?? 15_000,
    what,
  );
}
