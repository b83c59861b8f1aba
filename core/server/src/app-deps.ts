/** What the Fastify app is built from: the composition root hands these over. */
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '@wireup/store';
import type { Engine, ConnectorCatalog, WorkflowLifecycle } from '@wireup/engine';
import type { HttpClient } from '@wireup/sdk';
import type { Config } from './config.ts';
import type { SecretBox } from './secret-box.ts';
import type { Metrics } from './metrics.ts';
import type { PagesPublisher } from './pages-publisher.ts';
import type { Sessions } from './sessions.ts';
import type { Marketplace } from '@wireup/marketplace';
import type { TestEventHub } from './test-event-hub.ts';
import type { RunFeed } from './run-feed.ts';

export interface AppDeps {
  config: Config;
  store: Store;
  engine: Engine;
  /** Publish, unpublish and delete of workflows, with their domain events. */
  workflows: WorkflowLifecycle;
  catalog: ConnectorCatalog;
  secretBox: SecretBox;
  metrics: Metrics;
  apiToken: string;
  /** The editor's browser sessions (sign-in codes, session cookies). */
  sessions: Sessions;
  http: HttpClient;
  /** Which runs changed (fed by the engine's observer), for the live run stream. */
  runFeed: RunFeed;
  /** Installs, upgrades and removes connector packages; its registry is `catalog`. Absent: no marketplace routes. */
  marketplace?: Marketplace;
  /** Where "listen for a test event" waits for the engine's next stored event. */
  testEvents: TestEventHub;
  /** Rebuilds the pair pages; undefined where no site is served. */
  pages?: PagesPublisher;
  /** The process's pino logger (Fastify logs through it); none: Fastify logs nothing. */
  logger?: FastifyBaseLogger;
}
