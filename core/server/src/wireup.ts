/**
 * The composition root: the only place that picks adapters. Without KAFKA_BROKERS and
 * MONGODB_URL everything runs embedded in one SQLite file under the data folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Connector } from '@wireup/sdk';
import { createHttpClient, type Logger } from '@wireup/runtime';
import type { Logger as PinoLogger } from 'pino';
import {
  createEngine,
  createWorkflowLifecycle,
  type Engine,
  type ConnectorCatalog,
  type EventIntake,
  type WorkflowLifecycle,
} from '@wireup/engine';
import { createSqliteStore, type SqliteStore } from '@wireup/store-sqlite';
import type { Store } from '@wireup/store';
import { createOutboxEventBus } from '@wireup/bus-sqlite';
import type { EventBus } from '@wireup/bus';
import type { Config } from './config.ts';
import { buildApp, type WireupApp } from './app.ts';
import { loadApiToken } from './api-token.ts';
import { createTestEventHub } from './test-event-hub.ts';
import { createSessions, type Sessions } from './sessions.ts';
import { createRunFeed, type RunFeed } from './run-feed.ts';
import { createSecretBox, type SecretBox } from './secret-box.ts';
import { loadKeyRing } from './secret-keys.ts';
import { resealConnections } from './secret-reseal.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { firstPartyConnectors } from './installed-connectors.ts';
import { createMarketplace, type Marketplace } from '@wireup/marketplace';
import { createPagesPublisher, type PagesPublisher } from './pages-publisher.ts';
import { createWebhookRegistrar } from './webhook-registrar.ts';
import { createLogger } from './logger.ts';
import { busErrorLogger, kafkaLogger } from './log-adapters.ts';
import { embeddedEventIntake } from './embedded-intake.ts';
import { createBroadcast } from './broadcast.ts';
import { relayTestEvents } from './test-event-relay.ts';
import { relayWorkflowEvents, type WorkflowEventNotice } from './workflow-event-relay.ts';

/** Where the marketplace looks when WIREUP_REGISTRY_URL is unset: the registry `wireup start` embeds. */
export const defaultRegistryUrl = 'http://127.0.0.1:4873';

export interface Wireup {
  config: Config;
  app: WireupApp;
  engine: Engine;
  /** Publish, unpublish and delete of workflows; the pages and the metrics follow its events. */
  workflows: WorkflowLifecycle;
  store: Store;
  bus: EventBus;
  catalog: ConnectorCatalog;
  metrics: Metrics;
  pages: PagesPublisher;
  marketplace: Marketplace;
  /** The process's logger (pino); each part logs through a child naming it (`component`). */
  log: PinoLogger;
  apiToken: { token: string; generated: boolean };
  /** The editor's browser sessions; `issueSignInCode()` makes the link `wireup start` prints. */
  sessions: Sessions;
  /** Which runs changed, for the live run stream. */
  runFeed: RunFeed;
  /** Listening URL once started. */
  url: string;
  start(): Promise<void>;
  /**
   * Stops accepting requests, answers the ones in flight, gives running runs up to `drainMs`
   * (default 0) to finish, then stops the bus and the store. `drained`: no run was cut off.
   */
  stop(options?: { drainMs?: number }): Promise<{ drained: boolean }>;
}

/** The store the configuration names (MongoDB when MONGODB_URL is set, else the SQLite file in the data folder), not started. */
export async function pickStore(config: Config, log: Logger): Promise<Store> {
  if (config.mongodbUrl) {
    const { createMongoStore } = await import('@wireup/store-mongodb');
    return createMongoStore({ url: config.mongodbUrl, cacheMs: config.mongodbCacheMs, logger: log });
  }
  return createSqliteStore({ path: join(config.dataDir, 'wireup.db') });
}

/** The bus the configuration names (Kafka when KAFKA_BROKERS is set, else the outbox), and the event intake that goes with it. */
async function pickBus(
  config: Config,
  store: Store,
  isStarted: () => boolean,
  log: Logger,
): Promise<{ bus: EventBus; acceptEvent?: EventIntake }> {
  if (config.kafkaBrokers) {
    const { createKafkaEventBus } = await import('@wireup/bus-kafka');
    return {
      bus: createKafkaEventBus({
        brokers: config.kafkaBrokers,
        topicPrefix: config.kafkaTopicPrefix,
        partitions: config.kafkaPartitions,
        maxDeliveries: config.maxDeliveries,
        // Until start-up succeeded, a failure is reported once by `wireup start`, not line by line by kafkajs.
        log: kafkaLogger(log, isStarted),
        onError: busErrorLogger(log),
      }),
    };
  }
  if (!isSqliteStore(store)) {
    return {
      bus: createOutboxEventBus({
        path: join(config.dataDir, 'wireup.db'),
        maxDeliveries: config.maxDeliveries,
        onError: busErrorLogger(log),
      }),
    };
  }
  // Embedded: the outbox on the store's own connection, so an event and its `events` message are one transaction.
  const bus = createOutboxEventBus({
    sqlite: store.sqlite,
    maxDeliveries: config.maxDeliveries,
    onError: busErrorLogger(log),
  });
  return { bus, acceptEvent: embeddedEventIntake(store, bus) };
}

const isSqliteStore = (store: Store): store is SqliteStore => 'sqlite' in store;

/** Wires Wireup from its configuration. Nothing listens or runs until `start()`. */
export async function createWireup(
  config: Config,
  options: { connectors?: Connector[]; logger?: PinoLogger } = {},
): Promise<Wireup> {
  mkdirSync(config.dataDir, { recursive: true });
  const log = options.logger ?? createLogger({ level: config.logLevel });
  // The keys need the store (a passphrase's scrypt salt lives there): the box opens at start().
  let box: SecretBox | undefined;
  const unlocked = (): SecretBox => {
    if (!box) throw new Error('The secret box is used before Wireup started.');
    return box;
  };
  const secretBox: SecretBox = {
    seal: (value, id) => unlocked().seal(value, id),
    open: (sealed, id) => unlocked().open(sealed, id),
    openLegacy: (sealed) => unlocked().openLegacy(sealed),
    isCurrent: (sealed) => unlocked().isCurrent(sealed),
  };
  const apiToken = loadApiToken(config.apiToken, config.dataDir);
  const http = createHttpClient({
    allowPrivate: config.egressAllowPrivate,
    maxResponseBytes: config.egressMaxResponseBytes,
  });
  const store = await pickStore(config, log.child({ component: 'store' }));
  // The first-party connectors run in-process; marketplace-installed ones each in their own process.
  const marketplace = createMarketplace({
    dataDir: config.dataDir,
    registryUrl: config.registryUrl ?? defaultRegistryUrl,
    registryToken: config.registryToken,
    store,
    http,
    builtIn: options.connectors ?? firstPartyConnectors(),
    memoryMb: config.connectorMemoryMb,
    callTimeoutMs: config.connectorTimeoutMs,
    // A domain event on the bus tells every process (each in a consumer group of its own) to follow the Store's record.
    announce: (change) => bus.publish('marketplace', change.connector, change),
  });
  const catalog: ConnectorCatalog = marketplace.connectors;
  const metrics = createMetrics({ catalog });
  let started = false;
  const { bus, acceptEvent } = await pickBus(config, store, () => started, log.child({ component: 'bus' }));
  await bus.subscribe(
    'marketplace',
    async () => {
      await marketplace.sync();
    },
    // Shared Kafka: a group per process (deleted when it stops), so every process hears every
    // change. Embedded: the one process owns the outbox, which keeps a group's messages until it
    // acknowledges them, so the group is named for good (a name per start left a pending row per
    // past start behind).
    config.kafkaBrokers
      ? { group: `marketplace-${randomBytes(6).toString('hex')}`, concurrency: 1, temporary: true }
      : { group: 'marketplace', concurrency: 1 },
  );
  // What the other processes of a deployment sharing Kafka hear from this one (workflow events, test events).
  const broadcast = await createBroadcast({
    bus,
    shared: Boolean(config.kafkaBrokers),
    log: log.child({ component: 'broadcast' }),
  });
  // "Listen for a test event" hears a delivery taken by any process.
  const testEvents = relayTestEvents(createTestEventHub(), {
    broadcast,
    readEvent: (key) => store.events.get(key),
    log: log.child({ component: 'test-events' }),
  });
  // Which runs changed, for the editor's live Runs view. A process without workers polls the store instead.
  const runFeed = createRunFeed(config.role === 'ingest' ? { store, pollMs: 1000 } : {});
  const engine = createEngine({
    store,
    bus,
    ...(acceptEvent ? { acceptEvent } : {}),
    connectors: catalog,
    http,
    connectorSettings: config.connectorSettings,
    retry: config.retry,
    runLanes: config.runLanes,
    runConcurrency: config.runConcurrency,
    code: {
      workers: config.code.workers,
      maxima: Object.fromEntries(Object.entries(config.code.maxima).filter(([, v]) => v !== undefined)),
    },
    openAuth: (connection) => secretBox.open(connection.authCiphertext, connection.id),
    logger: log.child({ component: 'engine' }),
    observer: {
      eventAccepted: (connector, duplicate) => metrics.eventAccepted(connector, duplicate),
      eventStored: (event) => testEvents.deliver(event),
      runFinished: (status, ms) => metrics.runFinished(status, ms / 1000),
      stepFinished: (type, status) => metrics.stepFinished(type, status),
      stepRetried: (connector, action, code) => metrics.stepRetried(connector, action, code),
      runUpdated: (run) => runFeed.notify({ id: run.id, workflowId: run.workflowId }),
      deadLettered: (l) =>
        log.warn(
          { deadLetter: l.id, topic: l.topic, key: l.key, deliveries: l.deliveries, err: l.error },
          `A ${l.topic} message failed ${l.deliveries} deliveries and was dead-lettered; replay it with POST /v1/dead-letters/${l.id}/replay`,
        ),
    },
  });
  const sessions = createSessions(store.kv);
  const pages = createPagesPublisher({
    config,
    catalog,
    store,
    log: (line) => log.error({ component: 'pages' }, line),
  });
  const workflows = createWorkflowLifecycle({
    store,
    connectors: catalog,
    validate: (document) => engine.validateWorkflow(document),
    webhooks: createWebhookRegistrar({ config, store, catalog, secretBox, http }),
    logger: log.child({ component: 'workflows' }),
  });
  // Counted by the process that emitted the event only, so once across the deployment.
  workflows.subscribe((event) => metrics.workflowEvent(event.type));
  // The most-used pairings the pair pages show come from the published workflows, changed through any process.
  const followPublished = async (event: WorkflowEventNotice): Promise<void> => {
    if (event.type !== 'workflow.deleted') await pages.rebuild();
  };
  workflows.subscribe(followPublished);
  // Workers build no site at start, so they follow only the changes they took themselves.
  relayWorkflowEvents(workflows, broadcast, config.role === 'worker' ? () => {} : followPublished, {
    log: log.child({ component: 'broadcast' }),
  });
  const app = await buildApp({
    config,
    store,
    engine,
    workflows,
    catalog,
    secretBox,
    metrics,
    apiToken: apiToken.token,
    sessions,
    http,
    runFeed,
    pages,
    marketplace,
    testEvents,
    logger: log,
  });
  const wireup: Wireup = {
    config,
    app,
    engine,
    workflows,
    store,
    bus,
    catalog,
    metrics,
    pages,
    marketplace,
    log,
    apiToken,
    sessions,
    runFeed,
    url: '',
    async start() {
      await store.start();
      box = createSecretBox(await loadKeyRing(config, store.kv));
      const resealed = await resealConnections(store, box, 'legacy');
      if (resealed.resealed)
        log.info(
          { component: 'secrets', resealed: resealed.resealed },
          'connection secrets re-sealed from format v1 to v2 (bound to their connection)',
        );
      for (const failure of resealed.failed)
        log.error({ component: 'secrets', connection: failure.id }, failure.message);
      // The connectors recorded as installed load before any worker runs a step.
      await marketplace.start();
      await bus.start();
      if (config.role !== 'ingest') await engine.startWorkers();
      // Every role listens: workers answer /healthz, /metrics and the API too.
      wireup.url = await app.listen({ port: config.port, host: config.host });
      // With PORT=0 (tests) the port is known only now; webhook URLs must carry it.
      if (config.port === 0) config.publicUrl = wireup.url;
      // The site serving this process's API builds its pages before it says it is ready.
      if (config.role !== 'worker') await pages.rebuild();
      started = true;
      log.info(
        {
          url: wireup.url,
          publicUrl: config.publicUrl,
          role: config.role,
          dataDir: config.dataDir,
          store: config.mongodbUrl ? 'mongodb' : 'sqlite',
          bus: config.kafkaBrokers ? 'kafka' : 'outbox',
          connectors: catalog.list().map((c) => `${c.manifest.name}@${c.manifest.version}`),
          metricsPublic: config.metricsPublic,
          egressAllowPrivate: config.egressAllowPrivate,
        },
        'Wireup started',
      );
    },
    async stop(options = {}) {
      const deadline = Date.now() + (options.drainMs ?? 0);
      await app.close();
      await pages.stop();
      // Keep a little of the budget for closing the bus and the store.
      const reserve = Math.min(1000, (options.drainMs ?? 0) / 5);
      const { drained } = await engine.stop({ graceMs: Math.max(0, deadline - Date.now() - reserve) });
      await marketplace.stop();
      await bus.stop();
      await store.stop();
      log.info({ drained }, 'Wireup stopped');
      return { drained };
    },
  };
  return wireup;
}
