/**
 * The bus messages the engine publishes and consumes, and the ids derived for them. Each
 * message carries what the next stage needs, so that stage reads nothing it was handed: the
 * router gets the event itself, the executor the run's input (the trigger's payload and the
 * pinned workflow version). What changes as a run goes (its steps, its status) is read from the
 * store, so a redelivered run message still sees the run's current state.
 */
import { createHash } from 'node:crypto';
import type { EventRecord, RunRecord } from '@wireup/store';

/**
 * Topic `events`, keyed by the event key: an accepted event waiting to be routed, carried
 * whole (the store's record without its status). A message of an older Wireup carries only
 * `key`: the router then reads the event.
 */
export interface EventMessage {
  key: string;
  connectionId?: string;
  connector?: string;
  providerEventId?: string;
  type?: string;
  payload?: unknown;
  receivedAt?: string;
  /**
   * Set when this message was published by the intake that stored the event for the first time:
   * no other message of this event was published before it. (A duplicate delivery of an event
   * still `received` publishes it again, without the flag.)
   */
  fresh?: boolean;
}

/**
 * Topic `runs`, keyed by workflow id and lane (see `runKeyOf`): a run to execute (or resume).
 * A new run's message carries its input: the pinned workflow version, the event it runs for and
 * that event's payload (`trigger`); the run record is created by its first write. A resumed or
 * replayed run's message (and an older Wireup's) carries only `runId`: the executor then reads
 * the run and its event.
 */
export interface RunMessage {
  runId: string;
  workflowId?: string;
  version?: number;
  event?: RunRecord['event'];
  /** The event's payload: what templates read as `trigger`. */
  trigger?: unknown;
  /** When the run was routed (the run's createdAt). */
  createdAt?: string;
  /**
   * Set by the router when it routed a `fresh` event message on its first delivery: then no
   * request for this run was published before, so the run cannot have been started, and the
   * executor, also on its first delivery of this request, skips reading the run.
   */
  fresh?: boolean;
}

/** The `events` message of an accepted event (`fresh`: see EventMessage). */
export function eventMessageOf(event: EventRecord, fresh = false): EventMessage {
  return {
    ...(fresh ? { fresh } : {}),
    key: event.key,
    connectionId: event.connectionId,
    connector: event.connector,
    providerEventId: event.providerEventId,
    type: event.type,
    payload: event.payload,
    receivedAt: event.receivedAt,
  };
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
