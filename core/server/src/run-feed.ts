/**
 * The run feed: which runs changed, as the engine writes them (its `runUpdated` observer hook),
 * for the live run stream (`GET /v1/runs/stream`). It carries ids only; each stream reads the
 * run from the store, so what a client sees is what the store holds (redacted by the engine).
 *
 * A process that runs no workers (`--role ingest`) never sees the engine write a run: there the
 * feed polls the store for recently updated runs while anyone listens.
 */
import type { Store } from '@wireup/store';

/** A changed run, as the engine names it. */
export interface RunChange {
  id: string;
  workflowId: string;
}

export interface RunFeed {
  /** Tells every listener that this run changed. */
  notify(change: RunChange): void;
  /** Listens until the returned function is called; `onClose` runs when the feed closes (shutdown). */
  subscribe(listener: (change: RunChange) => void, onClose: () => void): () => void;
  /** Listeners now. */
  readonly listeners: number;
  /** Ends every subscription (their `onClose` runs) and stops polling; later subscriptions close at once. */
  close(): void;
}

export interface RunFeedOptions {
  /** Poll the store every this many ms while someone listens (a process without workers). */
  pollMs?: number;
  store?: Store;
  /** How many of the newest runs each poll looks at. Default 100. */
  pollWindow?: number;
}

export function createRunFeed(options: RunFeedOptions = {}): RunFeed {
  const subscribers = new Map<number, { listener: (change: RunChange) => void; onClose: () => void }>();
  let nextId = 0;
  let closed = false;
  let poller: ReturnType<typeof setTimeout> | undefined;
  /** updatedAt of each run the poll saw last time. */
  let seen: Map<string, string> | undefined;

  const notify = (change: RunChange) => {
    for (const { listener } of [...subscribers.values()]) {
      try {
        listener(change);
      } catch {
        /* one stream's failure is its own */
      }
    }
  };

  const poll = async () => {
    poller = undefined;
    const { store, pollMs } = options;
    if (!store || !pollMs || closed || subscribers.size === 0) return;
    try {
      const runs = await store.runs.list({ limit: options.pollWindow ?? 100 });
      const now = new Map(runs.map((r) => [r.id, r.updatedAt]));
      if (seen)
        for (const r of runs) if (seen.get(r.id) !== r.updatedAt) notify({ id: r.id, workflowId: r.workflowId });
      seen = now;
    } catch {
      /* the store is away: the next poll tries again */
    }
    if (!closed && subscribers.size > 0) poller = setTimeout(() => void poll(), pollMs);
  };

  return {
    notify,
    subscribe(listener, onClose) {
      if (closed) {
        onClose();
        return () => undefined;
      }
      const id = nextId++;
      subscribers.set(id, { listener, onClose });
      if (options.pollMs && !poller && subscribers.size === 1) void poll();
      return () => {
        subscribers.delete(id);
        if (subscribers.size === 0 && poller) {
          clearTimeout(poller);
          poller = undefined;
          seen = undefined;
        }
      };
    },
    get listeners() {
      return subscribers.size;
    },
    close() {
      closed = true;
      if (poller) clearTimeout(poller);
      const all = [...subscribers.values()];
      subscribers.clear();
      for (const { onClose } of all) {
        try {
          onClose();
        } catch {
          /* closing one must not keep the others open */
        }
      }
    },
  };
}
