/**
 * Undo and redo of every edit to a document. Each edit records a snapshot (a JSON string, so a
 * whole expression or mapping is restored as one unit, never half of it); `persistKey` keeps the
 * stacks in localStorage so undo survives a reload of the same draft.
 */
import { computed, ref, type Ref } from 'vue';

export interface History<T> {
  /** The current document (replace it only through `commit`, `undo`, `redo` or `reset`). */
  present: Ref<T>;
  canUndo: Ref<boolean>;
  canRedo: Ref<boolean>;
  /** Records `next` as a new state; edits sharing a `mergeKey` in a row (typing in one field) are one undo step. */
  commit(next: T, mergeKey?: string): void;
  undo(): boolean;
  redo(): boolean;
  /** Starts over from `value` (a reload from the server), keeping stored stacks only if they end at `value`. */
  reset(value: T): void;
}

interface Stored {
  past: string[];
  present: string;
  future: string[];
}

/** How many undo and redo steps to keep across a reload for documents of this size. */
const persistLimit = (documentChars: number) =>
  Math.max(5, Math.min(100, Math.floor(2_000_000 / Math.max(1, documentChars) / 2)));

/** Creates a history; `limit` bounds the undo stack. */
export function useHistory<T>(
  initial: T,
  options: { limit?: number; persistKey?: string; storage?: Storage } = {},
): History<T> {
  const limit = options.limit ?? 200;
  const storage = options.storage ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
  const past = ref<string[]>([]);
  const future = ref<string[]>([]);
  const present = ref(structuredClone(initial)) as Ref<T>;
  let lastMergeKey: string | undefined;

  const save = () => {
    if (!options.persistKey || !storage) return;
    try {
      // The newest steps only, and nothing past ~2 MB: localStorage is small and this runs on every edit.
      const keep = persistLimit(JSON.stringify(present.value).length);
      storage.setItem(
        options.persistKey,
        JSON.stringify({
          past: past.value.slice(-keep),
          present: JSON.stringify(present.value),
          future: future.value.slice(0, keep),
        } satisfies Stored),
      );
    } catch {
      /* storage full or disabled: undo still works until reload */
    }
  };

  const history: History<T> = {
    present,
    canUndo: computed(() => past.value.length > 0),
    canRedo: computed(() => future.value.length > 0),
    commit(next, mergeKey) {
      const before = JSON.stringify(present.value);
      const after = JSON.stringify(next);
      if (before === after) return;
      if (!(mergeKey && mergeKey === lastMergeKey && past.value.length)) {
        past.value = [...past.value, before].slice(-limit);
      }
      lastMergeKey = mergeKey;
      future.value = [];
      present.value = JSON.parse(after) as T;
      save();
    },
    undo() {
      const previous = past.value.at(-1);
      if (previous === undefined) return false;
      future.value = [JSON.stringify(present.value), ...future.value];
      past.value = past.value.slice(0, -1);
      present.value = JSON.parse(previous) as T;
      lastMergeKey = undefined;
      save();
      return true;
    },
    redo() {
      const next = future.value[0];
      if (next === undefined) return false;
      past.value = [...past.value, JSON.stringify(present.value)];
      future.value = future.value.slice(1);
      present.value = JSON.parse(next) as T;
      lastMergeKey = undefined;
      save();
      return true;
    },
    reset(value) {
      const text = JSON.stringify(value);
      let stored: Stored | null = null;
      try {
        stored =
          options.persistKey && storage
            ? (JSON.parse(storage.getItem(options.persistKey) ?? 'null') as Stored | null)
            : null;
      } catch {
        stored = null;
      }
      if (stored && stored.present === text) {
        past.value = stored.past;
        future.value = stored.future;
      } else {
        past.value = [];
        future.value = [];
      }
      lastMergeKey = undefined;
      present.value = JSON.parse(text) as T;
      save();
    },
  };
  return history;
}
