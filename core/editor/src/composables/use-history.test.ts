import { describe, expect, it } from 'vitest';
import { useHistory } from './use-history.ts';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

describe('useHistory', () => {
  it('undoes and redoes every edit, and a new edit drops the redo stack', () => {
    const h = useHistory({ name: 'a', steps: [] as string[] });
    h.commit({ name: 'a', steps: ['one'] });
    h.commit({ name: 'a', steps: ['one', 'two'] });
    expect(h.undo()).toBe(true);
    expect(h.present.value.steps).toEqual(['one']);
    expect(h.undo()).toBe(true);
    expect(h.present.value.steps).toEqual([]);
    expect(h.canUndo.value).toBe(false);
    expect(h.undo()).toBe(false);
    expect(h.redo()).toBe(true);
    expect(h.present.value.steps).toEqual(['one']);
    h.commit({ name: 'b', steps: ['one'] });
    expect(h.canRedo.value).toBe(false);
    expect(h.redo()).toBe(false);
  });

  it('makes typing in one field one undo step, and restores a whole expression at once', () => {
    const h = useHistory({ name: '' });
    for (const name of ['P', 'Pa', 'Pay', 'Pay {{trigger.data.object.id}}']) h.commit({ name }, 'name');
    h.commit({ name: 'Pay {{trigger.data.object.id}}!' }, 'other');
    h.undo();
    expect(h.present.value.name).toBe('Pay {{trigger.data.object.id}}');
    h.undo();
    expect(h.present.value.name).toBe('');
  });

  it('ignores edits that change nothing, and keeps no reference to what was committed', () => {
    const h = useHistory({ n: 1 });
    const next = { n: 2 };
    h.commit(next);
    h.commit({ n: 2 });
    next.n = 99;
    expect(h.present.value.n).toBe(2);
    h.undo();
    expect(h.present.value.n).toBe(1);
    expect(h.canUndo.value).toBe(false);
  });

  it('survives a reload when the stored history ends at the loaded document', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const first = useHistory({ v: 0 }, { persistKey: 'w1', storage });
    first.reset({ v: 0 });
    first.commit({ v: 1 });
    first.commit({ v: 2 });
    first.undo();
    const reloaded = useHistory({ v: 1 }, { persistKey: 'w1', storage });
    reloaded.reset({ v: 1 });
    expect(reloaded.canUndo.value).toBe(true);
    expect(reloaded.canRedo.value).toBe(true);
    reloaded.redo();
    expect(reloaded.present.value.v).toBe(2);
    // Changed elsewhere meanwhile: the stored stacks no longer fit and are dropped.
    const stale = useHistory({ v: 7 }, { persistKey: 'w1', storage });
    stale.reset({ v: 7 });
    expect(stale.canUndo.value).toBe(false);
  });

  it('bounds the undo stack', () => {
    const h = useHistory({ v: 0 }, { limit: 3 });
    for (let v = 1; v <= 10; v++) h.commit({ v });
    let undone = 0;
    while (h.undo()) undone++;
    expect(undone).toBe(3);
    expect(h.present.value.v).toBe(7);
  });
});
