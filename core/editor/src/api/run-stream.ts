/**
 * Live run updates: `GET /v1/runs/stream` (server-sent events) through the browser's
 * EventSource, which sends the session cookie and reconnects by itself. Each `run` event is a
 * changed run as the list shows it (no steps); `ready` (on every (re)connection) and `reset`
 * (the server dropped changes for a slow client) both mean: read the current state again.
 */
import type { Run } from './types.ts';

export interface RunStreamHandlers {
  /** A run changed (created, a step finished, finished, reset for replay). */
  run(run: Run): void;
  /** (Re)connected, or changes were dropped: read the list or run again. */
  resync(): void;
  /** Live or not (the browser retries while it is not). */
  live?(live: boolean): void;
  /** The server refused the stream (signed out, session expired, too many streams): the browser gives up. */
  closed?(): void;
}

/** Follows run changes (of one workflow, or one run); returns a function that stops. */
export function watchRuns(filter: { workflow?: string; run?: string }, handlers: RunStreamHandlers): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const params = new URLSearchParams();
  if (filter.workflow) params.set('workflow', filter.workflow);
  if (filter.run) params.set('run', filter.run);
  const source = new EventSource(`/v1/runs/stream${params.size ? `?${params}` : ''}`, { withCredentials: true });
  source.addEventListener('ready', () => {
    handlers.live?.(true);
    handlers.resync();
  });
  source.addEventListener('reset', () => handlers.resync());
  source.addEventListener('run', (event) => {
    try {
      handlers.run(JSON.parse((event as MessageEvent<string>).data) as Run);
    } catch {
      /* a malformed event is skipped; the next resync corrects */
    }
  });
  source.addEventListener('error', () => {
    handlers.live?.(false);
    if (source.readyState === EventSource.CLOSED) handlers.closed?.();
  });
  return () => source.close();
}
