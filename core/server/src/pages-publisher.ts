/**
 * Keeps the generated pair-pages site current: builds it (incrementally) at start, on the
 * workflow lifecycle's `workflow.published` and `workflow.unpublished` events, taken by this process or
 * (on Kafka) by another one (the most-used
 * pairings come from published workflows; wired in wireup.ts), and when the installed
 * connectors change. Builds never overlap; requests that
 * arrive during a build are folded into one more build.
 */
import { buildSite, type UsageRecord, type BuildResult } from '@wireup/pair-pages';
import type { Store } from '@wireup/store';
import { allSteps } from '@wireup/sdk';
import type { ConnectorCatalog } from '@wireup/engine';
import type { Config } from './config.ts';

export interface PagesPublisher {
  /** Builds now (or right after the build in progress) and resolves when the site is current. */
  rebuild(): Promise<BuildResult | undefined>;
  /** The last build's result, if any. */
  last(): BuildResult | undefined;
  /** Waits for a build in progress and takes no new ones (before the store closes). */
  stop(): Promise<void>;
}

interface StepLike {
  type?: string;
  connector?: string;
  action?: string;
}

/** `connector.action` of every action step, in document order (switch branches included). */
const actionsOf = (steps: unknown): string[] =>
  allSteps<StepLike | null>(steps).flatMap((s) =>
    s?.type === 'action' && s.connector && s.action ? [`${s.connector}.${s.action}`] : [],
  );

/** How often each trigger is wired to each action in the published workflows. */
export async function usageFromStore(store: Store): Promise<UsageRecord[]> {
  const counts = new Map<string, UsageRecord>();
  for (const workflow of await store.workflows.list()) {
    if (workflow.publishedVersion === null) continue;
    const version = await store.workflows.getVersion(workflow.id, workflow.publishedVersion);
    if (!version) continue;
    const trigger = `${version.document.trigger.connector}.${version.document.trigger.trigger}`;
    // Last action first: a workflow's last action is what it does (earlier ones, such as a
    // find-or-create lookup, prepare it), so it wins among pairings used equally often.
    for (const action of new Set(actionsOf(version.document.steps).reverse())) {
      const key = `${trigger} ${action}`;
      const record = counts.get(key) ?? { trigger, action, count: 0 };
      record.count++;
      counts.set(key, record);
    }
  }
  return [...counts.values()];
}

export function createPagesPublisher(deps: {
  config: Config;
  catalog: ConnectorCatalog;
  store: Store;
  log?: (line: string) => void;
}): PagesPublisher {
  let running: Promise<BuildResult | undefined> | undefined;
  let again: Promise<BuildResult | undefined> | undefined;
  let last: BuildResult | undefined;

  const build = async () => {
    try {
      last = await buildSite({
        manifests: deps.catalog.list().map((c) => c.manifest),
        outDir: deps.config.pagesDir,
        baseUrl: deps.config.publicUrl,
        usage: await usageFromStore(deps.store),
        incremental: true,
      });
      return last;
    } catch (error) {
      deps.log?.(`pair pages build failed: ${(error as Error).message}`);
      return undefined;
    }
  };

  let stopped = false;
  const rebuild = (): Promise<BuildResult | undefined> => {
    if (stopped) return Promise.resolve(last);
    if (!running) {
      running = build().finally(() => {
        running = undefined;
      });
      return running;
    }
    again ??= running.then(() => {
      again = undefined;
      return rebuild();
    });
    return again;
  };

  return {
    rebuild,
    last: () => last,
    async stop() {
      stopped = true;
      await again?.catch(() => undefined);
      await running?.catch(() => undefined);
    },
  };
}
