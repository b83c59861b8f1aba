/**
 * The records the Store keeps. Plain JSON-able objects; dates are ISO-8601 strings so every
 * adapter stores and returns them the same way.
 */

/** A workflow document (docs/architecture.md, "What it is"; its schema is core/engine/src/workflow-schema.ts). Validated by core/engine. */
export interface WorkflowDocument {
  name: string;
  trigger: { connector: string; trigger: string; connection: string };
  steps: unknown[];
  [extra: string]: unknown;
}

export interface ConnectionRecord {
  id: string;
  connector: string;
  name: string;
  /** AES-256-GCM ciphertext of the whole auth object (core/server's secret box). */
  authCiphertext: string;
  /** The auth fields that are not secret (e.g. Kustomer's baseUrl), safe to return. */
  publicAuth: Record<string, string>;
  /** Unguessable path segment of this connection's webhook URLs. Unique. */
  webhookToken: string;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowRecord {
  id: string;
  /** The editable draft. Publishing copies it into an immutable version. */
  draft: WorkflowDocument;
  /** The version that runs, or null when unpublished. */
  publishedVersion: number | null;
  /** Highest version number ever published (0 when never). */
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowVersionRecord {
  workflowId: string;
  version: number;
  document: WorkflowDocument;
  publishedAt: string;
}

/** A published workflow version that a trigger fires. */
export interface PublishedWorkflow {
  workflowId: string;
  version: number;
  document: WorkflowDocument;
}

export type EventStatus = 'received' | 'routed';

/** A provider event accepted at ingress. `key` is the dedupe key: `<connectionId>:<provider event id>`. */
export interface EventRecord {
  key: string;
  connectionId: string;
  connector: string;
  providerEventId: string;
  type: string;
  payload: unknown;
  status: EventStatus;
  receivedAt: string;
}

/**
 * `waiting`: parked until a provider's requested wait is over (its waiting step says until when,
 * `retryAt`); it holds no executor slot and resumes through the bus.
 */
export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'filtered';
/** Every run status, in the order a run goes through them. */
export const runStatuses: readonly RunStatus[] = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'filtered'];
/** `waiting`: an action whose next attempt is due at `retryAt` (its run is parked). */
export type StepStatus = 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped';

export interface StepError {
  code: string;
  message: string;
  retriable: boolean;
  details?: unknown;
}

export interface StepRecord {
  id: string;
  type: string;
  status: StepStatus;
  input?: unknown;
  output?: unknown;
  error?: StepError;
  attempts: number;
  /** When a waiting step's next attempt is due (ISO-8601). */
  retryAt?: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  /** What the step wrote to its log: a code step's console lines, an AI step's model and token usage. */
  logs?: string[];
}

export interface RunRecord {
  /** Deterministic: derived from workflow id and event key, so routing twice creates one run. */
  id: string;
  workflowId: string;
  version: number;
  status: RunStatus;
  event: { key: string; id: string; type: string };
  steps: StepRecord[];
  error?: StepError;
  /** How many times the run was replayed. */
  replays: number;
  /**
   * A test run (POST /v1/workflows/:id/test, step tests): started by a user, not by the provider.
   * It runs like any other run, real actions included; `version` 0 means the draft as it was then.
   */
  test?: boolean;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

/** Steps and status written to a run together (RunRepository.checkpoint). */
export interface RunCheckpoint {
  /** Saved in order, each as `saveStep` would (a step keeps the position of its first save). */
  steps: StepRecord[];
  /** Set after the steps, as `setStatus(status, {error, finishedAt})` would; absent: status unchanged. */
  status?: RunStatus;
  error?: StepError | null;
  finishedAt?: string | null;
  /**
   * The run as its executor started it, when it may not be stored yet: a run absent from the
   * store is created from it, and the update applied, in the same write. A run already stored is
   * updated as it is stored (`create` is then ignored).
   */
  create?: RunRecord;
}

export interface RunQuery {
  workflowId?: string;
  status?: RunStatus[];
  /** true: only test runs; false: only runs the provider started; absent: both. */
  test?: boolean;
  limit?: number;
  /** Runs created strictly before this id's createdAt (keyset paging by createdAt, id desc). */
  before?: string;
}

/**
 * A bus message that failed its bounded number of deliveries (the EventBus's BusDeadLetter),
 * kept until it is replayed or deleted. Ids sort by the time the message died.
 */
export interface DeadLetterRecord {
  /** `dl_<time>_<random>`: newer letters sort after older ones. */
  id: string;
  topic: string;
  key: string;
  value: unknown;
  /** The consumer group whose handler kept failing. */
  group: string;
  /** Deliveries made, the last one included. */
  deliveries: number;
  /** The last handler error. */
  error: { code?: string; message: string };
  deadAt: string;
}

export interface DeadLetterQuery {
  limit?: number;
  /** Letters with an id strictly below this one (keyset paging, newest first). */
  before?: string;
}
