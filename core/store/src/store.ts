/**
 * The Store port: repositories for everything Wireup keeps. Every method is async so any
 * adapter (SQLite, MongoDB) fits. Every adapter passes the contract suite in
 * core/testing/src/contracts/store-contract.ts.
 */
import type {
  ConnectionRecord,
  DeadLetterQuery,
  DeadLetterRecord,
  EventRecord,
  PublishedWorkflow,
  RunCheckpoint,
  RunQuery,
  RunRecord,
  RunStatus,
  StepError,
  StepRecord,
  WorkflowDocument,
  WorkflowRecord,
  WorkflowVersionRecord,
} from './records.ts';

export interface ConnectionRepository {
  create(record: ConnectionRecord): Promise<ConnectionRecord>;
  get(id: string): Promise<ConnectionRecord | null>;
  getByWebhookToken(token: string): Promise<ConnectionRecord | null>;
  list(): Promise<ConnectionRecord[]>;
  /** Replaces name/auth fields; returns the updated record or null when absent. */
  update(
    id: string,
    patch: Partial<Pick<ConnectionRecord, 'name' | 'authCiphertext' | 'publicAuth'>>,
  ): Promise<ConnectionRecord | null>;
  delete(id: string): Promise<boolean>;
}

export interface WorkflowRepository {
  create(id: string, draft: WorkflowDocument): Promise<WorkflowRecord>;
  get(id: string): Promise<WorkflowRecord | null>;
  list(): Promise<WorkflowRecord[]>;
  /** Replaces the draft. Published versions are never changed. Null when absent. */
  updateDraft(id: string, draft: WorkflowDocument): Promise<WorkflowRecord | null>;
  /** Copies the draft into version latestVersion+1 and makes it the published one. */
  publish(id: string): Promise<WorkflowVersionRecord | null>;
  /** Stops the workflow from running; its versions are kept. */
  unpublish(id: string): Promise<WorkflowRecord | null>;
  /**
   * Deletes an unpublished workflow (its draft; the versions its runs ran are kept with them).
   * `published` when it is published (nothing deleted), `missing` when there is no such workflow.
   */
  delete(id: string): Promise<'deleted' | 'published' | 'missing'>;
  getVersion(id: string, version: number): Promise<WorkflowVersionRecord | null>;
  /** Published workflows whose trigger is this connector, trigger key and connection. */
  listPublishedForTrigger(connector: string, trigger: string, connectionId: string): Promise<PublishedWorkflow[]>;
  /** Every published workflow that uses this connection as its trigger connection. */
  listPublishedForConnection(connectionId: string): Promise<PublishedWorkflow[]>;
}

export interface EventRepository {
  /** Stores the event unless one with the same key exists. Returns the stored record and whether it is new. */
  accept(record: EventRecord): Promise<{ isNew: boolean; record: EventRecord }>;
  get(key: string): Promise<EventRecord | null>;
  markRouted(key: string): Promise<void>;
  /** Events accepted but not yet routed, oldest first (for recovery after a crash). */
  listUnrouted(limit: number): Promise<EventRecord[]>;
}

export interface RunRepository {
  /** Creates the run unless one with the same id exists (idempotent routing). */
  createIfAbsent(run: RunRecord): Promise<{ created: boolean; run: RunRecord }>;
  get(id: string): Promise<RunRecord | null>;
  /** Newest first. */
  list(query: RunQuery): Promise<RunRecord[]>;
  /** Inserts or replaces the step with this id in the run's step list (keeps order of first insert). */
  saveStep(runId: string, step: StepRecord): Promise<void>;
  /** Sets the status (and error/finishedAt when given). */
  setStatus(
    runId: string,
    status: RunStatus,
    fields?: { error?: StepError | null; finishedAt?: string | null },
  ): Promise<void>;
  /** For replay: removes the failed and skipped steps, bumps `replays`, sets status queued. Returns the run or null. */
  resetForReplay(runId: string): Promise<RunRecord | null>;
  /**
   * Optional: `saveStep` for each step in order, then `setStatus` when a status is given, as one
   * atomic write (all or nothing). Callers use `checkpointRun` (run-updates.ts), which falls back
   * to exactly those calls for an adapter without it. Throws StoreRecordNotFoundError when the
   * run does not exist and the update has no `create`.
   */
  checkpoint?(runId: string, update: RunCheckpoint): Promise<void>;
}

/** Bus messages that kept failing (see DeadLetterRecord): listed, read, and removed when replayed. */
export interface DeadLetterRepository {
  /** Stores the letter (a second add with the same id is ignored). */
  add(record: DeadLetterRecord): Promise<void>;
  get(id: string): Promise<DeadLetterRecord | null>;
  /** Newest first; at most `limit` (default 50, at most 500). */
  list(query: DeadLetterQuery): Promise<DeadLetterRecord[]>;
  /** Removes it; false when there was none. */
  delete(id: string): Promise<boolean>;
}

/** Small named values: settings, polling cursors, webhook registrations. */
export interface KeyValueRepository {
  get<T = unknown>(key: string): Promise<T | null>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Sets only when absent; returns the value now stored. */
  setIfAbsent<T = unknown>(key: string, value: T): Promise<T>;
}

export interface Store {
  readonly connections: ConnectionRepository;
  readonly workflows: WorkflowRepository;
  readonly events: EventRepository;
  readonly runs: RunRepository;
  readonly kv: KeyValueRepository;
  readonly deadLetters: DeadLetterRepository;
  start(): Promise<void>;
  stop(): Promise<void>;
}
