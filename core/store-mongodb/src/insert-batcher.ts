/**
 * Group insert: the inserts into one collection that arrive while the previous batch is in
 * flight are sent together as one unordered `insertMany` — one round trip and, on FerretDB's
 * SQLite backend, one transaction instead of one per document. It is the MongoDB side of the
 * group commit the SQLite store does per event-loop turn. Each caller learns whether its
 * document went in or its `_id` (or another unique key) already existed; any other failure
 * rejects the callers it concerns with the driver's own error, so nothing is reported stored
 * that was not.
 */
import { MongoBulkWriteError, MongoServerError, type Collection, type Document, type OptionalUnlessRequiredId, type WriteError } from 'mongodb';

export type InsertOutcome = 'inserted' | 'duplicate';

/** Largest batch sent at once; more waiting documents go in the next one. */
const MAX_BATCH = 500;
const DUPLICATE_KEY = 11000;

interface Waiting<T> {
  doc: OptionalUnlessRequiredId<T>;
  settle(outcome: InsertOutcome): void;
  fail(error: unknown): void;
}

function writeErrorsOf(error: MongoBulkWriteError): WriteError[] {
  const errors = error.writeErrors;
  return Array.isArray(errors) ? errors : [errors as WriteError];
}

/** Settles every caller of a batch that failed as a whole or in part. */
function settleFailedBatch<T>(batch: Waiting<T>[], error: unknown): void {
  if (!(error instanceof MongoBulkWriteError)) {
    for (const w of batch) w.fail(error);
    return;
  }
  const byIndex = new Map(writeErrorsOf(error).map((e) => [e.index, e]));
  batch.forEach((w, index) => {
    const failure = byIndex.get(index);
    if (!failure) w.settle('inserted');
    else if (failure.code === DUPLICATE_KEY) w.settle('duplicate');
    else w.fail(new MongoServerError({ message: failure.errmsg ?? `Insert failed with code ${failure.code}`, code: failure.code }));
  });
}

export type InsertOne<T extends Document> = (doc: OptionalUnlessRequiredId<T>) => Promise<InsertOutcome>;

/** An `insertOne` that batches with its concurrent callers; `collection` is read per batch (the store may restart). */
export function createInsertBatcher<T extends Document>(collection: () => Collection<T>): InsertOne<T> {
  let waiting: Waiting<T>[] = [];
  let sending = false;

  async function send(): Promise<void> {
    sending = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, MAX_BATCH);
        waiting = waiting.slice(batch.length);
        try {
          await collection().insertMany(batch.map((w) => w.doc), { ordered: false });
          for (const w of batch) w.settle('inserted');
        } catch (error) {
          settleFailedBatch(batch, error);
        }
      }
    } finally {
      sending = false;
    }
  }

  return (doc) => new Promise<InsertOutcome>((settle, fail) => {
    waiting.push({ doc, settle, fail });
    // The first insert goes out on the next microtask; later ones gather while it is in flight.
    if (!sending && waiting.length === 1) queueMicrotask(() => { if (!sending) void send(); });
  });
}
