/** DeadLetterRepository on MongoDB: `_id` = letter id (sorts by time), the message value as a JSON string. */
import { runPageSize, type DeadLetterRecord, type DeadLetterRepository } from '@wireup/store';
import { collections, fromJson, isDuplicateKey, toJson, type DbRef } from './mongo-database.ts';

interface DeadLetterDoc {
  _id: string;
  topic: string;
  key: string;
  group: string;
  value: string;
  deliveries: number;
  error: DeadLetterRecord['error'];
  deadAt: string;
}

const toRecord = (doc: DeadLetterDoc): DeadLetterRecord => ({
  id: doc._id,
  topic: doc.topic,
  key: doc.key,
  group: doc.group,
  value: fromJson(doc.value),
  deliveries: doc.deliveries,
  error: doc.error,
  deadAt: doc.deadAt,
});

export function createMongoDeadLetterRepository(db: DbRef): DeadLetterRepository {
  const col = () => db().collection<DeadLetterDoc>(collections.deadLetters);
  return {
    async add(record) {
      const { id, value, ...rest } = record;
      try {
        // Acknowledged by a majority, on disk: the bus drops the message once this resolves.
        await col().insertOne(
          { _id: id, value: toJson(value), ...rest },
          { writeConcern: { w: 'majority', journal: true } },
        );
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    async get(id) {
      const doc = await col().findOne({ _id: id });
      return doc ? toRecord(doc) : null;
    },
    async list(query) {
      const filter = query.before === undefined ? {} : { _id: { $lt: query.before } };
      const docs = await col().find(filter).sort({ _id: -1 }).limit(runPageSize(query.limit)).toArray();
      return docs.map(toRecord);
    },
    async delete(id) {
      return (await col().deleteOne({ _id: id })).deletedCount > 0;
    },
  };
}
