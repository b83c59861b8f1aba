/**
 * The Store contract: one vitest suite that every Store adapter (memory, SQLite, MongoDB)
 * runs. It uses only the port, so an adapter passes by behaving, not by its internals.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '@wireup/store';
import { describeConnectionAndEventContract } from './store-contract-connections.ts';
import { describeDeadLetterStoreContract } from './store-contract-dead-letters.ts';
import { describeKeyValueContract } from './store-contract-kv.ts';
import { describeRunContract } from './store-contract-runs.ts';
import { describeWorkflowContract } from './store-contract-workflows.ts';

/** What an adapter's test gives the suite: a fresh, empty, not yet started store, and how to remove its data afterwards. */
export type StoreFactory = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

/**
 * Registers the Store contract under `describe(name)`. `createStore` is called before every
 * test and must return an isolated, empty store (a new file, a new database name); the suite
 * calls `start()` before the test and `stop()` then `cleanup()` after it.
 */
export function describeStoreContract(name: string, createStore: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let current: { store: Store; cleanup(): Promise<void> } | undefined;
    const getStore = (): Store => {
      if (!current) throw new Error('The store is not created yet.');
      return current.store;
    };

    beforeEach(async () => {
      current = await createStore();
      await current.store.start();
    });

    afterEach(async () => {
      if (!current) return;
      const { store, cleanup } = current;
      current = undefined;
      try {
        await store.stop();
      } finally {
        await cleanup();
      }
    });

    describeConnectionAndEventContract(getStore);
    describeWorkflowContract(getStore);
    describeRunContract(getStore);
    describeKeyValueContract(getStore);
    describeDeadLetterStoreContract(getStore);
  });
}
