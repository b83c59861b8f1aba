/**
 * Group update: `updateOne`s of one collection that arrive while the previous batch is in
 * flight are sent together as one unordered `bulkWrite` — one `update` command with a statement
 * each — instead of a round trip each. For updates whose caller needs no per-document answer
 * (marking an event routed). A statement the server refused rejects its own caller only.
 */
import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import { createGroupSender } from '@wireup/runtime';
import { settleEach } from './write-errors.ts';

export type UpdateOne<T extends Document> = (filter: Filter<T>, update: UpdateFilter<T>) => Promise<void>;

export function createUpdateBatcher<T extends Document>(collection: () => Collection<T>): UpdateOne<T> {
  const send = createGroupSender<{ filter: Filter<T>; update: UpdateFilter<T> }, void>(async (batch) => {
    try {
      await collection().bulkWrite(
        batch.map((p) => ({ updateOne: p.item })),
        { ordered: false },
      );
      for (const p of batch) p.resolve();
    } catch (error) {
      settleEach(batch, error, undefined, undefined);
    }
  });
  return (filter, update) => send({ filter, update });
}
