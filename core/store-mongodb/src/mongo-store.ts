/**
 * MongoStore: the production Store adapter on MongoDB (or a MongoDB wire-protocol server such
 * as FerretDB), with the official `mongodb` driver. `start()` connects, checks the server
 * answers, and creates the indexes; `stop()` closes the client.
 */
import {
  MongoClient,
  MongoError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type Db,
} from 'mongodb';
import { StoreUnavailableError, type Store } from '@wireup/store';
import { silentLogger, type Logger } from '@wireup/runtime';
import { createMongoConnectionRepository } from './mongo-connection-repository.ts';
import { createIndexes, notStarted } from './mongo-database.ts';
import { createMongoDeadLetterRepository } from './mongo-dead-letter-repository.ts';
import { createMongoEventRepository } from './mongo-event-repository.ts';
import { createMongoKeyValueRepository } from './mongo-kv-repository.ts';
import { createMongoRunRepository } from './mongo-run-repository.ts';
import { createMongoWorkflowRepository } from './mongo-workflow-repository.ts';
import { detectServerTraits, mongoTraits } from './server-traits.ts';
import { watchServers } from './server-watch.ts';

export interface MongoStoreOptions {
  /** Connection string, e.g. `mongodb://127.0.0.1:27017/wireup` (`MONGODB_URL`). */
  url: string;
  /** Database name. Default: the one in the URL, else `wireup`. */
  dbName?: string;
  /** How long `start` (and each operation) waits for a reachable server. Default 5000 ms. */
  serverSelectionTimeoutMs?: number;
  /**
   * How long hot-path reads (connections, published workflows per trigger) are answered
   * from memory; another process's change shows here within this time. 0 turns the caches off.
   * Default 1000 ms (`WIREUP_MONGODB_CACHE_MS`).
   */
  cacheMs?: number;
  /** Hears a server becoming unreachable and reachable again. Default: nowhere. */
  logger?: Logger;
}

/** The URL without credentials, for messages. */
export function redactMongoUrl(url: string): string {
  return url.replace(/^(mongodb(?:\+srv)?:\/\/)[^@/]*@/, '$1***@');
}

function dbNameFromUrl(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url);
  return match ? decodeURIComponent(match[1]) : undefined;
}

/**
 * Errors of a server that is away or changing primaries: retriable (StoreUnavailableError), so the
 * bus redelivers without counting them towards dead-lettering. The driver labels the transient
 * ones of a failover (not primary, interrupted at shutdown) `RetryableWriteError`.
 */
export const unreachable = (error: unknown): boolean =>
  error instanceof MongoNetworkError ||
  error instanceof MongoServerSelectionError ||
  error instanceof MongoNotConnectedError ||
  error instanceof MongoTopologyClosedError ||
  (error instanceof MongoError &&
    (error.hasErrorLabel('RetryableWriteError') || error.hasErrorLabel('TransientTransactionError')));

/** Wraps every method of a repository so a lost database surfaces as StoreUnavailableError (503). */
function guarded<R extends object>(repository: R, where: string): R {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repository)) {
    wrapped[name] =
      typeof method !== 'function'
        ? method
        : async (...args: unknown[]) => {
            try {
              return await (method as (...a: unknown[]) => Promise<unknown>).apply(repository, args);
            } catch (error) {
              if (unreachable(error))
                throw new StoreUnavailableError(
                  `MongoDB at ${where} is not reachable: ${(error as Error).message}`,
                  error,
                );
              throw error;
            }
          };
  }
  return wrapped as R;
}

/** Creates the store; nothing connects until `start()`, which throws StoreUnavailableError when the server cannot be reached. */
export function createMongoStore(options: MongoStoreOptions): Store {
  const where = redactMongoUrl(options.url);
  const dbName = options.dbName ?? dbNameFromUrl(options.url) ?? 'wireup';
  const timeout = options.serverSelectionTimeoutMs ?? 5000;
  let client: MongoClient | undefined;
  let db: Db | undefined;
  const ref = (): Db => db ?? notStarted();
  const traits = mongoTraits();
  const cacheMs = options.cacheMs ?? 1000;

  return {
    connections: guarded(createMongoConnectionRepository(ref, cacheMs), where),
    workflows: guarded(createMongoWorkflowRepository(ref, cacheMs), where),
    events: guarded(createMongoEventRepository(ref), where),
    runs: guarded(createMongoRunRepository(ref, traits), where),
    kv: guarded(createMongoKeyValueRepository(ref), where),
    deadLetters: guarded(createMongoDeadLetterRepository(ref), where),

    async start() {
      if (db) return;
      const next = new MongoClient(options.url, {
        serverSelectionTimeoutMS: timeout,
        connectTimeoutMS: timeout,
        ignoreUndefined: true, // an absent optional field stays absent instead of becoming null
        appName: 'wireup',
      });
      try {
        await next.connect();
        watchServers(next, options.logger ?? silentLogger);
        const candidate = next.db(dbName);
        await candidate.command({ ping: 1 });
        Object.assign(traits, await detectServerTraits(candidate));
        await createIndexes(candidate);
        client = next;
        db = candidate;
      } catch (error) {
        await next.close().catch(() => undefined);
        throw new StoreUnavailableError(
          `MongoDB at ${where} is not reachable or refused to set up database "${dbName}": ${(error as Error).message}`,
          error,
        );
      }
    },

    async stop() {
      const closing = client;
      client = undefined;
      db = undefined;
      await closing?.close();
    },
  };
}
