/**
 * The bus messages the engine publishes and consumes, and the ids derived for them. Messages
 * carry keys only: the records they point at are in the store, so a redelivered message always
 * sees the current state.
 */
import { createHash } from 'node:crypto';

/** Topic `events`, keyed by the event key: an accepted event waiting to be routed. */
export interface EventMessage {
  key: string;
}

/** Topic `runs`, keyed by workflow id and lane (see `runKeyOf`): a run to execute (or resume). */
export interface RunMessage {
  runId: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The bus key of a run: its workflow id, plus a lane picked from the run id when the workflow has
 * more than one lane. A run always maps to the same lane, so its redeliveries and replays queue
 * behind each other.
 */
export function runKeyOf(workflowId: string, runId: string, lanes: number): string {
  if (lanes <= 1) return workflowId;
  return `${workflowId}#${Number.parseInt(sha256(runId).slice(0, 8), 16) % lanes}`;
}

/** The dedupe key of a provider event: `<connectionId>:<provider event id>`. */
export function eventKeyOf(connectionId: string, providerEventId: string): string {
  return `${connectionId}:${providerEventId}`;
}

/** The event type of items found by a polling trigger: `<connector>.<trigger>` (e.g. `feed.new-item`). */
export function pollEventTypeOf(connector: string, trigger: string): string {
  return `${connector}.${trigger}`;
}

/**
 * The dedupe key of an item found by a polling trigger: `<connectionId>:<connector>.<trigger>:<item id>`.
 * The trigger is part of it so two triggers polling the same records (new, updated) each fire.
 */
export function pollEventKeyOf(connectionId: string, eventType: string, itemId: string): string {
  return `${connectionId}:${eventType}:${itemId}`;
}

/** The Store kv key of a polling trigger's state (cursor and phase) for one connection. */
export function pollStateKeyOf(connectionId: string, eventType: string): string {
  return `poll-cursor:${connectionId}:${eventType}`;
}

/** The one run id of a workflow for an event, so routing twice creates one run. */
export function runIdOf(workflowId: string, eventKey: string): string {
  return `run_${sha256(`${workflowId}\n${eventKey}`).slice(0, 32)}`;
}

/** The idempotency key of an action step, stable across retries, redeliveries and replays. */
export function idempotencyKeyOf(runId: string, stepId: string): string {
  return `wireup-${sha256(`${runId}\n${stepId}`).slice(0, 40)}`;
}
