/**
 * Polling test harness (not exported by the package): an engine over the in-memory Store and
 * EventBus with the `feed` test connector, polling the fake feed app over real HTTP, with
 * intervals scaled down (the trigger's 10 s becomes 20 ms). Collects what the observer hears.
 */
import { vi } from 'vitest';
import { createHttpClient } from '@wireup/runtime';
import type { EventBus } from '@wireup/bus';
import type { ConnectionRecord, RunRecord, Store } from '@wireup/store';
import { createFakeFeed, createMemoryEventBus, createMemoryStore, feedConnector, type FakeFeed } from '@wireup/testing';
import { createEngine } from '../create-engine.ts';
import { validateWorkflowDocument } from '../validate-workflow.ts';
import type { Engine, PollReport, PollTarget } from '../engine.ts';

export const FEED_CONNECTION = 'conn_feed';
export const POLL_INTERVAL_MS = 20;

/** What one engine's observer heard. */
export interface Heard {
  reports: PollReport[];
  errors: Array<{ message: string; error: unknown }>;
  stopped: Array<{ target: PollTarget; reason: string }>;
}

export interface FeedEngine {
  engine: Engine;
  bus: EventBus;
  heard: Heard;
  /** Waits until this engine has reported `count` more live polls than now (so every item added before was seen). */
  livePolls(count?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface FeedHarness {
  feed: FakeFeed;
  store: Store;
  /** Starts an engine (bus and workers) over the shared store. */
  startEngine(): Promise<FeedEngine>;
  /** Creates and publishes a workflow that marks every new item read, with a note from the item's title. */
  publish(workflowId?: string): Promise<void>;
  runs(workflowId?: string): Promise<RunRecord[]>;
  /** Waits until the run for this item id has finished, and returns it. */
  finishedRun(itemId: string, workflowId?: string): Promise<RunRecord>;
  close(): Promise<void>;
}

const catalog = { get: (name: string) => (name === 'feed' ? feedConnector : undefined), list: () => [feedConnector] };

export async function createFeedHarness(): Promise<FeedHarness> {
  const feed = await createFakeFeed();
  const store = createMemoryStore();
  const now = new Date().toISOString();
  const connection: ConnectionRecord = {
    id: FEED_CONNECTION,
    connector: 'feed',
    name: 'Feed',
    authCiphertext: JSON.stringify({ apiKey: feed.apiKey, baseUrl: feed.url }),
    publicAuth: { baseUrl: feed.url },
    webhookToken: 'tok_feed',
    createdAt: now,
    updatedAt: now,
  };
  await store.connections.create(connection);
  const engines: FeedEngine[] = [];

  async function startEngine(): Promise<FeedEngine> {
    const bus = createMemoryEventBus();
    const heard: Heard = { reports: [], errors: [], stopped: [] };
    const engine = createEngine({
      store,
      bus,
      connectors: catalog,
      openAuth: (c) => JSON.parse(c.authCiphertext),
      http: createHttpClient({ allowPrivate: true }),
      polling: { intervalScale: POLL_INTERVAL_MS / 10_000, scanIntervalMs: POLL_INTERVAL_MS },
      observer: {
        polled: (r) => heard.reports.push(r),
        error: (message, error) => heard.errors.push({ message, error }),
        pollStopped: (target, reason) => heard.stopped.push({ target, reason }),
      },
    });
    await bus.start();
    await engine.startWorkers();
    const handle: FeedEngine = {
      engine,
      bus,
      heard,
      async livePolls(count = 2) {
        const target = heard.reports.filter((r) => r.phase === 'live').length + count;
        await vi.waitFor(
          () => {
            if (heard.reports.filter((r) => r.phase === 'live').length < target)
              throw new Error('waiting for live polls');
          },
          { timeout: 10_000, interval: 5 },
        );
      },
      async stop() {
        await engine.stop();
        await bus.stop();
      },
    };
    engines.push(handle);
    return handle;
  }

  const runs = (workflowId = 'wf_feed') => store.runs.list({ workflowId, limit: 500 });

  return {
    feed,
    store,
    startEngine,
    runs,
    async publish(workflowId = 'wf_feed') {
      const document = {
        name: 'Read every new item',
        trigger: { connector: 'feed', trigger: 'new-item', connection: FEED_CONNECTION },
        steps: [
          {
            id: 'mark',
            type: 'action',
            connector: 'feed',
            action: 'mark-read',
            connection: FEED_CONNECTION,
            input: { id: '{{trigger.id}}', note: 'Seen: {{trigger.title}}' },
          },
        ],
      };
      const problems = validateWorkflowDocument(document, catalog);
      if (problems.length) throw new Error(`test workflow is invalid: ${JSON.stringify(problems)}`);
      if (!(await store.workflows.get(workflowId))) await store.workflows.create(workflowId, document);
      await store.workflows.publish(workflowId);
    },
    async finishedRun(itemId, workflowId = 'wf_feed') {
      return vi.waitFor(
        async () => {
          const run = (await runs(workflowId)).find((r) => r.event.id === itemId);
          if (!run || !['succeeded', 'failed', 'filtered'].includes(run.status))
            throw new Error(`run for ${itemId} not finished: ${run?.status}`);
          return run;
        },
        { timeout: 10_000, interval: 5 },
      );
    },
    async close() {
      for (const e of engines) await e.stop();
      await feed.close();
    },
  };
}
