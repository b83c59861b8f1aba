/**
 * The engine's public shape, consumed by core/server (the composition root). The engine
 * depends on ports only: Store, EventBus, and the installed connectors.
 */
import type { Connector, ConnectionAuth, ConnectorSettings, HttpClient, ValidationProblem } from '@wireup/sdk';
import type { Logger } from '@wireup/runtime';
import type { ConnectionRecord, DeadLetterRecord, EventRecord, RunRecord, Store } from '@wireup/store';
import type { EventBus } from '@wireup/bus';
import type { CodeLimits } from './code-limits.ts';
import type { EventMessage } from './messages.ts';
import type { TestRunRequest } from './test-run.ts';

/**
 * The installed connectors, by name and version. Marketplace-installed connectors may have
 * several versions side by side: `get(name)` answers the newest, `get(name, version)` the one a
 * published workflow pins (undefined when that version is not installed). Built-in connectors
 * ignore the version.
 */
export interface ConnectorCatalog {
  get(name: string, version?: string): Connector | undefined;
  list(): Connector[];
  /** Installed versions of a marketplace connector (empty or absent for built-ins). */
  versions?(name: string): string[];
}

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each time, with full jitter. Default 500 ms. */
  initialDelayMs: number;
  /** Upper bound of one delay (a provider's Retry-After / reset header may ask for more, up to maxRetryAfterMs). Default 30 s. */
  maxDelayMs: number;
  /** Longest provider-requested wait the engine honours; a longer one fails the step. Default 5 min. */
  maxRetryAfterMs: number;
  /**
   * Longest wait slept in-process, holding an executor slot. A longer one (a provider's
   * Retry-After of minutes) parks the run as `waiting` and resumes it through the bus when the
   * wait is over, so a rate-limited provider cannot stall other workflows. Default 5 s.
   */
  parkAfterMs: number;
}

/** Hooks for metrics and logs; every one optional. */
export interface EngineObserver {
  eventAccepted?(connector: string, duplicate: boolean): void;
  /** An event is durably stored (and handed to the bus), or was already (a duplicate): "listen for a test event" follows this. */
  eventStored?(event: EventRecord, duplicate: boolean): void;
  runFinished?(status: RunRecord['status'], durationMs: number): void;
  stepFinished?(type: string, status: string, durationMs: number): void;
  stepRetried?(connector: string, action: string, errorCode: string): void;
  error?(message: string, error: unknown): void;
  /** A bus message failed its last allowed delivery and was stored as a dead letter. */
  deadLettered?(letter: DeadLetterRecord): void;
  /** A polling trigger polled a connection (see PollReport); failures go to `error`. */
  polled?(report: PollReport): void;
  /** A poll loop ended: its trigger has no published workflow any more, or the engine is stopping. */
  pollStopped?(target: PollTarget, reason: 'unpublished' | 'stopping' | 'unavailable'): void;
  /**
   * A run was written: created by the router, steps or status checkpointed, failed, reset for
   * replay. Called after the write landed, so reading the run from the store shows it (the
   * server's live run stream is fed from here).
   */
  runUpdated?(run: { id: string; workflowId: string }): void;
}

/** One polling trigger of one connection: the unit that has a cursor and a poll loop. */
export interface PollTarget {
  connectionId: string;
  connector: string;
  trigger: string;
}

/** What one poll did. */
export interface PollReport extends PollTarget {
  /** `baseline`: the first poll of this target, which records what exists without firing. */
  phase: 'baseline' | 'live';
  /** Pages fetched (more than one when the connector said `hasMore`). */
  pages: number;
  /** Items the connector returned. */
  items: number;
  /** Items stored as new events: in the live phase, each starts one run per workflow. */
  accepted: number;
  /** Items already seen (by id) and skipped. */
  duplicates: number;
  durationMs: number;
}

/** How the worker role polls polling triggers. */
export interface PollingOptions {
  /** False: this process never polls (its other workers still run). Default true. */
  enabled: boolean;
  /** Multiplies every trigger's `pollIntervalSeconds`; tests use e.g. 0.002 (10 s → 20 ms). Default 1. */
  intervalScale: number;
  /** How often the published workflows are looked up to start loops for new polling triggers. Default 5 s. */
  scanIntervalMs: number;
  /** Longest wait between polls after repeated failures. Default 1 h. */
  maxBackoffMs: number;
}

/**
 * Stores an accepted event and queues `message` on `events` for the router, as one durable write:
 * a backend whose bus lives in the store's database (the embedded outbox) writes both in one
 * transaction, so an event is never stored without being queued. Resolves once that is committed;
 * a duplicate (same key) changes nothing and resolves `isNew: false` with the stored record.
 */
export type EventIntake = (
  record: EventRecord,
  message: EventMessage,
) => Promise<{ isNew: boolean; record: EventRecord }>;

export interface EngineOptions {
  store: Store;
  bus: EventBus;
  /** See EventIntake. Absent: the event is stored, then published (a duplicate still `received` is published again). */
  acceptEvent?: EventIntake;
  connectors: ConnectorCatalog;
  /** Decrypts a connection's auth fields (the server's secret box). */
  openAuth(connection: ConnectionRecord): ConnectionAuth;
  /** The egress-guarded HTTP client given to connectors. */
  http: HttpClient;
  /** Each connector's settings from Wireup's configuration, by connector name (handed to it in every call's context). */
  connectorSettings?: Readonly<Record<string, ConnectorSettings>>;
  retry?: Partial<RetryPolicy>;
  /**
   * Lanes per workflow on the \`runs\` topic (default 16, half of the default `runConcurrency`). Runs of one workflow are spread over this
   * many bus keys by run id, so a busy workflow runs up to N runs at once while still being
   * bounded (it cannot starve other workflows). 1 runs each workflow's runs one at a time, in
   * the order the router queued them (not necessarily the providers' order: see the README's
   * "Ordering").
   */
  runLanes?: number;
  /**
   * Runs this process executes at once, across workflows (default 32). With the default lanes one
   * busy workflow takes at most half of them, so the others keep theirs.
   */
  runConcurrency?: number;
  /** How often the store is swept for parked (waiting) runs to resume that this process has no timer for. Default 5 s. */
  resumeSweepMs?: number;
  /** Injected for tests; default setTimeout-based. */
  sleep?(ms: number): Promise<void>;
  observer?: EngineObserver;
  /** Where run failures, retries and the errors the engine survives are logged. Default: nowhere. */
  logger?: Logger;
  polling?: Partial<PollingOptions>;
  code?: CodeOptions;
}

/** How code steps run. */
export interface CodeOptions {
  /** The most a workflow's `codeLimits` may ask for (WIREUP_CODE_MAX_*); defaults in code-limits.ts. */
  maxima?: Partial<CodeLimits>;
  /** Worker threads running code steps. Default 2. */
  workers?: number;
}

/** A webhook delivery as routed by the server: `/v1/webhooks/<connector>[.trigger-<trigger>]/<token>`. */
export interface WebhookDelivery {
  connector: string;
  /** Set when the URL names one trigger; events of other types are then acknowledged and ignored. */
  trigger?: string;
  token: string;
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export interface WebhookResult {
  /** Events stored now. */
  accepted: number;
  /** Events already stored earlier (provider retries): acknowledged, no new run. */
  duplicates: number;
  /** Events of a type no trigger of this URL listens to: acknowledged, nothing stored. */
  ignored: number;
}

export interface Engine {
  /**
   * Verifies, deduplicates and durably stores a webhook delivery, then resolves: a resolved
   * promise is the server's licence to answer 2xx. Throws WireupErrors (unknown hook → 404,
   * bad signature / payload → 400, bus down → 503) and stores nothing then.
   */
  acceptWebhook(delivery: WebhookDelivery): Promise<WebhookResult>;
  /** Problems of a workflow document, each naming its field (empty when valid). */
  validateWorkflow(document: unknown): ValidationProblem[];
  /** Replays a failed run: keeps its succeeded steps, runs the rest again. Throws when the run is absent or not failed. */
  replayRun(runId: string): Promise<RunRecord>;
  /**
   * Starts a test run (test-run.ts): the given document run on a sample or a stored event, marked
   * `test: true`, through the bus and the executor like a real run (real actions included).
   * Answers the run as queued; throws EVENT_NOT_FOUND (404), EVENT_NOT_FOR_TRIGGER (422).
   */
  testRun(request: TestRunRequest): Promise<RunRecord>;
  /** Puts a dead-lettered bus message back on its topic and removes it from the list. Throws when absent (404). */
  replayDeadLetter(id: string): Promise<DeadLetterRecord>;
  /** Worker role: subscribes the router and the executor to the bus, re-queues work left by a crash, and starts polling. */
  startWorkers(): Promise<void>;
  /**
   * Stops the workers and waits for the poll loops to end (the bus itself is stopped by the
   * composition root). New deliveries are refused at once; runs already executing get `graceMs`
   * (default 0) to finish before their actions and waits are aborted. `drained` says whether
   * they all finished; an aborted run resumes at the next start.
   */
  stop(options?: { graceMs?: number }): Promise<{ drained: boolean }>;
}
