/**
 * Group update: `updateOne`s of one collection that arrive while the previous batch is in
 * flight are sent together as one unordered `bulkWrite` — one `update` command with a statement
 * each — instead of a round trip each. For updates whose caller needs no per-document answer
 * (marking an event routed). A statement the server refused rejects its own caller only.
 */
import { MongoBulkWriteError, MongoServerError, type Collection, type Document, type Filter, type UpdateFilter, type WriteError } from 'mongodb';

const MAX_BATCH = 500;

interface Waiting<T extends Document> {
  filter: Filter<T>;
  update: UpdateFilter<T>;
  done(): void;
  fail(error: unknown): void;
}

export type UpdateOne<T extends Document> = (filter: Filter<T>, update: UpdateFilter<T>) => Promise<void>;

function settleFailedBatch<T extends Document>(batch: Waiting<T>[], error: unknown): void {
  if (!(error instanceof MongoBulkWriteError)) {
    for (const w of batch) w.fail(error);
    return;
  }
  const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors as WriteError];
  const byIndex = new Map(errors.map((e) => [e.index, e]));
  batch.forEach((w, index) => {
    const failure = byIndex.get(index);
    if (!failure) w.done();
    else w.fail(new MongoServerError({ message: failure.errmsg ?? `Update failed with code ${failure.code}`, code: failure.code }));
  });
}

export function createUpdateBatcher<T extends Document>(collection: () => Collection<T>): UpdateOne<T> {
  let waiting: Waiting<T>[] = [];
  let sending = false;

  async function send(): Promise<void> {
    sending = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, MAX_BATCH);
        waiting = waiting.slice(batch.length);
        try {
          await collection().bulkWrite(batch.map((w) => ({ updateOne: { filter: w.filter, update: w.update } })), { ordered: false });
          for (const w of batch) w.done();
        } catch (error) {
          settleFailedBatch(batch, error);
        }
      }
    } finally {
      sending = false;
    }
  }

  return (filter, update) => new Promise<void>((done, fail) => {
    waiting.push({ filter, update, done, fail });
    if (!sending && waiting.length === 1) queueMicrotask(() => { if (!sending) void send(); });
  });
}
