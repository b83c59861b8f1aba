/**
 * Group insert: the inserts into one collection that arrive while the previous batch is in
 * flight are sent together as one unordered `insertMany` — one round trip and, on FerretDB's
 * SQLite backend, one transaction instead of one per document. It is the MongoDB side of the
 * group commit the SQLite store does per event-loop turn. Each caller learns whether its
 * document went in or its `_id` (or another unique key) already existed; any other failure
 * rejects the callers it concerns with the driver's own error, so nothing is reported stored
 * that was not.
 */
import type { Collection, Document, OptionalUnlessRequiredId, WriteConcernSettings } from 'mongodb';
import { createGroupSender } from '@wireup/runtime';
import { settleEach } from './write-errors.ts';

export type InsertOutcome = 'inserted' | 'duplicate';
export type InsertOne<T extends Document> = (doc: OptionalUnlessRequiredId<T>) => Promise<InsertOutcome>;

/**
 * An `insertOne` that batches with its concurrent callers; `collection` is read per batch (the
 * store may restart). `writeConcern` overrides the client's for these inserts (event accepts ask
 * for a majority, journaled).
 */
export function createInsertBatcher<T extends Document>(
  collection: () => Collection<T>,
  writeConcern?: WriteConcernSettings,
): InsertOne<T> {
  return createGroupSender<OptionalUnlessRequiredId<T>, InsertOutcome>(async (batch) => {
    try {
      await collection().insertMany(
        batch.map((p) => p.item),
        { ordered: false, ...(writeConcern ? { writeConcern } : {}) },
      );
      for (const p of batch) p.resolve('inserted');
    } catch (error) {
      settleEach(batch, error, 'inserted', 'duplicate');
    }
  });
}
