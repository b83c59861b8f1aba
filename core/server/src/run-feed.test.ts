import { describe, expect, it } from 'vitest';
import type { RunRecord, Store } from '@wireup/store';
import { createRunFeed, type RunChange } from './run-feed.ts';

/** A store whose newest runs the test sets; counts the list calls. */
function fakeStore() {
  const state = { runs: [] as Array<Pick<RunRecord, 'id' | 'workflowId' | 'updatedAt'>>, lists: 0 };
  const store = {
    runs: {
      list: async () => {
        state.lists++;
        return state.runs;
      },
    },
  } as unknown as Store;
  return { state, store };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits (at most 3 s) until `done()` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !done(); i++) await tick(10);
}

describe('createRunFeed', () => {
  it('hands every change to every listener until they leave', () => {
    const feed = createRunFeed();
    const a: RunChange[] = [];
    const b: RunChange[] = [];
    const leaveA = feed.subscribe(
      (c) => a.push(c),
      () => undefined,
    );
    feed.subscribe(
      (c) => b.push(c),
      () => undefined,
    );
    feed.notify({ id: 'r1', workflowId: 'w' });
    leaveA();
    feed.notify({ id: 'r2', workflowId: 'w' });
    expect(a.map((c) => c.id)).toEqual(['r1']);
    expect(b.map((c) => c.id)).toEqual(['r1', 'r2']);
    expect(feed.listeners).toBe(1);
  });

  it('without workers, polls the store only while someone listens, and reports runs created or changed since', async () => {
    const { state, store } = fakeStore();
    const feed = createRunFeed({ store, pollMs: 10 });
    state.runs = [{ id: 'old', workflowId: 'w', updatedAt: 't1' }];
    await tick(30);
    expect(state.lists).toBe(0);
    const seen: string[] = [];
    const leave = feed.subscribe(
      (c) => seen.push(c.id),
      () => undefined,
    );
    await until(() => state.lists >= 1);
    state.runs = [
      { id: 'new', workflowId: 'w', updatedAt: 't1' },
      { id: 'old', workflowId: 'w', updatedAt: 't2' },
    ];
    await until(() => seen.length >= 2);
    expect(seen.sort()).toEqual(['new', 'old']);
    leave();
    await tick(20);
    const lists = state.lists;
    await tick(40);
    expect(state.lists).toBe(lists);
    feed.close();
  });
});
