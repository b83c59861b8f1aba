/**
 * Configuration from the environment (README "Configuration"). Read once at start-up;
 * a bad value is a ConfigurationError with one line that says what to change.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConnectorSettings, type EgressAllowance } from '@wireup/sdk';
import { DEFAULT_MAX_RESPONSE_BYTES, egressAllowPrivateFromEnv } from '@wireup/runtime';
import { connectorSettingsFromEnv } from './connector-settings.ts';
import { DEFAULT_RUN_CONCURRENCY, DEFAULT_RUN_LANES, defaultRetryPolicy, type RetryPolicy } from '@wireup/engine';
import { topics } from '@wireup/bus';
import { ConfigurationError } from './errors.ts';

export type Role = 'all' | 'ingest' | 'worker';

export interface Config {
  port: number;
  host: string;
  /** Base of the URLs given to providers (webhookUrl). Default http://<host>:<port>. */
  publicUrl: string;
  dataDir: string;
  apiToken?: string;
  secretKey?: string;
  /** Keys that may still open secrets but never seal (WIREUP_SECRET_KEY_FALLBACKS, comma-separated): the old key during a rotation. */
  secretKeyFallbacks?: string[];
  kafkaBrokers?: string[];
  /** Prefix of the Kafka topic and consumer group names (WIREUP_KAFKA_TOPIC_PREFIX, default `wireup.`). */
  kafkaTopicPrefix?: string;
  /** Partitions per topic when Wireup creates them (WIREUP_KAFKA_PARTITIONS, e.g. `events=12,runs=12`). */
  kafkaPartitions?: Record<string, number>;
  mongodbUrl?: string;
  /** How long the MongoDB store answers hot-path reads from memory (`WIREUP_MONGODB_CACHE_MS`, default 1000; 0 = off). */
  mongodbCacheMs: number;
  /** Private addresses outbound calls may reach: all (`true`), none (`false`) or CIDR ranges (WIREUP_EGRESS_ALLOW_PRIVATE). */
  egressAllowPrivate: EgressAllowance;
  /** Largest answer body an outbound call reads, raw and decompressed (WIREUP_EGRESS_MAX_RESPONSE_BYTES, default 10 MiB). */
  egressMaxResponseBytes: number;
  /** Each connector's settings, by connector name (connector-settings.ts: e.g. stripe.apiBase from WIREUP_STRIPE_API_BASE). */
  connectorSettings: Record<string, ConnectorSettings>;
  role: Role;
  /** Largest webhook body accepted, in bytes. Default 1 MiB. */
  webhookBodyLimit: number;
  /** The engine's retry policy: each field from its `WIREUP_RETRY_*` variable, else the engine's default. */
  retry: RetryPolicy;
  /** Failed deliveries of a bus message (outages not counted) before it is dead-lettered (`WIREUP_MAX_DELIVERIES`, default 10). */
  maxDeliveries: number;
  /** Lanes per workflow on the runs topic: how many runs of one workflow may run at once (1 = one at a time). */
  runLanes: number;
  /** Runs executed at once by this process, across workflows (`WIREUP_RUN_CONCURRENCY`, default 32). */
  runConcurrency: number;
  /** Where the generated pair pages live; served at /integrations/. */
  pagesDir: string;
  /** The npm registry the marketplace reads (WIREUP_REGISTRY_URL). Unset: `wireup start` embeds a Verdaccio on 127.0.0.1:4873. */
  registryUrl?: string;
  /** Bearer token for that registry (WIREUP_REGISTRY_TOKEN). */
  registryToken?: string;
  /** Heap limit of each isolated connector process, MiB (WIREUP_CONNECTOR_MEMORY_MB, default 128). */
  connectorMemoryMb: number;
  /** Longest call into an isolated connector process before it is killed (WIREUP_CONNECTOR_TIMEOUT_MS, default 60000). */
  connectorTimeoutMs: number;
  /** `GET /metrics` without the API token (WIREUP_METRICS_PUBLIC, default false). */
  metricsPublic: boolean;
  /** Lowest level logged (WIREUP_LOG_LEVEL, default `info`). */
  logLevel: LogLevel;
  /** Code steps: the most a workflow may ask for (WIREUP_CODE_MAX_TIMEOUT_MS, _MEMORY_MB, _OUTPUT_KB, _LOG_KB) and the worker threads running them (WIREUP_CODE_WORKERS). */
  code: { maxima: { timeoutMs?: number; memoryMb?: number; outputKb?: number; logKb?: number }; workers: number };
  /** The built editor served at / (`WIREUP_EDITOR_DIR`, default core/editor/dist). */
  editorDir: string;
  /** HTTP server timeouts against slow clients, and the SIGTERM drain (docs/limits.md). */
  timeouts: ServerTimeouts;
}

export interface ServerTimeouts {
  /** Whole request, headers and body (`WIREUP_REQUEST_TIMEOUT_MS`, default 30000). */
  requestMs: number;
  /** Request headers (`WIREUP_HEADERS_TIMEOUT_MS`, default 10000; at most the request timeout). */
  headersMs: number;
  /** An idle keep-alive connection (`WIREUP_KEEP_ALIVE_TIMEOUT_MS`, default 5000). */
  keepAliveMs: number;
  /** How long SIGTERM waits for in-flight requests and runs before exiting (`WIREUP_SHUTDOWN_TIMEOUT_MS`, default 25000). */
  shutdownMs: number;
}

function serverTimeouts(env: NodeJS.ProcessEnv): ServerTimeouts {
  const timeouts = {
    requestMs: int(env, 'WIREUP_REQUEST_TIMEOUT_MS', 30_000, 1),
    headersMs: int(env, 'WIREUP_HEADERS_TIMEOUT_MS', 10_000, 1),
    keepAliveMs: int(env, 'WIREUP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 1),
    shutdownMs: int(env, 'WIREUP_SHUTDOWN_TIMEOUT_MS', 25_000, 0),
  };
  if (timeouts.headersMs > timeouts.requestMs)
    throw new ConfigurationError(
      `WIREUP_HEADERS_TIMEOUT_MS=${timeouts.headersMs} is longer than WIREUP_REQUEST_TIMEOUT_MS=${timeouts.requestMs}: the headers are part of the request.`,
    );
  return timeouts;
}

const defaultEditorDir = fileURLToPath(new URL('../../editor/dist', import.meta.url));

export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigurationError(`${name}=${raw} is not a whole number ≥ ${min}.`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no'].includes(raw)) return false;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  throw new ConfigurationError(`${name}=${env[name]} is not true or false.`);
}

function logLevel(env: NodeJS.ProcessEnv): LogLevel {
  const raw = (env.WIREUP_LOG_LEVEL || 'info').trim().toLowerCase() as LogLevel;
  if (!logLevels.includes(raw))
    throw new ConfigurationError(`WIREUP_LOG_LEVEL=${env.WIREUP_LOG_LEVEL} is not one of ${logLevels.join(', ')}.`);
  return raw;
}

/** The retry policy: a variable that is unset (or empty) leaves the engine's default for its field. */
function retryPolicy(env: NodeJS.ProcessEnv): RetryPolicy {
  const d = defaultRetryPolicy;
  return {
    maxAttempts: int(env, 'WIREUP_RETRY_MAX_ATTEMPTS', d.maxAttempts, 1),
    initialDelayMs: int(env, 'WIREUP_RETRY_INITIAL_DELAY_MS', d.initialDelayMs),
    maxDelayMs: int(env, 'WIREUP_RETRY_MAX_DELAY_MS', d.maxDelayMs),
    maxRetryAfterMs: int(env, 'WIREUP_RETRY_MAX_WAIT_MS', d.maxRetryAfterMs),
    parkAfterMs: int(env, 'WIREUP_RETRY_PARK_AFTER_MS', d.parkAfterMs),
  };
}

function optionalPositive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  return env[name] === undefined || env[name] === '' ? undefined : int(env, name, 1, 1);
}

function parsePartitions(raw: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of raw.split(',')) {
    const [topic, count] = part.split('=').map((x) => x.trim());
    const n = Number(count);
    if (!(topics as readonly string[]).includes(topic) || !Number.isInteger(n) || n < 1) {
      throw new ConfigurationError(
        `WIREUP_KAFKA_PARTITIONS: "${part}" is not <topic>=<count> with topic ${topics.join(', ')}.`,
      );
    }
    out[topic] = n;
  }
  return out;
}

function egressAllowance(env: NodeJS.ProcessEnv): EgressAllowance {
  try {
    return egressAllowPrivateFromEnv(env);
  } catch (error) {
    throw new ConfigurationError((error as Error).message);
  }
}

/** Reads the configuration; `overrides` win (the CLI's flags, tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = int(env, 'PORT', 8080);
  if (port > 65535) throw new ConfigurationError(`PORT=${port} is not a TCP port.`);
  const host = env.HOST || '127.0.0.1';
  const role = (env.WIREUP_ROLE || 'all') as Role;
  if (!['all', 'ingest', 'worker'].includes(role))
    throw new ConfigurationError(`WIREUP_ROLE=${role} is not one of all, ingest, worker.`);
  const dataDir = resolve(env.WIREUP_DATA_DIR || './.wireup');
  const config: Config = {
    port,
    host,
    publicUrl: (env.WIREUP_PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(
      /\/$/,
      '',
    ),
    dataDir,
    apiToken: env.WIREUP_API_TOKEN || undefined,
    secretKey: env.WIREUP_SECRET_KEY || undefined,
    secretKeyFallbacks: env.WIREUP_SECRET_KEY_FALLBACKS
      ? env.WIREUP_SECRET_KEY_FALLBACKS.split(',')
          .map((k) => k.trim())
          .filter(Boolean)
      : undefined,
    kafkaBrokers: env.KAFKA_BROKERS
      ? env.KAFKA_BROKERS.split(',')
          .map((b) => b.trim())
          .filter(Boolean)
      : undefined,
    kafkaTopicPrefix: env.WIREUP_KAFKA_TOPIC_PREFIX || undefined,
    kafkaPartitions: env.WIREUP_KAFKA_PARTITIONS ? parsePartitions(env.WIREUP_KAFKA_PARTITIONS) : undefined,
    mongodbUrl: env.MONGODB_URL || undefined,
    mongodbCacheMs: int(env, 'WIREUP_MONGODB_CACHE_MS', 1000),
    egressAllowPrivate: egressAllowance(env),
    egressMaxResponseBytes: int(env, 'WIREUP_EGRESS_MAX_RESPONSE_BYTES', DEFAULT_MAX_RESPONSE_BYTES, 1024),
    connectorSettings: connectorSettingsFromEnv(env),
    role,
    webhookBodyLimit: int(env, 'WIREUP_WEBHOOK_BODY_LIMIT', 1024 * 1024, 1024),
    retry: retryPolicy(env),
    runLanes: int(env, 'WIREUP_RUN_LANES', DEFAULT_RUN_LANES, 1),
    runConcurrency: int(env, 'WIREUP_RUN_CONCURRENCY', DEFAULT_RUN_CONCURRENCY, 1),
    maxDeliveries: int(env, 'WIREUP_MAX_DELIVERIES', 10, 1),
    pagesDir: resolve(env.WIREUP_PAGES_DIR || resolve(dataDir, 'pages')),
    editorDir: resolve(env.WIREUP_EDITOR_DIR || defaultEditorDir),
    registryUrl: env.WIREUP_REGISTRY_URL || undefined,
    registryToken: env.WIREUP_REGISTRY_TOKEN || undefined,
    connectorMemoryMb: int(env, 'WIREUP_CONNECTOR_MEMORY_MB', 128, 16),
    connectorTimeoutMs: int(env, 'WIREUP_CONNECTOR_TIMEOUT_MS', 60_000, 100),
    metricsPublic: bool(env, 'WIREUP_METRICS_PUBLIC'),
    logLevel: logLevel(env),
    timeouts: serverTimeouts(env),
    code: {
      maxima: {
        timeoutMs: optionalPositive(env, 'WIREUP_CODE_MAX_TIMEOUT_MS'),
        memoryMb: optionalPositive(env, 'WIREUP_CODE_MAX_MEMORY_MB'),
        outputKb: optionalPositive(env, 'WIREUP_CODE_MAX_OUTPUT_KB'),
        logKb: optionalPositive(env, 'WIREUP_CODE_MAX_LOG_KB'),
      },
      workers: int(env, 'WIREUP_CODE_WORKERS', 2, 1),
    },
  };
  return { ...config, ...overrides };
}
