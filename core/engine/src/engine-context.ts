/**
 * What the engine's parts (intake, router, executor, replay, recovery) share: the options with
 * defaults filled in, and an observer whose hooks can never break the work they report on.
 */
import { type ConnectionAuth, type ConnectorSettings, type HttpClient } from '@wireup/sdk';
import { silentLogger, type Logger } from '@wireup/runtime';
import type { ConnectionRecord, Store } from '@wireup/store';
import type { EventBus } from '@wireup/bus';
import type {
  ConnectorCatalog,
  EngineObserver,
  EngineOptions,
  EventIntake,
  PollingOptions,
  RetryPolicy,
} from './engine.ts';
import { defaultRetryPolicy } from './retry.ts';
import { DEFAULT_RUN_CONCURRENCY, DEFAULT_RUN_LANES } from './run-lanes.ts';
import { createResumeScheduler, type ResumeScheduler } from './resume-scheduler.ts';
import { defaultCodeMaxima, type CodeLimits } from './code-limits.ts';
import { createCodeSandbox, type CodeSandbox } from './code-sandbox.ts';

export interface EngineContext {
  store: Store;
  bus: EventBus;
  /** See EngineOptions.acceptEvent (absent: the event is stored, then published). */
  acceptEvent?: EventIntake;
  connectors: ConnectorCatalog;
  openAuth(connection: ConnectionRecord): ConnectionAuth;
  http: HttpClient;
  /** A connector's settings (EngineOptions.connectorSettings; none: empty). */
  settingsOf(connector: string): ConnectorSettings;
  retry: RetryPolicy;
  /** See EngineOptions.runLanes. */
  runLanes: number;
  /** See EngineOptions.runConcurrency. */
  runConcurrency: number;
  polling: PollingOptions;
  sleep(ms: number): Promise<void>;
  /** Every hook present, each one swallowing its own errors; `error` also goes to `log`. */
  observer: Required<EngineObserver>;
  /** Where the engine says what went wrong (run failures, retries, swallowed errors). */
  log: Logger;
  /** Aborted by `stop()`: in-flight actions and retry waits end, and their runs are left for recovery. */
  stopping: AbortSignal;
  /** See EngineOptions.resumeSweepMs. */
  resumeSweepMs: number;
  /** Resumes parked (waiting) runs when their wait is over. */
  resumer: ResumeScheduler;
  /** Where code steps run, and the most their workflows may ask for. */
  code: { sandbox: CodeSandbox; maxima: CodeLimits };
}

const noSettings: ConnectorSettings = Object.freeze({});

const defaultPollingOptions: PollingOptions = {
  enabled: true,
  intervalScale: 1,
  scanIntervalMs: 5_000,
  maxBackoffMs: 3_600_000,
};

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function safeObserver(observer: EngineObserver = {}, log: Logger): Required<EngineObserver> {
  const hook =
    <K extends keyof EngineObserver>(name: K) =>
    (...args: unknown[]): void => {
      try {
        (observer[name] as ((...a: unknown[]) => void) | undefined)?.(...args);
      } catch {
        // An observer is for metrics and logs; its failure must not fail a webhook or a run.
      }
    };
  const reportError = hook('error');
  return {
    eventAccepted: hook('eventAccepted'),
    runFinished: hook('runFinished'),
    stepFinished: hook('stepFinished'),
    stepRetried: hook('stepRetried'),
    eventStored: hook('eventStored'),
    runUpdated: hook('runUpdated'),
    error(message, error) {
      // Errors the engine survives (it retries, or there is nothing to retry): logged, never thrown.
      try {
        if (error === undefined) log.warn({}, message);
        else log.error({ err: error }, message);
      } catch {
        /* a logger that throws must not break the work either */
      }
      reportError(message, error);
    },
    deadLettered: hook('deadLettered'),
    polled: hook('polled'),
    pollStopped: hook('pollStopped'),
  };
}

/**
 * `defaults` overridden by the fields of `given` that hold a value: a field present but undefined
 * (an unset environment variable) keeps its default instead of erasing it.
 */
export function withDefaults<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const out = { ...defaults };
  for (const [key, value] of Object.entries(given ?? {}))
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

/** Fills in defaults. */
export function createEngineContext(options: EngineOptions, stopping: AbortSignal): EngineContext {
  const ctx: Omit<EngineContext, 'resumer'> = {
    store: options.store,
    bus: options.bus,
    ...(options.acceptEvent ? { acceptEvent: options.acceptEvent } : {}),
    connectors: options.connectors,
    openAuth: options.openAuth,
    http: options.http,
    settingsOf: (connector) => options.connectorSettings?.[connector] ?? noSettings,
    retry: withDefaults(defaultRetryPolicy, options.retry),
    runLanes: Math.max(1, Math.floor(options.runLanes ?? DEFAULT_RUN_LANES)),
    runConcurrency: Math.max(1, Math.floor(options.runConcurrency ?? DEFAULT_RUN_CONCURRENCY)),
    polling: withDefaults(defaultPollingOptions, options.polling),
    sleep: options.sleep ?? realSleep,
    observer: safeObserver(options.observer, options.logger ?? silentLogger),
    log: options.logger ?? silentLogger,
    stopping,
    resumeSweepMs: Math.max(10, options.resumeSweepMs ?? 5_000),
    code: {
      sandbox: createCodeSandbox({ workers: options.code?.workers }),
      maxima: { ...defaultCodeMaxima, ...options.code?.maxima },
    },
  };
  const full = ctx as EngineContext;
  full.resumer = createResumeScheduler(full);
  return full;
}
